import Foundation

extension Architecture {
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

        /// The layer's own name, if it has one: 1 to 64 of [A-Za-z0-9_.-], not "input".
        func name() throws -> String? {
            guard let value = fields["name"] else { return nil }
            guard let name = value as? String, Self.isName(name), name != "input" else {
                throw fail("\"name\" must be 1 to 64 letters, digits, '_', '.' or '-', and not \"input\"")
            }
            return name
        }

        /// The layers named in `inputs` (nil when the field is absent: the previous layer).
        func inputs(names: [String: Int]) throws -> [Int]? {
            guard let value = fields["inputs"] else { return nil }
            guard let list = value as? [Any], (1...Architecture.maxInputs).contains(list.count) else {
                throw fail("\"inputs\" must list 1 to \(Architecture.maxInputs) layer names")
            }
            return try list.map { item in
                guard let name = item as? String, let source = names[name] else {
                    throw fail("\"inputs\" names \(item is String ? "no earlier layer" : "something other than a layer")")
                }
                return source
            }
        }

        static func isName(_ text: String) -> Bool {
            (1...64).contains(text.utf8.count) && text.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x5F || byte == 0x2E || byte == 0x2D
            }
        }
    }

    static func parseLayer(_ f: LayerFields) throws -> LayerSpec {
        let op = try f.string("op")
        switch op {
        case "linear":
            return .linear(weight: try f.string("weight"), bias: try f.optionalString("bias"))
        case "reshape":
            guard let items = f.fields["shape"] as? [Any], (1...3).contains(items.count) else {
                throw f.fail("reshape needs a shape of 1 to 3 sides")
            }
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
                                    stride: try f.int("stride", default: 1, in: 1...16), padding: try f.int("padding", default: 0,
                                        in: 0...64),
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
        case "sigmoid": return .activation(.sigmoid)
        case "silu": return .activation(.silu)
        case "leaky_relu": return .activation(.leakyReLU(slope: try f.float("slope", default: 0.01)))
        case "add": return .add
        case "mul": return .mul
        case "concat": return .concat
        case "glu": return .glu
        case "avg_pool": return .avgPool(try f.int("kernel", default: 2, in: 1...64))
        case "global_avg_pool": return .globalAvgPool
        case "pixel_shuffle": return .pixelShuffle(try f.int("factor", default: 2, in: 1...16))
        default: throw f.fail("unknown op \"\(op)\"")
        }
    }
}
