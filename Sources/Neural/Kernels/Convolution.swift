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

    /// In a transposed convolution, the input index that output index `output` reads through
    /// kernel tap `tap` along one side of `size`, or nil when that tap reads nothing there.
    public func transposedSource(_ output: Int, tap: Int, size: Int) -> Int? {
        let shifted = output + padding - tap
        guard shifted >= 0, shifted % stride == 0, shifted / stride < size else { return nil }
        return shifted / stride
    }
}

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
