import Foundation
import Gallery
import Imaging
import Neural
import XCTest
import PictureMaking

/// Walks as APNG: every frame decodes back to the picture rendered for it, the chunk sequence is
/// what the APNG spec asks, each frame's recipe is inside, and pngcheck accepts the file.
final class APNGWalkTests: XCTestCase {
    func testAPNGWalkFramesDecodeAndCarryTheirRecipes() throws {
        let dir = NSTemporaryDirectory() + "ganvas-apng-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let generator = try Generator(path: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("NeuralTests/Fixtures/tiny.safetensors").path)
        let a = [Float](repeating: 0.4, count: generator.latentDim), b = [Float](repeating: -0.4, count: generator.latentDim)
        let files = try XCTUnwrap(try WalkExport.write(WalkEnds(from: a, to: b), frames: 4, style: "tiny",
            modelSHA256: String(repeating: "1", count: 64),
                                                       generator: generator, size: 24, formats: .both, directory: dir) { _ in true })
        let apng = try XCTUnwrap(files.apng)
        XCTAssertNotNil(files.gif)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: apng)))
        let chunks = try PNGChunks.chunks(of: bytes)
        let types = chunks.map(\.type)
        XCTAssertEqual(types.first, "IHDR")
        XCTAssertEqual(types.firstIndex(of: "acTL")!, 1)
        let played = 4 + 2  // there and back: 0 1 2 3 2 1
        XCTAssertEqual(types.filter { $0 == "fcTL" }.count, played)
        XCTAssertEqual(PNGChunks.readUInt32(Array(chunks[1].data), 0), UInt32(played))
        // Sequence numbers of fcTL and fdAT run 0, 1, 2, … without a gap.
        let sequence = chunks.filter { $0.type == "fcTL" || $0.type == "fdAT" }.map { PNGChunks.readUInt32(Array($0.data), 0) }
        XCTAssertEqual(sequence, (0..<UInt32(sequence.count)).map { $0 })
        // Each frame, rebuilt as a plain PNG from its data, is the frame rendered for it.
        let header = PNGChunks.chunk("IHDR", Array(chunks[0].data))
        var frames: [[UInt8]] = [], current: [UInt8]?
        for chunk in chunks {
            switch chunk.type {
            case "fcTL": if let c = current { frames.append(c) }; current = []
            case "IDAT": current! += chunk.data
            case "fdAT": current! += chunk.data.dropFirst(4)
            default: break
            }
        }
        frames.append(current!)
        XCTAssertEqual(frames.count, played)
        let order = [0, 1, 2, 3, 2, 1]
        for (i, data) in frames.enumerated() {
            let png = PNGChunks.signature + header + PNGChunks.chunk("IDAT", data) + PNGChunks.chunk("IEND", [])
            let image = try PNGCodec.decode(png)
            let frame = try PNGCodec.read(path: files.frames + String(format: "/frame-%03d.png", order[i])).image
            XCTAssertEqual(image, frame, "frame \(i)")
            XCTAssertEqual(image.width, 24)
        }
        // The recipes: the file's is the first frame's, and every frame's is listed in playing order.
        let text = try PNGCodec.read(path: apng).text
        let list = try XCTUnwrap(text.first { $0.key == WalkExport.framesKey }?.value)
        let recipes = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.utf8)) as? [[String: Any]])
        XCTAssertEqual(recipes.count, played)
        XCTAssertEqual(try Provenance.recipe(in: text),
            try Provenance.recipe(in: try PNGCodec.read(path: files.frames + "/frame-000.png").text))
        // pngcheck knows APNG.
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/pngcheck")
        check.arguments = ["-q", apng]
        try check.run()
        check.waitUntilExit()
        XCTAssertEqual(check.terminationStatus, 0, "pngcheck rejected \(apng)")
    }
}
