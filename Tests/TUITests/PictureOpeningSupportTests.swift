import Foundation
import Gallery
import SafeFiles
import Studio
import XCTest
@testable import App
@testable import TUI

/// The terminal side of `o`: path completion against a real folder, and encoded pictures
/// through recipes and back.
final class PictureOpeningSupportTests: XCTestCase {
    func testTabCompletesFoldersAndPNGsAsFarAsTheyAgree() throws {
        let root = NSTemporaryDirectory() + "ganvas-complete-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/pics/inner", withIntermediateDirectories: true)
        for name in ["cat.png", "car.PNG", "notes.txt", ".hidden.png"] {
            FileManager.default.createFile(atPath: root + "/pics/" + name, contents: Data())
        }
        var (text, choices) = PathCompletion.complete(root + "/pi", home: "")
        XCTAssertEqual(text, root + "/pics/")
        XCTAssertEqual(choices, ["pics/"])
        (text, choices) = PathCompletion.complete(root + "/pics/", home: "")
        XCTAssertEqual(choices, ["car.PNG", "cat.png", "inner/"], "PNGs and folders, no hidden files, no other files")
        XCTAssertEqual(text, root + "/pics/")
        (text, choices) = PathCompletion.complete(root + "/pics/ca", home: "")
        XCTAssertEqual(text, root + "/pics/ca")
        XCTAssertEqual(choices, ["car.PNG", "cat.png"])
        (text, _) = PathCompletion.complete(root + "/pics/cat", home: "")
        XCTAssertEqual(text, root + "/pics/cat.png")
        (text, choices) = PathCompletion.complete("~/pics/n", home: root)
        XCTAssertEqual(text, "~/pics/n", "nothing matches: unchanged")
        XCTAssertEqual(choices, [])
        (text, _) = PathCompletion.complete("~/pics/i", home: root)
        XCTAssertEqual(text, "~/pics/inner/", "the home folder is expanded to look, kept as typed")
        // A name that is not UTF-8 completes to a path that opens the very file.
        let raw = FileNames.systemBytes(root + "/pics/inner/") + [0x63, 0x61, 0x66, 0xE9, 0x2E, 0x70, 0x6E, 0x67]  // "caf\xE9.png"
        let fd = raw.withUnsafeBufferPointer { bytes in
            (bytes.map { CChar(bitPattern: $0) } + [0]).withUnsafeBufferPointer { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        XCTAssertGreaterThanOrEqual(fd, 0)
        close(fd)
        (text, _) = PathCompletion.complete(root + "/pics/inner/c", home: "")
        XCTAssertEqual(FileNames.systemBytes(text), raw)
        XCTAssertGreaterThanOrEqual(PathCalls.access(text, F_OK), 0)
    }

    func testAnEncodedPictureGoesIntoARecipeAsItsLatentAndComesBack() throws {
        let z: [Float] = (0..<128).map { Float($0) * 0.01 - 0.5 }
        let picture = Picture(style: "emoji", seed: 7, base: z, edits: [0.5] + [Float](repeating: 0, count: StudioState.sliderCount - 1))
        let recipe = PictureRecipes.recipe(picture, sha256: String(repeating: "a", count: 64), directions: 16, size: 64)
        XCTAssertNil(recipe.seed)
        XCTAssertEqual(try Recipe.decodeLatent(try XCTUnwrap(recipe.latent), dimension: 128), z)
        let back = try XCTUnwrap(PictureRecipes.picture(try Recipe.decode(recipe.json())))
        XCTAssertEqual(back.base, z)
        XCTAssertEqual(back.edits, picture.edits)
        // A seed picture stays a seed picture.
        let seeded = PictureRecipes.recipe(Picture(style: "emoji", seed: 7, edits: picture.edits), sha256: recipe.modelSHA256, directions: 16, size: 64)
        XCTAssertEqual(seeded.seed, 7)
        XCTAssertNil(PictureRecipes.picture(seeded)?.base)
    }
}
