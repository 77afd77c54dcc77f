@testable import Neural
import Foundation
import XCTest

/// Every fast kernel against its plain reference twin, on shapes that hit the edge paths: channel
/// counts that are not whole blocks of 16, row counts that are not whole blocks of 6, borders, several
/// samples per call and several threads.
final class KernelParityTests: XCTestCase {
    static let geometries = [
        ConvGeometry(inChannels: 3, outChannels: 5, kernel: 3, stride: 1, padding: 1),
        ConvGeometry(inChannels: 4, outChannels: 6, kernel: 4, stride: 2, padding: 1),
        ConvGeometry(inChannels: 2, outChannels: 3, kernel: 1),
        ConvGeometry(inChannels: 5, outChannels: 4, kernel: 3, stride: 2, padding: 1, outputPadding: 1),
        ConvGeometry(inChannels: 19, outChannels: 37, kernel: 4, stride: 2, padding: 1),
        ConvGeometry(inChannels: 3, outChannels: 16, kernel: 2, stride: 3, padding: 0),
        ConvGeometry(inChannels: 7, outChannels: 33, kernel: 5, stride: 1, padding: 2),
    ]

    func testConvolutionsMatchReference() {
        checkEveryGeometry(seed: 2, threads: 2, outputSide: { g, side in g.convOutput(side) },
                           fast: IndirectConv.convolution, reference: Conv2D.reference)
    }

    func testTransposedConvolutionsMatchReference() {
        checkEveryGeometry(seed: 3, threads: 3, outputSide: { g, side in g.transposedOutput(side) },
                           fast: IndirectConv.transposed, reference: ConvTranspose2D.reference)
    }

    typealias FastLayer = (ConvGeometry, Int, Int, [Float], [Float]?, [Float]?) -> IndirectConv
    typealias ReferenceLayer = (ConvGeometry, UnsafePointer<Float>, Int, Int, UnsafePointer<Float>, UnsafePointer<Float>?,
        UnsafeMutablePointer<Float>) -> Void

    /// Three samples of 7x9 through every geometry, the fast layer against its reference twin.
    func checkEveryGeometry(seed: UInt64, threads: Int, outputSide: (ConvGeometry, Int) -> Int,
                            fast: FastLayer, reference: ReferenceLayer) {
        var random = TestRandom(state: seed)
        let (batch, h, w) = (3, 7, 9)
        for g in Self.geometries {
            let input = random.array(batch * g.inChannels * h * w)
            let weight = random.array(g.inChannels * g.outChannels * g.kernel * g.kernel)
            let bias = random.array(g.outChannels)
            let ho = outputSide(g, h), wo = outputSide(g, w)
            let result = Self.run(fast(g, h, w, weight, bias, nil), input, batch: batch, inPlane: h * w, outPlane: ho * wo,
                threads: threads)
            let expected = Self.eachSample(input, batch: batch, inSize: g.inChannels * h * w, outSize: g.outChannels * ho * wo) { x, y in
                reference(g, x, h, w, weight, bias, y)
            }
            XCTAssertLessThanOrEqual(Self.worst(result, expected), 1e-4, "\(g)")
        }
    }

    /// DCGAN's first layer: a transposed convolution from one pixel, which the engine runs as a dense layer.
    func testTransposedConvolutionFromOnePixelMatchesReference() {
        var random = TestRandom(state: 4)
        let g = ConvGeometry(inChannels: 9, outChannels: 21, kernel: 4)
        let batch = 7
        let input = random.array(batch * 9), weight = random.array(9 * 21 * 16), bias = random.array(21)
        let conv = IndirectConv.transposed(g, height: 1, width: 1, weight: weight, bias: nil)
        XCTAssertEqual(conv.classes.count, 1)
        let fast = Self.run(conv, input, batch: batch, inPlane: 1, outPlane: 16, threads: 1, channels: 21)
        let slow = Self.eachSample(input, batch: batch, inSize: 9, outSize: 21 * 16) { x, y in
            ConvTranspose2D.reference(g, input: x, height: 1, width: 1, weight: weight, bias: nil, output: y)
        }
        XCTAssertLessThanOrEqual(Self.worst(fast, slow), 1e-4)
        let withBias = IndirectConv.transposed(g, height: 1, width: 1, weight: weight, bias: bias)
        let biased = Self.run(withBias, input, batch: batch, inPlane: 1, outPlane: 16, threads: 1, channels: 21)
        let slowBiased = Self.eachSample(input, batch: batch, inSize: 9, outSize: 21 * 16) { x, y in
            ConvTranspose2D.reference(g, input: x, height: 1, width: 1, weight: weight, bias: bias, output: y)
        }
        XCTAssertLessThanOrEqual(Self.worst(biased, slowBiased), 1e-4)
    }

    /// The last (RGB) layer as per-pixel products summed into place, for every geometry with few
    /// output channels, with bias, a fused leaky ReLU and several samples.
    func testScatterTransposedMatchesReference() {
        var random = TestRandom(state: 10)
        let (batch, h, w) = (3, 7, 9)
        let geometries = Self.geometries.filter(ScatterTransposed.applies)
            + [ConvGeometry(inChannels: 64, outChannels: 3, kernel: 4, stride: 2, padding: 1)]
        XCTAssertGreaterThanOrEqual(geometries.count, 3)
        for g in geometries {
            let input = random.array(batch * g.inChannels * h * w)
            let weight = random.array(g.inChannels * g.outChannels * g.kernel * g.kernel)
            let bias = random.array(g.outChannels)
            var layer = ScatterTransposed(g, height: h, width: w, weight: weight, bias: bias)
            layer.clamp = .leaky(0.2)
            let ho = g.transposedOutput(h), wo = g.transposedOutput(w)
            var last = [Float](repeating: 0, count: input.count), out = [Float](repeating: .nan, count: batch * g.outChannels * ho * wo)
            var result = out
            ChannelsLast.transpose(input, &last, batch: batch, channels: g.inChannels, plane: h * w, toChannelsLast: true)
            layer.forward(last, &out, batch: batch, zeros: [Float](repeating: 0, count: 64), threads: 2)
            ChannelsLast.transpose(out, &result, batch: batch, channels: g.outChannels, plane: ho * wo, toChannelsLast: false)
            var expected = Self.eachSample(input, batch: batch, inSize: g.inChannels * h * w, outSize: g.outChannels * ho * wo) { x, y in
                ConvTranspose2D.reference(g, input: x, height: h, width: w, weight: weight, bias: bias, output: y)
            }
            expected.withUnsafeMutableBufferPointer { Activation.leakyReLU(slope: 0.2).apply($0) }
            XCTAssertLessThanOrEqual(Self.worst(result, expected), 1e-4, "\(g)")
        }
    }

    /// DCGAN's upsampling layers (k4 s2 p1) by Winograd F(2x2, 2x2), including an odd height
    /// (a half tile at the edge), bias, a fused ReLU, several samples and threads.
    func testWinogradTransposedConvolutionMatchesReference() {
        var random = TestRandom(state: 8)
        let g = ConvGeometry(inChannels: 24, outChannels: 32, kernel: 4, stride: 2, padding: 1)
        for (batch, h, w, threads) in [(3, 9, 8, 2), (1, 8, 11, 1)] {
            XCTAssertTrue(WinogradTransposed.applies(g, height: h, width: w))
            let input = random.array(batch * 24 * h * w), weight = random.array(24 * 32 * 16), bias = random.array(32)
            var layer = WinogradTransposed(g, height: h, width: w, weight: weight, bias: bias)
            layer.clamp = .relu
            var last = [Float](repeating: 0, count: input.count), out = [Float](repeating: .nan, count: batch * 32 * 4 * h * w)
            var fast = out
            let zeros = [Float](repeating: 0, count: 32)
            ChannelsLast.transpose(input, &last, batch: batch, channels: 24, plane: h * w, toChannelsLast: true)
            layer.forward(last, &out, batch: batch, zeros: zeros, threads: threads)
            ChannelsLast.transpose(out, &fast, batch: batch, channels: 32, plane: 4 * h * w, toChannelsLast: false)
            var slow = Self.eachSample(input, batch: batch, inSize: 24 * h * w, outSize: 32 * 4 * h * w) { x, y in
                ConvTranspose2D.reference(g, input: x, height: h, width: w, weight: weight, bias: bias, output: y)
            }
            slow.withUnsafeMutableBufferPointer { Activation.relu.apply($0) }
            XCTAssertLessThanOrEqual(Self.worst(fast, slow), 1e-4, "\(batch)x\(h)x\(w)")
        }
        XCTAssertFalse(WinogradTransposed.applies(g, height: 4, width: 4), "small layers stay direct")
    }

    func testDenseMatchesReference() {
        var random = TestRandom(state: 5)
        let (batch, inputs, outputs) = (8, 37, 53)
        let x = random.array(batch * inputs), weight = random.array(inputs * outputs), bias = random.array(outputs)
        let fast = Self.run(.dense(inputs: inputs, outputs: outputs, weight: weight, bias: bias), x, batch: batch, inPlane: 1,
            outPlane: 1, threads: 2)
        var slow = [Float](repeating: .nan, count: batch * outputs)
        Dense.reference(batch: batch, inputs: inputs, outputs: outputs, x: x, weight: weight, bias: bias, y: &slow)
        XCTAssertLessThanOrEqual(Self.worst(fast, slow), 1e-4)
    }

    /// One or two rows take four blocks of 16 channels a call, more rows two blocks (with AVX-512),
    /// the rest one: every way gives the reference's values, and each sample the same bits alone or
    /// in any batch, on any thread count, with batch norm's scale kept apart or not.
    func testDenseGivesTheSameBitsForAnyRowCount() {
        var random = TestRandom(state: 15)
        let (inputs, outputs) = (37, 133)  // eight whole blocks and five channels
        let x = random.array(7 * inputs), weight = random.array(inputs * outputs), bias = random.array(outputs)
        let scale = random.array(outputs).map { 0.5 + abs($0) }
        for scale in [nil, scale] {
            let layer = IndirectConv.dense(inputs: inputs, outputs: outputs, weight: weight, bias: bias, scale: scale)
            var slow = [Float](repeating: .nan, count: 7 * outputs)
            let scaled = scale.map { s in weight.indices.map { weight[$0] * s[$0 / inputs] } } ?? weight
            Dense.reference(batch: 7, inputs: inputs, outputs: outputs, x: x, weight: scaled, bias: bias, y: &slow)
            let all = Self.run(layer, x, batch: 7, inPlane: 1, outPlane: 1, threads: 2)
            XCTAssertLessThanOrEqual(Self.worst(all, slow), 1e-4)
            for (first, count, threads) in [(0, 1, 1), (3, 1, 2), (5, 2, 1), (1, 2, 3)] {
                let part = Array(x[first * inputs ..< (first + count) * inputs])
                let alone = Self.run(layer, part, batch: count, inPlane: 1, outPlane: 1, threads: threads)
                XCTAssertEqual(alone, Array(all[first * outputs ..< (first + count) * outputs]), "samples \(first)..<\(first + count)")
            }
        }
    }

    func testFusedClampsMatchTheActivations() {
        var random = TestRandom(state: 6)
        let g = ConvGeometry(inChannels: 6, outChannels: 20, kernel: 3, stride: 1, padding: 1)
        let input = random.array(2 * 6 * 25), weight = random.array(6 * 20 * 9)
        var conv = IndirectConv.convolution(g, height: 5, width: 5, weight: weight, bias: nil)
        let plain = Self.run(conv, input, batch: 2, inPlane: 25, outPlane: 25, threads: 1)
        for (clamp, activation) in [(MicroKernel.Clamp.relu, Activation.relu), (.leaky(0.2), .leakyReLU(slope: 0.2))] {
            conv.clamp = clamp
            var expected = plain
            expected.withUnsafeMutableBufferPointer { activation.apply($0) }
            XCTAssertEqual(Self.run(conv, input, batch: 2, inPlane: 25, outPlane: 25, threads: 1), expected, "\(clamp)")
        }
    }

    func testVectorTanhMatchesLibm() {
        var values = stride(from: -12, through: 12, by: 0.001).map { Float($0) } + [0, -0, 1e-8, -1e-8, 100, -100, .infinity, -.infinity]
        let expected = values.map { Foundation.tanh($0) }
        values.withUnsafeMutableBufferPointer { VectorMath.tanh($0) }
        XCTAssertLessThanOrEqual(Self.worst(values, expected), 1e-6)
    }

    func testThreadsAndBatchesGiveIdenticalResults() throws {
        var random = TestRandom(state: 7)
        let generator = try Generator(path: Fixtures.path("tiny.safetensors"))
        let z = Tensor(shape: [5, generator.latentDim], data: random.array(5 * generator.latentDim))
        let one = generator.forward(z, threads: 1)
        XCTAssertEqual(one, generator.forward(z, threads: 3))
        for i in 0..<5 {
            let single = Tensor(shape: [1, generator.latentDim], data: z.sample(i).data)
            XCTAssertEqual(generator.forward(single, threads: 1).data, one.sample(i).data)
            XCTAssertEqual(generator.forward(single, threads: 2).data, one.sample(i).data)
        }
    }

    /// A graph (the SLE generator fixture) keeps its values alive across steps and reuses buffers:
    /// the answer is the same alone, in a batch and on any thread count, and matches the reference.
    func testGraphsGiveIdenticalResultsForAnyBatchOrThreadCount() throws {
        let file = try Fixtures.file("layers.safetensors")
        let cases = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(file.metadata["ganvas.fixture.cases"]!.utf8)) as? [[String: Any]])
        let sle = try XCTUnwrap(cases.first { $0["name"] as? String == "sle_generator" })
        let arch = String(decoding: try JSONSerialization.data(withJSONObject: sle["arch"]!), as: UTF8.self)
        let network = try Network(architecture: Architecture(json: arch), inputShape: [10],
                                  tensorShapes: file.tensors.mapValues(\.shape), tensor: file.floats)
        XCTAssertGreaterThan(network.plan.slotSizes.count, 2, "a graph with skips needs more than two buffers")
        var random = TestRandom(state: 11)
        let z = Tensor(shape: [4, 10], data: random.array(40))
        let batch = network.forward(z, threads: 1)
        XCTAssertEqual(batch, network.forward(z, threads: 2))
        XCTAssertLessThanOrEqual(batch.maxAbsDifference(network.forward(z, kernels: .reference)), 1e-5)
        for i in 0..<4 {
            let single = Tensor(shape: [1, 10], data: z.sample(i).data)
            XCTAssertEqual(network.forward(single, threads: 1).data, batch.sample(i).data)
            XCTAssertEqual(network.forward(single, threads: 3).data, batch.sample(i).data)
        }
    }

    /// A graph's output need not be the last step the engine runs: a last layer that only reshapes
    /// an earlier value, or the input itself.
    func testOutputsThatAreEarlierValuesOrTheInput() throws {
        var random = TestRandom(state: 13)
        let x = Tensor(shape: [3, 6], data: random.array(18))
        let chain = #"[{"op": "relu", "name": "a"}, {"op": "tanh"}, {"op": "reshape", "shape": [6], "inputs": ["a"]}]"#
        let earlier = try Network(architecture: Architecture(json: chain), inputShape: [6], tensorShapes: [:], tensor: { _ in [] })
        XCTAssertEqual(earlier.forward(x).data, x.data.map { max($0, 0) })
        XCTAssertEqual(earlier.forward(x, kernels: .reference).data, x.data.map { max($0, 0) })
        let identity = try Network(architecture: Architecture(json: #"[{"op": "reshape", "shape": [6]}]"#), inputShape: [6],
            tensorShapes: [:], tensor: { _ in [] })
        XCTAssertEqual(identity.forward(x).data, x.data)
    }

    /// Half-precision panels (used for few rows) and float32 panels (many rows) give the same sums.
    func testHalfAndFullPrecisionPanelsGiveIdenticalResults() throws {
        let generator = try Generator(path: Fixtures.path("tiny_f16.safetensors"))
        XCTAssertTrue(generator.network.plan.stepNames.contains { $0.contains("f16 copy") })
        var random = TestRandom(state: 9)
        let batch = 40
        let z = Tensor(shape: [batch, generator.latentDim], data: random.array(batch * generator.latentDim))
        let all = generator.forward(z)
        for i in [0, 17, 39] {
            let single = Tensor(shape: [1, generator.latentDim], data: z.sample(i).data)
            XCTAssertEqual(generator.forward(single).data, all.sample(i).data, "sample \(i)")
        }
    }

    func testBatchGivesTheSameAnswerAsOneAtATime() throws {
        let generator = try Generator(path: Fixtures.path("tiny.safetensors"))
        var random = TestRandom(state: 4)
        let latents = (0..<5).map { _ in random.array(generator.latentDim) }
        let batch = generator.pixels(for: latents)
        for (i, z) in latents.enumerated() { XCTAssertEqual(generator.pixels(for: [z])[0], batch[i]) }
    }

    // MARK: - Helpers

    /// Runs `conv` on planar samples through the channels-last layout; returns planar outputs.
    static func run(_ conv: IndirectConv, _ input: [Float], batch: Int, inPlane: Int, outPlane: Int, threads: Int,
                    channels: Int? = nil) -> [Float] {
        let outChannels = channels ?? conv.outChannels
        let inChannels = input.count / (batch * inPlane)
        var last = [Float](repeating: 0, count: input.count), out = [Float](repeating: .nan, count: batch * outChannels * outPlane)
        var planar = out
        let zeros = [Float](repeating: 0, count: conv.inChannels)
        ChannelsLast.transpose(input, &last, batch: batch, channels: inChannels, plane: inPlane, toChannelsLast: true)
        conv.forward(last, &out, batch: batch, zeros: zeros, threads: threads)
        ChannelsLast.transpose(out, &planar, batch: batch, channels: outChannels, plane: outPlane, toChannelsLast: false)
        return planar
    }

    static func eachSample(_ input: [Float], batch: Int, inSize: Int, outSize: Int,
                           _ body: (UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void) -> [Float] {
        var out = [Float](repeating: .nan, count: batch * outSize)
        input.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { y in
                for n in 0..<batch { body(x.baseAddress! + n * inSize, y.baseAddress! + n * outSize) }
            }
        }
        return out
    }

    static func worst(_ a: [Float], _ b: [Float]) -> Float {
        XCTAssertEqual(a.count, b.count)
        return zip(a, b).map { $0 == $1 ? 0 : (abs($0 - $1).isNaN ? .infinity : abs($0 - $1)) }.max() ?? 0
    }
}
