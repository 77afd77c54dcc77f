import Dispatch

/// A network as the engine runs it: channels-last steps with weights packed once, ReLU fused into
/// the layer before it, and two buffers reused for the whole batch (no allocation per layer).
/// Built from `Network`'s folded steps; `Network.forward(kernels: .reference)` runs those directly.
struct FastPlan: Sendable {
    enum Step: Sendable {
        case conv(IndirectConv)
        case winograd(WinogradTransposed)
        case scatter(ScatterTransposed)
        case affine(scale: [Float], shift: [Float], pixels: Int)
        case upsample(bilinear: Bool, channels: Int, height: Int, width: Int, scale: Int)
        case activation(Activation)
        case layout(toChannelsLast: Bool, channels: Int, plane: Int)
    }

    let steps: [Step]
    /// Floats per sample before the first step and after each one.
    let sizes: [Int]
    let widestInput: Int

    /// `unfolded[i]` is folded step i before batch norm went into it, with the norm's scale.
    init(inputShape: [Int], steps folded: [Network.Step], shapes: [[Int]], unfolded: [Int: (step: Network.Step, scale: [Float])] = [:]) {
        var steps: [Step] = []
        var sizes = [inputShape.reduce(1, *)]
        func append(_ step: Step, size: Int) { steps.append(step); sizes.append(size) }
        if let layout = Self.layout(inputShape, toChannelsLast: true) { append(layout, size: sizes[0]) }
        let built = Self.buildLayers(folded, unfolded: unfolded)
        var shape = inputShape
        for (index, (step, next)) in zip(folded, shapes).enumerated() {
            let size = next.reduce(1, *)
            switch step {
            case .activation(let activation):
                if let last = steps.last, let fused = Self.fuse(activation, into: last) {
                    steps[steps.count - 1] = fused
                } else {
                    append(.activation(activation), size: size)
                }
            case .reshape:
                if let planar = Self.layout(shape, toChannelsLast: false) { append(planar, size: size) }
                if let channelsLast = Self.layout(next, toChannelsLast: true) { append(channelsLast, size: size) }
            default:
                append(built[index] ?? Self.step(step), size: size)
            }
            shape = next
        }
        if let planar = Self.layout(shape, toChannelsLast: false) { append(planar, size: sizes.last!) }
        self.steps = steps
        self.sizes = sizes
        widestInput = steps.reduce(MicroKernel.width) { widest, step in
            switch step {
            case .conv(let conv): return max(widest, conv.inChannels)
            case .winograd(let layer): return max(widest, layer.inChannels)
            case .scatter(let layer): return max(widest, layer.products.inChannels)
            default: return widest
            }
        }
    }

    /// One line per step, for `ganvas bench --layers`.
    var stepNames: [String] {
        steps.map { step in
            switch step {
            case .conv(let c):
                return "indirect conv \(c.inChannels)→\(c.outChannels) ch, \(c.inputPixels)→\(c.outputPixels) px\(c.halfPanels ? ", f16 copy for few rows" : "")\(c.clamp == .none ? "" : " + clamp")"
            case .winograd(let w):
                return "winograd convT \(w.inChannels)→\(w.outChannels) ch, \(w.height)x\(w.width)→\(2 * w.height)x\(2 * w.width)\(w.clamp == .none ? "" : " + clamp")"
            case .scatter(let l):
                return "scatter convT \(l.products.inChannels)→\(l.outChannels) ch, \(l.inputPixels)→\(l.outputPixels) px\(l.clamp == .none ? "" : " + clamp")"
            case .affine(let scale, _, let pixels): return "affine \(scale.count) ch x \(pixels) px"
            case .upsample(let bilinear, let c, let h, let w, let s): return "upsample \(bilinear ? "bilinear" : "nearest") x\(s), \(c) ch, \(h)x\(w)"
            case .activation(let a): return "\(a)"
            case .layout(let toChannelsLast, let c, let p): return toChannelsLast ? "to channels-last \(c) x \(p)" : "to planar \(c) x \(p)"
            }
        }
    }

    /// The layer with `activation` applied as its clamp, or nil if it cannot take it.
    static func fuse(_ activation: Activation, into step: Step) -> Step? {
        guard let clamp = activation.clamp else { return nil }
        switch step {
        case .conv(var conv) where conv.clamp == .none:
            conv.clamp = clamp
            return .conv(conv)
        case .winograd(var layer) where layer.clamp == .none:
            layer.clamp = clamp
            return .winograd(layer)
        case .scatter(var layer) where layer.clamp == .none:
            layer.clamp = clamp
            return .scatter(layer)
        default:
            return nil
        }
    }

    /// The weighted layers' engine steps, built on all cores (packing weights is most of a big
    /// model's start-up); nil for the other steps.
    static func buildLayers(_ folded: [Network.Step], unfolded: [Int: (step: Network.Step, scale: [Float])]) -> [Step?] {
        let built = UnsafeMutableBufferPointer<Step?>.allocate(capacity: folded.count)
        built.initialize(repeating: nil)
        defer { built.deallocate() }
        let layers = folded.indices.filter {
            switch folded[$0] {
            case .dense, .conv, .convTranspose: return true
            default: return false
            }
        }
        // Each layer writes its own slot.
        Parallel.run(layers.count) { built[layers[$0]] = step(folded[layers[$0]], unfolded: unfolded[layers[$0]]) }
        return Array(built)
    }

    /// Direct layers take the weights from before batch norm was folded in, with its scale kept
    /// apart, when there are any (see `IndirectConv.init`); the bias is always the folded one.
    static func step(_ step: Network.Step, unfolded: (step: Network.Step, scale: [Float])? = nil) -> Step {
        if case .convTranspose(let g, let h, let w, let weight, let bias) = step {
            if WinogradTransposed.applies(g, height: h, width: w) {
                return .winograd(WinogradTransposed(g, height: h, width: w, weight: weight, bias: bias))
            }
            if ScatterTransposed.applies(g) {
                return .scatter(ScatterTransposed(g, height: h, width: w, weight: weight, bias: bias))
            }
        }
        let scale = unfolded?.scale, bias = step.bias
        switch unfolded?.step ?? step {
        case .dense(let inputs, let outputs, let weight, _):
            return .conv(.dense(inputs: inputs, outputs: outputs, weight: weight, bias: bias, scale: scale))
        case .conv(let g, let h, let w, let weight, _):
            return .conv(.convolution(g, height: h, width: w, weight: weight, bias: bias, scale: scale))
        case .convTranspose(let g, let h, let w, let weight, _):
            return .conv(.transposed(g, height: h, width: w, weight: weight, bias: bias, scale: scale))
        case .affine(_, let plane, let scale, let shift):
            return .affine(scale: scale, shift: shift, pixels: plane)
        case .upsample(let bilinear, let c, let h, let w, let s):
            return .upsample(bilinear: bilinear, channels: c, height: h, width: w, scale: s)
        case .activation(let activation):
            return .activation(activation)
        case .reshape:
            preconditionFailure("reshapes become layout steps")
        }
    }

    /// Shapes with more than one pixel per channel are kept channels-last; vectors and [C, 1, 1] are the same either way.
    static func layout(_ shape: [Int], toChannelsLast: Bool) -> Step? {
        let plane = shape.dropFirst().reduce(1, *)
        guard shape.count >= 2 && plane > 1 else { return nil }
        return .layout(toChannelsLast: toChannelsLast, channels: shape[0], plane: plane)
    }

    /// Runs `batch` samples (planar, as the model file lays them out) and returns the planar result.
    /// `threads` > 1 shares each layer's output channels out between threads.
    /// `stepTimes`, when given, receives each step's milliseconds (for `ganvas bench --layers`).
    func forward(_ input: [Float], batch: Int, threads: Int, stepTimes: UnsafeMutablePointer<Double>? = nil) -> [Float] {
        let capacity = batch * (sizes.max() ?? 0)
        var current = UnsafeMutablePointer<Float>.allocate(capacity: capacity)
        var spare = UnsafeMutablePointer<Float>.allocate(capacity: capacity)
        let zeros = UnsafeMutablePointer<Float>.allocate(capacity: widestInput)
        zeros.initialize(repeating: 0, count: widestInput)
        defer { current.deallocate(); spare.deallocate(); zeros.deallocate() }
        input.withUnsafeBufferPointer { current.update(from: $0.baseAddress!, count: input.count) }
        for (index, step) in steps.enumerated() {
            let start = stepTimes == nil ? 0 : DispatchTime.now().uptimeNanoseconds
            if run(step, current, spare, batch: batch, size: sizes[index + 1], zeros: zeros, threads: threads) {
                swap(&current, &spare)
            }
            stepTimes?[index] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        }
        return Array(UnsafeBufferPointer(start: current, count: batch * sizes.last!))
    }

    /// One step; returns whether it wrote `spare` (else it worked in place).
    func run(_ step: Step, _ x: UnsafeMutablePointer<Float>, _ y: UnsafeMutablePointer<Float>,
             batch: Int, size: Int, zeros: UnsafePointer<Float>, threads: Int) -> Bool {
        switch step {
        case .conv(let conv):
            conv.forward(x, y, batch: batch, zeros: zeros, threads: threads)
        case .winograd(let layer):
            layer.forward(x, y, batch: batch, zeros: zeros, threads: threads)
        case .scatter(let layer):
            layer.forward(x, y, batch: batch, zeros: zeros, threads: threads)
        case .affine(let scale, let shift, let pixels):
            ChannelsLast.affine(x, pixels: batch * pixels, scale: scale, shift: shift)
            return false
        case .upsample(let bilinear, let c, let h, let w, let s):
            let upsample = bilinear ? ChannelsLast.upsampleBilinear : ChannelsLast.upsampleNearest
            upsample(x, y, batch, c, h, w, s)
        case .activation(let activation):
            activation.applyFast(UnsafeMutableBufferPointer(start: x, count: batch * size))
            return false
        case .layout(let toChannelsLast, let channels, let plane):
            ChannelsLast.transpose(x, y, batch: batch, channels: channels, plane: plane, toChannelsLast: toChannelsLast)
        }
        return true
    }
}

extension Network.Step {
    /// A weighted layer's bias (nil for the other steps).
    var bias: [Float]? {
        switch self {
        case .dense(_, _, _, let bias), .conv(_, _, _, _, let bias), .convTranspose(_, _, _, _, let bias): return bias
        default: return nil
        }
    }
}

extension Activation {
    /// The clamp the micro-kernel applies for this activation, if it has one.
    var clamp: MicroKernel.Clamp? {
        switch self {
        case .relu: return .relu
        case .leakyReLU(let slope): return .leaky(slope)
        case .tanh: return nil
        }
    }

    /// Like `apply`, with tanh eight lanes at a time.
    func applyFast(_ data: UnsafeMutableBufferPointer<Float>) {
        if case .tanh = self { VectorMath.tanh(data) } else { apply(data) }
    }
}
