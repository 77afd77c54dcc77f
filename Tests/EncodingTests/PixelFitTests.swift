import XCTest
import Imaging
@testable import Encoding

final class PixelFitTests: XCTestCase {
    let background: PixelFit.Colour = (10, 200, 30)

    /// A wide, half-transparent red picture: composited on the background, centred, padded.
    func testAWidePictureIsFittedAndPaddedOnTheBackground() {
        let width = 40, height = 20
        var pixels: [UInt8] = []
        for _ in 0..<(width * height) { pixels += [255, 0, 0, 128] }
        let fitted = PixelFit.fit(RGBImage(width: width, height: height, channels: 4, pixels: pixels), side: 16, background: background)
        XCTAssertEqual([fitted.width, fitted.height, fitted.channels], [16, 16, 3])
        func pixel(_ x: Int, _ y: Int) -> [UInt8] { Array(fitted.pixels[(y * 16 + x) * 3 ..< (y * 16 + x) * 3 + 3]) }
        XCTAssertEqual(pixel(8, 0), [10, 200, 30], "the band above is background")
        XCTAssertEqual(pixel(8, 15), [10, 200, 30], "the band below is background")
        let middle = pixel(8, 8)
        XCTAssertEqual(Int(middle[0]), (255 * 128 + 10 * 127 + 127) / 255, accuracy: 2)
        XCTAssertEqual(Int(middle[1]), (200 * 127 + 127) / 255, accuracy: 2)
    }

    /// A huge picture is box-reduced first; a solid colour stays that colour.
    func testALargePictureShrinksToTheSide() {
        let big = RGBImage(width: 1000, height: 700, channels: 3, pixels: [UInt8](repeating: 77, count: 1000 * 700 * 3))
        let fitted = PixelFit.fit(big, side: 64, background: background)
        XCTAssertEqual([fitted.width, fitted.height], [64, 64])
        XCTAssertEqual(Array(fitted.pixels[(32 * 64 + 32) * 3 ..< (32 * 64 + 32) * 3 + 3]), [77, 77, 77])
        XCTAssertEqual(Array(fitted.pixels[0..<3]), [10, 200, 30])
    }

    func testATinyPictureIsEnlarged() {
        let tiny = RGBImage(width: 1, height: 1, channels: 3, pixels: [5, 6, 7])
        let fitted = PixelFit.fit(tiny, side: 8, background: background)
        XCTAssertEqual([fitted.width, fitted.height], [8, 8])
        XCTAssertEqual(Array(fitted.pixels[0..<3]), [5, 6, 7])
    }
}
