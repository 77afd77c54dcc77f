import Foundation
@testable import ImageFiles
@testable import Imaging
import Latent
import XCTest

/// The fast path decodes what libpng decodes, and leaves everything else to libpng.
final class PNGFastPathTests: XCTestCase {
    func noisy(width: Int, height: Int, channels: Int) -> RGBImage {
        var rng = SplitMix64(seed: 8)
        // Gradients with noise, so libpng's encoder picks every filter type somewhere.
        let pixels = (0..<(width * height * channels)).map { i -> UInt8 in
            let x = i / channels % width, y = i / channels / width
            return UInt8(truncatingIfNeeded: (x * 3 + y * 5 + i % channels * 40) / (1 + i % 3) + Int.random(in: 0...6, using: &rng))
        }
        return RGBImage(width: width, height: height, channels: channels, pixels: pixels)
    }

    func testFastPathMatchesLibpng() throws {
        for channels in [3, 4] {
            for (width, height) in [(1, 1), (37, 21), (64, 40)] {
                let png = try PNGCodec.encode(noisy(width: width, height: height, channels: channels),
                    text: [(key: "Software", value: "test")])
                let fast = try XCTUnwrap(PNGFastPath.decode(png, pixelLimit: 1 << 20), "\(width)x\(height)x\(channels)")
                XCTAssertTrue(fast == (try PNGCodec.decodeWithLibpng(png)), "\(width)x\(height)x\(channels)")
            }
        }
    }

    /// Real files: one with only image chunks, one with an ICC profile (iCCP), one from ganvas.
    func testBenchPicturesDecodeAsLibpngDoes() throws {
        for name in ["waves-256", "astronaut-256", "tiny-256"] {
            let path = #filePath.replacingOccurrences(of: "Tests/ImagingTests/PNGFastPathTests.swift", with: "bench/pictures/\(name).png")
            let bytes = [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: path), name))
            let fast = PNGFastPath.decode(bytes, pixelLimit: 1 << 20)
            XCTAssertNotNil(fast, name)
            XCTAssertTrue(fast == (try PNGCodec.decodeWithLibpng(bytes)), name)
        }
    }

    func testOtherPicturesAndDamageGoToLibpng() throws {
        var png = try PNGCodec.encode(noisy(width: 9, height: 7, channels: 3))
        // A gAMA chunk (gamma 1.0) before IDAT: libpng may change the pixels, so no fast path.
        let gama = PNGChunks.chunk("gAMA", [0x00, 0x01, 0x86, 0xA0])
        let withGamma = Array(png[0..<33]) + gama + Array(png[33...])
        XCTAssertNil(PNGFastPath.decode(withGamma, pixelLimit: 1 << 20))
        // A flipped byte inside the image data fails its CRC.
        png[png.count - 20] ^= 0x40
        XCTAssertNil(PNGFastPath.decode(png, pixelLimit: 1 << 20))
        XCTAssertThrowsError(try PNGCodec.decode(png))
        // Over the pixel limit.
        XCTAssertNil(PNGFastPath.decode(try PNGCodec.encode(noisy(width: 9, height: 7, channels: 3)), pixelLimit: 62))
    }
}
