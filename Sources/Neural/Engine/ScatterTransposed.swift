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
    /// Contributions summed per output pixel: the most any pixel gets (border pixels get fewer).
    let perOutput: Int
    /// [outputPixel][perOutput]: offsets into one sample's products, in kernel-tap order; a pixel
    /// with fewer contributions ends with `zeroOffset`, where zeros follow the products, so every
    /// pixel runs the same loop (adding zero leaves a float sum unchanged).
    let sources: [Int32]

    /// Layers worth it: few output channels (the sums run four lanes wide).
    static func applies(_ g: ConvGeometry) -> Bool { g.outChannels <= 4 }

    /// Products of one sample, then the zeros that short lists point at, and three floats of slack so
    /// four lanes can be read at any offset.
    var zeroOffset: Int { inputPixels * products.outChannels }
    var scratchFloats: Int { zeroOffset + 4 + 3 }

    /// `weight` is PyTorch's [Cin, Cout, k, k].
    init(_ g: ConvGeometry, height: Int, width: Int, weight: [Float], bias: [Float]?) {
        let k = g.kernel, perPixel = k * k * g.outChannels
        outChannels = g.outChannels
        inputPixels = height * width
        let ho = g.transposedOutput(height), wo = g.transposedOutput(width)
        outputPixels = ho * wo
        products = .fromPoint(g, weight: weight, bias: nil)
        self.bias = bias ?? [Float](repeating: 0, count: g.outChannels)
        var lists: [[Int32]] = []
        for oy in 0..<ho {
            for ox in 0..<wo {
                var list: [Int32] = []
                for ky in 0..<k {
                    for kx in 0..<k {
                        guard let iy = g.transposedSource(oy, tap: ky, size: height),
                              let ix = g.transposedSource(ox, tap: kx, size: width) else { continue }
                        list.append(Int32((iy * width + ix) * perPixel + (ky * k + kx) * g.outChannels))
                    }
                }
                lists.append(list)
            }
        }
        let longest = lists.map(\.count).max() ?? 0, zero = Int32(inputPixels * perPixel)
        perOutput = longest
        sources = lists.flatMap { $0 + [Int32](repeating: zero, count: longest - $0.count) }
    }

    /// Channels-last input [batch][pixels][Cin] into output [batch][pixels][Cout]. One sample takes
    /// the threads for its product; a batch gives each thread whole samples, products and sums.
    func forward(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
                 zeros: UnsafePointer<Float>, threads: Int = 1) {
        let parts = Parallel.ranges(batch, parts: threads)
        Parallel.run(parts.count) { part in
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: scratchFloats)
            defer { scratch.deallocate() }
            (scratch + zeroOffset).initialize(repeating: 0, count: scratchFloats - zeroOffset)
            for n in parts[part] {
                // Every input pixel is a one-pixel sample of the dense product; done while the sums still find it in cache.
                products.forward(input + n * inputPixels * products.inChannels, scratch, batch: inputPixels, zeros: zeros,
                                 threads: parts.count == 1 ? threads : 1)
                sum(UnsafePointer(scratch), into: output + n * outputPixels * outChannels)
            }
        }
    }

    /// Each output pixel's channels: bias, then its contributions in tap order, four lanes at once.
    /// All four lanes are stored (the spare ones land on the next pixels, which overwrite them)
    /// wherever the four fit inside the output; the last pixels store only their own channels
    /// (with one output channel that is the last three, not just the last one).
    private func sum(_ contributions: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        var b = SIMD4<Float>()
        for co in 0..<outChannels { b[co] = bias[co] }
        let count = outChannels, perOutput = perOutput, clamp = clamp
        guard outputPixels > 0 else { return }
        sources.withUnsafeBufferPointer { sources in
            let list = sources.baseAddress!
            func pixel(_ p: Int) -> SIMD4<Float> {
                var s = b
                for j in 0..<perOutput {
                    s += UnsafeRawPointer(contributions + Int(list[p * perOutput + j])).loadUnaligned(as: SIMD4<Float>.self)
                }
                switch clamp {
                case .none: return s
                case .relu: return s.replacing(with: 0, where: s .< 0)
                case .leaky(let slope): return s.replacing(with: s * slope, where: s .< 0)
                }
            }
            // Pixel p's four lanes end at p·count + 4, which must stay within outputPixels·count.
            let whole = min(outputPixels, outputPixels * count >= 4 ? (outputPixels * count - 4) / count + 1 : 0)
            for p in 0..<whole {
                UnsafeMutableRawPointer(out + p * count).storeBytes(of: pixel(p), as: SIMD4<Float>.self)
            }
            for p in whole..<outputPixels {
                let value = pixel(p)
                for co in 0..<count { out[p * count + co] = value[co] }
            }
        }
    }
}
