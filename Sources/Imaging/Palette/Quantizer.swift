/// Chooses a palette of at most N colours for a picture: exact when the picture has few colours,
/// otherwise a variance-minimising median cut on a 5-bit-per-channel histogram, refined by
/// weighted k-means (Lloyd) passes over the histogram's bins.
///
/// Everything works on the histogram's bins (at most 32,768, usually a few thousand), never on
/// pixels after the one pass that fills it: `ganvas show` pays for this on every picture, and
/// img2sixel does a whole small picture in a few milliseconds.
public enum Quantizer {
    public struct Result: Sendable {
        public var palette: [SIMD3<UInt8>]
        /// True when every pixel's colour is in the palette exactly (no dithering needed).
        public var exact: Bool
    }

    public static func palette(for image: RGBImage, maxColors: Int, refinements: Int = 1) -> Result {
        precondition(maxColors >= 2, "a palette needs at least two colours")
        let histogram = Histogram(image)
        // Few distinct colours means few bins, so the exact check runs only when it can succeed.
        if histogram.used.count <= maxColors, let exact = exactColors(image, limit: maxColors) {
            return Result(palette: exact, exact: true)
        }
        var cut = MedianCut(histogram)
        var palette = cut.split(into: maxColors)
        for _ in 0..<refinements { palette = lloyd(histogram, palette) }
        return Result(palette: palette.map(rounded), exact: false)
    }

    static func rounded(_ c: SIMD3<Float>) -> SIMD3<UInt8> {
        SIMD3(UInt8(clamping: Int(c.x.rounded())), UInt8(clamping: Int(c.y.rounded())), UInt8(clamping: Int(c.z.rounded())))
    }

    /// The picture's distinct colours in ascending order, or nil when there are more than
    /// `limit`. An open-addressing table of colour + 1 (0 marks a free slot): a `Set` here costs a
    /// generic metadata look-up at start-up and hashing through protocol calls.
    static func exactColors(_ image: RGBImage, limit: Int) -> [SIMD3<UInt8>]? {
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
        return found.sorted().map { SIMD3(UInt8($0 >> 16), UInt8($0 >> 8 & 0xFF), UInt8($0 & 0xFF)) }
    }

    /// One k-means pass: each bin moves to its nearest colour, each colour to its bins' mean.
    static func lloyd(_ h: Histogram, _ palette: [SIMD3<Float>]) -> [SIMD3<Float>] {
        var sums = [SIMD4<Float>](repeating: .zero, count: palette.count)
        let search = PaletteSearch(palette)
        for bin in h.used {
            let b = h.bins[Int(bin)]
            let nearest = search.nearest(h.mean(Int(bin)))
            sums[nearest] += SIMD4(Float(b.x), Float(b.y), Float(b.z), Float(b.w))
        }
        return palette.indices.map { sums[$0].w > 0 ? SIMD3(sums[$0].x, sums[$0].y, sums[$0].z) / sums[$0].w : palette[$0] }
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
struct Histogram {
    /// Per bin: R, G, B sums and the pixel count (x, y, z, w), one 16-byte add per pixel.
    var bins = [SIMD4<UInt32>](repeating: .zero, count: 32768)
    /// The bins holding pixels, ascending.
    var used: [Int32] = []

    init(_ image: RGBImage) {
        let c = image.channels, pixels = image.width * image.height
        // Sums must stay within 32 bits (255 × 2^24): huge pictures are sampled.
        let step = max(1, (pixels + (1 << 24) - 1) >> 24) * c
        image.pixels.withUnsafeBufferPointer { p in
            bins.withUnsafeMutableBufferPointer { bins in
                for i in stride(from: 0, to: p.count, by: step) {
                    let r = UInt32(p[i]), g = UInt32(p[i + 1]), b = UInt32(p[i + 2])
                    bins[Histogram.bin(r, g, b)] &+= SIMD4(r, g, b, 1)
                }
            }
        }
        used.reserveCapacity(4096)
        for bin in 0..<32768 where bins[bin].w > 0 { used.append(Int32(bin)) }
    }

    @inline(__always)
    static func bin(_ r: UInt32, _ g: UInt32, _ b: UInt32) -> Int { Int((r >> 3) << 10 | (g >> 3) << 5 | (b >> 3)) }

    @inline(__always)
    func mean(_ bin: Int) -> SIMD3<Float> {
        let b = bins[bin]
        return SIMD3(Float(b.x), Float(b.y), Float(b.z)) / Float(b.w)
    }
}
