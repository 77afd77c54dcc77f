import Foundation

/// One layer of a generator, as `ganvas.arch` describes it (models/README.md).
public enum LayerSpec: Sendable, Equatable {
    case linear(weight: String, bias: String?)
    case reshape([Int])
    case conv2d(weight: String, bias: String?, stride: Int, padding: Int)
    case convTranspose2d(weight: String, bias: String?, stride: Int, padding: Int, outputPadding: Int)
    case batchNorm(weight: String, bias: String, mean: String, variance: String, eps: Float)
    case bias(String)
    case upsample(bilinear: Bool, scale: Int)
    case activation(Activation)
    /// Two same-shaped inputs added.
    case add
    /// The first input times the second, which is the same shape or [C, 1, 1] (one factor per channel).
    case mul
    /// Two or more [C, H, W] inputs joined along channels.
    case concat
    /// [2C, H, W] → first half · sigmoid(second half), PyTorch's `GLU(dim=1)`.
    case glu
    /// Mean over k×k windows with stride k (the sides must divide).
    case avgPool(Int)
    /// Mean over each channel's plane → [C, 1, 1].
    case globalAvgPool
    /// Depth to space: [C·r², H, W] → [C, H·r, W·r], PyTorch's `pixel_shuffle`.
    case pixelShuffle(Int)
    /// Features start..<start+count of a flat input. No model file names it: `mixing` builds it
    /// to split a network's input in two.
    case slice(start: Int, count: Int)

    /// The tensors this layer reads.
    public var tensorNames: [String] {
        switch self {
        case .linear(let w, let b), .conv2d(let w, let b, _, _), .convTranspose2d(let w, let b, _, _, _):
            return [w] + (b.map { [$0] } ?? [])
        case .batchNorm(let w, let b, let m, let v, _): return [w, b, m, v]
        case .bias(let b): return [b]
        default: return []
        }
    }

    /// How many inputs the layer reads.
    var arity: ClosedRange<Int> {
        switch self {
        case .add, .mul: return 2...2
        case .concat: return 2...Architecture.maxInputs
        default: return 1...1
        }
    }
}

/// The layers of a generator, parsed from JSON and checked against tensor shapes. Each layer reads
/// the previous layer's output unless it names its `inputs` (earlier layers' `name`s, or "input"
/// for the network's input), so a list is a chain or, with names, a graph; the last layer is the output.
public struct Architecture: Sendable, Equatable {
    public let layers: [LayerSpec]
    /// For each layer, the layers it reads; -1 is the network's input.
    public let inputs: [[Int]]
    /// Largest activation a layer may produce per sample (floats): 64 MiB of float32.
    public static let maxActivation = 16 << 20
    /// Most kernel taps × output pixels a convolution may have (the engine's tap table): 64 Mi.
    public static let maxKernelTaps = 64 << 20
    static let maxLayers = 1000
    static let maxInputs = 16

    /// A chain: each layer reads the one before.
    public init(layers: [LayerSpec]) {
        self.layers = layers
        inputs = layers.indices.map { [$0 - 1] }
    }

    /// A graph whose `inputs` index `layers` (-1: the network's input), each layer only reading earlier ones.
    init(layers: [LayerSpec], inputs: [[Int]]) {
        precondition(layers.count == inputs.count && inputs.enumerated().allSatisfy { i, sources in sources.allSatisfy { $0 < i } })
        self.layers = layers
        self.inputs = inputs
    }

    /// The architecture a model file's metadata names (`ganvas.arch`).
    public init(metadata: [String: String]) throws {
        guard let json = metadata["ganvas.arch"] else { throw ModelFileError("metadata lacks ganvas.arch") }
        try self.init(json: json)
    }

    public init(json: String) throws {
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(json.utf8)), let list = parsed as? [Any] else {
            throw ModelFileError("architecture is not a JSON list of layers")
        }
        guard !list.isEmpty, list.count <= Self.maxLayers else { throw ModelFileError("architecture has \(list.count) layers") }
        var layers: [LayerSpec] = [], inputs: [[Int]] = [], names: [String: Int] = ["input": -1]
        for (index, item) in list.enumerated() {
            guard let fields = item as? [String: Any] else { throw ModelFileError("layer \(index) is not an object") }
            let f = LayerFields(index: index, fields: fields)
            let layer = try Self.parseLayer(f)
            let sources = try f.inputs(names: names) ?? [index - 1]
            guard layer.arity.contains(sources.count) else {
                throw f.fail("reads \(sources.count) inputs, needs \(layer.arity.lowerBound)")
            }
            if let name = try f.name() {
                guard names[name] == nil else { throw f.fail("the name \"\(name)\" is taken") }
                names[name] = index
            }
            layers.append(layer)
            inputs.append(sources)
        }
        self.layers = layers
        self.inputs = inputs
    }

    /// How many layers read each layer's output (the network's output counts as one reader of the last).
    package var readers: [Int] {
        var count = [Int](repeating: 0, count: layers.count)
        for sources in inputs { for s in sources where s >= 0 { count[s] += 1 } }
        if !count.isEmpty { count[count.count - 1] += 1 }
        return count
    }

    /// The per-sample shape after each layer, checking every tensor's shape on the way.
    public func shapes(input: [Int], tensorShapes: [String: [Int]]) throws -> [[Int]] {
        var result: [[Int]] = []
        for (index, layer) in layers.enumerated() {
            let sourceShapes = inputs[index].map { $0 < 0 ? input : result[$0] }
            let shape = try Self.outputShape(of: layer, inputs: sourceShapes, tensorShapes: tensorShapes, index: index)
            guard shape.allSatisfy({ $0 >= 1 }), let size = checkedProduct(shape), size <= Self.maxActivation else {
                throw ModelFileError("layer \(index) would produce shape \(shape)")
            }
            result.append(shape)
        }
        return result
    }
}

/// The product of `values`, or nil when it overflows (sides come from untrusted files).
func checkedProduct(_ values: [Int]) -> Int? {
    var product = 1
    for v in values {
        let (p, overflow) = product.multipliedReportingOverflow(by: v)
        guard !overflow else { return nil }
        product = p
    }
    return product
}
