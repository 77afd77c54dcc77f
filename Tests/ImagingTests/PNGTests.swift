import Foundation
@testable import ImageFiles
@testable import Imaging
import Latent
import XCTest

final class PNGTests: XCTestCase {
    func gradient(width: Int, height: Int, channels: Int = 3) -> RGBImage {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                pixels += [UInt8(x * 255 / max(width - 1, 1)), UInt8(y * 255 / max(height - 1, 1)), UInt8((x ^ y) & 0xFF)]
                if channels == 4 { pixels.append(UInt8((x + y) % 256)) }
            }
        }
        return RGBImage(width: width, height: height, channels: channels, pixels: pixels)
    }

    func testRoundTripKeepsPixelsAndText() throws {
        for channels in [3, 4] {
            let image = gradient(width: 37, height: 21, channels: channels)
            let text = [(key: "Software", value: "ganvas test"), (key: "ganvas:recipe", value: "{\"é\": \"ünïcode ✓\"}")]
            let png = try PNGCodec.encode(image, text: text)
            XCTAssertEqual(try PNGCodec.decode(png), image)
            let entries = try PNGChunks.textEntries(of: png)
            XCTAssertEqual(entries.map(\.key), text.map(\.key))
            XCTAssertEqual(entries.map(\.value), text.map(\.value))
            // Text comes before the image data, so streaming readers see it first.
            let types = try PNGChunks.chunks(of: png).map(\.type)
            XCTAssertLessThan(types.firstIndex(of: "tEXt")!, types.firstIndex(of: "IDAT")!)
        }
    }

    /// Text entries with keys PNG forbids (copied from another file) are left out, so what Ganvas
    /// writes always passes a strict reader.
    func testInvalidTextKeysAreLeftOut() throws {
        let keys = ["", String(repeating: "k", count: 80), "a\u{1B}b", " lead", "trail ", "two  spaces", "é", "Fine Key"]
        let png = try PNGCodec.encode(gradient(width: 4, height: 4), text: keys.map { ($0, "v") })
        XCTAssertEqual(try PNGChunks.textEntries(of: png).map(\.key), ["Fine Key"])
        XCTAssertEqual(try PNGCodec.decode(png).width, 4)
    }

    func testRefusesWhatIsNotAPNG() {
        XCTAssertThrowsError(try PNGCodec.decode(Array("GIF89a not a png".utf8))) { XCTAssertEqual("\($0)", "not a PNG file") }
        XCTAssertThrowsError(try PNGCodec.decode([]))
    }

    func testRefusesTruncatedAndCorruptFiles() throws {
        let png = try PNGCodec.encode(gradient(width: 16, height: 16))
        XCTAssertThrowsError(try PNGCodec.decode(Array(png.prefix(png.count / 2))))
        XCTAssertThrowsError(try PNGChunks.chunks(of: Array(png.prefix(png.count / 2))))
        var flipped = png
        flipped[45] ^= 0xFF  // inside the IDAT data
        XCTAssertThrowsError(try PNGChunks.chunks(of: flipped)) { XCTAssertTrue("\($0)".contains("CRC")) }
    }

    /// A header claiming 100000x100000 pixels is refused before any pixel memory is taken.
    func testRefusesHugePicturesBeforeDecoding() throws {
        var png = try PNGCodec.encode(gradient(width: 8, height: 8))
        let side: [UInt8] = [0x00, 0x01, 0x86, 0xA0]
        png.replaceSubrange(16..<20, with: side)
        png.replaceSubrange(20..<24, with: side)
        let crc = CRC32.checksum(png[12..<29])
        png.replaceSubrange(29..<33, with: [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)])
        XCTAssertThrowsError(try PNGCodec.decode(png)) { XCTAssertTrue("\($0)".contains("limit") || "\($0)".contains("can hold"), "\($0)") }
        XCTAssertThrowsError(try PNGCodec.decode(try PNGCodec.encode(gradient(width: 8, height: 8)), pixelLimit: 63))
    }

    /// A tiny file whose header claims 8000x8000 (under the pixel limit) is refused from its size
    /// alone: its image data could not hold that many pixels. Real flat pictures still read.
    func testRefusesHeadersTheirDataCannotFill() throws {
        var png = try PNGCodec.encode(gradient(width: 8, height: 8))
        let side: [UInt8] = [0x00, 0x00, 0x1F, 0x40]  // 8000
        png.replaceSubrange(16..<20, with: side)
        png.replaceSubrange(20..<24, with: side)
        let crc = CRC32.checksum(png[12..<29])
        png.replaceSubrange(29..<33, with: [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)])
        XCTAssertLessThan(png.count, 1000)
        XCTAssertThrowsError(try PNGCodec.decode(png)) { XCTAssertTrue("\($0)".contains("can hold"), "\($0)") }
        let flat = RGBImage(width: 3000, height: 3000, channels: 3, pixels: [UInt8](repeating: 255, count: 27_000_000))
        let encoded = try PNGCodec.encode(flat)
        XCTAssertEqual(try PNGCodec.decode(encoded).pixels.count, flat.pixels.count,
            "a flat picture compresses ~\(27_000_000 / encoded.count):1")
    }

    func testReadsFilesAndReportsMissingOnes() throws {
        let path = NSTemporaryDirectory() + "ganvas-png-\(UUID().uuidString).png"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let image = gradient(width: 5, height: 3)
        _ = FileManager.default.createFile(atPath: path, contents: Data(try PNGCodec.encode(image, text: [(key: "k", value: "v")])))
        let (read, text) = try PNGCodec.read(path: path)
        XCTAssertEqual(read, image)
        XCTAssertEqual(text.first?.value, "v")
        XCTAssertThrowsError(try PNGCodec.read(path: path + ".missing"))
    }

    func testCRCOfKnownString() {
        XCTAssertEqual(CRC32.checksum(Array("123456789".utf8)[...]), 0xCBF4_3926)
    }
}

final class ResizeTests: XCTestCase {
    func testNearestUpscaleRepeatsPixels() {
        let image = RGBImage(width: 2, height: 1, pixels: [255, 0, 0, 0, 0, 255])
        let big = Resize.resize(image, width: 4, height: 2, filter: .nearest)
        XCTAssertEqual(big.pixels, [255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 255, 255, 0, 0, 255, 0, 0, 0, 0, 255, 0, 0, 255])
    }

    func testSmoothKeepsFlatColoursAndAveragesWhenShrinking() {
        let flat = RGBImage(width: 7, height: 5, pixels: [UInt8](repeating: 90, count: 7 * 5 * 3))
        for (w, h) in [(16, 16), (3, 2), (7, 5)] {
            XCTAssertTrue(Resize.resize(flat, width: w, height: h, filter: .smooth).pixels.allSatisfy { $0 == 90 })
        }
        // A fine checkerboard shrinks to mid grey, not to aliasing stripes.
        var checker: [UInt8] = []
        for y in 0..<16 { for x in 0..<16 { checker += [UInt8](repeating: (x + y) % 2 == 0 ? 0 : 255, count: 3) } }
        let small = Resize.resize(RGBImage(width: 16, height: 16, pixels: checker), width: 4, height: 4, filter: .smooth)
        XCTAssertTrue(small.pixels.allSatisfy { abs(Int($0) - 128) < 20 }, "\(small.pixels)")
    }

    func testAlphaCompositesOverWhite() {
        let image = RGBImage(width: 1, height: 1, channels: 4, pixels: [0, 0, 0, 0])
        XCTAssertEqual(image.rgb().pixels, [255, 255, 255])
    }
}

final class CRC32Tests: XCTestCase {
    /// zlib's crc32 gives what the byte-at-a-time table loop gives, on slices of any offset and length.
    func testZlibCRCMatchesTheTableLoop() {
        var random = SplitMix64(seed: 127)
        let bytes = (0..<5000).map { _ in UInt8.random(in: 0...255, using: &random) }
        var checked = 0
        for (start, end) in [(0, 0), (0, 1), (3, 4), (7, 4000), (0, 5000), (1234, 1300)] {
            XCTAssertEqual(CRC32.checksum(bytes[start..<end]), CRC32.checksumByBytes(bytes[start..<end]))
            checked += 1
        }
        XCTAssertEqual(CRC32.checksum(Array("IEND".utf8)[...]), 0xAE42_6082, "the CRC every PNG ends with")
        XCTAssertEqual(checked, 6)
    }
}
