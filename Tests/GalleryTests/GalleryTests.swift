import Foundation
import Gallery
import Imaging
import Latent
import Neural
import PictureMaking
import Recipes
import Styles
import XCTest

final class RecipeTests: XCTestCase {
    let digest = String(repeating: "ab", count: 32)

    func testJSONRoundTripIsStableAndExact() throws {
        let recipe = Recipe(style: "emoji", modelSHA256: digest, seed: .max, psi: 0.7,
                            mixes: [.init(seed: 3, t: 0.25), .init(latent: Recipe.encodeLatent([0.1, -2, 3.5]), t: 1)], size: 256)
        let json = recipe.json()
        XCTAssertEqual(try Recipe.decode(json), recipe)
        XCTAssertEqual(try Recipe.decode(json).json(), json)
        XCTAssertTrue(json.contains("18446744073709551615"))
        XCTAssertEqual(try Recipe.decodeLatent(Recipe.encodeLatent([0.1, -2, 3.5]), dimension: 3), [0.1, -2, 3.5])
    }

    func testRefusesBadRecipesWithOneLine() {
        let bad = [
            "not json",
            "{}",
            "{\"format\": 1, \"style\": \"e\", \"model_sha256\": \"\(digest)\", \"seed\": \"seven\", \"size\": 64}",
            "{\"format\": 1, \"style\": \"e\", \"model_sha256\": \"\(digest)\", \"seed\": -5, \"size\": 64}",
            "{\"format\": 1, \"style\": \"e\", \"model_sha256\": \"\(digest)\", \"size\": 64}",
            "{\"format\": 1, \"style\": \"e\", \"model_sha256\": \"\(digest)\", \"seed\": 1, \"size\": 100000}",
            "{\"format\": 1, \"style\": \"e\", \"model_sha256\": \"\(digest)\", \"seed\": 1, \"psi\": 9, \"size\": 64}",
            "{\"format\": 1, \"style\": \"e\", \"model_sha256\": \"xyz\", \"seed\": 1, \"size\": 64}",
            "{\"format\": 2, \"style\": \"e\", \"model_sha256\": \"\(digest)\", \"seed\": 1, \"size\": 64}",
            "{\"format\": 1, \"style\": \"e\", \"model_sha256\": \"\(digest)\", \"seed\": 1, \"size\": 64, \"mixes\": [{\"t\": 0.5}]}",
        ]
        for json in bad {
            XCTAssertThrowsError(try Recipe.decode(json), json) { error in
                XCTAssertFalse("\(error)".contains("\n"), "\(error)")
            }
        }
        for style in ["../models/x", "/tmp/evil.safetensors", "", "Emoji", "a\u{1b}[31m"] {
            let json = "{\"format\": 1, \"style\": \(String(decoding: try! JSONEncoder().encode(style), as: UTF8.self)), " +
                "\"model_sha256\": \"\(digest)\", \"seed\": 1, \"size\": 64}"
            XCTAssertThrowsError(try Recipe.decode(json), style) { XCTAssertTrue("\($0)".contains("not a style name"), "\($0)") }
        }
        XCTAssertNoThrow(try Recipe.decode("{\"format\": 1, \"style\": \"emoji_2-b\", \"model_sha256\": \"\(digest)\", \"seed\": 1, " +
            "\"size\": 64}"))
        let negative = "{\"format\": 1, \"style\": \"e\", \"model_sha256\": \"\(digest)\", \"seed\": -1, \"size\": 64}"
        XCTAssertThrowsError(try Recipe.decode(negative)) { XCTAssertFalse("\($0)".contains("not JSON"), "a negative seed is JSON: \($0)") }
        XCTAssertThrowsError(try Recipe.decode("{\"format\": ")) { XCTAssertTrue("\($0)".contains("not a JSON object"), "\($0)") }
        XCTAssertThrowsError(try Recipe.decodeLatent("!!!", dimension: 3))
        XCTAssertThrowsError(try Recipe.decodeLatent(Recipe.encodeLatent([1, 2]), dimension: 3))
    }

    func testProvenanceTextNamesTheModelAndCarriesTheRecipe() throws {
        let recipe = Recipe(style: "emoji", modelSHA256: digest, seed: 7, size: 64)
        let png = try Provenance.png(RGBImage(width: 2, height: 2, fill: 9), recipe: recipe)
        let text = try PNGChunks.textEntries(of: png)
        XCTAssertTrue(text.contains { $0.key == "Software" && $0.value.hasPrefix("ganvas ") })
        XCTAssertTrue(text.contains { $0.key == "Description" && $0.value.contains("AI-generated") && $0.value.contains("emoji") })
        XCTAssertEqual(try Provenance.recipe(in: text), recipe)
        XCTAssertThrowsError(try Provenance.recipe(in: [("Software", "other")]))
    }
}

final class RecipeRenderingTests: XCTestCase {
    func testEditsMoveThePictureAndReplayExactly() throws {
        let tiny = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("NeuralTests/Fixtures/tiny.safetensors").path
        let generator = try Generator(path: tiny)
        let digest = String(repeating: "0", count: 64)
        let plain = Recipe(style: "tiny", modelSHA256: digest, seed: 4, size: 16)
        var edited = plain
        edited.edits = [.init(direction: 0, amount: 2.5), .init(direction: 3, amount: -1)]
        let images = try RecipeRenderer.render([plain, edited, edited], with: generator)
        XCTAssertNotEqual(images[0], images[1])
        XCTAssertEqual(images[1], images[2])
        XCTAssertEqual(try RecipeRenderer.render([edited], with: generator, directions: EditDirections.of(generator))[0], images[1])
        edited.edits = [.init(direction: 99, amount: 1)]
        XCTAssertThrowsError(try RecipeRenderer.render([edited], with: generator))
    }

    /// A recipe with another seed's colours renders through the style's mixing network, batched
    /// beside plain recipes, with its psi applied to both latents; a style without channel gates
    /// refuses it in one line.
    func testAnotherSeedsColoursRenderThroughTheMixingNetwork() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let icons = try Generator(path: root.appendingPathComponent("models/icons.safetensors").path)
        var mixed = Recipe(style: "icons", modelSHA256: String(repeating: "0", count: 64), seed: 4, psi: 0.8, size: 64)
        let plain = mixed
        mixed.colours = Recipe.Colours(seed: 9, level: 0)
        let images = try RecipeRenderer.render([plain, mixed, plain], with: icons)
        let expected = try icons.mixedPixels(shapes: [Interpolation.truncate(seededLatent(seed: 4, dimension: 128), psi: 0.8)],
            colours: [Interpolation.truncate(seededLatent(seed: 9, dimension: 128), psi: 0.8)], level: 0)[0]
        XCTAssertEqual(images[1].pixels, expected)
        XCTAssertNotEqual(images[1], images[0])
        XCTAssertEqual(images[0], images[2])
        // The colours' weight: 0 is the picture's own colours, between slerps towards the other's.
        mixed.colours?.t = 0
        XCTAssertEqual(try RecipeRenderer.render([mixed], with: icons)[0], images[0])
        mixed.colours?.t = 0.5
        let half = try RecipeRenderer.render([mixed], with: icons)[0]
        XCTAssertTrue(half != images[0] && half != images[1])
        let tiny = try Generator(path: root.appendingPathComponent("Tests/NeuralTests/Fixtures/tiny.safetensors").path)
        mixed.style = "tiny"
        mixed.size = 16
        XCTAssertThrowsError(try RecipeRenderer.render([mixed], with: tiny)) {
            XCTAssertTrue("\($0)".contains("cannot mix colours") && !"\($0)".contains("\n"), "\($0)")
        }
    }
}

extension RecipeRenderingTests {
    /// A walk from a picture in another seed's colours to a plain one: its first and last frames
    /// are the keyframes as drawn, and the colours move between them with the shapes.
    func testAWalkCarriesTheKeyframesColours() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let loaded = try LoadedStyle(try Style(path: root.appendingPathComponent("models/icons.safetensors").path))
        var a = Recipe(style: "icons", modelSHA256: loaded.sha256, seed: 3, size: 64)
        a.colours = Recipe.Colours(seed: 14, level: 0)
        let b = Recipe(style: "icons", modelSHA256: loaded.sha256, seed: 5, size: 64)
        let ends = try loaded.walkEnds(a, b)
        XCTAssertEqual(ends.colours?.level, 0)
        let frame = { (t: Float) in WalkExport.frameRecipe(ends, t: t, style: "icons", modelSHA256: loaded.sha256, size: 64) }
        let keyframes = try loaded.render([a, b]), walked = try loaded.render([frame(0), frame(0.5), frame(1)])
        XCTAssertEqual(walked[0], keyframes[0], "the walk starts at A in its colours")
        XCTAssertEqual(walked[2], keyframes[1], "and ends at B in its own")
        XCTAssertTrue(walked[1] != walked[0] && walked[1] != walked[2])
        XCTAssertNil(try loaded.walkEnds(b, b).colours, "plain ends walk as before")
    }
}

final class GalleryDirectoryTests: XCTestCase {
    func testNamesNeverCollideOrEscape() throws {
        let dir = NSTemporaryDirectory() + "ganvas-gallery-\(UUID().uuidString)/nested"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let gallery = GalleryDirectory(path: dir)
        let first = try gallery.save([1, 2, 3], stem: "emoji-7")
        let second = try gallery.save([4, 5, 6], stem: "emoji-7")
        XCTAssertEqual(first, dir + "/emoji-7.png")
        XCTAssertEqual(second, dir + "/emoji-7-2.png")
        XCTAssertEqual(FileManager.default.contents(atPath: first), Data([1, 2, 3]))
        let escaped = try gallery.save([0], stem: "../../etc/passwd")
        XCTAssertTrue(escaped.hasPrefix(dir + "/"))
        XCTAssertFalse(escaped.dropFirst(dir.count + 1).contains("/"))
        // No temp files are left behind.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".") }, [])
    }

    func testStemsAreSafe() {
        XCTAssertEqual(GalleryDirectory.safeStem("..hidden"), "hidden")
        XCTAssertEqual(GalleryDirectory.safeStem("a/b\u{1b}[31m"), "a_b__31m")
        XCTAssertEqual(GalleryDirectory.safeStem(""), "picture")
    }

    func testDefaultLocationFollowsXDG() {
        XCTAssertEqual(GalleryDirectory(environment: ["XDG_PICTURES_DIR": "/p", "HOME": "/h"]).path, "/p/ganvas")
        XCTAssertEqual(GalleryDirectory(environment: ["HOME": "/h"]).path, "/h/Pictures/ganvas")
    }
}

final class GalleryLibraryTests: XCTestCase {
    /// An export larger than Ganvas could read back is refused at once, not computed for minutes.
    func testExportOverThePixelLimitIsRefusedBeforeResizing() throws {
        let dir = NSTemporaryDirectory() + "ganvas-bigexport-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let recipe = Recipe(style: "tiny", modelSHA256: String(repeating: "1", count: 64), seed: 3, size: 4096)
        let path = try GalleryDirectory(path: dir).save(try Provenance.png(RGBImage(width: 4096, height: 4096, fill: 50),
            recipe: recipe), stem: "big")
        let start = Date()
        XCTAssertThrowsError(try PictureExport.export([path], to: dir + "/out", scale: 8, filter: .smooth, sheet: false)) {
            XCTAssertTrue("\($0)".contains("pixel limit"), "\($0)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/out/big-x8.png"))
    }

    func testFavouritesTagsTrashAndExportKeepTheRecipe() throws {
        let dir = NSTemporaryDirectory() + "ganvas-library-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let recipe = Recipe(style: "tiny", modelSHA256: String(repeating: "1", count: 64), seed: 3, size: 2)
        let path = try GalleryDirectory(path: dir).save(try Provenance.png(RGBImage(width: 2, height: 2, fill: 50), recipe: recipe),
            stem: "tiny-3")
        try GalleryLibrary.setFavourite(true, path: path)
        try GalleryLibrary.setTags(["cat", "blue sky", "a\u{1B}b"], path: path)
        var entry = try XCTUnwrap(GalleryLibrary.list(dir).first)
        XCTAssertTrue(entry.favourite)
        XCTAssertEqual(entry.tags, ["cat", "bluesky", "ab"])
        XCTAssertEqual(entry.recipe, recipe)
        try GalleryLibrary.setFavourite(false, path: path)
        entry = try XCTUnwrap(GalleryLibrary.list(dir).first)
        XCTAssertFalse(entry.favourite)
        XCTAssertEqual(try PNGCodec.read(path: path).image, RGBImage(width: 2, height: 2, fill: 50))

        let exported = try PictureExport.export([path], to: dir + "/out", scale: 3, filter: .nearest, sheet: true)
        XCTAssertEqual(exported.count, 2)
        let scaled = try PNGCodec.read(path: exported[0])
        XCTAssertEqual(scaled.image.width, 6)
        XCTAssertEqual(try Provenance.recipe(in: scaled.text).size, 2, "the picture's own recipe, then the export's resampling")
        XCTAssertEqual(try Provenance.recipe(in: scaled.text).rescales, [.init(size: 6, filter: .nearest)])

        let trashed = try GalleryLibrary.trash(path)
        XCTAssertTrue(trashed.hasPrefix(dir + "/trash/"))
        XCTAssertTrue(GalleryLibrary.list(dir).isEmpty)
        let back = try GalleryLibrary.move(trashed, into: dir)
        XCTAssertEqual(back, path)
        XCTAssertEqual(GalleryLibrary.list(dir).count, 1)
    }

    func testGIFDecodesToTheFrames() throws {
        let frames = (0..<3).map { i in RGBImage(width: 5, height: 4,
            pixels: (0..<20).flatMap { p in [UInt8(p * 12), UInt8(i * 100), 30] }) }
        let gif = GIFWriter.encode(frames, delay: 5)
        XCTAssertEqual(Array(gif.prefix(6)), Array("GIF89a".utf8))
        let decoded = try GIFDecoder.frames(gif)
        XCTAssertEqual(decoded.count, 3)
        // Few colours: the palette holds them exactly.
        XCTAssertEqual(decoded, frames)
    }
}

/// A small GIF decoder for tests: global palette, LZW image data, one image per frame.
enum GIFDecoder {
    struct Bad: Error {}

    static func frames(_ bytes: [UInt8]) throws -> [RGBImage] {
        var i = 6
        func u16() -> Int { defer { i += 2 }; return Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        let width = u16(), height = u16()
        let flags = bytes[i]; i += 3
        let paletteSize = 2 << Int(flags & 7)
        let palette = (0..<paletteSize).map { Array(bytes[(i + $0 * 3)..<(i + $0 * 3 + 3)]) }
        i += paletteSize * 3
        var frames: [RGBImage] = []
        while i < bytes.count {
            switch bytes[i] {
            case 0x21:
                i += 2
                while bytes[i] != 0 { i += Int(bytes[i]) + 1 }
                i += 1
            case 0x2C:
                i += 10
                let minimum = Int(bytes[i]); i += 1
                var data: [UInt8] = []
                while bytes[i] != 0 { data += bytes[(i + 1)...(i + Int(bytes[i]))]; i += Int(bytes[i]) + 1 }
                i += 1
                let indices = try lzw(data, minimum: minimum, count: width * height)
                frames.append(RGBImage(width: width, height: height, pixels: indices.flatMap { palette[Int($0)] }))
            case 0x3B: return frames
            default: throw Bad()
            }
        }
        throw Bad()
    }

    static func lzw(_ data: [UInt8], minimum: Int, count: Int) throws -> [UInt8] {
        let clear = 1 << minimum, end = clear + 1
        var table: [[UInt8]] = []
        func reset() { table = (0..<clear).map { [UInt8($0)] } + [[], []] }
        reset()
        var width = minimum + 1, bit = 0, out: [UInt8] = [], previous: [UInt8]? = nil
        while out.count < count {
            var code = 0
            for k in 0..<width {
                let b = bit + k; guard b / 8 < data.count else { throw Bad() }; code |= Int(data[b / 8] >> (b % 8) & 1) << k
            }
            bit += width
            if code == clear { reset(); width = minimum + 1; previous = nil; continue }
            if code == end { break }
            let entry: [UInt8]
            if code < table.count { entry = table[code] } else if let p = previous { entry = p + [p[0]] } else { throw Bad() }
            out += entry
            if let p = previous, table.count < 4096 { table.append(p + [entry[0]]) }
            if table.count == 1 << width && width < 12 { width += 1 }
            previous = entry
        }
        return out
    }
}
