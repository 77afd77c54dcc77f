import Foundation
import Neural
import Styles
import XCTest

/// Every model in models/ loads, and the engine reproduces PyTorch's outputs for it
/// (goldens made by tools/make_goldens.py from the very same file).
final class ShippedModelTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testEveryShippedModelMatchesItsGolden() throws {
        let models = try shipped().filter { !$0.hasSuffix(".upscaler.safetensors") && !$0.hasSuffix(".encoder.safetensors") }
        XCTAssertFalse(models.isEmpty, "models/ ships styles, and none was found")
        for file in models {
            let path = Self.root.appendingPathComponent("models/" + file).path
            let generator = try Generator(path: path)
            XCTAssertLessThan(try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int, 8 << 20, "\(file) is over 8 MB")
            XCTAssertFalse(generator.card.license.isEmpty || generator.card.license == "unknown", "\(file) names no licence")
            XCTAssertFalse(generator.card.dataset.isEmpty || generator.card.dataset == "unknown", "\(file) names no data set")
            // The card states its measured quality (tools/evaluate.py): SWD ratios to the floor,
            // precision and recall beside the real reference, N, near-blank share.
            let quality = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(generator.card.quality.utf8)) as? [String: Any], file)
            for key in ["ratio", "swd_x1e3", "swd_floor_x1e3", "precision", "recall", "real_precision", "real_recall", "near_blank",
                "images"] {
                XCTAssertNotNil(quality[key], "\(file)'s card lacks \(key)")
            }
            XCTAssertFalse(generator.card.training.isEmpty || generator.card.training == "unknown",
                "\(file) does not say how much compute it got")
            let goldenPath = Self.root.appendingPathComponent("Tests/NeuralTests/Goldens/\(generator.card.name).safetensors").path
            let golden = try SafetensorsFile(path: goldenPath)
            try checkGolden(golden, madeFrom: path, file)
            let z = Tensor(shape: golden.tensors["z"]!.shape, data: golden.floats("z"))
            let expected = Tensor(shape: golden.tensors["out"]!.shape, data: golden.floats("out"))
            XCTAssertLessThanOrEqual(generator.forward(z).maxAbsDifference(expected), 1e-4, file)
            try checkMixing(generator, golden, z: z, file)
        }
    }

    /// Style mixing against PyTorch's definition of it (`torch_arch.forward_mixed`): each seed's
    /// shapes in the next seed's colours, at every gate level the style has.
    func checkMixing(_ generator: Generator, _ golden: SafetensorsFile, z: Tensor, _ file: String) throws {
        let levels = golden.tensors.keys.filter { $0.hasPrefix("mixed.") }.count
        XCTAssertEqual(generator.mixingLevels, levels, "\(file): gate levels")
        XCTAssertGreaterThan(levels, 0, "\(file): the shipped SLE generators can mix")
        let shapes = (0..<z.shape[0]).map { z.sample($0).data }
        let colours = Array(shapes.dropFirst()) + [shapes[0]]
        for level in 0..<levels {
            let expected = Tensor(shape: golden.tensors["mixed.\(level)"]!.shape, data: golden.floats("mixed.\(level)"))
            let pixels = try generator.mixedPixels(shapes: shapes, colours: colours, level: level)
            for (i, bytes) in pixels.enumerated() {
                let want = Generator.pixels(expected.sample(i))
                let off = zip(bytes, want).map { abs(Int($0) - Int($1)) }.max() ?? 255
                XCTAssertLessThanOrEqual(off, 1, "\(file): level \(level), seed \(i)")
                XCTAssertNotEqual(want, Generator.pixels(generator.forward(z).sample(i)), "\(file): mixing changed nothing")
            }
        }
        XCTAssertThrowsError(try generator.mixedPixels(shapes: shapes, colours: colours, level: levels))
        XCTAssertThrowsError(try generator.mixedPixels(shapes: shapes, colours: [[0.5]] + colours.dropFirst(), level: 0))
        XCTAssertThrowsError(try generator.mixedPixels(shapes: shapes, colours: Array(colours.dropFirst()), level: 0))
    }

    /// The golden was made from this very file (tools/make_goldens.py records its SHA-256): a
    /// golden left from another export fails here by name, not as a numeric difference.
    func checkGolden(_ golden: SafetensorsFile, madeFrom path: String, _ file: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        XCTAssertEqual(golden.metadata["model_sha256"], SHA256.hex(bytes),
            "\(file)'s golden was made from another file: run tools/make_goldens.py")
    }

    func shipped() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("models").path)
            .filter { $0.hasSuffix(".safetensors") }.sorted()
    }

    /// Every shipped upscaler: small, for a shipped style at its size, with a card that names its
    /// data and licence and beats bicubic by at least 1 dB, and the engine reproduces PyTorch on it.
    func testEveryShippedUpscalerMatchesItsGolden() throws {
        let upscalers = try shipped().filter { $0.hasSuffix(".upscaler.safetensors") }
        XCTAssertFalse(upscalers.isEmpty, "models/ ships upscalers, and none was found")
        for file in upscalers {
            let path = Self.root.appendingPathComponent("models/" + file).path
            let upscaler = try Upscaler(path: path)
            XCTAssertLessThan(try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int, 2 << 20, "\(file) is over 2 MB")
            let style = try Generator(path: Self.root.appendingPathComponent("models/\(upscaler.card.style).safetensors").path)
            XCTAssertEqual(style.resolution, upscaler.card.resolution, file)
            XCTAssertFalse(upscaler.card.license.isEmpty || upscaler.card.license == "unknown", "\(file) names no licence")
            XCTAssertFalse(upscaler.card.dataset.isEmpty || upscaler.card.dataset == "unknown", "\(file) names no data set")
            let quality = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(upscaler.card.quality.utf8)) as? [String: Any], file)
            let net = try XCTUnwrap(quality["psnr_db"] as? Double), bicubic = try XCTUnwrap(quality["bicubic_psnr_db"] as? Double)
            XCTAssertGreaterThanOrEqual(net - bicubic, 1, "\(file) does not beat bicubic by 1 dB")
            // What it does to the style's own pictures (tools/evaluate_upscaler.py).
            for key in ["precision", "recall", "bicubic_precision", "bicubic_recall", "real_precision", "real_recall", "pr_images"] {
                XCTAssertNotNil(quality[key], "\(file)'s card lacks \(key)")
            }
            let golden = try SafetensorsFile(
                path: Self.root.appendingPathComponent("Tests/NeuralTests/Goldens/\(upscaler.card.style).upscaler.safetensors").path)
            try checkGolden(golden, madeFrom: path, file)
            let input = Tensor(shape: golden.tensors["input"]!.shape, data: golden.floats("input"))
            let expected = Tensor(shape: golden.tensors["out"]!.shape, data: golden.floats("out"))
            XCTAssertLessThanOrEqual(try upscaler.forward(input).maxAbsDifference(expected), 1e-4, file)
        }
    }

    /// Every shipped encoder: small, for a shipped style at its size and latent, with a card that
    /// names its data and licence and whose guesses beat random seeds, and the engine reproduces
    /// PyTorch on the style's own pictures.
    func testEveryShippedEncoderMatchesItsGolden() throws {
        let encoders = try shipped().filter { $0.hasSuffix(".encoder.safetensors") }
        XCTAssertFalse(encoders.isEmpty, "models/ ships encoders, and none was found")
        for file in encoders {
            let path = Self.root.appendingPathComponent("models/" + file).path
            let encoder = try Encoder(path: path)
            XCTAssertLessThan(try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int, 2 << 20, "\(file) is over 2 MB")
            let style = try Generator(path: Self.root.appendingPathComponent("models/\(encoder.card.style).safetensors").path)
            XCTAssertEqual([style.resolution, style.latentDim], [encoder.card.resolution, encoder.card.latentDim], file)
            XCTAssertFalse(encoder.card.license.isEmpty || encoder.card.license == "unknown", "\(file) names no licence")
            XCTAssertFalse(encoder.card.dataset.isEmpty || encoder.card.dataset == "unknown", "\(file) names no data set")
            let quality = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(encoder.card.quality.utf8)) as? [String: Any], file)
            let rms = try XCTUnwrap(quality["rms"] as? Double), random = try XCTUnwrap(quality["best_of_256_random_rms"] as? Double)
            XCTAssertLessThan(rms, random, "\(file)'s guesses are no closer than random seeds")
            // Its guesses as a set (tools/evaluate_encoder.py): precision and recall beside the seeds' and the real reference.
            for key in ["precision", "recall", "seed_precision", "seed_recall", "real_precision", "real_recall", "pr_images"] {
                XCTAssertNotNil(quality[key], "\(file)'s card lacks \(key)")
            }
            let golden = try SafetensorsFile(
                path: Self.root.appendingPathComponent("Tests/NeuralTests/Goldens/\(encoder.card.style).encoder.safetensors").path)
            try checkGolden(golden, madeFrom: path, file)
            let input = Tensor(shape: golden.tensors["input"]!.shape, data: golden.floats("input"))
            let expected = Tensor(shape: golden.tensors["out"]!.shape, data: golden.floats("out"))
            let difference = encoder.forward(input).maxAbsDifference(expected)
            XCTAssertLessThanOrEqual(difference, 1e-4, "\(file): \(difference)")
        }
    }
}
