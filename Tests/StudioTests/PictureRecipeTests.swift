import Recipes
import Studio
import XCTest

/// Studio pictures into recipes (the file format) and back.
final class PictureRecipeTests: XCTestCase {
    func testAnEncodedPictureGoesIntoARecipeAsItsLatentAndComesBack() throws {
        let z: [Float] = (0..<128).map { Float($0) * 0.01 - 0.5 }
        let picture = Picture(style: "emoji", seed: 7, base: z, edits: [0.5] + [Float](repeating: 0, count: StudioState.sliderCount - 1))
        let recipe = picture.recipe(modelSHA256: String(repeating: "a", count: 64), directions: 16, size: 64)
        XCTAssertNil(recipe.seed)
        XCTAssertEqual(try Recipe.decodeLatent(try XCTUnwrap(recipe.latent), dimension: 128), z)
        let back = try XCTUnwrap(Picture(recipe: try Recipe.decode(recipe.json())))
        XCTAssertEqual(back.base, z)
        XCTAssertEqual(back.edits, picture.edits)
        // A seed picture stays a seed picture.
        let seeded = Picture(style: "emoji", seed: 7, edits: picture.edits).recipe(modelSHA256: recipe.modelSHA256, directions: 16,
            size: 64)
        XCTAssertEqual(seeded.seed, 7)
        XCTAssertNil(Picture(recipe: seeded)?.base)
    }

    func testEditsBeyondTheSolvedDirectionsAreLeftOutAndMixesKeepTheirLatents() throws {
        var edits = [Float](repeating: 0, count: StudioState.sliderCount)
        edits[1] = 1.5
        edits[9] = -2
        let partner: [Float] = (0..<64).map { Float($0) / 64 }
        let picture = Picture(style: "icons", seed: 3, psi: 0.7, edits: edits,
                              mixes: [Mix(seed: 11, t: 0.25), Mix(seed: 0, t: 0.5, latent: partner)])
        let recipe = picture.recipe(modelSHA256: String(repeating: "b", count: 64), directions: 8, size: 32)
        XCTAssertEqual(recipe.edits, [Recipe.Edit(direction: 1, amount: 1.5)])
        XCTAssertEqual(recipe.psi, 0.7)
        XCTAssertEqual(recipe.mixes.map(\.seed), [11, nil])
        let back = try XCTUnwrap(Picture(recipe: try Recipe.decode(recipe.json())))
        XCTAssertEqual(back.mixes, picture.mixes)
        XCTAssertEqual(back.edits[1], 1.5)
        XCTAssertEqual(back.edits[9], 0, "the edit the style had no direction for is gone")
    }

    func testAnotherSeedsColoursGoIntoTheRecipeAndComeBack() throws {
        let partner: [Float] = (0..<64).map { Float($0) / 64 }
        for colours in [Colours(seed: 99, level: 1), Colours(seed: 0, level: 0, latent: partner)] {
            let picture = Picture(style: "icons", seed: 3, edits: [Float](repeating: 0, count: StudioState.sliderCount), colours: colours)
            let recipe = picture.recipe(modelSHA256: String(repeating: "c", count: 64), directions: 8, size: 64)
            XCTAssertEqual(recipe.colours?.level, colours.level)
            XCTAssertEqual(recipe.colours?.seed, colours.latent == nil ? 99 : nil)
            XCTAssertEqual(try XCTUnwrap(Picture(recipe: try Recipe.decode(recipe.json()))).colours, colours)
        }
        XCTAssertNil(Picture(style: "icons", seed: 3, edits: []).recipe(modelSHA256: String(repeating: "c", count: 64), directions: 0,
            size: 64).colours)
    }

    func testARecipeTheSlidersCannotHoldIsNoPicture() throws {
        var recipe = Picture(style: "icons", seed: 3, edits: [Float](repeating: 0, count: StudioState.sliderCount))
            .recipe(modelSHA256: String(repeating: "c", count: 64), directions: 16, size: 32)
        recipe.edits = [Recipe.Edit(direction: StudioState.sliderCount, amount: 1)]
        XCTAssertNil(Picture(recipe: recipe), "an edit past the last slider")
        recipe.edits = []
        recipe.mixes = [Recipe.Mix(latent: "not base64!", t: 0.5)]
        XCTAssertNil(Picture(recipe: recipe), "a mix whose latent does not read")
        recipe.mixes = []
        XCTAssertNotNil(Picture(recipe: recipe))
    }
}
