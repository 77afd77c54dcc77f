import Foundation
import Gallery
import Imaging
import Latent
import PictureMaking
import Recipes
import SafeFiles
import XCTest

/// File names are bytes: a picture whose name is not UTF-8 is listed, shown escaped, and can be
/// favourited, trashed and exported like any other.
final class FileNameTests: XCTestCase {
    func testNamesRoundTripByteForByte() {
        var generator = SplitMix64(seed: 11)
        var checked = 0
        let samples: [[UInt8]] = [Array("plain.png".utf8), [0x62, 0xFF, 0x2E], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80],
                                  [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], Array("\u{10FF41}x".utf8), Array("é—😀".utf8)]
            + (0..<2000).map { _ in (0..<Int.random(in: 1...12, using: &generator)).map { _ in UInt8.random(in: 1...255,
                using: &generator) } }
        for bytes in samples {
            let name = FileNames.string(fromSystem: bytes)
            XCTAssertEqual(FileNames.systemBytes(name), bytes, "\(bytes)")
            checked += 1
        }
        XCTAssertEqual(checked, samples.count)
        XCTAssertEqual(FileNames.string(fromSystem: Array("é.png".utf8)), "é.png", "valid UTF-8 is left as it is")
        XCTAssertEqual(FileNames.display(FileNames.string(fromSystem: [0x62, 0xFF, 0x2E, 0x70])), "b\\xFF.p")
    }

    func testAPictureWithABytesNameIsListedAndEditable() throws {
        let dir = NSTemporaryDirectory() + "ganvas-names-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let recipe = Recipe(style: "tiny", modelSHA256: String(repeating: "1", count: 64), seed: 5, size: 2)
        let png = try Provenance.png(RGBImage(width: 2, height: 2, fill: 90), recipe: recipe)
        // Written with the raw bytes, as another program would.
        let raw = Array((dir + "/caf").utf8) + [0xE9] + Array(".png".utf8)
        let fd = (raw.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        XCTAssertGreaterThanOrEqual(fd, 0)
        XCTAssertEqual(png.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }, png.count)
        close(fd)

        let entry = try XCTUnwrap(GalleryLibrary.list(dir).first, "the picture is listed, not skipped")
        XCTAssertEqual(FileNames.display(entry.name), "caf\\xE9.png")
        XCTAssertEqual(entry.recipe, recipe)
        try GalleryLibrary.setFavourite(true, path: entry.path)
        XCTAssertEqual(GalleryLibrary.list(dir).first?.favourite, true)
        XCTAssertEqual(try PictureExport.export([entry.path], to: dir + "/out", scale: 2, filter: .nearest, sheet: false).count, 1)
        let trashed = try GalleryLibrary.trash(entry.path)
        XCTAssertEqual(FileNames.systemBytes(trashed), Array((dir + "/trash/caf").utf8) + [0xE9] + Array(".png".utf8))
        XCTAssertTrue(GalleryLibrary.list(dir).isEmpty)
    }
}
