import Foundation
import Imaging
import Studio
@testable import App
@testable import TUI
import XCTest

/// The studio's preview bytes, decoded back into the picture they draw.
final class PreviewDrawingTests: XCTestCase {
    func testKittyPreviewCarriesTheRawPictureAtItsPlacedSize() throws {
        let image = RGBImage(width: 8, height: 8, pixels: (0..<192).map { UInt8(($0 * 37) % 256) })
        let target = PreviewTarget(format: .kitty, rect: Rect(x: 2, y: 1, width: 12, height: 6), cellWidth: 10, cellHeight: 20,
                                   colors: .full, sixelRegisters: 256, inTmux: false)
        let text = String(decoding: try PreviewDrawing.bytes(image, target: target), as: UTF8.self)
        // Graphics commands: ESC _ G keys ; payload ESC \ — the first one deletes the last picture.
        let commands = text.components(separatedBy: "\u{1B}_G").dropFirst().map { $0.components(separatedBy: "\u{1B}\\")[0] }
        XCTAssertEqual(commands.first, "a=d,d=I,i=1,q=2")
        let transfers = commands.dropFirst().map { $0.split(separator: ";", maxSplits: 1).map(String.init) }
        let keys = Dictionary(uniqueKeysWithValues: transfers[0][0].split(separator: ",").map { pair -> (String, String) in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            return (parts[0], parts[1])
        })
        XCTAssertEqual(keys["f"], "24")
        let width = try XCTUnwrap(Int(keys["s"] ?? "")), height = try XCTUnwrap(Int(keys["v"] ?? ""))
        XCTAssertEqual(width, height)
        XCTAssertLessThanOrEqual(width, 12 * 10)
        let payload = try XCTUnwrap(Data(base64Encoded: transfers.map { $0.last ?? "" }.joined()))
        XCTAssertEqual([UInt8](payload), Resize.resize(image, width: width, height: height, filter: .smooth).pixels)
    }
}

