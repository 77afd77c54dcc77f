import Foundation

/// The plain reference kernels of the graph ops, on one planar sample ([C, H, W], or [N] where a
/// shape allows): what the engine's channels-last versions are tested against.
enum GraphOps {
    /// a + b, element by element.
    static func add(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int, _ out: UnsafeMutablePointer<Float>) {
        for i in 0..<count { out[i] = a[i] + b[i] }
    }

    /// a · b, where b holds either `channels · plane` values or one per channel.
    static func mul(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, channels: Int, plane: Int, perChannel: Bool,
                    _ out: UnsafeMutablePointer<Float>) {
        for c in 0..<channels {
            for i in 0..<plane { out[c * plane + i] = a[c * plane + i] * (perChannel ? b[c] : b[c * plane + i]) }
        }
    }

    /// [2C, P] → a · sigmoid(b) with a the first C planes, b the rest.
    static func glu(_ x: UnsafePointer<Float>, channels: Int, plane: Int, _ out: UnsafeMutablePointer<Float>) {
        let half = channels * plane
        for i in 0..<half { out[i] = x[i] / (1 + Foundation.exp(-x[half + i])) }
    }

    /// Mean over k×k windows, stride k.
    static func avgPool(_ x: UnsafePointer<Float>, channels: Int, height: Int, width: Int, kernel k: Int,
                        _ out: UnsafeMutablePointer<Float>) {
        let ho = height / k, wo = width / k, area = Float(k * k)
        for c in 0..<channels {
            for oy in 0..<ho {
                for ox in 0..<wo {
                    var sum: Float = 0
                    for dy in 0..<k { for dx in 0..<k { sum += x[(c * height + oy * k + dy) * width + ox * k + dx] } }
                    out[(c * ho + oy) * wo + ox] = sum / area
                }
            }
        }
    }

    /// [C, P] → the mean of each channel.
    static func globalAvgPool(_ x: UnsafePointer<Float>, channels: Int, plane: Int, _ out: UnsafeMutablePointer<Float>) {
        for c in 0..<channels {
            var sum: Float = 0
            for i in 0..<plane { sum += x[c * plane + i] }
            out[c] = sum / Float(plane)
        }
    }

    /// [C·r², H, W] → [C, H·r, W·r]: out[c, y·r + i, x·r + j] = in[c·r² + i·r + j, y, x].
    static func pixelShuffle(_ x: UnsafePointer<Float>, channels: Int, height: Int, width: Int, factor r: Int,
                             _ out: UnsafeMutablePointer<Float>) {
        let ho = height * r, wo = width * r
        for c in 0..<channels {
            for i in 0..<r {
                for j in 0..<r {
                    let src = x + (c * r * r + i * r + j) * height * width
                    for y in 0..<height {
                        for xx in 0..<width { out[(c * ho + y * r + i) * wo + xx * r + j] = src[y * width + xx] }
                    }
                }
            }
        }
    }
}

/// Means of k×k windows of planar pictures, for code outside the engine (the same kernel the
/// `avg_pool` op is checked against).
public enum Pooling {
    /// [C, H, W] → [C, H/k, W/k]; rows and columns past the last whole window are left out.
    public static func average(_ planes: [Float], channels: Int, height: Int, width: Int, kernel k: Int) -> [Float] {
        // fatalError, not precondition: this module is built -Ounchecked, which drops preconditions.
        guard k >= 1, channels >= 0, height >= 0, width >= 0, planes.count == channels * height * width else {
            fatalError("planes do not match [\(channels), \(height), \(width)]")
        }
        var out = [Float](repeating: 0, count: channels * (height / k) * (width / k))
        planes.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { y in
                GraphOps.avgPool(x.baseAddress!, channels: channels, height: height, width: width, kernel: k, y.baseAddress!)
            }
        }
        return out
    }
}
