/// Chooses a palette of at most N colours for a picture: exact when the picture has few colours,
/// otherwise variance-based median cut on a 5-bit-per-channel histogram, refined by weighted
/// k-means (Lloyd) passes over the histogram's bins.
public enum Quantizer {
    public struct Result: Sendable {
        public var palette: [SIMD3<UInt8>]
        /// True when every pixel's colour is in the palette exactly (no dithering needed).
        public var exact: Bool
    }

    public static func palette(for image: RGBImage, maxColors: Int, refinements: Int = 3) -> Result {
        precondition(maxColors >= 2, "a palette needs at least two colours")
        if let exact = exactColors(image, limit: maxColors) { return Result(palette: exact, exact: true) }
        let bins = Histogram(image)
        var palette = medianCut(bins, maxColors: maxColors)
        for _ in 0..<refinements { palette = lloyd(bins, palette) }
        return Result(palette: palette.map { SIMD3(UInt8(clamping: Int($0.x.rounded())), UInt8(clamping: Int($0.y.rounded())), UInt8(clamping: Int($0.z.rounded()))) }, exact: false)
    }

    /// The picture's distinct colours, or nil when there are more than `limit`.
    static func exactColors(_ image: RGBImage, limit: Int) -> [SIMD3<UInt8>]? {
        var seen = Set<UInt32>()
        let c = image.channels
        for i in stride(from: 0, to: image.pixels.count, by: c) {
            let key = UInt32(image.pixels[i]) << 16 | UInt32(image.pixels[i + 1]) << 8 | UInt32(image.pixels[i + 2])
            if seen.insert(key).inserted && seen.count > limit { return nil }
        }
        return seen.sorted().map { SIMD3(UInt8($0 >> 16), UInt8($0 >> 8 & 0xFF), UInt8($0 & 0xFF)) }
    }

    /// Colour counts and sums per 5-bit-per-channel bin.
    struct Histogram {
        var count = [Int32](repeating: 0, count: 32768)
        var sum = [SIMD3<Float>](repeating: .zero, count: 32768)
        var used: [Int] = []
        /// Each used bin's mean colour, computed once: median cut's sorts compare them often.
        var means: [SIMD3<Float>] = []

        init(_ image: RGBImage) {
            let c = image.channels
            image.pixels.withUnsafeBufferPointer { p in
                for i in stride(from: 0, to: p.count, by: c) {
                    let r = Int(p[i]), g = Int(p[i + 1]), b = Int(p[i + 2])
                    let bin = (r >> 3) << 10 | (g >> 3) << 5 | (b >> 3)
                    count[bin] += 1
                    sum[bin] += SIMD3(Float(r), Float(g), Float(b))
                }
            }
            used = count.indices.filter { count[$0] > 0 }
            means = [SIMD3<Float>](repeating: .zero, count: 32768)
            for bin in used { means[bin] = sum[bin] / Float(count[bin]) }
        }

        @inline(__always)
        func mean(_ bin: Int) -> SIMD3<Float> { means[bin] }
    }

    /// A set of bins with its weighted statistics.
    struct Box {
        var bins: [Int]
        var weight: Float = 0
        var mean = SIMD3<Float>.zero
        var variance = SIMD3<Float>.zero

        init(_ bins: [Int], _ h: Histogram) {
            self.bins = bins
            var sum = SIMD3<Float>.zero, squares = SIMD3<Float>.zero
            for bin in bins {
                let w = Float(h.count[bin]), m = h.mean(bin)
                weight += w
                sum += m * w
                squares += m * m * w
            }
            mean = sum / max(weight, 1)
            variance = squares / max(weight, 1) - mean * mean
        }

        var error: Float { (variance.x + variance.y + variance.z) * weight }
    }

    static func medianCut(_ h: Histogram, maxColors: Int) -> [SIMD3<Float>] {
        var boxes = [Box(h.used, h)]
        while boxes.count < maxColors {
            guard let worst = boxes.indices.filter({ boxes[$0].bins.count > 1 }).max(by: { boxes[$0].error < boxes[$1].error }),
                  boxes[worst].error > 0 else { break }
            let box = boxes[worst]
            let axis = box.variance.x >= box.variance.y && box.variance.x >= box.variance.z ? 0 : (box.variance.y >= box.variance.z ? 1 : 2)
            let sorted = box.bins.sorted { h.mean($0)[axis] < h.mean($1)[axis] }
            // Split at the weighted median so both halves hold about the same number of pixels.
            var running: Float = 0
            var cut = 1
            for (i, bin) in sorted.enumerated() {
                running += Float(h.count[bin])
                if running >= box.weight / 2 { cut = max(1, min(i + 1, sorted.count - 1)); break }
            }
            boxes[worst] = Box(Array(sorted[..<cut]), h)
            boxes.append(Box(Array(sorted[cut...]), h))
        }
        return boxes.map(\.mean)
    }

    /// One k-means pass: each bin moves to its nearest colour, each colour to its bins' mean.
    static func lloyd(_ h: Histogram, _ palette: [SIMD3<Float>]) -> [SIMD3<Float>] {
        var sums = [SIMD3<Float>](repeating: .zero, count: palette.count)
        var weights = [Float](repeating: 0, count: palette.count)
        let sorted = SortedPalette(palette)
        for bin in h.used {
            let nearest = sorted.nearest(h.mean(bin))
            sums[nearest] += h.sum[bin]
            weights[nearest] += Float(h.count[bin])
        }
        return palette.indices.map { weights[$0] > 0 ? sums[$0] / weights[$0] : palette[$0] }
    }

    @inline(__always)
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

/// Nearest palette colour by searching outward along the palette sorted by red: once the red
/// gap alone is at least the best distance so far, nothing further out can be nearer. The
/// same answer as `Quantizer.nearestIndex` (ties to the lower index), with far fewer distances.
struct SortedPalette {
    let order: [Int]
    let reds: [Float]
    let colours: [SIMD3<Float>]

    init(_ palette: [SIMD3<Float>]) {
        order = palette.indices.sorted { palette[$0].x < palette[$1].x }
        reds = order.map { palette[$0].x }
        colours = order.map { palette[$0] }
    }

    func nearest(_ colour: SIMD3<Float>) -> Int {
        let n = reds.count
        var low = 0, high = n
        while low < high {
            let mid = (low + high) / 2
            if reds[mid] < colour.x { low = mid + 1 } else { high = mid }
        }
        var best = -1, bestDistance = Float.infinity
        func consider(_ k: Int) {
            let d = colour - colours[k]
            let distance = (d * d).sum()
            if distance < bestDistance || (distance == bestDistance && order[k] < best) { bestDistance = distance; best = order[k] }
        }
        var up = low, down = low - 1
        while up < n || down >= 0 {
            if up < n {
                let gap = reds[up] - colour.x
                if gap * gap > bestDistance { up = n } else { consider(up); up += 1 }
            }
            if down >= 0 {
                let gap = colour.x - reds[down]
                if gap * gap > bestDistance { down = -1 } else { consider(down); down -= 1 }
            }
        }
        return best
    }
}
