import Foundation
import Imaging
import PictureMaking
import Studio
import Styles
import XCTest
@testable import App

/// What a stroke on a blank canvas becomes in a shipped style. A blank canvas is paper (the
/// style's background, held lightly), so a letter painted in glyphs stays that letter: with
/// every unpainted pixel unknown, the T became a black mass covering most of the picture.
final class BlankCanvasFollowingTests: XCTestCase {
    static let models = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("models").path

    /// A T in black, 8 px strokes, on `sketch` (64 px).
    func paintedT(on sketch: RGBImage) -> RGBImage {
        var painted = sketch
        for y in 12...19 { for x in 14...50 { Painting.dab(&painted, x: x, y: y, size: 1, colour: Colour(0, 0, 0)) } }
        for y in 12...52 { for x in 28...36 { Painting.dab(&painted, x: x, y: y, size: 1, colour: Colour(0, 0, 0)) } }
        return painted
    }

    /// Shares of dark pixels (luma < 128) on the T's strokes and far from them (over 4 px away).
    func darkShares(_ image: RGBImage, of sketch: RGBImage) -> (onStrokes: Double, away: Double) {
        let side = image.width
        func painted(_ x: Int, _ y: Int) -> Bool {
            x >= 0 && y >= 0 && x < side && y < side && sketch.pixels[(y * side + x) * 4 + 3] == 255
        }
        var on = (dark: 0, all: 0), away = (dark: 0, all: 0)
        for y in 0..<side {
            for x in 0..<side {
                let p = (y * side + x) * 3
                let luma = 0.299 * Double(image.pixels[p]) + 0.587 * Double(image.pixels[p + 1]) + 0.114 * Double(image.pixels[p + 2])
                let dark = luma < 128 ? 1 : 0
                if painted(x, y) {
                    on = (on.dark + dark, on.all + 1)
                } else if !(-4...4).contains(where: { dy in (-4...4).contains { dx in painted(x + dx, y + dy) } }) {
                    away = (away.dark + dark, away.all + 1)
                }
            }
        }
        return (Double(on.dark) / Double(on.all), Double(away.dark) / Double(away.all))
    }

    func testATPaintedOnABlankGlyphsCanvasIsFollowedAsAT() throws {
        let loaded = try LoadedStyle(try Style(path: Self.models + "/glyphs.safetensors"))
        let background = try loaded.pictureEncoder().background
        let paper = Painting.paper(side: 64, colour: Colour(background.red, background.green, background.blue))
        XCTAssertEqual(paper.pixels[3], Canvas.paperAlpha)
        let sketch = paintedT(on: paper)
        for budget in [0, EffectRunner.followBudgetMilliseconds] {  // the guess at once, and the refinement
            let followed = try XCTUnwrap(try CanvasFollowing.search(sketch, anchor: nil, loaded, budget: budget)).image
            let shares = darkShares(followed, of: sketch)
            XCTAssertGreaterThan(shares.onStrokes, 0.7, "budget \(budget): the strokes are ink")
            XCTAssertLessThan(shares.away, 0.05, "budget \(budget): the paper stays paper")
        }
    }

    /// Erased (unknown) pixels count for nothing, but the encoder's guess sees the style's
    /// background there, not the black an erased pixel stores.
    func testUnknownPixelsShowTheBackgroundToTheGuessAndCountForNothing() {
        var sketch = Painting.blank(side: 4)
        Painting.dab(&sketch, x: 1, y: 1, size: 1, colour: Colour(10, 20, 30))
        let (colours, weights) = Painting.matched(sketch, background: Colour(250, 251, 252))
        XCTAssertEqual(Array(colours.pixels[0..<3]), [250, 251, 252])
        XCTAssertEqual(Array(colours.pixels[15..<18]), [10, 20, 30])
        XCTAssertEqual(weights[0], 0)
        XCTAssertEqual(weights[5], 1)
    }
}
