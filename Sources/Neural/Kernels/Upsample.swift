/// Integer-factor upsampling of one sample [C, H, W] → [C, H·s, W·s], PyTorch's semantics.
public enum Upsample {
    public static func nearest(
        _ input: UnsafePointer<Float>, channels: Int, height: Int, width: Int, scale: Int,
        output: UnsafeMutablePointer<Float>
    ) {
        let ho = height * scale, wo = width * scale
        for c in 0..<channels {
            let src = input + c * height * width, dst = output + c * ho * wo
            for oy in 0..<ho {
                let line = src + (oy / scale) * width, out = dst + oy * wo
                for ox in 0..<wo { out[ox] = line[ox / scale] }
            }
        }
    }

    /// Bilinear with align_corners=False: source = (dst + 0.5) / s − 0.5, clamped at 0.
    public static func bilinear(
        _ input: UnsafePointer<Float>, channels: Int, height: Int, width: Int, scale: Int,
        output: UnsafeMutablePointer<Float>
    ) {
        let ho = height * scale, wo = width * scale
        let ys = taps(count: ho, size: height, scale: scale), xs = taps(count: wo, size: width, scale: scale)
        for c in 0..<channels {
            let src = input + c * height * width, dst = output + c * ho * wo
            for oy in 0..<ho {
                let (y0, y1, fy) = ys[oy]
                let top = src + y0 * width, bottom = src + y1 * width, out = dst + oy * wo
                for ox in 0..<wo {
                    let (x0, x1, fx) = xs[ox]
                    let t = top[x0] + (top[x1] - top[x0]) * fx
                    let b = bottom[x0] + (bottom[x1] - bottom[x0]) * fx
                    out[ox] = t + (b - t) * fy
                }
            }
        }
    }

    static func taps(count: Int, size: Int, scale: Int) -> [(Int, Int, Float)] {
        let ratio = 1 / Float(scale)
        return (0..<count).map { d in
            let source = max((Float(d) + 0.5) * ratio - 0.5, 0)
            let i0 = min(Int(source), size - 1)
            let i1 = min(i0 + 1, size - 1)
            return (i0, i1, source - Float(i0))
        }
    }
}
