/// The shape of a square-kernel 2-D convolution or transposed convolution on one sample.
public struct ConvGeometry: Sendable, Equatable {
    public var inChannels: Int
    public var outChannels: Int
    public var kernel: Int
    public var stride: Int
    public var padding: Int
    public var outputPadding: Int

    public init(inChannels: Int, outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0, outputPadding: Int = 0) {
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.outputPadding = outputPadding
    }

    /// Output side of a convolution over an input side, PyTorch's formula.
    public func convOutput(_ size: Int) -> Int { (size + 2 * padding - kernel) / stride + 1 }

    /// Output side of a transposed convolution over an input side, PyTorch's formula.
    public func transposedOutput(_ size: Int) -> Int { (size - 1) * stride - 2 * padding + kernel + outputPadding }
}

/// conv2d for one sample: input [Cin, H, W], weight [Cout, Cin, k, k], output [Cout, Ho, Wo].
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

    /// im2col + GEMM. `scratch` holds at least `scratchCount` floats.
    public static func forward(
        _ g: ConvGeometry, input: UnsafePointer<Float>, height: Int, width: Int,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>,
        scratch: UnsafeMutablePointer<Float>, threads: Int = 1
    ) {
        let ho = g.convOutput(height), wo = g.convOutput(width)
        let rows = g.inChannels * g.kernel * g.kernel, cols = ho * wo
        let direct = g.kernel == 1 && g.stride == 1 && g.padding == 0
        if !direct { im2col(g, input: input, height: height, width: width, into: scratch) }
        Gemm.multiply(m: g.outChannels, n: cols, k: rows, a: weight, lda: rows,
                      b: direct ? input : UnsafePointer(scratch), ldb: cols, c: output, ldc: cols, threads: threads)
        if let bias { addChannelBias(bias, to: output, channels: g.outChannels, plane: cols) }
    }

    public static func scratchCount(_ g: ConvGeometry, height: Int, width: Int) -> Int {
        g.inChannels * g.kernel * g.kernel * g.convOutput(height) * g.convOutput(width)
    }

    static func im2col(_ g: ConvGeometry, input: UnsafePointer<Float>, height: Int, width: Int, into cols: UnsafeMutablePointer<Float>) {
        let ho = g.convOutput(height), wo = g.convOutput(width), k = g.kernel
        var row = cols
        for ci in 0..<g.inChannels {
            let plane = input + ci * height * width
            for ky in 0..<k {
                for kx in 0..<k {
                    for oy in 0..<ho {
                        let iy = oy * g.stride - g.padding + ky
                        let out = row + oy * wo
                        guard iy >= 0 && iy < height else {
                            out.update(repeating: 0, count: wo)
                            continue
                        }
                        let line = plane + iy * width
                        for ox in 0..<wo {
                            let ix = ox * g.stride - g.padding + kx
                            out[ox] = (ix >= 0 && ix < width) ? line[ix] : 0
                        }
                    }
                    row += ho * wo
                }
            }
        }
    }
}

/// conv_transpose2d for one sample: input [Cin, H, W], weight [Cin, Cout, k, k] (PyTorch's layout),
/// output [Cout, Ho, Wo].
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

    /// Rearranges PyTorch's [Cin, Cout, k, k] weight into the [Cout·k·k, Cin] matrix `forward` takes.
    public static func packWeight(_ g: ConvGeometry, _ weight: [Float]) -> [Float] {
        let kk = g.kernel * g.kernel
        var packed = [Float](repeating: 0, count: weight.count)
        for ci in 0..<g.inChannels {
            for co in 0..<g.outChannels {
                for t in 0..<kk {
                    packed[(co * kk + t) * g.inChannels + ci] = weight[(ci * g.outChannels + co) * kk + t]
                }
            }
        }
        return packed
    }

    /// GEMM into columns, then col2im. `packedWeight` comes from `packWeight`.
    public static func forward(
        _ g: ConvGeometry, input: UnsafePointer<Float>, height: Int, width: Int,
        packedWeight: UnsafePointer<Float>, bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>,
        scratch: UnsafeMutablePointer<Float>, threads: Int = 1
    ) {
        let kk = g.kernel * g.kernel, pixels = height * width
        Gemm.multiply(m: g.outChannels * kk, n: pixels, k: g.inChannels, a: packedWeight, lda: g.inChannels,
                      b: input, ldb: pixels, c: scratch, ldc: pixels, threads: threads)
        col2im(g, columns: scratch, height: height, width: width, bias: bias, output: output)
    }

    public static func scratchCount(_ g: ConvGeometry, height: Int, width: Int) -> Int {
        g.outChannels * g.kernel * g.kernel * height * width
    }

    static func col2im(
        _ g: ConvGeometry, columns: UnsafePointer<Float>, height: Int, width: Int,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>
    ) {
        let ho = g.transposedOutput(height), wo = g.transposedOutput(width), k = g.kernel
        for co in 0..<g.outChannels {
            let plane = output + co * ho * wo
            plane.update(repeating: bias?[co] ?? 0, count: ho * wo)
            for ky in 0..<k {
                for kx in 0..<k {
                    let column = columns + ((co * k + ky) * k + kx) * height * width
                    for iy in 0..<height {
                        let oy = iy * g.stride - g.padding + ky
                        guard oy >= 0 && oy < ho else { continue }
                        let line = plane + oy * wo, source = column + iy * width
                        for ix in 0..<width {
                            let ox = ix * g.stride - g.padding + kx
                            if ox >= 0 && ox < wo { line[ox] += source[ix] }
                        }
                    }
                }
            }
        }
    }
}

@inline(__always)
func addChannelBias(_ bias: UnsafePointer<Float>, to data: UnsafeMutablePointer<Float>, channels: Int, plane: Int) {
    for c in 0..<channels {
        let b = bias[c], p = data + c * plane
        for i in 0..<plane { p[i] += b }
    }
}
