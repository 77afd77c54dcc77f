/// conv2d for one sample: input [Cin, H, W], weight [Cout, Cin, k, k], output [Cout, Ho, Wo].
/// The reference twin of `IndirectConv.convolution`.
public enum Conv2D {
    /// Direct seven-loop convolution: the reference.
    public static func reference(
        _ g: ConvGeometry, input: UnsafePointer<Float>, height: Int, width: Int,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>
    ) {
        let ho = g.convOutput(height), wo = g.convOutput(width), k = g.kernel
        for co in 0..<g.outChannels {
            for oy in 0..<ho {
                for ox in 0..<wo {
                    var sum: Float = bias?[co] ?? 0
                    for ci in 0..<g.inChannels {
                        for ky in 0..<k {
                            let iy = oy * g.stride - g.padding + ky
                            guard iy >= 0 && iy < height else { continue }
                            for kx in 0..<k {
                                let ix = ox * g.stride - g.padding + kx
                                guard ix >= 0 && ix < width else { continue }
                                sum += input[(ci * height + iy) * width + ix] * weight[((co * g.inChannels + ci) * k + ky) * k + kx]
                            }
                        }
                    }
                    output[(co * ho + oy) * wo + ox] = sum
                }
            }
        }
    }

}

/// conv_transpose2d for one sample: input [Cin, H, W], weight [Cin, Cout, k, k] (PyTorch's layout),
/// output [Cout, Ho, Wo]. The reference twin of `IndirectConv.transposed`.
public enum ConvTranspose2D {
    /// Direct scatter: every input pixel adds its weighted kernel into the output. The reference.
    public static func reference(
        _ g: ConvGeometry, input: UnsafePointer<Float>, height: Int, width: Int,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>
    ) {
        let ho = g.transposedOutput(height), wo = g.transposedOutput(width), k = g.kernel
        for co in 0..<g.outChannels {
            output.advanced(by: co * ho * wo).update(repeating: bias?[co] ?? 0, count: ho * wo)
        }
        for ci in 0..<g.inChannels {
            for iy in 0..<height {
                for ix in 0..<width {
                    let x = input[(ci * height + iy) * width + ix]
                    for co in 0..<g.outChannels {
                        for ky in 0..<k {
                            let oy = iy * g.stride - g.padding + ky
                            guard oy >= 0 && oy < ho else { continue }
                            for kx in 0..<k {
                                let ox = ix * g.stride - g.padding + kx
                                guard ox >= 0 && ox < wo else { continue }
                                output[(co * ho + oy) * wo + ox] += x * weight[((ci * g.outChannels + co) * k + ky) * k + kx]
                            }
                        }
                    }
                }
            }
        }
    }
}
