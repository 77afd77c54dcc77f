import Imaging

/// Sixel (DEC VT340 graphics): palette registers, six-pixel-tall bands, run-length encoding.
public enum SixelEncoder {
    public struct Options: Sendable {
        /// Colour registers to use, 2...256 (or what the terminal reports).
        public var maxColors: Int = 256
        /// nil: dither only when the palette cannot hold the picture's colours exactly.
        public var dither: Dither? = nil
        public init(maxColors: Int = 256, dither: Dither? = nil) {
            self.maxColors = maxColors
            self.dither = dither
        }
    }

    public static func encode(_ image: RGBImage, options: Options = Options()) -> [UInt8] {
        let picture = image.rgb()
        let quantized = Quantizer.palette(for: picture, maxColors: min(max(options.maxColors, 2), 256))
        // Registers hold percentages: map against the colours a decoder will actually show.
        let percents = quantized.palette.map { SIMD3(percent($0.x), percent($0.y), percent($0.z)) }
        let shown = percents.map { SIMD3(fromPercent($0.x), fromPercent($0.y), fromPercent($0.z)) }
        let dither = options.dither ?? (quantized.exact ? .none : .floydSteinberg)
        let indices = dither.indices(picture, palette: shown)
        var out = SixelWriter(capacity: picture.width * picture.height / 2 + 1024)
        out.header(width: picture.width, height: picture.height)
        // Flags, not a Set: hashing every pixel cost more than the rest of the encoder.
        var used = [Bool](repeating: false, count: 256)
        for index in indices { used[Int(index)] = true }
        for (i, p) in percents.enumerated() where used[i] {
            out.register(i, p)
        }
        out.bands(indices, width: picture.width, height: picture.height, colors: percents.count)
        out.trailer()
        return out.bytes
    }

    static func percent(_ v: UInt8) -> Int { (Int(v) * 100 + 127) / 255 }
    static func fromPercent(_ p: Int) -> UInt8 { UInt8((p * 255 + 50) / 100) }
}

/// Builds the sixel byte stream.
struct SixelWriter {
    var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func text(_ s: String) { bytes += s.utf8 }

    mutating func number(_ n: Int) {
        if n >= 10 { number(n / 10) }
        bytes.append(UInt8(48 + n % 10))
    }

    /// DCS with 1:1 pixels, then raster attributes (aspect 1:1, width, height).
    mutating func header(width: Int, height: Int) {
        text("\u{1B}P0;1;0q\"1;1;")
        number(width); text(";"); number(height)
    }

    mutating func register(_ index: Int, _ rgb: SIMD3<Int>) {
        text("#"); number(index); text(";2;")
        number(rgb.x); text(";"); number(rgb.y); text(";"); number(rgb.z)
    }

    mutating func trailer() { text("\u{1B}\\") }

    /// Each band of six rows: for every colour in it, one pass of sixel characters, `$` to
    /// return to the band's start, `-` to the next band. A pass paints only the pixels whose
    /// bits are set and later passes paint over earlier ones, so a pass may also set pixels
    /// that a later pass redraws: with the band's commonest colours first, their passes become
    /// long runs, which dithered pictures otherwise break into many short ones.
    /// `overpaint: false` gives the plain encoding (each pass exactly its colour's pixels), the
    /// reference that tests decode against.
    mutating func bands(_ indices: [UInt8], width: Int, height: Int, colors: Int, overpaint: Bool = true) {
        var masks = [UInt8](repeating: 0, count: colors * width)
        var counts = [Int](repeating: 0, count: colors)
        var firstX = [Int](repeating: Int.max, count: colors), lastX = [Int](repeating: -1, count: colors)
        var inBand: [Int] = []
        // Per column, the band's pixels that no pass has drawn yet.
        var undrawn = [UInt8](repeating: 0, count: width)
        for top in stride(from: 0, to: height, by: 6) {
            inBand.removeAll(keepingCapacity: true)
            let rows = min(6, height - top)
            // Unsafe buffers: this loop sees every pixel, and bounds and uniqueness checks
            // were most of its cost.
            masks.withUnsafeMutableBufferPointer { masks in
                firstX.withUnsafeMutableBufferPointer { firstX in
                    lastX.withUnsafeMutableBufferPointer { lastX in
                        counts.withUnsafeMutableBufferPointer { counts in
                            indices.withUnsafeBufferPointer { indices in
                                for row in 0..<rows {
                                    let bit = UInt8(1 << row)
                                    let line = (top + row) * width
                                    for x in 0..<width {
                                        let c = Int(indices[line + x])
                                        if lastX[c] < 0 { inBand.append(c) }
                                        masks[c * width + x] |= bit
                                        counts[c] += 1
                                        firstX[c] = min(firstX[c], x)
                                        lastX[c] = max(lastX[c], x)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            inBand.sort { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
            for x in 0..<width { undrawn[x] = UInt8(1 << rows) - 1 }
            for (n, c) in inBand.enumerated() {
                if n > 0 { bytes.append(UInt8(ascii: "$")) }
                bytes.append(UInt8(ascii: "#")); number(c)
                let own = c * width
                runs(masks, from: own, first: firstX[c], last: lastX[c], allowed: overpaint ? undrawn : Array(masks[own..<own + width]))
                let (first, last) = (firstX[c], lastX[c])
                masks.withUnsafeMutableBufferPointer { masks in
                    undrawn.withUnsafeMutableBufferPointer { undrawn in
                        for x in first...last {
                            undrawn[x] &= ~masks[own + x]
                            masks[own + x] = 0
                        }
                    }
                }
                counts[c] = 0
                firstX[c] = .max
                lastX[c] = -1
            }
            if top + 6 < height { bytes.append(UInt8(ascii: "-")) }
        }
    }

    /// Columns 0...last of one colour's pass (first...last after a skip): each column must set the colour's own bits and
    /// may set any bit in `allowed` (its own and those of passes still to come). Each run grows
    /// while one character fits all its columns, which gives the fewest runs; `!n` + character
    /// for runs over 3.
    mutating func runs(_ masks: [UInt8], from base: Int, first: Int, last: Int, allowed: [UInt8]) {
        // Columns before the colour's first pixel are one skip: scanning them for runs to join
        // cost more time (every colour of every band) than the bytes it saved.
        if first > 0 { emit(0x3F, count: first) }
        masks.withUnsafeBufferPointer { masks in
            allowed.withUnsafeBufferPointer { allowed in
                var x = first
                while x <= last {
                    var need = masks[base + x], may = allowed[x]
                    var end = x + 1
                    while end <= last {
                        let n = need | masks[base + end], m = may & allowed[end]
                        if n & ~m != 0 { break }
                        need = n; may = m; end += 1
                    }
                    emit(0x3F + need, count: end - x)
                    x = end
                }
            }
        }
    }

    mutating func emit(_ char: UInt8, count: Int) {
        if count > 3 {
            bytes.append(UInt8(ascii: "!")); number(count); bytes.append(char)
        } else {
            for _ in 0..<count { bytes.append(char) }
        }
    }
}
