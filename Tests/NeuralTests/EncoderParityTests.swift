import Foundation
import Neural
import XCTest

/// The encoder graph (strided convolutions, leaky ReLU, flatten, linear) against PyTorch, and the
/// loader's refusals.
final class EncoderParityTests: XCTestCase {
    func testMatchesPyTorch() throws {
        let encoder = try Encoder(path: Fixtures.path("encoder.safetensors"))
        XCTAssertEqual(encoder.card.style, "tiny")
        XCTAssertEqual(encoder.card.latentDim, 16)
        XCTAssertTrue(encoder.card.background == (255, 255, 255))
        let expected = try Fixtures.file("encoder_expected.safetensors")
        let input = Fixtures.tensor(expected, "input"), output = Fixtures.tensor(expected, "output")
        let got = encoder.forward(input)
        XCTAssertEqual(got.shape, [3, 16])
        XCTAssertGreaterThan(output.data.map(abs).max() ?? 0, 0.1, "the reference output is not trivial")
        XCTAssertLessThanOrEqual(got.maxAbsDifference(output), 1e-4)
        XCTAssertLessThanOrEqual(encoder.forward(input, kernels: .reference).maxAbsDifference(output), 1e-4)
    }

    func testRefusesWhatIsNotAnEncoder() throws {
        XCTAssertThrowsError(try Encoder(path: Fixtures.path("tiny.safetensors"))) { error in
            XCTAssertTrue("\(error)".contains("not an encoder"), "\(error)")
        }
        // An encoder is not a style.
        XCTAssertThrowsError(try Generator(path: Fixtures.path("encoder.safetensors"))) { error in
            XCTAssertTrue("\(error)".contains("not a style's generator"), "\(error)")
        }
        var metadata = try SafetensorsFile(path: Fixtures.path("encoder.safetensors")).metadata
        for (key, bad) in [("ganvas.background", "white"), ("ganvas.background", "#12345g"), ("ganvas.latent_dim", "0"),
            ("ganvas.resolution", "0"), ("ganvas.resolution", "2000"), ("ganvas.latent_norm", "sphere")] {
            let kept = metadata[key]
            metadata[key] = bad
            XCTAssertThrowsError(try EncoderCard(metadata: metadata), "\(key) = \(bad)")
            metadata[key] = kept
        }
        XCTAssertFalse(try EncoderCard(metadata: metadata).guessesOnShell)
        metadata["ganvas.latent_norm"] = "shell"
        XCTAssertTrue(try EncoderCard(metadata: metadata).guessesOnShell)
    }
}
