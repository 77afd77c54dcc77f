/// A transposed convolution to a few output channels (the picture's RGB, the generator's last
/// layer), as one product per input pixel — all k·k·Cout values it contributes, in whole blocks of 16
/// — then each output pixel sums the contributions that land on it. Vectors along three output
/// channels would waste 13 of 16 lanes; this keeps the micro-kernel full.
struct ScatterTransposed: Sendable {
    let outChannels: Int
    let inputPixels: Int
    let outputPixels: Int
    /// Per input pixel: Cin → k·k·Cout, (tap, channel) order.
    let products: IndirectConv
    let bias: [Float]
    var clamp: MicroKernel.Clamp = .none
    /// For output pixel p, its contributions are `sources[first[p] ..< first[p + 1]]`: offsets into
    /// one sample's products, in kernel-tap order.
    let first: [Int32]
    let sources: [Int32]

    /// Layers worth it: few output channels.
    static func applies(_ g: ConvGeometry) -> Bool { g.outChannels <= 4 }

    /// `weight` is PyTorch's [Cin, Cout, k, k].
    init(_ g: ConvGeometry, height: Int, width: Int, weight: [Float], bias: [Float]?) {
        let k = g.kernel, perPixel = k * k * g.outChannels
        outChannels = g.outChannels
        inputPixels = height * width
        let ho = g.transposedOutput(height), wo = g.transposedOutput(width)
        outputPixels = ho * wo
        products = .fromPoint(g, weight: weight, bias: nil)
        self.bias = bias ?? [Float](repeating: 0, count: g.outChannels)
        var first: [Int32] = [0], sources: [Int32] = []
        for oy in 0..<ho {
            for ox in 0..<wo {
                for ky in 0..<k {
                    for kx in 0..<k {
                        guard let iy = g.transposedSource(oy, tap: ky, size: height),
                              let ix = g.transposedSource(ox, tap: kx, size: width) else { continue }
                        sources.append(Int32((iy * width + ix) * perPixel + (ky * k + kx) * g.outChannels))
                    }
                }
                first.append(Int32(sources.count))
            }
        }
        self.first = first
        self.sources = sources
    }

    /// Channels-last input [batch][pixels][Cin] into output [batch][pixels][Cout].
    func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
                 zeros: UnsafePointer<Float>, threads: Int = 1) {
        let perSample = inputPixels * products.outChannels
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: perSample)
        defer { scratch.deallocate() }
        first.withUnsafeBufferPointer { first in
            sources.withUnsafeBufferPointer { sources in
                bias.withUnsafeBufferPointer { bias in
                    // One sample at a time, so its products are still in cache when they are summed.
                    for n in 0..<batch {
                        // Every input pixel is a one-pixel sample of the dense product.
                        products.forward(input + n * inputPixels * products.inChannels, scratch, batch: inputPixels, zeros: zeros, threads: threads)
                        let contributions = UnsafePointer(scratch), out = output + n * outputPixels * outChannels
                        for p in 0..<outputPixels {
                            for co in 0..<outChannels {
                                var sum = bias[co]
                                for i in Int(first[p])..<Int(first[p + 1]) { sum += contributions[Int(sources[i]) + co] }
                                out[p * outChannels + co] = MicroKernel.clamped(sum, clamp)
                            }
                        }
                    }
                }
            }
        }
    }
}
