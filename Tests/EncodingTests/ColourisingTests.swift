import Foundation
import Imaging
import Latent
import Neural
import XCTest
@testable import Encoding

/// Colourising (`--match luma`) with the shipped styles: a grey picture comes back in the style's
/// colours, and a grey style's colour floor is no floor at all.
final class ColourisingTests: XCTestCase {
    static let models = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("models").path

    /// A face drawn in greys, 64x64: a light disc on white with dark eyes and a smile. The style
    /// should give it colour; without the colour floor the ngf 48 emoji returned a grey face.
    var greyFace: RGBImage {
        var pixels: [UInt8] = []
        for y in 0..<64 { for x in 0..<64 {
            let dx = Double(x) - 31.5, dy = Double(y) - 31.5, r = (dx * dx + dy * dy).squareRoot()
            let eye = [(-10.0, -8.0), (10.0, -8.0)].contains { pow(dx - $0.0, 2) + pow(dy - $0.1, 2) < 16 }
            let smile = dy > 4 && dy < 15 && abs(r - 14) < 2
            let value: UInt8 = r > 26 ? 255 : (eye || smile ? 50 : 190)
            pixels += [value, value, value]
        } }
        return RGBImage(width: 64, height: 64, pixels: pixels)
    }

    func testAGreyFaceIsColourisedAsColourfullyAsEmojiUsuallyAre() throws {
        let generator = try Generator(path: Self.models + "/emoji.safetensors")
        let search = LatentSearch(generator: generator, encoder: try Encoder(path: Self.models + "/emoji.encoder.safetensors"))
        let typical = Colourfulness.typical(of: generator)
        XCTAssertGreaterThan(typical, 0.1, "emoji's pictures are colourful")
        let result = search.encode(greyFace, options: EncodeOptions(match: .luma, budgetMilliseconds: 500))!
        let colour = Colourfulness.of(generator.forward(Tensor(shape: [1, generator.latentDim], data: result.latent)).data)
        XCTAssertLessThan(result.rms, result.startRMS + 1e-9, "the luminance is matched at least as well as the start")
        XCTAssertGreaterThan(colour, 0.75 * typical)
    }

    func testAGreyStyleHasNoColourToKeep() throws {
        let glyphs = try Generator(path: Self.models + "/glyphs.safetensors")
        XCTAssertLessThan(Colourfulness.typical(of: glyphs), 0.02)
    }

    func testColourfulnessOfGreyIsNothingAndOfRedIsItsChroma() {
        let n = 4
        XCTAssertEqual(Colourfulness.of([Float](repeating: 0.3, count: 3 * n)), 0, accuracy: 1e-4)
        let red = [Float](repeating: 1, count: n) + [Float](repeating: -1, count: 2 * n)
        // Cb = -0.168736 + 0.331264 - 0.5, Cr = 0.5 + 0.418688 + 0.081312
        XCTAssertEqual(Colourfulness.of(red), (0.337264 * 0.337264 + 1.0).squareRoot(), accuracy: 1e-4)
        // The same on 0-255 from a picture's bytes, RGBA too; a grey picture has none.
        let redBytes = RGBImage(width: 2, height: 1, channels: 4, pixels: [255, 0, 0, 255, 255, 0, 0, 0])
        XCTAssertEqual(Colourfulness.of(redBytes), 127.5 * (0.337264 * 0.337264 + 1.0).squareRoot(), accuracy: 1e-2)
        XCTAssertEqual(Colourfulness.of(RGBImage(width: 2, height: 2, pixels: [UInt8](repeating: 90, count: 12))), 0, accuracy: 1e-3)
    }
}
