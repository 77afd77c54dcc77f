import Foundation

/// Which kernels run a forward pass: the engine's fast ones, or the plain references they are
/// tested against.
public enum KernelChoice: Sendable { case fast, reference }

/// An architecture bound to its weights, ready to run on batches of any size. Batch norm that
/// follows a linear or convolution layer (its only reader) is folded into that layer's weights
/// here, once; the engine's channels-last plan (`FastPlan`) is built from the folded steps, which
/// the reference kernels run as they are.
public struct Network: Sendable {
    public let inputShape: [Int]
    public let outputShape: [Int]
    let steps: [Step]
    /// For each step, the steps it reads; -1 is the network's input. A chain reads the step before.
    let stepInputs: [[Int]]
    /// The per-sample shape after each step.
    let stepShapes: [[Int]]
    let plan: FastPlan

    enum Step: Sendable {
        case dense(inputs: Int, outputs: Int, weight: [Float], bias: [Float]?)
        case conv(ConvGeometry, height: Int, width: Int, weight: [Float], bias: [Float]?)
        case convTranspose(ConvGeometry, height: Int, width: Int, weight: [Float], bias: [Float]?)
        case affine(channels: Int, plane: Int, scale: [Float], shift: [Float])
        case upsample(bilinear: Bool, channels: Int, height: Int, width: Int, scale: Int)
        case activation(Activation)
        case reshape
        /// The graph ops (several inputs, or shapes a chain layer does not change).
        case graph(GraphOp)
    }

    /// Binds `architecture` to tensors; `tensor(name)` returns a tensor's float32 values.
    /// `foldingBatchNorm: false` keeps every batch norm a step of its own: the reference path is
    /// then the graph exactly as written, a check on folding itself (`RandomGraphs`).
    public init(architecture: Architecture, inputShape: [Int], tensorShapes: [String: [Int]], foldingBatchNorm: Bool = true,
                tensor: (String) -> [Float]) throws {
        let shapes = try architecture.shapes(input: inputShape, tensorShapes: tensorShapes)
        try architecture.checkCost(input: inputShape, shapes: shapes, tensorShapes: tensorShapes)
        let readers = architecture.readers
        var steps: [Step] = [], stepInputs: [[Int]] = [], stepShapes: [[Int]] = []
        // Layers as they were before batch norm was folded in, with its scale: the engine keeps
        // such weights exact (in half precision when the file's are) and scales after summing.
        var unfolded: [Int: (step: Step, scale: [Float])] = [:]
        var stepOfLayer: [Int] = []  // the step whose output is each layer's output
        for (index, layer) in architecture.layers.enumerated() {
            let sources = architecture.inputs[index]
            let sourceSteps = sources.map { $0 < 0 ? -1 : stepOfLayer[$0] }
            let sourceShapes = sources.map { $0 < 0 ? inputShape : shapes[$0] }
            if case .batchNorm(let w, let b, let m, let v, let eps) = layer {
                let (scale, shift) = Self.batchNormAffine(gamma: tensor(w), beta: tensor(b), mean: tensor(m), variance: tensor(v), eps: eps)
                let source = sourceSteps[0]
                // Folding makes the source step stand for this layer. The network's output is its
                // last step, so a last layer folds only into the step computed last (a norm on a
                // side branch that ends the graph stays a step of its own).
                let isOutput = index == architecture.layers.count - 1
                if foldingBatchNorm, source >= 0, readers[sources[0]] == 1, !isOutput || source == steps.count - 1,
                   let folded = Self.fold(steps[source], scale: scale, shift: shift) {
                    unfolded[source] = (unfolded[source]?.step ?? steps[source],
                        (unfolded[source]?.scale).map { zip($0, scale).map(*) } ?? scale)
                    steps[source] = folded
                    stepOfLayer.append(source)
                    continue
                }
                steps.append(.affine(channels: sourceShapes[0][0], plane: sourceShapes[0].dropFirst().reduce(1, *), scale: scale,
                    shift: shift))
            } else {
                steps.append(Self.step(for: layer, inputs: sourceShapes, output: shapes[index], tensor: tensor))
            }
            stepInputs.append(sourceSteps)
            stepShapes.append(shapes[index])
            stepOfLayer.append(steps.count - 1)
        }
        self.inputShape = inputShape
        self.outputShape = shapes.last!
        self.steps = steps
        self.stepInputs = stepInputs
        self.stepShapes = stepShapes
        plan = FastPlan(inputShape: inputShape, steps: steps, inputs: stepInputs, shapes: stepShapes, unfolded: unfolded)
    }

    /// The most values one step writes per sample (what the engine's buffers must hold).
    public var largestActivation: Int { stepShapes.map { $0.reduce(1, *) }.max() ?? outputShape.reduce(1, *) }

    static func step(for layer: LayerSpec, inputs: [[Int]], output: [Int], tensor: (String) -> [Float]) -> Step {
        let input = inputs[0]
        let plane = output.dropFirst().reduce(1, *)
        switch layer {
        case .linear(let w, let b):
            return .dense(inputs: input[0], outputs: output[0], weight: tensor(w), bias: b.map(tensor))
        case .conv2d(let w, let b, let stride, let padding):
            let weight = tensor(w)
            let k = Int(Double(weight.count / (output[0] * input[0])).squareRoot().rounded())
            let g = ConvGeometry(inChannels: input[0], outChannels: output[0], kernel: k, stride: stride, padding: padding)
            return .conv(g, height: input[1], width: input[2], weight: weight, bias: b.map(tensor))
        case .convTranspose2d(let w, let b, let stride, let padding, let outputPadding):
            let weight = tensor(w)
            let k = Int(Double(weight.count / (output[0] * input[0])).squareRoot().rounded())
            let g = ConvGeometry(inChannels: input[0], outChannels: output[0], kernel: k, stride: stride, padding: padding,
                outputPadding: outputPadding)
            return .convTranspose(g, height: input[1], width: input[2], weight: weight, bias: b.map(tensor))
        case .bias(let b):
            return .affine(channels: input[0], plane: input.dropFirst().reduce(1, *), scale: [Float](repeating: 1, count: input[0]),
                shift: tensor(b))
        case .upsample(let bilinear, let scale):
            return .upsample(bilinear: bilinear, channels: input[0], height: input[1], width: input[2], scale: scale)
        case .activation(let activation):
            return .activation(activation)
        case .reshape:
            return .reshape
        case .add:
            return .graph(.add)
        case .mul:
            return .graph(.mul(channels: output[0], pixels: plane, perChannel: inputs[1] != output))
        case .concat:
            return .graph(.concat(channels: inputs.map { $0[0] }, pixels: plane))
        case .glu:
            return .graph(.glu(channels: output[0], pixels: plane))
        case .avgPool(let k):
            return .graph(.avgPool(channels: input[0], height: input[1], width: input[2], kernel: k))
        case .globalAvgPool:
            return .graph(.globalAvgPool(channels: input[0], pixels: input[1] * input[2]))
        case .pixelShuffle(let r):
            return .graph(.pixelShuffle(channels: output[0], height: input[1], width: input[2], factor: r))
        case .slice(let start, let count):
            return .graph(.slice(start: start, count: count, of: input[0]))
        case .batchNorm:
            fatalError("batch norm is handled by the caller")
        }
    }

    static func batchNormAffine(gamma: [Float], beta: [Float], mean: [Float], variance: [Float], eps: Float) -> ([Float], [Float]) {
        let scale = gamma.indices.map { gamma[$0] / (variance[$0] + eps).squareRoot() }
        let shift = beta.indices.map { beta[$0] - mean[$0] * scale[$0] }
        return (scale, shift)
    }

    /// Folds a per-output-channel affine map into a linear/conv layer, or nil if `step` has none.
    static func fold(_ step: Step, scale: [Float], shift: [Float]) -> Step? {
        func foldedBias(_ bias: [Float]?) -> [Float] {
            scale.indices.map { (bias?[$0] ?? 0) * scale[$0] + shift[$0] }
        }
        switch step {
        case .dense(let inputs, let outputs, var weight, let bias):
            for o in 0..<outputs { for i in 0..<inputs { weight[o * inputs + i] *= scale[o] } }
            return .dense(inputs: inputs, outputs: outputs, weight: weight, bias: foldedBias(bias))
        case .conv(let g, let h, let w, var weight, let bias):
            let block = g.inChannels * g.kernel * g.kernel
            for o in 0..<g.outChannels { for i in 0..<block { weight[o * block + i] *= scale[o] } }
            return .conv(g, height: h, width: w, weight: weight, bias: foldedBias(bias))
        case .convTranspose(let g, let h, let w, var weight, let bias):
            let kk = g.kernel * g.kernel
            for ci in 0..<g.inChannels {
                for o in 0..<g.outChannels { for t in 0..<kk { weight[(ci * g.outChannels + o) * kk + t] *= scale[o] } }
            }
            return .convTranspose(g, height: h, width: w, weight: weight, bias: foldedBias(bias))
        default:
            return nil
        }
    }

    /// Runs a batch: `input` has shape [N] + inputShape; the result [N] + outputShape.
    /// With several threads, a batch is split into sub-batches; a single sample splits each
    /// layer's output channels instead. Results are identical for any batch size or thread count.
    public func forward(_ input: Tensor, kernels: KernelChoice = .fast, threads: Int = 1) -> Tensor {
        guard Array(input.shape.dropFirst()) == inputShape else { fatalError("input \(input.shape) does not match \(inputShape)") }
        let batch = input.shape[0]
        switch kernels {
        case .fast where threads > 1 && batch > 1:
            return forwardSplit(input, threads: threads)
        case .fast:
            let output = plan.forward(input.data, batch: batch, threads: threads)
            // A check of the engine's own arithmetic, which stays in this -Ounchecked module.
            guard output.count == batch * outputShape.reduce(1, *) else { fatalError("the engine's output does not match \(outputShape)") }
            return Tensor(shape: [batch] + outputShape, data: output)
        case .reference:
            return forwardReference(input)
        }
    }

    /// Runs `input` (one thread) `runs` times and returns each engine step's name and mean milliseconds.
    public func stepTimes(_ input: Tensor, runs: Int) -> [(step: String, ms: Double)] {
        let names = plan.stepNames
        let totals = UnsafeMutablePointer<Double>.allocate(capacity: names.count)
        totals.initialize(repeating: 0, count: names.count)
        defer { totals.deallocate() }
        for _ in 0..<max(runs, 1) { _ = plan.forward(input.data, batch: input.shape[0], threads: 1, stepTimes: totals) }
        return names.enumerated().map { ($1, totals[$0] / Double(max(runs, 1))) }
    }

    func forwardSplit(_ input: Tensor, threads: Int) -> Tensor {
        let batch = input.shape[0], inSize = inputShape.reduce(1, *), outSize = outputShape.reduce(1, *)
        let parts = Parallel.ranges(batch, parts: threads)
        var output = [Float](repeating: 0, count: batch * outSize)
        output.withUnsafeMutableBufferPointer { out in
            let base = out.baseAddress!
            Parallel.run(parts.count) { i in
                let rows = parts[i]
                let slice = Array(input.data[rows.lowerBound * inSize ..< rows.upperBound * inSize])
                let result = plan.forward(slice, batch: rows.count, threads: 1)
                result.withUnsafeBufferPointer { (base + rows.lowerBound * outSize).update(from: $0.baseAddress!, count: $0.count) }
            }
        }
        return Tensor(shape: [batch] + outputShape, data: output)
    }
}

@inline(__always)
func withOptional<R>(_ values: [Float]?, _ body: (UnsafePointer<Float>?) -> R) -> R {
    guard let values else { return body(nil) }
    return values.withUnsafeBufferPointer { body($0.baseAddress!) }
}
