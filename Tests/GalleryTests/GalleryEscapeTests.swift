import Foundation
import Gallery
import Neural
import SafeFiles
import XCTest
import PictureMaking

/// Writes stay inside the gallery, never replace one another, and leave nothing hidden behind.
final class GalleryEscapeTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "ganvas-escape-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/gallery", withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func tinyGenerator() throws -> Generator {
        try Generator(path: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("NeuralTests/Fixtures/tiny.safetensors").path)
    }

    /// Two walks in the same second: two folders, two GIFs, no frame mixed into the other's folder.
    func testWalksStartedTogetherNeverShareNames() throws {
        let generator = try tinyGenerator()
        let a = [Float](repeating: 0.3, count: generator.latentDim), b = [Float](repeating: -0.3, count: generator.latentDim)
        var gifs: [String] = []
        for _ in 0..<3 {
            gifs.append(try XCTUnwrap(try WalkExport.write(WalkEnds(from: a, to: b), frames: 3, style: "tiny",
                modelSHA256: String(repeating: "1", count: 64),
                                                          generator: generator, directory: dir + "/gallery") { _ in true }?.gif))
        }
        XCTAssertEqual(Set(gifs).count, 3, "\(gifs)")
        for gif in gifs {
            XCTAssertTrue(FileManager.default.fileExists(atPath: gif))
            let frames = try FileManager.default.contentsOfDirectory(atPath: String(gif.dropLast(4)))
            XCTAssertEqual(frames.sorted(), ["frame-000.png", "frame-001.png", "frame-002.png"])
        }
    }

    /// A `trash` that is a symbolic link to somewhere else is refused; nothing lands outside.
    func testSymlinkedTrashIsRefused() throws {
        let outside = dir + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        XCTAssertEqual(symlink(outside, dir + "/gallery/trash"), 0)
        let picture = try GalleryDirectory(path: dir + "/gallery").save([0x89, 0x50, 0x4E, 0x47], stem: "p")
        XCTAssertThrowsError(try GalleryLibrary.trash(picture)) { XCTAssertTrue("\($0)".contains("symbolic link"), "\($0)") }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside), [])
        XCTAssertTrue(FileManager.default.fileExists(atPath: picture), "the picture stays where it was")
    }

    /// Hidden temp files a killed writer left are cleared when the gallery is listed; a fresh one
    /// (a write in progress) is left alone.
    func testStaleTempFilesAreCleanedUp() throws {
        let stale = dir + "/gallery/" + AtomicWrite.tempPrefix + "old", fresh = dir + "/gallery/" + AtomicWrite.tempPrefix + "new"
        _ = FileManager.default.createFile(atPath: stale, contents: Data([1]))
        _ = FileManager.default.createFile(atPath: fresh, contents: Data([2]))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: stale)
        _ = GalleryLibrary.list(dir + "/gallery")
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale))
        XCTAssertTrue(FileManager.default.fileExists(atPath: fresh))
    }
}
