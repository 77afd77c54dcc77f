/// The graph ops on channels-last samples ([H, W, C]; vectors and [C, 1, 1] are the same either way).
extension ChannelsLast {
    /// Runs `op` from its inputs `x` into `y` (`size` floats per sample of output).
    static func run(_ op: GraphOp, _ x: [UnsafeMutablePointer<Float>], _ y: UnsafeMutablePointer<Float>, batch: Int, size: Int) {
        switch op {
        case .add:
            for i in 0..<batch * size { y[i] = x[0][i] + x[1][i] }
        case .mul(let c, let pixels, let perChannel):
            mul(x[0], x[1], y, batch: batch, channels: c, pixels: pixels, perChannel: perChannel)
        case .concat(let channels, let pixels):
            concat(x.map { UnsafePointer($0) }, channels: channels, y, batch: batch, pixels: pixels)
        case .glu(let c, let pixels):
            glu(x[0], y, batch: batch, channels: c, pixels: pixels)
        case .avgPool(let c, let h, let w, let k):
            avgPool(x[0], y, batch: batch, channels: c, height: h, width: w, kernel: k)
        case .globalAvgPool(let c, let pixels):
            globalAvgPool(x[0], y, batch: batch, channels: c, pixels: pixels)
        case .pixelShuffle(let c, let h, let w, let r):
            pixelShuffle(x[0], y, batch: batch, channels: c, height: h, width: w, factor: r)
        case .slice(let start, let count, let of):
            for n in 0..<batch { (y + n * count).update(from: x[0] + n * of + start, count: count) }
        }
    }

    /// a · b over `pixels` pixels of `channels`; `perChannel`: b holds one value per channel and sample.
    static func mul(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                    batch: Int, channels: Int, pixels: Int, perChannel: Bool) {
        guard perChannel else {
            for i in 0..<batch * channels * pixels { out[i] = a[i] * b[i] }
            return
        }
        for n in 0..<batch {
            let factors = b + n * channels, base = n * pixels * channels
            for p in 0..<pixels {
                let at = base + p * channels
                for c in 0..<channels { out[at + c] = a[at + c] * factors[c] }
            }
        }
    }

    /// Each pixel's channels of every input, one after another.
    static func concat(_ inputs: [UnsafePointer<Float>], channels: [Int], _ out: UnsafeMutablePointer<Float>, batch: Int, pixels: Int) {
        let total = channels.reduce(0, +)
        for row in 0..<batch * pixels {
            var offset = row * total
            for (k, x) in inputs.enumerated() {
                (out + offset).update(from: x + row * channels[k], count: channels[k])
                offset += channels[k]
            }
        }
    }

    /// [P, 2C] → a · sigmoid(b), eight channels at a time where C allows.
    static func glu(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, batch: Int, channels: Int, pixels: Int) {
        for row in 0..<batch * pixels {
            let a = x + row * 2 * channels, b = a + channels, y = out + row * channels
            var c = 0
            while c + 8 <= channels {
                let va = UnsafeRawPointer(a + c).loadUnaligned(as: VectorMath.V8.self)
                let vb = UnsafeRawPointer(b + c).loadUnaligned(as: VectorMath.V8.self)
                UnsafeMutableRawPointer(y + c).storeBytes(of: va * VectorMath.sigmoid(vb), as: VectorMath.V8.self)
                c += 8
            }
            while c < channels {
                y[c] = a[c] * VectorMath.sigmoid(VectorMath.V8(repeating: b[c]))[0]
                c += 1
            }
        }
    }

    /// Mean over k×k windows with stride k; sums in the reference's order (dy, then dx).
    static func avgPool(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, batch: Int,
                        channels: Int, height: Int, width: Int, kernel k: Int) {
        let ho = height / k, wo = width / k, area = Float(k * k)
        for n in 0..<batch {
            let src = x + n * height * width * channels, dst = out + n * ho * wo * channels
            for oy in 0..<ho {
                for ox in 0..<wo {
                    let y = dst + (oy * wo + ox) * channels
                    y.initialize(repeating: 0, count: channels)
                    for dy in 0..<k {
                        for dx in 0..<k {
                            let p = src + ((oy * k + dy) * width + ox * k + dx) * channels
                            for c in 0..<channels { y[c] += p[c] }
                        }
                    }
                    for c in 0..<channels { y[c] /= area }
                }
            }
        }
    }

    /// [P, C] → each channel's mean, summed over pixels in order as the reference does.
    static func globalAvgPool(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, batch: Int, channels: Int, pixels: Int) {
        for n in 0..<batch {
            let src = x + n * pixels * channels, y = out + n * channels
            y.initialize(repeating: 0, count: channels)
            for p in 0..<pixels { for c in 0..<channels { y[c] += src[p * channels + c] } }
            for c in 0..<channels { y[c] /= Float(pixels) }
        }
    }

    /// [H, W, C·r²] → [H·r, W·r, C]: out[y·r + i, x·r + j, c] = in[y, x, c·r² + i·r + j].
    static func pixelShuffle(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, batch: Int,
                             channels: Int, height: Int, width: Int, factor r: Int) {
        let wo = width * r, inChannels = channels * r * r
        for n in 0..<batch {
            let src = x + n * height * width * inChannels, dst = out + n * height * wo * r * channels
            for y in 0..<height {
                for xx in 0..<width {
                    let pixel = src + (y * width + xx) * inChannels
                    for i in 0..<r {
                        for j in 0..<r {
                            let target = dst + ((y * r + i) * wo + xx * r + j) * channels
                            for c in 0..<channels { target[c] = pixel[c * r * r + i * r + j] }
                        }
                    }
                }
            }
        }
    }
}
