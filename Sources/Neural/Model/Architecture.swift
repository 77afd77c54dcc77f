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

    /// The tensors this layer reads.
    public var tensorNames: [String] {
        switch self {
        case .linear(let w, let b), .conv2d(let w, let b, _, _), .convTranspose2d(let w, let b, _, _, _):
            return [w] + (b.map { [$0] } ?? [])
        case .batchNorm(let w, let b, let m, let v, _): return [w, b, m, v]
        case .bias(let b): return [b]
        case .reshape, .upsample, .activation: return []
        }
    }
}

/// The layer list of a generator, parsed from JSON and checked against tensor shapes.
public struct Architecture: Sendable, Equatable {
    public let layers: [LayerSpec]
    /// Largest activation a layer may produce per sample (floats): 64 MiB of float32.
    public static let maxActivation = 16 << 20
    /// Most kernel taps × output pixels a convolution may have (the engine's tap table): 64 Mi.
    public static let maxKernelTaps = 64 << 20

    public init(layers: [LayerSpec]) { self.layers = layers }

    public init(json: String) throws {
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(json.utf8)), let list = parsed as? [Any] else {
            throw ModelFileError("architecture is not a JSON list of layers")
        }
        guard !list.isEmpty, list.count <= 1000 else { throw ModelFileError("architecture has \(list.count) layers") }
        layers = try list.enumerated().map { index, item in
            guard let fields = item as? [String: Any] else { throw ModelFileError("layer \(index) is not an object") }
            return try Self.parseLayer(LayerFields(index: index, fields: fields))
        }
    }

    /// Reads one layer's fields with errors that name the layer.
    struct LayerFields {
        let index: Int
        let fields: [String: Any]

        func fail(_ message: String) -> ModelFileError { ModelFileError("layer \(index): \(message)") }

        func string(_ key: String) throws -> String {
            guard let value = fields[key] as? String, !value.isEmpty else { throw fail("missing \"\(key)\"") }
            return value
        }

        func optionalString(_ key: String) throws -> String? {
            guard let value = fields[key], !(value is NSNull) else { return nil }
            guard let text = value as? String, !text.isEmpty else { throw fail("\"\(key)\" is not a tensor name") }
            return text
        }

        func int(_ key: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
            guard let value = fields[key] else { return fallback }
            guard let number = value as? NSNumber, let exact = Int(exactly: number.doubleValue), range.contains(exact) else {
                throw fail("\"\(key)\" must be a whole number in \(range.lowerBound)...\(range.upperBound)")
            }
            return exact
        }

        func float(_ key: String, default fallback: Float) throws -> Float {
            guard let value = fields[key] else { return fallback }
            guard let number = value as? NSNumber, number.doubleValue.isFinite else { throw fail("\"\(key)\" must be a number") }
            return number.floatValue
        }
    }

    static func parseLayer(_ f: LayerFields) throws -> LayerSpec {
        let op = try f.string("op")
        switch op {
        case "linear":
            return .linear(weight: try f.string("weight"), bias: try f.optionalString("bias"))
        case "reshape":
            guard let items = f.fields["shape"] as? [Any], (1...3).contains(items.count) else { throw f.fail("reshape needs a shape of 1 to 3 sides") }
            let shape = try items.map { item -> Int in
                guard let n = item as? NSNumber, let side = Int(exactly: n.doubleValue), side >= 1, side <= maxActivation else {
                    throw f.fail("reshape sides must be positive whole numbers")
                }
                return side
            }
            return .reshape(shape)
        case "conv2d":
            return .conv2d(weight: try f.string("weight"), bias: try f.optionalString("bias"),
                           stride: try f.int("stride", default: 1, in: 1...16), padding: try f.int("padding", default: 0, in: 0...64))
        case "conv_transpose2d":
            return .convTranspose2d(weight: try f.string("weight"), bias: try f.optionalString("bias"),
                                    stride: try f.int("stride", default: 1, in: 1...16), padding: try f.int("padding", default: 0, in: 0...64),
                                    outputPadding: try f.int("output_padding", default: 0, in: 0...15))
        case "batchnorm":
            let eps = try f.float("eps", default: 1e-5)
            guard eps > 0 else { throw f.fail("\"eps\" must be positive") }
            return .batchNorm(weight: try f.string("weight"), bias: try f.string("bias"), mean: try f.string("mean"),
                              variance: try f.string("var"), eps: eps)
        case "bias":
            return .bias(try f.string("bias"))
        case "upsample":
            let mode = try f.string("mode")
            guard mode == "nearest" || mode == "bilinear" else { throw f.fail("upsample mode \"\(mode)\" is not nearest or bilinear") }
            return .upsample(bilinear: mode == "bilinear", scale: try f.int("scale", default: 2, in: 1...16))
        case "relu": return .activation(.relu)
        case "tanh": return .activation(.tanh)
        case "leaky_relu": return .activation(.leakyReLU(slope: try f.float("slope", default: 0.01)))
        default: throw f.fail("unknown op \"\(op)\"")
        }
    }

    /// The per-sample shape after each layer, checking every tensor's shape on the way.
    public func shapes(input: [Int], tensorShapes: [String: [Int]]) throws -> [[Int]] {
        var shape = input
        var result: [[Int]] = []
        for (index, layer) in layers.enumerated() {
            shape = try Self.outputShape(of: layer, input: shape, tensorShapes: tensorShapes, index: index)
            guard shape.allSatisfy({ $0 >= 1 }), shape.reduce(1, *) <= Self.maxActivation else {
                throw ModelFileError("layer \(index) would produce shape \(shape)")
            }
            result.append(shape)
        }
        return result
    }

    static func outputShape(of layer: LayerSpec, input: [Int], tensorShapes: [String: [Int]], index: Int) throws -> [Int] {
        func fail(_ message: String) -> ModelFileError { ModelFileError("layer \(index): \(message)") }
        func expect(_ name: String, _ shape: [Int]) throws {
            guard let actual = tensorShapes[name] else { throw fail("tensor \"\(name)\" is missing") }
            guard actual == shape else { throw fail("tensor \"\(name)\" has shape \(actual), expected \(shape)") }
        }
        func kernelShape(_ name: String) throws -> [Int] {
            guard let actual = tensorShapes[name] else { throw fail("tensor \"\(name)\" is missing") }
            guard actual.count == 4, actual[2] == actual[3], actual[2] >= 1 else {
                throw fail("tensor \"\(name)\" has shape \(actual), expected [a, b, k, k]")
            }
            return actual
        }
        // The engine lists, for every output pixel, the input pixel each kernel tap reads.
        func checkTaps(kernel: Int, outputPlane: Int) throws {
            guard kernel <= 64, kernel * kernel * outputPlane <= Self.maxKernelTaps else {
                throw fail("kernel \(kernel) over \(outputPlane) output pixels is more than the engine handles")
            }
        }
        func image() throws -> (c: Int, h: Int, w: Int) {
            guard input.count == 3 else { throw fail("expects a [C, H, W] input, got \(input)") }
            return (input[0], input[1], input[2])
        }
        switch layer {
        case .linear(let weight, let bias):
            guard input.count == 1 else { throw fail("linear expects a flat input, got \(input)") }
            guard let w = tensorShapes[weight], w.count == 2, w[1] == input[0] else {
                throw fail("tensor \"\(weight)\" has shape \(tensorShapes[weight].map { "\($0)" } ?? "missing"), expected [out, \(input[0])]")
            }
            if let bias { try expect(bias, [w[0]]) }
            return [w[0]]
        case .reshape(let shape):
            guard shape.reduce(1, *) == input.reduce(1, *) else { throw fail("cannot reshape \(input) to \(shape)") }
            return shape
        case .conv2d(let weight, let bias, let stride, let padding):
            let (c, h, w) = try image()
            let k = try kernelShape(weight)
            guard k[1] == c else { throw fail("tensor \"\(weight)\" expects \(k[1]) input channels, got \(c)") }
            if let bias { try expect(bias, [k[0]]) }
            let g = ConvGeometry(inChannels: c, outChannels: k[0], kernel: k[2], stride: stride, padding: padding)
            guard h + 2 * padding >= k[2], w + 2 * padding >= k[2] else { throw fail("kernel \(k[2]) is larger than the padded input \(input)") }
            try checkTaps(kernel: k[2], outputPlane: g.convOutput(h) * g.convOutput(w))
            return [k[0], g.convOutput(h), g.convOutput(w)]
        case .convTranspose2d(let weight, let bias, let stride, let padding, let outputPadding):
            let (c, h, w) = try image()
            let k = try kernelShape(weight)
            guard k[0] == c else { throw fail("tensor \"\(weight)\" expects \(k[0]) input channels, got \(c)") }
            guard outputPadding < stride else { throw fail("output_padding must be smaller than stride") }
            if let bias { try expect(bias, [k[1]]) }
            let g = ConvGeometry(inChannels: c, outChannels: k[1], kernel: k[2], stride: stride, padding: padding, outputPadding: outputPadding)
            try checkTaps(kernel: k[2], outputPlane: g.transposedOutput(h) * g.transposedOutput(w))
            return [k[1], g.transposedOutput(h), g.transposedOutput(w)]
        case .batchNorm(let weight, let bias, let mean, let variance, _):
            for name in [weight, bias, mean, variance] { try expect(name, [input[0]]) }
            return input
        case .bias(let bias):
            try expect(bias, [input[0]])
            return input
        case .upsample(_, let scale):
            let (c, h, w) = try image()
            return [c, h * scale, w * scale]
        case .activation:
            return input
        }
    }
}
