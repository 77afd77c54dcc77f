import Encoding
import Imaging
import Studio
import XCTest
@testable import App
@testable import TUI

/// What `o` does with a PNG: a grey picture is colourised, transparent pixels are holes to fill,
/// a colour picture is encoded as before; and a PNG becomes a canvas sketch with its holes unpainted.
final class OpeningOptionsTests: XCTestCase {
    func picture(_ pixel: [UInt8], channels: Int) -> RGBImage {
        RGBImage(width: 4, height: 4, channels: channels, pixels: Array((0..<16).map { _ in pixel }.joined()))
    }

    func testGreyPicturesAreColourisedAndTransparentOnesFilled() {
        XCTAssertEqual(EffectRunner.options(for: picture([90, 90, 90], channels: 3)).match, .luma)
        XCTAssertEqual(EffectRunner.options(for: picture([90, 91, 92], channels: 3)).match, .luma, "near grey (a JPEG's grey) counts")
        let colour = EffectRunner.options(for: picture([200, 30, 30], channels: 3))
        XCTAssertEqual(colour, EncodeOptions(), "a colour picture is encoded as before")
        var holed = picture([200, 30, 30, 255], channels: 4)
        holed.pixels[3] = 0
        holed.pixels[4] = 0  // the colour under a hole does not make it colourful or grey
        XCTAssertTrue(EffectRunner.options(for: holed).fill)
        XCTAssertEqual(EffectRunner.options(for: holed).match, .colour)
        XCTAssertFalse(EffectRunner.options(for: picture([200, 30, 30, 255], channels: 4)).fill)
    }

    func testAPNGBecomesASketchWithItsTransparentPixelsUnpainted() {
        var pixels: [UInt8] = []
        for y in 0..<8 { for x in 0..<8 { pixels += [255, 0, 0, (x < 4 && y < 4) ? 0 : 255] } }
        let sketch = EffectRunner.fitted(RGBImage(width: 8, height: 8, channels: 4, pixels: pixels), side: 8, background: (255, 255, 255))
        XCTAssertEqual(sketch.channels, 4)
        XCTAssertEqual(sketch.pixels[3], 0, "a transparent pixel is unpainted")
        XCTAssertEqual(Array(sketch.pixels[((7 * 8 + 7) * 4)..<((7 * 8 + 7) * 4 + 4)]), [255, 0, 0, 255])
    }
}
