/// A convolution, transposed convolution or dense layer on channels-last samples, run as an
/// indirect matrix product (Dukhan 2019): each output pixel lists, per kernel tap, the input pixel
/// it reads, so no im2col or col2im buffer is ever written. Weights are packed once, at load.
///
/// A transposed convolution with stride s splits into s² phases of output pixels; each phase reads
/// a fixed subset of the kernel's taps (for k4 s2, four of sixteen), so no multiply-add is spent on
/// the zeros a zero-insertion formulation would make.
struct IndirectConv: Sendable {
    let inChannels: Int
    let outChannels: Int
    let inputPixels: Int
    let outputPixels: Int
    let classes: [TapClass]
    /// Bias padded with zeros to whole blocks of 16 channels.
    let bias: [Float]
    /// Per-channel scale applied after the sums (batch norm kept out of half-precision weights), padded like `bias`.
    let scale: [Float]?
    var clamp: MicroKernel.Clamp = .none

    var channelBlocks: Int { (outChannels + MicroKernel.width - 1) / MicroKernel.width }
    /// At most three output channels, from whole vectors of input channels, run through
    /// `MicroKernel.narrowBlock`, whose panels are [3][inChannels].
    var isNarrow: Bool { Self.isNarrow(inChannels: inChannels, outChannels: outChannels) }
    static func isNarrow(inChannels: Int, outChannels: Int) -> Bool { outChannels <= 3 && inChannels % 8 == 0 }
    /// Floats in one tap's weight panel.
    var panelFloats: Int { inChannels * (isNarrow ? 3 : MicroKernel.width) }

    /// Output pixels that read the same list of taps.
    struct TapClass: Sendable {
        let taps: Int
        /// [channelBlock][tap][inChannel][16], zero past outChannels; [tap][3][inChannel] when narrow.
        let weights: [Float]
        /// The same panels in half precision when the layer's weights are all exact half-precision
        /// numbers, else empty. Either gives the same sums: half precision streams half the bytes
        /// when few rows share each weight, float32 saves the conversions when many do.
        let halfWeights: [Float16]
        /// Output pixel of each row, rows sorted so pixels that miss the same border taps are neighbours.
        let outputPixel: [Int32]
        /// [row][tap]: the input pixel read, or -1 past the border.
        let inputPixel: [Int32]
        /// Per row, the taps it reads (bit t); all ones when a class has more than 64 taps.
        let tapMask: [UInt64]

        var rows: Int { outputPixel.count }
    }

    /// One phase of output pixels before packing: its taps (ky, kx) and, per output pixel, the
    /// input pixel each tap reads (-1 for none).
    struct Phase {
        var taps: [(ky: Int, kx: Int)]
        var pixels: [(output: Int, inputs: [Int])] = []
    }

    /// A layer's weights as the model file stores them: weight (ky, kx, ci, co) sits at
    /// ky·ky + kx·kx + ci·ci + co·co of `values` (strides named after the index they multiply).
    struct Weights {
        let values: [Float]
        let ky: Int, kx: Int, ci: Int, co: Int

        /// conv2d: [Cout, Cin, k, k].
        static func convolution(_ values: [Float], _ g: ConvGeometry) -> Weights {
            Weights(values: values, ky: g.kernel, kx: 1, ci: g.kernel * g.kernel, co: g.inChannels * g.kernel * g.kernel)
        }

        /// conv_transpose2d: [Cin, Cout, k, k].
        static func transposed(_ values: [Float], _ g: ConvGeometry) -> Weights {
            Weights(values: values, ky: g.kernel, kx: 1, ci: g.outChannels * g.kernel * g.kernel, co: g.kernel * g.kernel)
        }

        /// linear: [outputs, inputs].
        static func dense(_ values: [Float], inputs: Int) -> Weights {
            Weights(values: values, ky: 0, kx: 0, ci: 1, co: inputs)
        }
    }

    /// `scale` (per output channel) is given with weights that batch norm has not been folded into;
    /// then (or when there is no batch norm at all) the weights are the file's own, and if every one is an exact
    /// half-precision number, the panels are also stored in half precision.
    init(inChannels: Int, outChannels: Int, inputPixels: Int, outputPixels: Int, bias: [Float]?, scale: [Float]? = nil,
         phases: [Phase], weights: Weights) {
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.inputPixels = inputPixels
        self.outputPixels = outputPixels
        let blocks = (outChannels + MicroKernel.width - 1) / MicroKernel.width
        func padded(_ values: [Float]?) -> [Float] {
            var padded = [Float](repeating: 0, count: blocks * MicroKernel.width)
            if let values { for co in 0..<outChannels { padded[co] = values[co] } }
            return padded
        }
        self.bias = padded(bias)
        // The narrow kernel has no scale step: there the scale goes into float32 weights.
        let narrow = Self.isNarrow(inChannels: inChannels, outChannels: outChannels)
        self.scale = narrow ? nil : scale.map(padded)
        let layout = Layout(inChannels: inChannels, outChannels: outChannels, blocks: blocks,
                            foldedScale: narrow ? scale : nil, half: !narrow)
        classes = phases.filter { !$0.pixels.isEmpty }.map { Self.tapClass($0, layout: layout, weights: weights) }
    }

    /// How a class's panels are laid out.
    struct Layout {
        let inChannels: Int, outChannels: Int, blocks: Int
        /// Multiplied into float32 weights (narrow layers, which have no scale step).
        let foldedScale: [Float]?
        /// Whether to try half-precision panels too.
        let half: Bool
    }

    var halfPanels: Bool { classes.first.map { !$0.halfWeights.isEmpty } ?? false }

    static func tapClass(_ phase: Phase, layout: Layout, weights: Weights) -> TapClass {
        let packed = pack(phase.taps, layout: layout, weights: weights), taps = phase.taps.count
        let masks = phase.pixels.map { pixel -> UInt64 in
            guard taps <= 64 else { return ~0 }
            return pixel.inputs.enumerated().reduce(0) { $1.element >= 0 ? $0 | (1 << UInt64($1.offset)) : $0 }
        }
        // Pixels that read every tap first, then border pixels grouped by the taps they skip, so
        // that most blocks of six rows either read every tap or skip the same ones.
        let order = masks.indices.sorted { (-masks[$0].nonzeroBitCount, masks[$0], $0) < (-masks[$1].nonzeroBitCount, masks[$1], $1) }
        let halves = layout.half ? exactHalves(packed) : nil
        return TapClass(taps: taps, weights: packed, halfWeights: halves ?? [], outputPixel: order.map { Int32(phase.pixels[$0].output) },
                        inputPixel: order.flatMap { phase.pixels[$0].inputs.map(Int32.init) }, tapMask: order.map { masks[$0] })
    }

    /// `values` in half precision, or nil if any of them is not exactly a half-precision number.
    static func exactHalves(_ values: [Float]) -> [Float16]? {
        var halves = [Float16](repeating: 0, count: values.count)
        let exact = values.withUnsafeBufferPointer { v in
            halves.withUnsafeMutableBufferPointer { h in
                for i in 0..<v.count {
                    h[i] = Float16(v[i])
                    if Float(h[i]) != v[i] { return false }
                }
                return true
            }
        }
        return exact ? halves : nil
    }

    /// The panels of one class: [channelBlock][tap][inChannel][16], or [tap][3][inChannel] when narrow.
    static func pack(_ taps: [(ky: Int, kx: Int)], layout: Layout, weights: Weights) -> [Float] {
        let cin = layout.inChannels, cout = layout.outChannels, width = MicroKernel.width
        let narrow = isNarrow(inChannels: cin, outChannels: cout)
        var packed = [Float](repeating: 0, count: narrow ? taps.count * 3 * cin : layout.blocks * taps.count * cin * width)
        // Walk the source in its own order (the inner index is the one with the smaller stride):
        // a transposed layer's weights are [Cin, Cout, k, k], and reading them channel-strided cost
        // a cache miss per weight at load.
        let coInner = weights.co <= weights.ci
        weights.values.withUnsafeBufferPointer { w in
            packed.withUnsafeMutableBufferPointer { out in
                for (t, tap) in taps.enumerated() {
                    let base = tap.ky * weights.ky + tap.kx * weights.kx
                    for outer in 0..<(coInner ? cin : cout) {
                        for inner in 0..<(coInner ? cout : cin) {
                            let (ci, co) = coInner ? (outer, inner) : (inner, outer)
                            let (block, lane) = co.quotientAndRemainder(dividingBy: width)
                            // Narrow: [tap][co][ci]; else [block][tap][ci][lane].
                            let target = narrow ? (t * 3 + co) * cin + ci : ((block * taps.count + t) * cin + ci) * width + lane
                            out[target] = w[base + ci * weights.ci + co * weights.co] * (layout.foldedScale?[co] ?? 1)
                        }
                    }
                }
            }
        }
        return packed
    }
}

// MARK: - Building from layer geometry

extension IndirectConv {
    /// conv2d over [height, width, Cin] with PyTorch's weight [Cout, Cin, k, k].
    static func convolution(_ g: ConvGeometry, height: Int, width: Int, weight: [Float], bias: [Float]?,
        scale: [Float]? = nil) -> IndirectConv {
        let ho = g.convOutput(height), wo = g.convOutput(width), k = g.kernel
        var phase = Phase(taps: (0..<k * k).map { ($0 / k, $0 % k) })
        for oy in 0..<ho {
            for ox in 0..<wo {
                let inputs = phase.taps.map { tap -> Int in
                    let iy = oy * g.stride - g.padding + tap.ky, ix = ox * g.stride - g.padding + tap.kx
                    return (0..<height).contains(iy) && (0..<width).contains(ix) ? iy * width + ix : -1
                }
                phase.pixels.append((oy * wo + ox, inputs))
            }
        }
        return IndirectConv(inChannels: g.inChannels, outChannels: g.outChannels, inputPixels: height * width,
                            outputPixels: ho * wo, bias: bias, scale: scale, phases: [phase], weights: .convolution(weight, g))
    }

    /// conv_transpose2d over [height, width, Cin] with PyTorch's weight [Cin, Cout, k, k]. Output
    /// row oy reads taps ky ≡ oy + padding (mod stride) from input row (oy + padding − ky) / stride.
    static func transposed(_ g: ConvGeometry, height: Int, width: Int, weight: [Float], bias: [Float]?,
        scale: [Float]? = nil) -> IndirectConv {
        if height == 1 && width == 1 && g.padding == 0 && g.outputPadding == 0 {
            return fromPoint(g, weight: weight, bias: bias, scale: scale)
        }
        let ho = g.transposedOutput(height), wo = g.transposedOutput(width), k = g.kernel, s = g.stride
        var phases: [Phase] = []
        for ry in 0..<s {
            for rx in 0..<s {
                var phase = Phase(taps: stride(from: ry, to: k, by: s).flatMap { ky in stride(from: rx, to: k, by: s).map { (ky, $0) } })
                for oy in 0..<ho where (oy + g.padding) % s == ry {
                    for ox in 0..<wo where (ox + g.padding) % s == rx {
                        let inputs = phase.taps.map { tap -> Int in
                            guard let iy = g.transposedSource(oy, tap: tap.ky, size: height),
                                  let ix = g.transposedSource(ox, tap: tap.kx, size: width) else { return -1 }
                            return iy * width + ix
                        }
                        phase.pixels.append((oy * wo + ox, inputs))
                    }
                }
                phases.append(phase)
            }
        }
        return IndirectConv(inChannels: g.inChannels, outChannels: g.outChannels, inputPixels: height * width,
                            outputPixels: ho * wo, bias: bias, scale: scale, phases: phases, weights: .transposed(weight, g))
    }

    /// A transposed convolution from a single pixel (DCGAN's first layer) is a dense layer whose
    /// outputs are the k x k x Cout channels-last picture; as phases it would be k² one-tap phases
    /// of one row each. Over any input, the same layer gives each pixel's k·k·Cout contributions
    /// (`ScatterTransposed`).
    static func fromPoint(_ g: ConvGeometry, weight: [Float], bias: [Float]?, scale: [Float]? = nil) -> IndirectConv {
        let kk = g.kernel * g.kernel, outputs = kk * g.outChannels
        func perPixel(_ values: [Float]?) -> [Float]? { values.map { v in (0..<outputs).map { v[$0 % g.outChannels] } } }
        // As a linear weight [(pixel, co), ci] from [ci, co, pixel].
        var linear = [Float](repeating: 0, count: outputs * g.inChannels)
        for ci in 0..<g.inChannels {
            for co in 0..<g.outChannels {
                for pixel in 0..<kk {
                    linear[(pixel * g.outChannels + co) * g.inChannels + ci] = weight[(ci * g.outChannels + co) * kk + pixel]
                }
            }
        }
        return dense(inputs: g.inChannels, outputs: outputs, weight: linear, bias: perPixel(bias), scale: perPixel(scale))
    }

    /// A linear layer with PyTorch's weight [outputs, inputs]: one pixel, one tap.
    static func dense(inputs: Int, outputs: Int, weight: [Float], bias: [Float]?, scale: [Float]? = nil) -> IndirectConv {
        IndirectConv(inChannels: inputs, outChannels: outputs, inputPixels: 1, outputPixels: 1, bias: bias, scale: scale,
                     phases: [Phase(taps: [(0, 0)], pixels: [(0, [0])])], weights: .dense(weight, inputs: inputs))
    }
}
