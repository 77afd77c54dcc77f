import Foundation
import XCTest
@testable import Neural

/// Regressions from the second outside attack on the engine (issue 25): graphs the fast plan got
/// wrong, checked against what the graph says, and a kernel's writes checked against its buffer.
final class EngineSafetyTests: XCTestCase {
    func seeded(_ count: Int, seed: UInt64) -> [Float] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: state >> 11) % 2000) / 1000 - 1
        }
    }

    /// A batch norm that ends the graph on a side branch is the output: it was folded into its
    /// convolution and the engine returned the last step computed (another branch, another size),
    /// reading past it.
    func testABatchNormEndingASideBranchIsTheOutput() throws {
        let json = #"""
        [{"op": "conv2d", "weight": "wa", "bias": "ba", "stride": 1, "padding": 1, "name": "a"},
         {"op": "conv2d", "weight": "wb", "stride": 2, "padding": 1, "inputs": ["input"]},
         {"op": "relu"},
         {"op": "batchnorm", "weight": "g", "bias": "beta", "mean": "m", "var": "v", "eps": 0.00001, "inputs": ["a"]}]
        """#
        let shapes: [String: [Int]] = ["wa": [3, 2, 3, 3], "ba": [3], "wb": [8, 2, 3, 3], "g": [3], "beta": [3], "m": [3], "v": [3]]
        var tensors: [String: [Float]] = [:]
        for (i, (name, shape)) in shapes.sorted(by: { $0.key < $1.key }).enumerated() {
            tensors[name] = seeded(shape.reduce(1, *), seed: UInt64(i + 1))
        }
        tensors["v"] = tensors["v"]!.map { abs($0) + 0.5 }
        let network = try Network(architecture: Architecture(json: json), inputShape: [2, 6, 6], tensorShapes: shapes) { tensors[$0]! }
        XCTAssertEqual(network.outputShape, [3, 6, 6])
        // What the graph says: conv a, then the norm, computed on their own.
        let convA = try Network(
            architecture: Architecture(json: #"[{"op": "conv2d", "weight": "wa", "bias": "ba", "stride": 1, "padding": 1}]"#),
                                inputShape: [2, 6, 6], tensorShapes: shapes) { tensors[$0]! }
        let input = Tensor(shape: [2, 2, 6, 6], data: seeded(2 * 72, seed: 99))
        let a = convA.forward(input, kernels: .reference).data
        var expected = a
        for i in expected.indices {
            let c = (i / 36) % 3
            let scale = tensors["g"]![c] / (tensors["v"]![c] + 0.00001).squareRoot()
            expected[i] = (a[i] - tensors["m"]![c]) * scale + tensors["beta"]![c]
        }
        for kernels in [KernelChoice.fast, .reference] {
            let out = network.forward(input, kernels: kernels)
            XCTAssertEqual(out.shape, [2, 3, 6, 6])
            XCTAssertEqual(out.data.count, expected.count)
            let worst = zip(out.data, expected).map { abs($0 - $1) }.max() ?? .infinity
            XCTAssertLessThan(worst, 1e-3, "\(kernels)")
        }
    }

    /// A transposed convolution to one output channel: the scatter kernel's four-lane stores
    /// wrote two floats past the output. Every write stays inside, and the values are right.
    func testScatterWithOneOutputChannelWritesOnlyItsOutput() throws {
        for outChannels in 1...4 {
            let g = ConvGeometry(inChannels: 2, outChannels: outChannels, kernel: 4, stride: 2, padding: 1)
            let weight = seeded(2 * outChannels * 16, seed: UInt64(outChannels)), bias = seeded(outChannels, seed: 7)
            let layer = ScatterTransposed(g, height: 3, width: 3, weight: weight, bias: bias)
            let input = seeded(2 * 9, seed: 11)  // channels last [9][2]
            let count = layer.outputPixels * outChannels, guardFloats = 8
            let output = UnsafeMutablePointer<Float>.allocate(capacity: count + guardFloats)
            defer { output.deallocate() }
            output.initialize(repeating: .nan, count: count + guardFloats)
            let zeros = [Float](repeating: 0, count: 64)
            input.withUnsafeBufferPointer { x in
                zeros.withUnsafeBufferPointer { z in layer.forward(x.baseAddress!, output, batch: 1, zeros: z.baseAddress!) }
            }
            for i in count..<(count + guardFloats) {
                XCTAssertTrue(output[i].isNaN, "\(outChannels) channel(s): wrote past the output at +\(i - count)")
            }
            // Against the reference network (planar in, planar out).
            let json = #"[{"op": "conv_transpose2d", "weight": "w", "bias": "b", "stride": 2, "padding": 1}]"#
            let network = try Network(architecture: Architecture(json: json), inputShape: [2, 3, 3],
                                      tensorShapes: ["w": [2, outChannels, 4, 4], "b": [outChannels]]) { $0 == "w" ? weight : bias }
            let planar = (0..<2).flatMap { c in (0..<9).map { input[$0 * 2 + c] } }
            let expected = network.forward(Tensor(shape: [1, 2, 3, 3], data: planar), kernels: .reference).data
            for p in 0..<layer.outputPixels {
                for c in 0..<outChannels {
                    XCTAssertEqual(output[p * outChannels + c], expected[c * layer.outputPixels + p], accuracy: 1e-4)
                }
            }
        }
    }
}

/// Model files that ask for too much are refused at load, before anything is unpacked (issue 25.3).
final class ModelBombTests: XCTestCase {
    func chain(_ layer: String, times: Int) -> String { "[" + [String](repeating: layer, count: times).joined(separator: ",") + "]" }

    func refusal(_ json: String, input: [Int], shapes: [String: [Int]]) -> String {
        var unpacked = 0
        do {
            _ = try Network(architecture: Architecture(json: json), inputShape: input, tensorShapes: shapes) { name in
                unpacked += 1
                return [Float](repeating: 0.01, count: shapes[name]!.reduce(1, *))
            }
            XCTFail("loaded")
        } catch {
            XCTAssertEqual(unpacked, 0, "refused before unpacking any tensor")
            return "\(error)"
        }
        return ""
    }

    func testOneTensorReusedByEveryLayerIsRefused() {
        // 100 layers of one 256x256x3x3 tensor: 59 M weight values to unpack from a 2.4 MB file.
        let json = chain(#"{"op": "conv2d", "weight": "w", "stride": 1, "padding": 1}"#, times: 100)
        let message = refusal(json, input: [256, 4, 4], shapes: ["w": [256, 256, 3, 3]])
        XCTAssertTrue(message.contains("weight values") && message.contains("limit"), message)
    }

    func testCheapLayersOnHugeMapsAreRefused() {
        // 100 small convolutions on an 8x1024x1024 map: 6e10 multiply-adds a sample.
        let json = chain(#"{"op": "conv2d", "weight": "w", "stride": 1, "padding": 1}"#, times: 100)
        let message = refusal(json, input: [8, 1024, 1024], shapes: ["w": [8, 8, 3, 3]])
        XCTAssertTrue(message.contains("multiply-adds") && message.contains("limit"), message)
    }

    func testTheShippedKindsOfModelAreFarInside() throws {
        for name in ["tiny.safetensors"] {
            XCTAssertNoThrow(try Generator(path: Fixtures.path(name)), name)
        }
    }
}

/// An upscaler states the largest picture it takes, from its own layers, and refuses larger
/// ones in one line (issue 25.10: the shipped ones took 724², not the 1 Mpx promised).
final class UpscalerLimitTests: XCTestCase {
    func testTheLimitFollowsTheWidestLayerAndIsEnforced() throws {
        let upscaler = try Upscaler(path: Fixtures.path("upscaler.safetensors"))
        XCTAssertLessThanOrEqual(upscaler.maxPixels, Upscaler.maxInputPixels)
        XCTAssertGreaterThan(upscaler.maxPixels, 0)
        let side = upscaler.maxSide
        XCTAssertNoThrow(try upscaler.network(height: 8, width: 8))
        XCTAssertThrowsError(try upscaler.network(height: side + 1, width: side + 1)) { error in
            XCTAssertTrue("\(error)".contains("this upscaler takes: \(upscaler.maxPixels) pixels"), "\(error)")
        }
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("models/emoji.upscaler.safetensors").path
        XCTAssertEqual(try Upscaler(path: shipped).maxSide, 724, "32 channels at the input's size: 16 Mi values / 32")
    }
}
