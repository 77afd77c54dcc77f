import Latent
import Neural
import XCTest

/// The engine against PyTorch's outputs for the same weights and inputs.
final class PyTorchParityTests: XCTestCase {
    struct Case: Decodable { let name: String; let input: String; let output: String }

    func testEveryLayerCaseMatchesPyTorch() throws {
        let file = try Fixtures.file("layers.safetensors")
        let casesJSON = try XCTUnwrap(file.metadata["ganvas.fixture.cases"])
        let cases = try JSONDecoder().decode([Case].self, from: Data(casesJSON.utf8))
        let archs = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(casesJSON.utf8)) as? [[String: Any]])
        XCTAssertGreaterThan(cases.count, 40)
        XCTAssertTrue(casesJSON.contains("\"inputs\""), "no graph case")
        for (testCase, raw) in zip(cases, archs) {
            let archJSON = String(decoding: try JSONSerialization.data(withJSONObject: raw["arch"]!), as: UTF8.self)
            let input = Fixtures.tensor(file, testCase.input), expected = Fixtures.tensor(file, testCase.output)
            let network = try Network(architecture: Architecture(json: archJSON), inputShape: Array(input.shape.dropFirst()),
                                      tensorShapes: file.tensors.mapValues(\.shape), tensor: file.floats)
            for kernels in [KernelChoice.fast, .reference] {
                let output = network.forward(input, kernels: kernels)
                XCTAssertEqual(output.shape, expected.shape, testCase.name)
                guard output.shape == expected.shape else { continue }
                XCTAssertLessThanOrEqual(output.maxAbsDifference(expected), 1e-4, "\(testCase.name) (\(kernels))")
            }
        }
    }

    func testTinyGeneratorMatchesPyTorchInF32AndF16() throws {
        let expected = try Fixtures.file("tiny_expected.safetensors")
        let z = Fixtures.tensor(expected, "z")
        for (model, outputName) in [("tiny.safetensors", "out"), ("tiny_f16.safetensors", "out_f16")] {
            let generator = try Generator(path: Fixtures.path(model))
            XCTAssertEqual(generator.card.name, "tiny")
            let output = generator.forward(z)
            XCTAssertLessThanOrEqual(output.maxAbsDifference(Fixtures.tensor(expected, outputName)), 1e-4, model)
            let reference = generator.forward(z, kernels: .reference)
            XCTAssertLessThanOrEqual(reference.maxAbsDifference(Fixtures.tensor(expected, outputName)), 1e-4, model)
        }
    }

    func testSeededLatentsAndTruncationMatchPython() throws {
        let expected = try Fixtures.file("tiny_expected.safetensors")
        let seeds = try JSONDecoder().decode([String].self, from: Data(expected.metadata["seeds_str"]!.utf8)).map { UInt64($0)! }
        let z = Fixtures.tensor(expected, "z"), zPsi = Fixtures.tensor(expected, "z_psi07")
        for (i, seed) in seeds.enumerated() {
            XCTAssertEqual(seededLatent(seed: seed, dimension: 16), z.sample(i).data, "seed \(seed)")
            XCTAssertEqual(Interpolation.truncate(z.sample(i).data, psi: 0.7), zPsi.sample(i).data, "seed \(seed)")
        }
        let generator = try Generator(path: Fixtures.path("tiny.safetensors"))
        XCTAssertLessThanOrEqual(generator.forward(zPsi).maxAbsDifference(Fixtures.tensor(expected, "out_psi07")), 1e-4)
    }

    func testPixelBytesFollowTheFormula() throws {
        let expected = try Fixtures.file("tiny_expected.safetensors")
        let out = Fixtures.tensor(expected, "out"), pixels = Fixtures.tensor(expected, "pixels")
        for i in 0..<out.shape[0] {
            XCTAssertEqual(Generator.pixels(out.sample(i)).map(Float.init), pixels.sample(i).data)
        }
        let edgeIn = Fixtures.tensor(expected, "pixels_edge_in"), edgeOut = Fixtures.tensor(expected, "pixels_edge_out")
        XCTAssertEqual(Generator.pixels(edgeIn.sample(0)).map(Float.init), edgeOut.sample(0).data)
    }
}
