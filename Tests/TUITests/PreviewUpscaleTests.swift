import Foundation
import Gallery
import Imaging
import Studio
import TermGraphics
@testable import App
@testable import TUI
import XCTest
import PictureMaking

/// The preview shows a picture through the style's upscaler when it is drawn as graphics at
/// least twice its pixels, and as it is in text cells or small.
final class PreviewUpscaleTests: XCTestCase {
    func testUpscaledOnlyWhereItShows() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("NeuralTests/Fixtures/upscaler.safetensors").path
        let upscaler = try StyleUpscaler(path: path)
        let picture = RGBImage(width: 16, height: 16, fill: 120)
        func target(_ format: ImageFormat, columns: Int) -> PreviewTarget {
            PreviewTarget(format: format, rect: Rect(x: 0, y: 0, width: columns, height: columns / 2), cellWidth: 10, cellHeight: 20,
                          colors: .full, sixelRegisters: 256, inTmux: false)
        }
        XCTAssertEqual(PreviewDrawing.enhanced(picture, upscaler: upscaler, target: target(.sixel, columns: 40)).width, 32)
        XCTAssertEqual(PreviewDrawing.enhanced(picture, upscaler: upscaler, target: target(.kitty, columns: 40)).width, 32)
        XCTAssertEqual(PreviewDrawing.enhanced(picture, upscaler: upscaler, target: target(.sixel, columns: 2)).width, 16,
            "drawn small: as it is")
        XCTAssertEqual(PreviewDrawing.enhanced(picture, upscaler: nil, target: target(.sixel, columns: 40)).width, 16)
        let text = target(ImageFormat.allCases.first { $0.textMode != nil }!, columns: 40)
        XCTAssertEqual(PreviewDrawing.enhanced(picture, upscaler: upscaler, target: text).width, 16, "text cells: as it is")
    }
}
