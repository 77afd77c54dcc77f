import FuzzTargets
import XCTest

/// The engine's own differential check, seeded (issue 25): random valid graphs of every op, the
/// fast plan against the reference kernels. `bench/fuzz.sh graph` runs the same under libFuzzer
/// and AddressSanitizer.
final class GraphDifferentialTests: XCTestCase {
    func testTheFastPlanAgreesWithTheReferenceOnRandomGraphs() {
        var loaded = 0, ops: Set<String> = []
        for seed in 0..<600 {
            var random = SeededRandom(state: UInt64(seed))
            let bytes = (0..<48).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            var choices = RandomGraphs.Choices(bytes)
            let graph = RandomGraphs.make(&choices)
            for layer in graph.layers { ops.insert(layer["op"] as! String) }
            guard let difference = RandomGraphs.difference(graph, choices: &choices) else { continue }
            loaded += 1
            XCTAssertLessThanOrEqual(difference, RandomGraphs.tolerance, "seed \(seed): \(graph.json) on \(graph.input) x\(graph.batch)")
        }
        XCTAssertGreaterThan(loaded, 500, "most random graphs are valid and run")
        XCTAssertEqual(ops, ["linear", "reshape", "conv2d", "conv_transpose2d", "batchnorm", "bias", "upsample", "relu", "tanh", "sigmoid",
                             "silu", "leaky_relu", "add", "mul", "concat", "glu", "global_avg_pool", "avg_pool", "pixel_shuffle"],
                             "every op is drawn")
    }

    /// The two graphs the outside attack found, as the generator can draw them.
    func testABatchNormEndingASideBranchAndAOneChannelScatterAgree() {
        for json in [
            #"[{"op":"conv2d","weight":"a","name":"a","stride":1,"padding":1,"inputs":["input"]},"#
                + #"{"op":"conv2d","weight":"b","stride":2,"padding":0,"inputs":["input"]},"#
                + #"{"op":"batchnorm","weight":"g","bias":"beta","mean":"m","var":"v","eps":0.00001,"inputs":["a"]}]"#,
            #"[{"op":"conv_transpose2d","weight":"t","stride":2,"padding":1}]"#,
        ] {
            var graph = RandomGraphs.Graph()
            graph.layers = try! JSONSerialization.jsonObject(with: Data(json.utf8)) as! [[String: Any]]
            graph.input = [2, 5, 5]
            graph.shapes = ["a": [3, 2, 3, 3], "b": [5, 2, 2, 2], "g": [3], "beta": [3], "m": [3], "v": [3], "t": [2, 1, 4, 4]]
            for (name, shape) in graph.shapes {
                let offset: Float = name == "v" ? 0.5 : -0.3
                graph.tensors[name] = (0..<shape.reduce(1, *)).map { (i: Int) -> Float in Float(i % 7) / 7 + offset }
            }
            graph.batch = 3
            var choices = RandomGraphs.Choices([1, 2, 3])
            let difference = RandomGraphs.difference(graph, choices: &choices)
            XCTAssertNotNil(difference, json)
            XCTAssertLessThanOrEqual(difference ?? .infinity, RandomGraphs.tolerance, json)
        }
    }
}
