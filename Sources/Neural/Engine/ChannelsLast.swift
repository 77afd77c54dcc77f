/// The engine keeps pictures channels-last ([H, W, C] per sample): a pixel's channels are the
/// contiguous run the micro-kernel broadcasts from. These are the steps other than the
/// convolutions, in that layout; the planar [C, H, W] the model file speaks is met only at reshapes
/// and at the network's two ends.
enum ChannelsLast {
    /// [C, P] ↔ [P, C] for each sample (P = the pixels of a plane).
    static func transpose(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>,
                          batch: Int, channels: Int, plane: Int, toChannelsLast: Bool) {
        let (rows, cols) = toChannelsLast ? (channels, plane) : (plane, channels)
        for n in 0..<batch {
            let src = input + n * rows * cols, dst = output + n * rows * cols
            // The longer side inside: a picture's three channels as the inner loop cost 1.3 ns a value.
            if cols >= rows {
                for r in 0..<rows {
                    for c in 0..<cols { dst[c * rows + r] = src[r * cols + c] }
                }
            } else {
                for c in 0..<cols {
                    for r in 0..<rows { dst[c * rows + r] = src[r * cols + c] }
                }
            }
        }
    }

    /// x · scale[c] + shift[c] in place, over `count` pixels.
    static func affine(_ data: UnsafeMutablePointer<Float>, pixels count: Int, scale: [Float], shift: [Float]) {
        let channels = scale.count
        scale.withUnsafeBufferPointer { s in
            shift.withUnsafeBufferPointer { t in
                for p in 0..<count {
                    let pixel = data + p * channels
                    for c in 0..<channels { pixel[c] = pixel[c] * s[c] + t[c] }
                }
            }
        }
    }

    /// Nearest-neighbour upsampling by an integer factor, PyTorch's semantics.
    static func upsampleNearest(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
                                channels: Int, height: Int, width: Int, scale: Int) {
        let wo = width * scale, ho = height * scale
        for n in 0..<batch {
            let src = input + n * height * width * channels, dst = output + n * ho * wo * channels
            for oy in 0..<ho {
                for ox in 0..<wo {
                    (dst + (oy * wo + ox) * channels).update(from: src + ((oy / scale) * width + ox / scale) * channels, count: channels)
                }
            }
        }
    }

    /// Bilinear upsampling with align_corners=False, the same taps and arithmetic as `Upsample.bilinear`.
    static func upsampleBilinear(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
                                 channels: Int, height: Int, width: Int, scale: Int) {
        let wo = width * scale, ho = height * scale
        let ys = Upsample.taps(count: ho, size: height, scale: scale), xs = Upsample.taps(count: wo, size: width, scale: scale)
        for n in 0..<batch {
            let src = input + n * height * width * channels, dst = output + n * ho * wo * channels
            for oy in 0..<ho {
                let (y0, y1, fy) = ys[oy]
                for ox in 0..<wo {
                    let (x0, x1, fx) = xs[ox]
                    let tl = src + (y0 * width + x0) * channels, tr = src + (y0 * width + x1) * channels
                    let bl = src + (y1 * width + x0) * channels, br = src + (y1 * width + x1) * channels
                    let out = dst + (oy * wo + ox) * channels
                    for c in 0..<channels {
                        let t = tl[c] + (tr[c] - tl[c]) * fx, b = bl[c] + (br[c] - bl[c]) * fx
                        out[c] = t + (b - t) * fy
                    }
                }
            }
        }
    }
}
