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

    /// `weight(ky, kx, ci, co)` reads the layer's weight in whatever layout it was stored.
    /// `scale` (per output channel) is given with weights that batch norm has not been folded into;
    /// then, if every weight is an exact half-precision number, the panels are stored in half precision.
    init(inChannels: Int, outChannels: Int, inputPixels: Int, outputPixels: Int, bias: [Float]?, scale: [Float]? = nil,
         phases: [Phase], weight: (Int, Int, Int, Int) -> Float) {
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
        let half = !narrow && scale != nil
        classes = withoutActuallyEscaping(weight) { weight in
            phases.filter { !$0.pixels.isEmpty }.map { phase in
                Self.tapClass(phase, inChannels: inChannels, outChannels: outChannels, blocks: blocks, half: half) { ky, kx, ci, co in
                    guard narrow, let scale else { return weight(ky, kx, ci, co) }
                    return weight(ky, kx, ci, co) * scale[co]
                }
            }
        }
    }

    var halfPanels: Bool { classes.first.map { !$0.halfWeights.isEmpty } ?? false }

    static func tapClass(_ phase: Phase, inChannels: Int, outChannels: Int, blocks: Int, half: Bool,
                         weight: (Int, Int, Int, Int) -> Float) -> TapClass {
        let taps = phase.taps.count, width = MicroKernel.width
        var packed: [Float]
        if isNarrow(inChannels: inChannels, outChannels: outChannels) {
            packed = [Float](repeating: 0, count: taps * 3 * inChannels)
            for (t, tap) in phase.taps.enumerated() {
                for co in 0..<outChannels {
                    for ci in 0..<inChannels { packed[(t * 3 + co) * inChannels + ci] = weight(tap.ky, tap.kx, ci, co) }
                }
            }
        } else {
            packed = [Float](repeating: 0, count: blocks * taps * inChannels * width)
            for block in 0..<blocks {
                for (t, tap) in phase.taps.enumerated() {
                    let panel = (block * taps + t) * inChannels * width
                    for ci in 0..<inChannels {
                        for lane in 0..<min(width, outChannels - block * width) {
                            packed[panel + ci * width + lane] = weight(tap.ky, tap.kx, ci, block * width + lane)
                        }
                    }
                }
            }
        }
        func mask(_ inputs: [Int]) -> UInt64 {
            guard taps <= 64 else { return ~0 }
            return inputs.enumerated().reduce(0) { $1.element >= 0 ? $0 | (1 << UInt64($1.offset)) : $0 }
        }
        // Pixels that read every tap first, then border pixels grouped by the taps they skip, so
        // that most blocks of six rows either read every tap or skip the same ones.
        func key(_ row: (offset: Int, element: (output: Int, inputs: [Int]))) -> (Int, UInt64, Int) {
            let m = mask(row.element.inputs)
            return (-m.nonzeroBitCount, m, row.offset)
        }
        let rows = phase.pixels.enumerated().sorted { key($0) < key($1) }.map(\.element)
        let halves = half ? packed.map { Float16($0) } : []
        let exact = half && zip(packed, halves).allSatisfy { Float($1) == $0 }
        return TapClass(taps: taps, weights: packed, halfWeights: exact ? halves : [], outputPixel: rows.map { Int32($0.output) },
                        inputPixel: rows.flatMap { $0.inputs.map(Int32.init) }, tapMask: rows.map { mask($0.inputs) })
    }
}

// MARK: - Building from layer geometry

extension IndirectConv {
    /// conv2d over [height, width, Cin] with PyTorch's weight [Cout, Cin, k, k].
    static func convolution(_ g: ConvGeometry, height: Int, width: Int, weight: [Float], bias: [Float]?, scale: [Float]? = nil) -> IndirectConv {
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
                            outputPixels: ho * wo, bias: bias, scale: scale, phases: [phase]) { ky, kx, ci, co in
            weight[((co * g.inChannels + ci) * k + ky) * k + kx]
        }
    }

    /// conv_transpose2d over [height, width, Cin] with PyTorch's weight [Cin, Cout, k, k]. Output
    /// row oy reads taps ky ≡ oy + padding (mod stride) from input row (oy + padding − ky) / stride.
    static func transposed(_ g: ConvGeometry, height: Int, width: Int, weight: [Float], bias: [Float]?, scale: [Float]? = nil) -> IndirectConv {
        if height == 1 && width == 1 && g.padding == 0 && g.outputPadding == 0 {
            return fromPoint(g, weight: weight, bias: bias, scale: scale)
        }
        let ho = g.transposedOutput(height), wo = g.transposedOutput(width), k = g.kernel, s = g.stride
        func source(_ o: Int, _ tap: Int, _ size: Int) -> Int {
            let shifted = o + g.padding - tap
            return shifted % s == 0 && (0..<size).contains(shifted / s) && shifted >= 0 ? shifted / s : -1
        }
        var phases: [Phase] = []
        for ry in 0..<s {
            for rx in 0..<s {
                var phase = Phase(taps: stride(from: ry, to: k, by: s).flatMap { ky in stride(from: rx, to: k, by: s).map { (ky, $0) } })
                for oy in 0..<ho where (oy + g.padding) % s == ry {
                    for ox in 0..<wo where (ox + g.padding) % s == rx {
                        let inputs = phase.taps.map { tap -> Int in
                            let iy = source(oy, tap.ky, height), ix = source(ox, tap.kx, width)
                            return iy >= 0 && ix >= 0 ? iy * width + ix : -1
                        }
                        phase.pixels.append((oy * wo + ox, inputs))
                    }
                }
                phases.append(phase)
            }
        }
        return IndirectConv(inChannels: g.inChannels, outChannels: g.outChannels, inputPixels: height * width,
                            outputPixels: ho * wo, bias: bias, scale: scale, phases: phases) { ky, kx, ci, co in
            weight[((ci * g.outChannels + co) * k + ky) * k + kx]
        }
    }

    /// A transposed convolution from a single pixel (DCGAN's first layer) is a dense layer whose
    /// outputs are the k x k x Cout channels-last picture; as phases it would be k² one-tap phases
    /// of one row each.
    static func fromPoint(_ g: ConvGeometry, weight: [Float], bias: [Float]?, scale: [Float]? = nil) -> IndirectConv {
        let k = g.kernel, kk = k * k
        let phase = Phase(taps: [(0, 0)], pixels: [(0, [0])])
        func perPixel(_ values: [Float]?) -> [Float]? { values.map { v in (0..<kk * g.outChannels).map { v[$0 % g.outChannels] } } }
        return IndirectConv(inChannels: g.inChannels, outChannels: kk * g.outChannels, inputPixels: 1, outputPixels: 1,
                            bias: perPixel(bias), scale: perPixel(scale), phases: [phase]) { _, _, ci, o in
            let (pixel, co) = o.quotientAndRemainder(dividingBy: g.outChannels)
            return weight[(ci * g.outChannels + co) * kk + pixel]
        }
    }

    /// A linear layer with PyTorch's weight [outputs, inputs]: one pixel, one tap.
    static func dense(inputs: Int, outputs: Int, weight: [Float], bias: [Float]?, scale: [Float]? = nil) -> IndirectConv {
        IndirectConv(inChannels: inputs, outChannels: outputs, inputPixels: 1, outputPixels: 1, bias: bias, scale: scale,
                     phases: [Phase(taps: [(0, 0)], pixels: [(0, [0])])]) { _, _, ci, co in weight[co * inputs + ci] }
    }
}
