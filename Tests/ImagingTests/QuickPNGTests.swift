import XCTest
@testable import ImageFiles
@testable import Imaging

/// The studio's iTerm2 preview PNG (fastest deflate, no filters) decodes to the same pixels in
/// both decoders, whatever the picture's size.
final class QuickPNGTests: XCTestCase {
    func testQuickPNGsDecodeExactly() throws {
        var state: UInt32 = 7  // a fixed xorshift: the same pixels every run
        func next() -> UInt8 {
            state ^= state << 13; state ^= state >> 17; state ^= state << 5
            return UInt8(truncatingIfNeeded: state)
        }
        for (width, height) in [(1, 1), (3, 5), (64, 64), (301, 17)] {
            let pixels = (0..<(width * height * 3)).map { _ in next() }
            let image = RGBImage(width: width, height: height, pixels: pixels)
            let png = try QuickPNG.encode(image)
            XCTAssertEqual(try PNGCodec.decode(png).pixels, pixels, "\(width)x\(height), fast path")
            XCTAssertEqual(try PNGCodec.decodeWithLibpng(png).pixels, pixels, "\(width)x\(height), libpng")
        }
        let rgba = RGBImage(width: 2, height: 1, channels: 4, pixels: [1, 2, 3, 255, 4, 5, 6, 0])
        XCTAssertEqual(try PNGCodec.decode(try QuickPNG.encode(rgba)).pixels, rgba.rgb().pixels, "RGBA goes as its RGB")
    }
}
