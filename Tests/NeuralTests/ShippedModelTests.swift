import Foundation
import Neural
import XCTest

/// Every model in models/ loads, and the engine reproduces PyTorch's outputs for it
/// (goldens made by tools/make_goldens.py from the very same file).
final class ShippedModelTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testEveryShippedModelMatchesItsGolden() throws {
        let models = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("models").path)
            .filter { $0.hasSuffix(".safetensors") }.sorted()
        guard !models.isEmpty else { throw XCTSkip("no models shipped yet") }
        for file in models {
            let path = Self.root.appendingPathComponent("models/" + file).path
            let generator = try Generator(path: path)
            XCTAssertLessThan(try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int, 8 << 20, "\(file) is over 8 MB")
            XCTAssertFalse(generator.card.license.isEmpty || generator.card.license == "unknown", "\(file) names no licence")
            XCTAssertFalse(generator.card.dataset.isEmpty || generator.card.dataset == "unknown", "\(file) names no data set")
            let goldenPath = Self.root.appendingPathComponent("Tests/NeuralTests/Goldens/\(generator.card.name).safetensors").path
            let golden = try SafetensorsFile(path: goldenPath)
            let z = Tensor(shape: golden.tensors["z"]!.shape, data: golden.floats("z"))
            let expected = Tensor(shape: golden.tensors["out"]!.shape, data: golden.floats("out"))
            XCTAssertLessThanOrEqual(generator.forward(z).maxAbsDifference(expected), 1e-4, file)
        }
    }
}
