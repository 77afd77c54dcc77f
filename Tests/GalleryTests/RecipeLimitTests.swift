import Foundation
import Gallery
import Imaging
import Recipes
import XCTest

/// Recipes are bounded (issue 25.8): a gallery PNG whose recipe held 500,000 edits made `gallery
/// list` take seconds and gigabytes; it is now refused in one line and listed without a recipe.
final class RecipeLimitTests: XCTestCase {
    let sha = String(repeating: "1", count: 64)

    func json(edits: Int, mixes: Int = 0) -> String {
        let list = (0..<edits).map { "{\"direction\":\($0 % 16),\"amount\":0.5}" }.joined(separator: ",")
        let mix = (0..<mixes).map { "{\"seed\":\($0),\"t\":0.5}" }.joined(separator: ",")
        return "{\"format\":1,\"style\":\"tiny\",\"model_sha256\":\"\(sha)\",\"seed\":1,\"psi\":1,"
            + "\"mixes\":[\(mix)],\"edits\":[\(list)],\"size\":16}"
    }

    func testEditsMixesAndSizeAreBounded() throws {
        XCTAssertNoThrow(try Recipe.decode(json(edits: Recipe.maxEdits, mixes: Recipe.maxMixes)))
        XCTAssertThrowsError(try Recipe.decode(json(edits: Recipe.maxEdits + 1))) { XCTAssertTrue("\($0)".contains("at most 256"),
            "\($0)") }
        XCTAssertThrowsError(try Recipe.decode(json(edits: 0, mixes: Recipe.maxMixes + 1)))
        XCTAssertThrowsError(try Recipe.decode(json(edits: 500_000))) { XCTAssertTrue("\($0)".contains("over the limit of 65536"),
            "\($0)") }
    }

    func testColoursNameOneLatentAndALevel() throws {
        let base = json(edits: 0).dropLast()
        XCTAssertEqual(try Recipe.decode(base + ",\"colours\":{\"seed\":5,\"level\":1}}").colours, Recipe.Colours(seed: 5, level: 1))
        for bad in ["{\"level\":0}", "{\"seed\":5,\"latent\":\"AAAAAA==\",\"level\":0}", "{\"seed\":5,\"level\":16}",
                    "{\"seed\":5,\"level\":-1}", "{\"seed\":5}", "{\"seed\":5,\"level\":0,\"t\":1.5}"] {
            XCTAssertThrowsError(try Recipe.decode(base + ",\"colours\":\(bad)}"), bad) {
                XCTAssertTrue("\($0)".contains("colour") || "\($0)".contains("level"), "\($0)")
            }
        }
    }

    func testAGalleryPictureWithAHugeRecipeIsListedWithoutIt() throws {
        let dir = NSTemporaryDirectory() + "ganvas-recipes-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let png = try PNGCodec.encode(RGBImage(width: 2, height: 2, fill: 9), text: [(Provenance.recipeKey, json(edits: 200_000))])
        _ = FileManager.default.createFile(atPath: dir + "/huge.png", contents: Data(png))
        let entries = GalleryLibrary.list(dir)
        XCTAssertEqual(entries.count, 1)
        XCTAssertNil(entries.first?.recipe)
        let bigger = try PNGCodec.encode(RGBImage(width: 2, height: 2, fill: 9),
            text: [("Comment", String(repeating: "x", count: 2 << 20))])
        XCTAssertTrue(try PNGChunks.textEntries(of: bigger).isEmpty, "a text chunk over 1 MiB is skipped, not made a string")
    }
}
