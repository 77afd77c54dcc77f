import Foundation
import Latent
import Neural

/// Random valid graphs of every engine op — odd strides and paddings, one-channel layers, side
/// branches, norms at the end, batches — built from a byte string (so libFuzzer steers them), for
/// a differential check: the fast plan against the reference kernels. It would have found the
/// batch-norm folding that returned another branch, and (under AddressSanitizer) the scatter
/// kernel's writes past a one-channel output.
public enum RandomGraphs {
    /// A graph, its tensors and what to run it on.
    public struct Graph {
        public var layers: [[String: Any]] = []
        public var tensors: [String: [Float]] = [:]
        public var shapes: [String: [Int]] = [:]
        public var input: [Int] = []
        public var batch = 1
        public var threads = 1

        public init() {}

        public var json: String { String(decoding: try! JSONSerialization.data(withJSONObject: layers, options: [.sortedKeys]),
            as: UTF8.self) }
    }

    /// Choices read from bytes, then from a SplitMix64 stream seeded by them once they run out.
    public struct Choices {
        var bytes: [UInt8], position = 0
        var random: SplitMix64
        public init(_ bytes: [UInt8]) {
            self.bytes = bytes
            random = SplitMix64(seed: bytes.reduce(0x9E37_79B9_7F4A_7C15) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 })
        }
        /// A whole number in 0..<n.
        public mutating func next(_ n: Int) -> Int {
            guard n > 1 else { return 0 }
            if position < bytes.count { position += 1; return Int(bytes[position - 1]) % n }
            return Int(nextRandom() % UInt64(n))
        }
        mutating func nextRandom() -> UInt64 { random.next() }
        /// A value in [-1, 1) for weights and inputs (from the stream, not the bytes).
        mutating func value() -> Float { Float(nextRandom() >> 40) / Float(1 << 23) - 1 }
    }

    static let maxSide = 20, maxChannels = 8

    public static func make(_ c: inout Choices) -> Graph {
        var g = Graph()
        var nodes: [(name: String, shape: [Int])] = []
        if c.next(4) == 0 {
            // A latent: linear, then reshape to a map.
            let d = 1 + c.next(12), ch = 1 + c.next(4), side = 1 + c.next(4)
            g.input = [d]
            add(&g, &c, ["op": "linear", "weight": "w0", "inputs": ["input"]], tensor: ("w0", [ch * side * side, d]),
                bias: ch * side * side)
            add(&g, &c, ["op": "reshape", "shape": [ch, side, side]])
            nodes.append(("n2", [ch, side, side]))
        } else {
            g.input = [1 + c.next(5), 1 + c.next(9), 1 + c.next(9)]
            nodes.append(("input", g.input))
        }
        for _ in 0..<(1 + c.next(8)) {
            let source = c.next(3) == 0 ? nodes[c.next(nodes.count)] : nodes[nodes.count - 1]
            if let shape = layer(&g, &c, source: source, nodes: nodes) { nodes.append(("n\(g.layers.count)", shape)) }
        }
        g.batch = 1 + c.next(3)
        g.threads = 1 + c.next(2)
        return g
    }

    /// Appends one layer reading `source` (and another node for two-input ops); its output shape,
    /// or nil when the op chosen does not fit the shape (nothing appended).
    static func layer(_ g: inout Graph, _ c: inout Choices, source: (name: String, shape: [Int]),
        nodes: [(name: String, shape: [Int])]) -> [Int]? {
        let s = source.shape
        guard s.count == 3 else { return nil }
        let (ch, h, w) = (s[0], s[1], s[2])
        let n = g.layers.count + 1, w0 = "w\(n)"
        var fields: [String: Any] = ["inputs": [source.name]]
        switch c.next(13) {
        case 0, 1:
            let out = 1 + c.next(maxChannels), k = 1 + c.next(4), stride = 1 + c.next(3), pad = c.next(min(k, 3))
            let ho = (h + 2 * pad - k) / stride + 1, wo = (w + 2 * pad - k) / stride + 1
            guard h + 2 * pad >= k, w + 2 * pad >= k, ho >= 1, wo >= 1 else { return nil }
            fields.merge(["op": "conv2d", "weight": w0, "stride": stride, "padding": pad]) { $1 }
            add(&g, &c, fields, tensor: (w0, [out, ch, k, k]), bias: c.next(2) == 0 ? out : nil)
            return [out, ho, wo]
        case 2, 3:
            let out = 1 + c.next(maxChannels / 2), k = 1 + c.next(4), stride = 1 + c.next(3), pad = c.next(k)
            let op = c.next(stride)
            let ho = (h - 1) * stride - 2 * pad + k + op, wo = (w - 1) * stride - 2 * pad + k + op
            guard ho >= 1, wo >= 1, ho <= maxSide * 2, wo <= maxSide * 2 else { return nil }
            fields.merge(["op": "conv_transpose2d", "weight": w0, "stride": stride, "padding": pad, "output_padding": op]) { $1 }
            add(&g, &c, fields, tensor: (w0, [ch, out, k, k]), bias: c.next(2) == 0 ? out : nil)
            return [out, ho, wo]
        case 4:
            fields.merge(["op": "batchnorm", "weight": w0 + "g", "bias": w0 + "b", "mean": w0 + "m", "var": w0 + "v", "eps": 1e-5]) { $1 }
            for suffix in ["g", "b", "m"] { g.shapes[w0 + suffix] = [ch]; g.tensors[w0 + suffix] = (0..<ch).map { _ in c.value() } }
            g.shapes[w0 + "v"] = [ch]
            g.tensors[w0 + "v"] = (0..<ch).map { _ in abs(c.value()) + 0.25 }
            g.layers.append(fields)
            return s
        case 5:
            fields.merge(["op": "bias", "bias": w0]) { $1 }
            g.shapes[w0] = [ch]
            g.tensors[w0] = (0..<ch).map { _ in c.value() }
            g.layers.append(fields)
            return s
        case 6:
            let scale = 1 + c.next(3)
            guard h * scale <= maxSide * 2, w * scale <= maxSide * 2 else { return nil }
            fields.merge(["op": "upsample", "mode": c.next(2) == 0 ? "nearest" : "bilinear", "scale": scale]) { $1 }
            g.layers.append(fields)
            return [ch, h * scale, w * scale]
        case 7:
            let ops: [[String: Any]] = [["op": "relu"], ["op": "tanh"], ["op": "sigmoid"], ["op": "silu"],
                ["op": "leaky_relu", "slope": 0.2]]
            fields.merge(ops[c.next(ops.count)]) { $1 }
            g.layers.append(fields)
            return s
        case 8:
            let same = nodes.filter { $0.shape == s || $0.shape == [ch, 1, 1] }
            let other = same[c.next(same.count)]
            fields["op"] = c.next(2) == 0 || other.shape != s ? "mul" : "add"
            fields["inputs"] = [source.name, other.name]
            g.layers.append(fields)
            return s
        case 9:
            let joinable = nodes.filter { $0.shape.count == 3 && $0.shape[1] == h && $0.shape[2] == w }
            let other = joinable[c.next(joinable.count)]
            guard ch + other.shape[0] <= 2 * maxChannels else { return nil }
            fields["op"] = "concat"
            fields["inputs"] = [source.name, other.name]
            g.layers.append(fields)
            return [ch + other.shape[0], h, w]
        case 10:
            if ch % 2 == 0 {
                fields["op"] = "glu"
                g.layers.append(fields)
                return [ch / 2, h, w]
            }
            fields["op"] = "global_avg_pool"
            g.layers.append(fields)
            return [ch, 1, 1]
        case 11:
            let k = 1 + c.next(3)
            guard h % k == 0, w % k == 0 else { return nil }
            fields.merge(["op": "avg_pool", "kernel": k]) { $1 }
            g.layers.append(fields)
            return [ch, h / k, w / k]
        default:
            guard ch % 4 == 0, h * 2 <= maxSide * 2, w * 2 <= maxSide * 2 else { return nil }
            fields.merge(["op": "pixel_shuffle", "factor": 2]) { $1 }
            g.layers.append(fields)
            return [ch / 4, h * 2, w * 2]
        }
    }

    /// Appends a layer with its named weight (and a bias of `bias` values) drawn at random.
    static func add(_ g: inout Graph, _ c: inout Choices, _ fields: [String: Any], tensor: (String, [Int])? = nil, bias: Int? = nil) {
        var fields = fields
        fields["name"] = "n\(g.layers.count + 1)"
        if let (name, shape) = tensor {
            g.shapes[name] = shape
            g.tensors[name] = (0..<shape.reduce(1, *)).map { _ in c.value() / Float(max(shape.dropFirst().reduce(1, *), 1)).squareRoot() }
            if let bias {
                fields["bias"] = name + "bias"
                g.shapes[name + "bias"] = [bias]
                g.tensors[name + "bias"] = (0..<bias).map { _ in c.value() }
            }
        }
        g.layers.append(fields)
    }

    /// The largest difference between the fast plan and the reference kernels run on the graph
    /// as written (no batch norm folded: so folding is checked too), relative to the reference's
    /// largest value; nil when the graph is refused at load (a valid answer).
    public static func difference(_ g: Graph, choices c: inout Choices) -> Float? {
        var layers = g.layers
        for i in layers.indices where layers[i]["name"] == nil { layers[i]["name"] = "n\(i + 1)" }
        let json = String(decoding: try! JSONSerialization.data(withJSONObject: layers, options: [.sortedKeys]), as: UTF8.self)
        guard let architecture = try? Architecture(json: json),
              let network = try? Network(architecture: architecture, inputShape: g.input, tensorShapes: g.shapes,
                  tensor: { g.tensors[$0]! }),
              let unfolded = try? Network(architecture: architecture, inputShape: g.input, tensorShapes: g.shapes, foldingBatchNorm: false,
                                          tensor: { g.tensors[$0]! }) else { return nil }
        let input = Tensor(shape: [g.batch] + g.input, data: (0..<(g.batch * g.input.reduce(1, *))).map { _ in c.value() })
        let fast = network.forward(input, kernels: .fast, threads: g.threads), reference = unfolded.forward(input, kernels: .reference)
        guard fast.shape == reference.shape, fast.data.count == reference.data.count else { return .infinity }
        let scale = reference.data.map(abs).max() ?? 0
        let worst = zip(fast.data, reference.data).map { $0.isNaN != $1.isNaN ? Float.infinity : abs($0 - $1) }.max() ?? 0
        return worst / (1 + scale)
    }

    /// The tolerance of the check: the fast plan sums in other orders (Winograd, packed blocks).
    public static let tolerance: Float = 1e-3
}
