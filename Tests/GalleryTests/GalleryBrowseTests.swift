import Foundation
import Gallery
import Imaging
import Neural
import PictureMaking
import Recipes
import SafeFiles
import XCTest

/// What the studio's gallery browses, the order it keeps, and the thumbnail cache.
final class GalleryBrowseTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "ganvas-browse-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/gallery", withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func save(_ stem: String, fill: UInt8) throws -> String {
        let recipe = Recipe(style: "tiny", modelSHA256: String(repeating: "1", count: 64), seed: UInt64(fill), size: 2)
        return try GalleryDirectory(path: dir + "/gallery").save(try Provenance.png(RGBImage(width: 2, height: 2, fill: fill),
            recipe: recipe), stem: stem)
    }

    /// A favourite or a tag rewrites the file but keeps its date, so the date order holds.
    func testFavouritesAndTagsKeepTheDate() throws {
        let path = try save("a", fill: 10)
        let old = timespec(tv_sec: 1_600_000_000, tv_nsec: 0)
        PathCalls.setModificationTime(path, old)
        try GalleryLibrary.setFavourite(true, path: path)
        try GalleryLibrary.setTags(["sky"], path: path)
        let entry = try XCTUnwrap(GalleryLibrary.list(dir + "/gallery").first)
        XCTAssertTrue(entry.favourite)
        XCTAssertEqual(entry.modified.timeIntervalSince1970, 1_600_000_000)
    }

    /// Exports and walks are browsable beside the pictures; a trashed walk stays a GIF.
    func testBrowseListsExportsAndWalks() throws {
        let path = try save("b", fill: 20)
        _ = try PictureExport.export([path], to: dir + "/gallery/exports", scale: 2, filter: .nearest, sheet: false)
        let generator = try Generator(path: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("NeuralTests/Fixtures/tiny.safetensors").path)
        let a = [Float](repeating: 0.2, count: generator.latentDim), b = [Float](repeating: -0.2, count: generator.latentDim)
        let gif = try XCTUnwrap(try WalkExport.write(WalkEnds(from: a, to: b), frames: 2, style: "tiny",
            modelSHA256: String(repeating: "1", count: 64),
                                                     generator: generator, directory: dir + "/gallery") { _ in true }?.gif)
        let entries = GalleryLibrary.browse(dir + "/gallery")
        XCTAssertEqual(entries.filter { $0.kind == .picture }.count, 1)
        XCTAssertEqual(entries.filter { $0.kind == .export }.map(\.name), ["b-x2.png"])
        XCTAssertEqual(entries.filter { $0.kind == .walk }.map(\.path), [gif])
        let cache = ThumbnailCache(environment: ["XDG_CACHE_HOME": dir + "/cache"], side: 8)
        XCTAssertEqual(cache.thumbnail(gif)?.width, 8, "a walk's thumbnail is its first frame")
        let trashed = try GalleryLibrary.trash(gif)
        XCTAssertTrue(trashed.hasSuffix(".gif"), trashed)
    }

    /// Thumbnails are kept by content: the second look reads the cache, a changed picture gets a new one.
    func testThumbnailsAreCachedByContent() throws {
        let path = try save("c", fill: 200)
        let cache = ThumbnailCache(environment: ["XDG_CACHE_HOME": dir + "/cache", "HOME": dir], side: 16)
        let first = try XCTUnwrap(cache.thumbnail(path))
        XCTAssertEqual(first.width, 16)
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.folder)
        XCTAssertEqual(files.count, 1)
        // A planted cache file is what the next look returns: proof that it reads the cache.
        let planted = RGBImage(width: 16, height: 16, fill: 7)
        try AtomicWrite.write(try PNGCodec.encode(planted), to: cache.folder + "/" + files[0])
        XCTAssertEqual(cache.thumbnail(path), planted)
        try AtomicWrite.write(try Provenance.png(RGBImage(width: 2, height: 2, fill: 90),
                                                 recipe: Recipe(style: "tiny", modelSHA256: String(repeating: "1", count: 64), seed: 1,
                                                     size: 2)), to: path)
        XCTAssertEqual(cache.thumbnail(path)?.pixels.first, 90)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cache.folder).count, 2)
    }
}
