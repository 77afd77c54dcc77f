import Foundation

/// Resampling to a new size.
public enum Resize {
    public enum Filter: String, Sendable, CaseIterable, Codable {
        /// Keeps every source pixel a sharp square: for pixel art and integer upscales.
        case nearest
        /// Catmull-Rom cubic, widened when shrinking so it also averages (no aliasing).
        case smooth
    }

    public static func resize(_ image: RGBImage, width: Int, height: Int, filter: Filter) -> RGBImage {
        if width == image.width && height == image.height { return image }
        switch filter {
        case .nearest: return nearest(image, width: width, height: height)
        case .smooth: return cubic(image, width: width, height: height)
        }
    }

    static func nearest(_ image: RGBImage, width: Int, height: Int) -> RGBImage {
        let c = image.channels
        var out = [UInt8](repeating: 0, count: width * height * c)
        for y in 0..<height {
            let sy = y * image.height / height
            for x in 0..<width {
                let sx = x * image.width / width
                for k in 0..<c { out[(y * width + x) * c + k] = image.pixels[(sy * image.width + sx) * c + k] }
            }
        }
        return RGBImage(width: width, height: height, channels: c, pixels: out)
    }

    /// One output sample's source taps and weights along an axis.
    struct Taps { var start: Int; var weights: [Float] }

    static func catmullRom(_ x: Float) -> Float {
        let t = abs(x)
        if t < 1 { return 1.5 * t * t * t - 2.5 * t * t + 1 }
        if t < 2 { return -0.5 * t * t * t + 2.5 * t * t - 4 * t + 2 }
        return 0
    }

    static func taps(from source: Int, to target: Int) -> [Taps] {
        let scale = Float(source) / Float(target)
        let widen = max(scale, 1)
        let radius = 2 * widen
        return (0..<target).map { i in
            let center = (Float(i) + 0.5) * scale - 0.5
            let first = Int((center - radius).rounded(.up)), last = Int((center + radius).rounded(.down))
            var weights: [Float] = []
            var indices: [Int] = []
            for s in first...last {
                let w = catmullRom((Float(s) - center) / widen)
                if w != 0 { weights.append(w); indices.append(min(max(s, 0), source - 1)) }
            }
            let total = weights.reduce(0, +)
            // Clamp edge taps onto the border pixels; represent as dense weights from a start index.
            let start = indices.min() ?? 0, end = indices.max() ?? 0
            var dense = [Float](repeating: 0, count: end - start + 1)
            for (index, w) in zip(indices, weights) { dense[index - start] += w / total }
            return Taps(start: start, weights: dense)
        }
    }

    /// Taps laid out flat (start, offset into `weights`, count per sample), so the inner loops
    /// touch no per-sample arrays.
    struct FlatTaps {
        var start: [Int] = [], offset: [Int] = [], count: [Int] = []
        var weights: [Float] = []
        init(_ taps: [Taps]) {
            for tap in taps {
                start.append(tap.start); offset.append(weights.count); count.append(tap.weights.count)
                weights += tap.weights
            }
        }
    }

    static func cubic(_ image: RGBImage, width: Int, height: Int) -> RGBImage {
        // The horizontal pass keeps every source row: a tall sliver (1x1,000,000) widened first
        // would need gigabytes. Then the picture goes through on its side (the vertical pass
        // first). Only such shapes take this path, so ordinary resizes keep their exact bits.
        let (across, down) = (image.height.multipliedReportingOverflow(by: width), image.width.multipliedReportingOverflow(by: height))
        if across.overflow || (across.partialValue > 1 << 24 && !down.overflow && across.partialValue > 4 * down.partialValue) {
            return transposed(cubicRowsFirst(transposed(image), width: height, height: width))
        }
        return cubicRowsFirst(image, width: width, height: height)
    }

    /// The picture mirrored about its diagonal.
    static func transposed(_ image: RGBImage) -> RGBImage {
        let c = image.channels
        var out = [UInt8](repeating: 0, count: image.pixels.count)
        for y in 0..<image.height {
            for x in 0..<image.width {
                for k in 0..<c { out[(x * image.height + y) * c + k] = image.pixels[(y * image.width + x) * c + k] }
            }
        }
        return RGBImage(width: image.height, height: image.width, channels: c, pixels: out)
    }

    static func cubicRowsFirst(_ image: RGBImage, width: Int, height: Int) -> RGBImage {
        let c = image.channels
        let xTaps = FlatTaps(taps(from: image.width, to: width)), yTaps = FlatTaps(taps(from: image.height, to: height))
        // Horizontal pass into floats, then vertical pass into bytes. Each output sample's sum
        // runs over its taps in order, as a plain loop over the tap's weights would, so results
        // are the same to the bit as before (recipes re-render resized pictures exactly); only
        // the loops are arranged for vectors: one pixel's channels as a vector across, and whole
        // rows at once down. Unsafe buffers and wrapping index arithmetic (indices are in range
        // by construction): bounds and overflow checks were most of the cost.
        var rows = [Float](repeating: 0, count: image.height * width * c)
        var out = [UInt8](repeating: 0, count: width * height * c)
        image.pixels.withUnsafeBufferPointer { pixels in
            rows.withUnsafeMutableBufferPointer { rows in
                xTaps.weights.withUnsafeBufferPointer { weights in
                    for y in 0..<image.height {
                        for x in 0..<width {
                            let first = (y * image.width + xTaps.start[x]) * c, offset = xTaps.offset[x], n = xTaps.count[x]
                            var sum = SIMD4<Float>.zero
                            for j in 0..<n {
                                let p = pixels.baseAddress! + (first &+ j &* c)
                                sum += weights[offset &+ j] * SIMD4(Float(p[0]), Float(p[1]), Float(p[2]), c == 4 ? Float(p[3]) : 0)
                            }
                            for k in 0..<c { rows[(y &* width &+ x) &* c &+ k] = sum[k] }
                        }
                    }
                }
            }
        }
        let line = width * c
        var sums = [Float](repeating: 0, count: line)
        rows.withUnsafeBufferPointer { rows in
            out.withUnsafeMutableBufferPointer { out in
                sums.withUnsafeMutableBufferPointer { sums in
                    yTaps.weights.withUnsafeBufferPointer { weights in
                        for y in 0..<height {
                            let start = yTaps.start[y], offset = yTaps.offset[y], n = yTaps.count[y]
                            sums.update(repeating: 0)
                            for j in 0..<n {
                                let w = weights[offset &+ j], source = rows.baseAddress! + (start &+ j) &* line
                                for i in 0..<line { sums[i] += w * source[i] }
                            }
                            let target = out.baseAddress! + y &* line
                            for i in 0..<line { target[i] = UInt8(min(max(sums[i].rounded(), 0), 255)) }
                        }
                    }
                }
            }
        }
        return RGBImage(width: width, height: height, channels: c, pixels: out)
    }
}
