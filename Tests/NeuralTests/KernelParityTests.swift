import Neural
import XCTest

/// Every fast kernel against its plain reference twin, on shapes that hit the edge paths.
final class KernelParityTests: XCTestCase {
    func testGemmMatchesReferenceOnAwkwardShapes() {
        var random = TestRandom(state: 1)
        for (m, n, k) in [(1, 1, 1), (3, 5, 7), (4, 16, 9), (5, 17, 33), (9, 33, 64), (7, 48, 3), (1, 200, 130), (13, 15, 300)] {
            let a = random.array(m * k), b = random.array(k * n)
            var fast = [Float](repeating: .nan, count: m * n), slow = fast
            Gemm.multiply(m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, c: &fast, ldc: n)
            Gemm.reference(m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, c: &slow, ldc: n)
            let worst = zip(fast, slow).map { abs($0 - $1) }.max()!
            XCTAssertLessThanOrEqual(worst, 1e-4, "\(m)x\(n)x\(k)")
        }
    }

    func testConvolutionsMatchReference() {
        var random = TestRandom(state: 2)
        let cases = [ConvGeometry(inChannels: 3, outChannels: 5, kernel: 3, stride: 1, padding: 1),
                     ConvGeometry(inChannels: 4, outChannels: 6, kernel: 4, stride: 2, padding: 1),
                     ConvGeometry(inChannels: 2, outChannels: 3, kernel: 1),
                     ConvGeometry(inChannels: 5, outChannels: 4, kernel: 3, stride: 2, padding: 1, outputPadding: 1)]
        for g in cases {
            let h = 7, w = 9
            let input = random.array(g.inChannels * h * w), weight = random.array(g.inChannels * g.outChannels * g.kernel * g.kernel)
            let bias = random.array(g.outChannels)
            // Convolution.
            let convCount = g.outChannels * g.convOutput(h) * g.convOutput(w)
            var fast = [Float](repeating: .nan, count: convCount), slow = fast
            var scratch = [Float](repeating: 0, count: Conv2D.scratchCount(g, height: h, width: w))
            Conv2D.forward(g, input: input, height: h, width: w, weight: weight, bias: bias, output: &fast, scratch: &scratch)
            Conv2D.reference(g, input: input, height: h, width: w, weight: weight, bias: bias, output: &slow)
            XCTAssertLessThanOrEqual(zip(fast, slow).map { abs($0 - $1) }.max()!, 1e-4, "conv \(g)")
            // Transposed convolution (weight read as [Cin, Cout, k, k]).
            let tCount = g.outChannels * g.transposedOutput(h) * g.transposedOutput(w)
            var tFast = [Float](repeating: .nan, count: tCount), tSlow = tFast
            var tScratch = [Float](repeating: 0, count: ConvTranspose2D.scratchCount(g, height: h, width: w))
            let packed = ConvTranspose2D.packWeight(g, weight)
            ConvTranspose2D.forward(g, input: input, height: h, width: w, packedWeight: packed, bias: bias, output: &tFast, scratch: &tScratch)
            ConvTranspose2D.reference(g, input: input, height: h, width: w, weight: weight, bias: bias, output: &tSlow)
            XCTAssertLessThanOrEqual(zip(tFast, tSlow).map { abs($0 - $1) }.max()!, 1e-4, "convT \(g)")
        }
    }

    func testDenseMatchesReference() {
        var random = TestRandom(state: 3)
        let (batch, inputs, outputs) = (3, 37, 53)
        let x = random.array(batch * inputs), weight = random.array(inputs * outputs), bias = random.array(outputs)
        var fast = [Float](repeating: .nan, count: batch * outputs), slow = fast
        Dense.forward(batch: batch, inputs: inputs, outputs: outputs, x: x, packedWeight: Dense.packWeight(inputs: inputs, outputs: outputs, weight), bias: bias, y: &fast)
        Dense.reference(batch: batch, inputs: inputs, outputs: outputs, x: x, weight: weight, bias: bias, y: &slow)
        XCTAssertLessThanOrEqual(zip(fast, slow).map { abs($0 - $1) }.max()!, 1e-4)
    }

    func testThreadsGiveIdenticalResults() throws {
        var random = TestRandom(state: 5)
        let (m, n, k) = (70, 130, 128)
        let a = random.array(m * k), b = random.array(k * n)
        var one = [Float](repeating: .nan, count: m * n), three = one
        Gemm.multiply(m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, c: &one, ldc: n, threads: 1)
        Gemm.multiply(m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, c: &three, ldc: n, threads: 3)
        XCTAssertEqual(one, three)
        let generator = try Generator(path: Fixtures.path("tiny.safetensors"))
        let z = Tensor(shape: [5, generator.latentDim], data: random.array(5 * generator.latentDim))
        XCTAssertEqual(generator.forward(z, threads: 1), generator.forward(z, threads: 3))
    }

    func testBatchGivesTheSameAnswerAsOneAtATime() throws {
        let generator = try Generator(path: Fixtures.path("tiny.safetensors"))
        var random = TestRandom(state: 4)
        let latents = (0..<5).map { _ in random.array(generator.latentDim) }
        let batch = generator.pixels(for: latents)
        for (i, z) in latents.enumerated() { XCTAssertEqual(generator.pixels(for: [z])[0], batch[i]) }
    }
}
