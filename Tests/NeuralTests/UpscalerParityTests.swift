import Foundation
import Neural
import XCTest

/// The upscaler graph (convolutions, pixel shuffle, bilinear upsampling, add) against PyTorch,
/// at a size it was not built for; and the loader's refusals.
final class UpscalerParityTests: XCTestCase {
    func testMatchesPyTorchAtAnySize() throws {
        let upscaler = try Upscaler(path: Fixtures.path("upscaler.safetensors"))
        XCTAssertEqual(upscaler.scale, 2)
        XCTAssertEqual(upscaler.card.style, "tiny")
        let expected = try Fixtures.file("upscaler_expected.safetensors")
        let input = Fixtures.tensor(expected, "input"), output = Fixtures.tensor(expected, "output")
        let got = try upscaler.forward(input)
        XCTAssertEqual(got.shape, [2, 3, 20, 24])
        XCTAssertLessThanOrEqual(got.maxAbsDifference(output), 1e-4)
        // The same from two threads, and again (the network for this size is kept).
        XCTAssertEqual(try upscaler.forward(input, threads: 2), got)
        XCTAssertEqual(try upscaler.forward(input), got)
    }

    func testRefusesWhatIsNotAnUpscaler() throws {
        XCTAssertThrowsError(try Upscaler(path: Fixtures.path("tiny.safetensors"))) { error in
            XCTAssertTrue("\(error)".contains("not an upscaler"), "\(error)")
        }
        let upscaler = try Upscaler(path: Fixtures.path("upscaler.safetensors"))
        XCTAssertThrowsError(try upscaler.forward(Tensor(zeros: [1, 3, 2000, 2000])))
        XCTAssertThrowsError(try upscaler.forward(Tensor(zeros: [1, 4, 8, 8])))
    }
}
