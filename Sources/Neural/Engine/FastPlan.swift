import CHardware
import Dispatch

/// A network as the engine runs it: channels-last steps with weights packed once, ReLU fused into
/// the layer before it, and a few buffers reused for the whole batch (no allocation per layer):
/// each step's output takes a free buffer and frees its inputs' after their last reader, so a
/// chain ping-pongs between two. Built from `Network`'s folded steps; `Network.forward(kernels:
/// .reference)` runs those directly.
struct FastPlan: Sendable {
    enum Step: Sendable {
        case conv(IndirectConv)
        case winograd(WinogradTransposed)
        case scatter(ScatterTransposed)
        case affine(scale: [Float], shift: [Float], pixels: Int)
        case upsample(bilinear: Bool, channels: Int, height: Int, width: Int, scale: Int)
        case activation(Activation)
        case layout(toChannelsLast: Bool, channels: Int, plane: Int)
        case graph(GraphOp)
    }

    let steps: [Step]
    /// For each step, the steps whose outputs it reads (-1: the plan's input).
    let inputs: [[Int]]
    /// Floats per sample of the input and of each step's output.
    let inputSize: Int
    let sizes: [Int]
    /// The buffer each step writes (the input sits in buffer 0), and the floats per sample each buffer holds.
    let slots: [Int]
    let slotSizes: [Int]
    /// The step whose output is the plan's (-1: the input itself, as for a network of reshapes).
    let output: Int
    let widestInput: Int

    /// `unfolded[i]` is folded step i before batch norm went into it, with the norm's scale.
    init(inputShape: [Int], steps folded: [Network.Step], inputs foldedInputs: [[Int]], shapes: [[Int]],
         unfolded: [Int: (step: Network.Step, scale: [Float])] = [:]) {
        var builder = Builder(inputShape: inputShape)
        let built = Self.buildLayers(folded, unfolded: unfolded)
        var readers = [Int](repeating: 0, count: folded.count)
        for sources in foldedInputs { for s in sources where s >= 0 { readers[s] += 1 } }
        var valueOf: [Int] = []  // the engine step holding each network step's output
        for (index, (step, next)) in zip(folded, shapes).enumerated() {
            let sources = foldedInputs[index]
            let values = sources.map { $0 < 0 ? builder.inputValue : valueOf[$0] }
            let inShape = sources[0] < 0 ? inputShape : shapes[sources[0]]
            let size = next.reduce(1, *)
            switch step {
            case .activation(let activation):
                // Fused only into the step just built, when nothing else reads its output.
                if sources[0] >= 0, readers[sources[0]] == 1, values[0] == builder.steps.count - 1,
                   let fused = Self.fuse(activation, into: builder.steps[values[0]]) {
                    builder.steps[values[0]] = fused
                    valueOf.append(values[0])
                } else {
                    valueOf.append(builder.append(.activation(activation), inputs: values, size: size))
                }
            case .reshape:
                var value = values[0]
                if let planar = Self.layout(inShape, toChannelsLast: false) { value = builder.append(planar, inputs: [value], size: size) }
                if let channelsLast = Self.layout(next, toChannelsLast: true) { value = builder.append(channelsLast, inputs: [value],
                    size: size) }
                valueOf.append(value)
            default:
                valueOf.append(builder.append(built[index] ?? Self.step(step), inputs: values, size: size))
            }
        }
        var output = valueOf.last ?? builder.inputValue
        if let planar = Self.layout(shapes.last ?? inputShape, toChannelsLast: false) {
            output = builder.append(planar, inputs: [output], size: builder.size(of: output))
        }
        self.output = output
        steps = builder.steps
        inputs = builder.inputs
        inputSize = builder.inputSize
        sizes = builder.sizes
        (slots, slotSizes) = Self.assignSlots(inputs: builder.inputs, sizes: builder.sizes, inputSize: builder.inputSize,
                                              inPlace: builder.steps.map(\.worksInPlace), output: output)
        // Two blocks of zeros at least: they double as the absent bias of `MicroKernel.blockOfTwo`.
        widestInput = steps.reduce(2 * MicroKernel.width) { widest, step in
            switch step {
            case .conv(let conv): return max(widest, conv.inChannels)
            case .winograd(let layer): return max(widest, layer.inChannels)
            case .scatter(let layer): return max(widest, layer.products.inChannels)
            default: return widest
            }
        }
    }

    /// Collects engine steps and what they read.
    struct Builder {
        var steps: [Step] = []
        var inputs: [[Int]] = []
        var sizes: [Int] = []
        let inputSize: Int
        var inputValue = -1

        init(inputShape: [Int]) {
            inputSize = inputShape.reduce(1, *)
            if let layout = FastPlan.layout(inputShape, toChannelsLast: true) { inputValue = append(layout, inputs: [-1], size: inputSize) }
        }

        mutating func append(_ step: Step, inputs sources: [Int], size: Int) -> Int {
            steps.append(step)
            inputs.append(sources)
            sizes.append(size)
            return steps.count - 1
        }

        func size(of value: Int) -> Int { value < 0 ? inputSize : sizes[value] }
    }

    /// Gives each step's output a buffer: the input's own when the step works in place and is its
    /// input's last reader, else one no live value holds. Returns the buffer per step and each
    /// buffer's size (floats per sample); buffer 0 starts with the plan's input.
    static func assignSlots(inputs: [[Int]], sizes: [Int], inputSize: Int, inPlace: [Bool], output: Int) -> ([Int], [Int]) {
        var lastRead = [Int](repeating: -1, count: inputs.count + 1)  // index v + 1 for value v
        for (i, sources) in inputs.enumerated() { for v in sources { lastRead[v + 1] = i } }
        lastRead[output + 1] = Int.max  // the output stays
        var slotOf = [Int](repeating: 0, count: inputs.count + 1)
        var slotSizes = [inputSize], free: [Int] = []
        for (i, sources) in inputs.enumerated() {
            if inPlace[i], lastRead[sources[0] + 1] == i, !sources.dropFirst().contains(sources[0]) {
                slotOf[i + 1] = slotOf[sources[0] + 1]
            } else if let slot = free.popLast() {
                slotOf[i + 1] = slot
            } else {
                slotOf[i + 1] = slotSizes.count
                slotSizes.append(0)
            }
            slotSizes[slotOf[i + 1]] = max(slotSizes[slotOf[i + 1]], sizes[i])
            for v in Set(sources) where lastRead[v + 1] == i && slotOf[v + 1] != slotOf[i + 1] { free.append(slotOf[v + 1]) }
        }
        return (Array(slotOf.dropFirst()), slotSizes)
    }

    /// One line per step, for `ganvas bench --layers`.
    var stepNames: [String] {
        steps.map { step in
            switch step {
            case .conv(let c):
                return "indirect conv \(c.inChannels)→\(c.outChannels) ch, \(c.inputPixels)→\(c.outputPixels) " +
                    "px\(c.halfPanels ? ", f16 copy for few rows" : "")\(c.clamp == .none ? "" : " + clamp")"
            case .winograd(let w):
                return "winograd convT \(w.inChannels)→\(w.outChannels) ch, " +
                    "\(w.height)x\(w.width)→\(2 * w.height)x\(2 * w.width)\(w.clamp == .none ? "" : " + clamp")"
            case .scatter(let l):
                return "scatter convT \(l.products.inChannels)→\(l.outChannels) ch, \(l.inputPixels)→\(l.outputPixels) " +
                    "px\(l.clamp == .none ? "" : " + clamp")"
            case .affine(let scale, _, let pixels): return "affine \(scale.count) ch x \(pixels) px"
            case .upsample(let bilinear, let c, let h, let w,
                let s): return "upsample \(bilinear ? "bilinear" : "nearest") x\(s), \(c) ch, \(h)x\(w)"
            case .activation(let a): return "\(a)"
            case .layout(let toChannelsLast, let c, let p): return toChannelsLast ? "to channels-last \(c) x \(p)" : "to planar \(c) x \(p)"
            case .graph(let op): return op.name
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
        // Deinitialised before it is freed: a freed buffer of initialised slots would keep every
        // packed layer alive forever (found by the model fuzzer: memory grew with every load).
        defer {
            built.deinitialize()
            built.deallocate()
        }
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
        case .graph(let op):
            return .graph(op)
        case .reshape:
            fatalError("reshapes become layout steps")
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
        ganvas_flush_subnormals()  // this thread runs the steps that are not shared out
        let buffers = slotSizes.map { UnsafeMutablePointer<Float>.allocate(capacity: max(batch * $0, 1)) }
        let zeros = UnsafeMutablePointer<Float>.allocate(capacity: widestInput)
        zeros.initialize(repeating: 0, count: widestInput)
        defer { buffers.forEach { $0.deallocate() }; zeros.deallocate() }
        input.withUnsafeBufferPointer { buffers[0].update(from: $0.baseAddress!, count: input.count) }
        func buffer(_ value: Int) -> UnsafeMutablePointer<Float> { value < 0 ? buffers[0] : buffers[slots[value]] }
        for (index, step) in steps.enumerated() {
            let start = stepTimes == nil ? 0 : DispatchTime.now().uptimeNanoseconds
            let sources = inputs[index].map(buffer), output = buffers[slots[index]]
            if step.worksInPlace && sources[0] != output {
                output.update(from: sources[0], count: batch * sizes[index])
            }
            run(step, sources, output, batch: batch, size: sizes[index], zeros: zeros, threads: threads)
            stepTimes?[index] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        }
        return Array(UnsafeBufferPointer(start: buffer(output), count: batch * (output < 0 ? inputSize : sizes[output])))
    }

    /// One step from `x` (its inputs) into `y`; steps that work in place find their input already in `y`.
    func run(_ step: Step, _ x: [UnsafeMutablePointer<Float>], _ y: UnsafeMutablePointer<Float>,
             batch: Int, size: Int, zeros: UnsafePointer<Float>, threads: Int) {
        switch step {
        case .conv(let conv):
            conv.forward(x[0], y, batch: batch, zeros: zeros, threads: threads)
        case .winograd(let layer):
            layer.forward(x[0], y, batch: batch, zeros: zeros, threads: threads)
        case .scatter(let layer):
            layer.forward(x[0], y, batch: batch, zeros: zeros, threads: threads)
        case .affine(let scale, let shift, let pixels):
            ChannelsLast.affine(y, pixels: batch * pixels, scale: scale, shift: shift)
        case .upsample(let bilinear, let c, let h, let w, let s):
            let upsample = bilinear ? ChannelsLast.upsampleBilinear : ChannelsLast.upsampleNearest
            upsample(x[0], y, batch, c, h, w, s)
        case .activation(let activation):
            activation.applyFast(UnsafeMutableBufferPointer(start: y, count: batch * size))
        case .layout(let toChannelsLast, let channels, let plane):
            ChannelsLast.transpose(x[0], y, batch: batch, channels: channels, plane: plane, toChannelsLast: toChannelsLast)
        case .graph(let op):
            ChannelsLast.run(op, x, y, batch: batch, size: size)
        }
    }
}

extension FastPlan.Step {
    /// Steps that rewrite their (single) input where it lies.
    var worksInPlace: Bool {
        switch self {
        case .affine, .activation: return true
        default: return false
        }
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
        case .tanh, .sigmoid, .silu: return nil
        }
    }

    /// Like `apply`, with the exponential ones eight lanes at a time.
    func applyFast(_ data: UnsafeMutableBufferPointer<Float>) {
        switch self {
        case .tanh: VectorMath.tanh(data)
        case .sigmoid: VectorMath.map(data) { VectorMath.sigmoid($0) }
        case .silu: VectorMath.map(data) { $0 * VectorMath.sigmoid($0) }
        default: apply(data)
        }
    }
}
