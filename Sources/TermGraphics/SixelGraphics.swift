import Imaging

/// Sixel (DEC VT340 graphics): palette registers, six-pixel-tall bands, run-length encoding.
public enum SixelGraphics {
    public struct Options: Sendable {
        /// Colour registers to use, 2...256 (or what the terminal reports).
        public var maxColors: Int = 256
        /// nil: dither only when the palette cannot hold the picture's colours exactly.
        public var dither: Dither? = nil
        /// The picture this one was scaled up from, to choose the palette from: the same colours in
        /// far fewer pixels (the studio's preview of a 64x64 generator output).
        public var paletteSource: RGBImage? = nil
        public init(maxColors: Int = 256, dither: Dither? = nil, paletteSource: RGBImage? = nil) {
            self.maxColors = maxColors
            self.dither = dither
            self.paletteSource = paletteSource
        }
    }

    public static func encode(_ image: RGBImage, options: Options = Options()) -> [UInt8] {
        let picture = image.rgb()
        var quantized = Quantizer.palette(for: options.paletteSource?.rgb() ?? picture, maxColors: min(max(options.maxColors, 2), 256))
        // Scaling makes colours between the source's: a source palette is exact for it, not for this.
        if options.paletteSource != nil { quantized.exact = false }
        // Registers hold percentages: map against the colours a decoder will actually show.
        let percents = quantized.colors.map { SIMD3(percent($0.x), percent($0.y), percent($0.z)) }
        let shown = percents.map { SIMD3(fromPercent($0.x), fromPercent($0.y), fromPercent($0.z)) }
        let dither = options.dither ?? (quantized.exact ? .none : .floydSteinberg)
        var indices = dither.indices(picture, colors: shown)
        let registers = SixelRegisters.renumber(&indices, width: picture.width, colors: percents.count)
        var out = SixelWriter(capacity: picture.width * picture.height / 2 + 1024)
        out.header(width: picture.width, height: picture.height)
        for (register, colour) in registers.enumerated() { out.register(register, SIMD3<Int>(truncatingIfNeeded: percents[colour])) }
        out.bands(indices, width: picture.width, height: picture.height, colors: registers.count)
        out.trailer()
        return out.bytes
    }

    static func percent(_ v: UInt8) -> UInt8 { UInt8((Int(v) * 100 + 127) / 255) }
    static func fromPercent(_ p: UInt8) -> UInt8 { UInt8((Int(p) * 255 + 50) / 100) }
}

/// Register numbers by use: every switch of colour costs `#` and the register's digits, so the
/// colours present in the most bands get the one- and two-digit numbers.
enum SixelRegisters {
    /// Renumbers `indices` in place to registers 0..<n (only the colours in use); returns each
    /// register's original palette index.
    static func renumber(_ indices: inout [UInt8], width: Int, colors: Int) -> [Int] {
        guard width > 0 else { return [] }
        var bands = [Int](repeating: 0, count: 256)
        // The band each colour was last seen in, plus one: counts each band once without clearing.
        var seen = [Int](repeating: 0, count: 256)
        indices.withUnsafeBufferPointer { p in
            for (n, start) in stride(from: 0, to: p.count, by: 6 * width).enumerated() {
                for i in start..<min(start + 6 * width, p.count) {
                    let c = Int(p[i])
                    if seen[c] != n + 1 { seen[c] = n + 1; bands[c] += 1 }
                }
            }
        }
        // Most bands first, then by index: (bands at most 2^40) descending, colour ascending.
        var keys = (0..<colors).filter { bands[$0] > 0 }.map { UInt64((1 << 40) - bands[$0]) << 8 | UInt64($0) }
        sortKeys(&keys)
        let order = keys.map { Int($0 & 0xFF) }
        var register = [UInt8](repeating: 0, count: 256)
        for (n, c) in order.enumerated() { register[c] = UInt8(n) }
        indices.withUnsafeMutableBufferPointer { p in
            for i in p.indices { p[i] = register[Int(p[i])] }
        }
        return order
    }
}
