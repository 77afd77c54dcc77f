/// Chooses a palette of at most N colours for a picture: exact when the picture has few colours,
/// otherwise a variance-minimising median cut on a 5-bit-per-channel histogram, refined by
/// weighted k-means (Lloyd) passes over the histogram's bins.
///
/// Everything works on the histogram's bins (at most 32,768, usually a few thousand), never on
/// pixels after the one pass that fills it: `ganvas show` pays for this on every picture, and
/// img2sixel does a whole small picture in a few milliseconds.
public enum Quantizer {
    public struct Result: Sendable {
        public var colors: Palette
        /// True when every pixel's colour is in the palette exactly (no dithering needed).
        public var exact: Bool
        public var palette: [SIMD3<UInt8>] { colors.colors }
    }

    public static func palette(for image: RGBImage, maxColors: Int, refinements: Int = 1) -> Result {
        guard maxColors >= 2 else { fatalError("a palette needs at least two colours") }
        let histogram = Histogram(image)
        // Few distinct colours means few bins, so the exact check runs only when it can succeed.
        if histogram.used.count <= maxColors, let exact = exactColors(image, limit: maxColors) {
            return Result(colors: exact, exact: true)
        }
        var cut = MedianCut(histogram)
        var palette = cut.split(into: maxColors)
        for _ in 0..<refinements { palette = lloyd(histogram, palette) }
        var colors = Palette()
        for i in 0..<palette.count { colors.append(palette.colour(i)) }
        return Result(colors: colors, exact: false)
    }

    /// The picture's distinct colours in ascending order, or nil when there are more than
    /// `limit`. An open-addressing table of colour + 1 (0 marks a free slot): a `Set` here costs a
    /// generic metadata look-up at start-up and hashing through protocol calls.
    static func exactColors(_ image: RGBImage, limit: Int) -> Palette? {
        var size = 16
        while size < 4 * limit { size <<= 1 }  // a power of two, at most a quarter full
        var table = [UInt32](repeating: 0, count: size)
        var found: [UInt32] = []
        let c = image.channels
        let tooMany = image.pixels.withUnsafeBufferPointer { p -> Bool in
            table.withUnsafeMutableBufferPointer { table in
                for i in stride(from: 0, to: p.count, by: c) {
                    let key = (UInt32(p[i]) << 16 | UInt32(p[i + 1]) << 8 | UInt32(p[i + 2])) + 1
                    var slot = Int((key &* 0x9E37_79B1) >> 8) & (size - 1)
                    while table[slot] != 0 && table[slot] != key { slot = (slot + 1) & (size - 1) }
                    if table[slot] == 0 {
                        table[slot] = key
                        found.append(key - 1)
                        if found.count > limit { return true }
                    }
                }
                return false
            }
        }
        if tooMany { return nil }
        // At most `limit` (256) entries: the standard sort stays on its allocation-free path.
        var palette = Palette()
        for key in found.sorted() { palette.append(SIMD3(UInt8(key >> 16), UInt8(key >> 8 & 0xFF), UInt8(key & 0xFF))) }
        return palette
    }

    /// One k-means pass: each bin moves to its nearest colour, each colour to its bins' mean.
    static func lloyd(_ h: Histogram, _ palette: PaletteSearch) -> PaletteSearch {
        // Per colour: R, G, B sums and the pixel count, four floats each.
        var sums = [Float](repeating: 0, count: 4 * palette.count)
        for bin in h.used {
            let b = h.bin(Int(bin))
            let nearest = palette.nearest(SIMD3(Float(b.x), Float(b.y), Float(b.z)) / Float(b.w))
            for k in 0..<4 { sums[4 * nearest + k] += Float(b[k]) }
        }
        var moved = palette
        for i in 0..<palette.count where sums[4 * i + 3] > 0 {
            moved.set(i, SIMD3(sums[4 * i], sums[4 * i + 1], sums[4 * i + 2]) / sums[4 * i + 3])
        }
        return moved
    }

    /// The plain linear scan, the reference the fast searches are tested against.
    static func nearestIndex(_ colour: SIMD3<Float>, _ palette: [SIMD3<Float>]) -> Int {
        var best = 0
        var bestDistance = Float.infinity
        for (i, p) in palette.enumerated() {
            let d = colour - p
            let distance = (d * d).sum()
            if distance < bestDistance { bestDistance = distance; best = i }
        }
        return best
    }
}

/// Pixel counts and colour sums per 5-bit-per-channel bin, filled in one pass over the pixels.
///
/// Arrays here and in the other palette types hold plain scalars, never SIMD vectors: the first
/// array of `SIMD4<UInt32>` (or of any SIMD type over a new scalar type) makes the Swift runtime
/// scan every protocol conformance in the binary, about 0.1 ms each at start-up.
struct Histogram {
    /// Per bin: R, G, B sums and the pixel count, four words, one 16-byte add per pixel.
    var sums = [UInt32](repeating: 0, count: 4 * 32768)
    /// The bins holding pixels, ascending.
    var used: [Int32] = []

    init(_ image: RGBImage) {
        let c = image.channels, pixels = image.width * image.height
        // Sums must stay within 32 bits (255 × 2^24): huge pictures are sampled.
        let step = max(1, (pixels + (1 << 24) - 1) >> 24) * c
        image.pixels.withUnsafeBufferPointer { p in
            sums.withUnsafeMutableBytes { sums in
                for i in stride(from: 0, to: p.count, by: step) {
                    let r = UInt32(p[i]), g = UInt32(p[i + 1]), b = UInt32(p[i + 2])
                    let at = 16 * Histogram.bin(r, g, b)
                    let total = sums.loadUnaligned(fromByteOffset: at, as: SIMD4<UInt32>.self) &+ SIMD4(r, g, b, 1)
                    sums.storeBytes(of: total, toByteOffset: at, as: SIMD4<UInt32>.self)
                }
            }
        }
        used.reserveCapacity(4096)
        for bin in 0..<32768 where sums[4 * bin + 3] > 0 { used.append(Int32(bin)) }
    }

    @inline(__always)
    static func bin(_ r: UInt32, _ g: UInt32, _ b: UInt32) -> Int { Int((r >> 3) << 10 | (g >> 3) << 5 | (b >> 3)) }

    /// A bin's R, G, B sums and pixel count.
    @inline(__always)
    func bin(_ bin: Int) -> SIMD4<UInt32> { SIMD4(sums[4 * bin], sums[4 * bin + 1], sums[4 * bin + 2], sums[4 * bin + 3]) }
}
