import Foundation
import Gallery
import Imaging
import PictureMaking
import Recipes
import SafeFiles
import Studio
import Styles
import XCTest
@testable import App
@testable import TUI

/// The studio's gallery export (`e`) makes the same x4 picture as `ganvas export --scale 4`:
/// through the style's learned upscaler, not a nearest rescale (issue 23.8).
final class StudioExportTests: XCTestCase {
    func testTheStudiosExportIsTheCommandsExport() throws {
        let work = NSTemporaryDirectory() + "ganvas-studio-export-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: work) }
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("NeuralTests/Fixtures").path
        try FileManager.default.createDirectory(atPath: work + "/models", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixtures + "/tiny.safetensors", toPath: work + "/models/tiny.safetensors")
        try FileManager.default.copyItem(atPath: fixtures + "/upscaler.safetensors", toPath: work + "/models/tiny.upscaler.safetensors")
        let environment = ["GANVAS_MODELS": work + "/models", "HOME": work, "XDG_CACHE_HOME": work + "/cache"]
        let style = try Style(path: work + "/models/tiny.safetensors")
        let loaded = try LoadedStyle(style)
        let recipe = Recipe(style: "tiny", modelSHA256: loaded.sha256, seed: 7, size: 16)
        let gallery = GalleryDirectory(path: work + "/gallery")
        let picture = try gallery.save(try Provenance.png(try loaded.render([recipe])[0], recipe: recipe), stem: "tiny-7")

        let runner = EffectRunner(styles: [style], gallery: gallery, environment: environment)
        defer { runner.stop() }
        runner.submit(.exportPictures(paths: [picture], scale: 4, smooth: false, sheet: false))
        let deadline = Date().addingTimeInterval(20)
        var summary = ""
        while summary.isEmpty && Date() < deadline {
            for case .reported(let text) in runner.drain() { summary = text }
            usleep(10_000)
        }
        XCTAssertTrue(summary.hasPrefix("exported 1 file"), summary)
        let studio = try XCTUnwrap(FileNames.contents(ofDirectory: work + "/gallery/exports")?.first { $0.hasSuffix(".png") })
        let command = try PictureExport.export([picture], to: work + "/cli", scale: 4, filter: .nearest, sheet: false,
                                                enhanced: EnhancedExport(catalog: StyleCatalog(environment: environment)))
        let studioFile = try PNGCodec.read(path: work + "/gallery/exports/" + studio)
        let commandFile = try PNGCodec.read(path: command[0])
        XCTAssertEqual(studioFile.image, commandFile.image, "the same picture from both")
        XCTAssertTrue(try Provenance.recipe(in: studioFile.text).upscaler != nil, "made again through the upscaler")
    }
}

/// One gallery order for the studio and `gallery list`: newest first, ties last name first, to
/// the nanosecond (issue 23.9: within one second the studio listed by ascending name).
final class GalleryOrderTests: XCTestCase {
    func testTheStudioAndTheCommandListTheSameOrder() throws {
        let dir = NSTemporaryDirectory() + "ganvas-order-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let gallery = GalleryDirectory(path: dir)
        let sha = String(repeating: "2", count: 64)
        for seed in [176, 177, 178, 199] {
            let recipe = Recipe(style: "tiny", modelSHA256: sha, seed: UInt64(seed), size: 2)
            _ = try gallery.save(try Provenance.png(RGBImage(width: 2, height: 2, fill: UInt8(seed)), recipe: recipe),
                stem: "icons-\(seed)")
        }
        _ = FileManager.default.createFile(atPath: dir + "/walk-1.gif", contents: Data("GIF89a;".utf8))
        // Two of them in the same second, apart by nanoseconds.
        PathCalls.setModificationTime(dir + "/icons-176.png", timespec(tv_sec: 1_700_000_000, tv_nsec: 900))
        PathCalls.setModificationTime(dir + "/icons-177.png", timespec(tv_sec: 1_700_000_000, tv_nsec: 100))
        let command = GalleryLibrary.list(dir).map(\.name)
        XCTAssertTrue(command.contains("walk-1.gif"), "walks are listed as the studio shows them")
        var state = StudioState(styles: [StyleEntry(name: "tiny", resolution: 2, description: "", card: [])], seed: 1)
        _ = Reducer.reduce(&state, .galleryLoaded(GalleryLibrary.browse(dir).map(GalleryItems.item)))
        XCTAssertEqual(state.gallery.visible.map(\.name), command)
        XCTAssertEqual(Array(command.suffix(2)), ["icons-176.png", "icons-177.png"], "900 ns is newer than 100 ns")
    }
}
