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
            // The card states its measured quality (tools/evaluate.py): SWD ratios to the floor,
            // precision and recall beside the real reference, N, near-blank share.
            let quality = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(generator.card.quality.utf8)) as? [String: Any], file)
            for key in ["ratio", "swd_x1e3", "swd_floor_x1e3", "precision", "recall", "real_precision", "real_recall", "near_blank", "images"] {
                XCTAssertNotNil(quality[key], "\(file)'s card lacks \(key)")
            }
            XCTAssertFalse(generator.card.training.isEmpty || generator.card.training == "unknown", "\(file) does not say how much compute it got")
            let goldenPath = Self.root.appendingPathComponent("Tests/NeuralTests/Goldens/\(generator.card.name).safetensors").path
            let golden = try SafetensorsFile(path: goldenPath)
            let z = Tensor(shape: golden.tensors["z"]!.shape, data: golden.floats("z"))
            let expected = Tensor(shape: golden.tensors["out"]!.shape, data: golden.floats("out"))
            XCTAssertLessThanOrEqual(generator.forward(z).maxAbsDifference(expected), 1e-4, file)
        }
    }
}
