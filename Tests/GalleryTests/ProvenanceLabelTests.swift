import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Gallery
import Imaging
import XCTest
import PictureMaking
import Recipes

/// Every picture says it is AI-generated in the IPTC vocabulary other tools read (XMP in an
/// iTXt chunk), and walk GIFs say so in a comment.
final class ProvenanceLabelTests: XCTestCase {
    func testPNGsCarryXMPWithTheDigitalSourceType() throws {
        let recipe = Recipe(style: "a<b&c", modelSHA256: String(repeating: "2", count: 64), seed: 1, size: 2)
        let png = try Provenance.png(RGBImage(width: 2, height: 2, fill: 1), recipe: recipe)
        let chunks = try PNGChunks.chunks(of: png)
        let xmp = try XCTUnwrap(chunks.first { $0.type == "iTXt" && PNGChunks.textEntry($0)?.key == "XML:com.adobe.xmp" },
            "XMP must be iTXt")
        let text = try XCTUnwrap(PNGChunks.textEntry(xmp)?.value)
        let source = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
        XCTAssertTrue(text.contains("Iptc4xmpExt:DigitalSourceType=\"\(source)\""))
        XCTAssertTrue(text.contains("a&lt;b&amp;c"), "the style name is escaped for XML")
        XCTAssertFalse(text.contains("a<b&c"))
        // The packet is well-formed XML.
        let parser = XMLParser(data: Data(text.utf8))
        XCTAssertTrue(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        // Exports keep the label.
        let dir = NSTemporaryDirectory() + "ganvas-label-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(png).write(to: URL(fileURLWithPath: dir + "/a.png"))
        let exported = try PictureExport.export([dir + "/a.png"], to: dir + "/out", scale: 2, filter: .nearest, sheet: true)
        for file in exported {
            let text = try PNGCodec.read(path: file).text
            XCTAssertTrue(text.contains { $0.key == Provenance.xmpKey && $0.value.contains("trainedAlgorithmicMedia") }, file)
        }
    }

    func testGIFsCarryTheLabelInACommentExtension() {
        let gif = GIFWriter.encode([RGBImage(width: 2, height: 2, fill: 3)],
            comment: Provenance.gifComment(style: String(repeating: "e", count: 60), modelSHA256: String(repeating: "a", count: 64)))
        let bytes = gif[...]
        let start = try! XCTUnwrap(bytes.indices.first { bytes[$0] == 0x21 && bytes[$0 + 1] == 0xFE })
        var i = start + 2, comment: [UInt8] = []
        while gif[i] != 0 { comment += gif[(i + 1)...(i + Int(gif[i]))]; i += Int(gif[i]) + 1 }
        XCTAssertTrue(String(decoding: comment, as: UTF8.self).contains("trainedAlgorithmicMedia"))
        XCTAssertGreaterThan(comment.count, 255, "a comment longer than one sub-block is split and joined back")
    }
}
