import Foundation
import Gallery
import Imaging
import Neural
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
