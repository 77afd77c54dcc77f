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
