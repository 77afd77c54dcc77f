import Imaging
import XCTest
@testable import Studio

/// The canvas through the reducer and the view: opening, strokes by keys and by mouse, the
/// eraser, fill, undo/redo, following (newest wins), taking the picture and leaving it.
final class CanvasTests: XCTestCase, StudioDriving {
    let side = 16
    let palette = [Colour(10, 20, 30), Colour(200, 40, 40), Colour(250, 250, 250)]

    /// A studio with a canvas opened on a grey 16 px picture, anchored on a latent.
    func opened(width: Int = 120, height: Int = 40) -> StudioState {
        var state = fresh()
        state.screen = ScreenSize(width: width, height: height)
        let effects = press(&state, .char("d"))
        XCTAssertEqual(effects, [.openCanvas(.picture(state.picture))])
        let picture = RGBImage(width: side, height: side, fill: 128)
        let canvas = Canvas(style: "emoji", sketch: picture, anchor: [Float](repeating: 0.5, count: 8), followed: picture, palette: palette)
        XCTAssertEqual(Reducer.reduce(&state, .canvasOpened(canvas, follow: false)), [])
        XCTAssertEqual(state.mode, .canvas)
        return state
    }

    func alpha(_ state: StudioState, _ x: Int, _ y: Int) -> UInt8 { state.canvas!.sketch.pixels[(y * side + x) * 4 + 3] }
    func colour(_ state: StudioState, _ x: Int,
        _ y: Int) -> [UInt8] { Array(state.canvas!.sketch.pixels[((y * side + x) * 4)..<((y * side + x) * 4 + 3)]) }

    func follows(_ effects: [Effect]) -> [(request: Int, refine: Bool, sketch: RGBImage)] {
        effects.compactMap { if case .follow(let request, _, let sketch, _, let refine) = $0 { return (request, refine,
            sketch) } else { return nil } }
    }

    func testTheCanvasKeepsThePictureLightlyAndSpacePaintsAStrokeThatIsFollowedAndRefined() {
        var state = opened()
        XCTAssertEqual(alpha(state, 0, 0), Canvas.keptAlpha, "the picture's pixels are kept, counting a little")
        let effects = press(&state, .char("2"), .char("["), .char("["), .right, .char(" "))
        XCTAssertEqual(state.canvas!.cursorX, side / 2 + 1)
        XCTAssertEqual(colour(state, side / 2 + 1, side / 2), [200, 40, 40])
        XCTAssertEqual(alpha(state, side / 2 + 1, side / 2), 255)
        XCTAssertEqual(alpha(state, side / 2 + 2, side / 2), Canvas.keptAlpha, "a 1 px brush paints one pixel")
        let asked = follows(effects)
        XCTAssertEqual(asked.count, 1)
        XCTAssertEqual(asked.first?.refine, true, "a key stroke is a whole stroke: guess and refine")
        XCTAssertEqual(asked.first?.sketch, state.canvas!.sketch)
        XCTAssertEqual(state.canvas!.undo.count, 1)
    }

    func testMousePressDragAndReleaseMakeOneStrokeFollowedAtOnceThenRefined() {
        var state = opened()
        let frame = View.frame(state, width: 120, height: 40)
        let rect = frame.preview!
        // Place the composed picture as the terminal side would: the preview's width, its aspect.
        let image = Display.image(state)!
        let height = Int((Double(rect.width) * Double(image.height) / Double(image.width) / 2).rounded())
        _ = Reducer.reduce(&state, .placed(Rect(x: rect.x, y: rect.y, width: rect.width, height: height)))
        let placed = state.placedPicture!
        // The sketch is the left half; press near its top-left, drag to its middle, let go.
        let start = (placed.x + 1, placed.y + 1), end = (placed.x + placed.width / 4, placed.y + height / 2)
        let pressed = press(&state, .click(x: start.0, y: start.1))
        XCTAssertEqual(follows(pressed).map(\.refine), [false], "a press shows the encoder's guess at once")
        let dragged = press(&state, .drag(x: end.0, y: end.1))
        XCTAssertEqual(follows(dragged).map(\.refine), [false])
        XCTAssertEqual(state.canvas!.undo.count, 0, "a stroke is recorded when the hand stops")
        let released = press(&state, .release)
        XCTAssertEqual(follows(released).map(\.refine), [true])
        XCTAssertEqual(state.canvas!.undo.count, 1, "press, drag and release are one undo step")
        let painted = stride(from: 3, to: state.canvas!.sketch.pixels.count, by: 4).filter { state.canvas!.sketch.pixels[$0] == 255 }.count
        XCTAssertGreaterThan(painted, 10, "the drag painted a line, not two dots")
        // The requests count up: the newest wins.
        XCTAssertEqual(follows(pressed + dragged + released).map(\.request), [1, 2, 3])
    }

    func testAQuickClickPaintsOneDabAndAClickOnTheRightHalfPaintsNothing() {
        var state = opened()
        _ = Reducer.reduce(&state, .placed(Rect(x: 30, y: 2, width: 60, height: 18)))
        let before = state.canvas!.sketch
        press(&state, .click(x: 85, y: 5), .release)
        XCTAssertEqual(state.canvas!.sketch, before, "the style's picture is not the sketch")
        press(&state, .click(x: 35, y: 5), .release)
        XCTAssertNotEqual(state.canvas!.sketch, before)
        XCTAssertEqual(state.canvas!.undo.count, 1)
    }

    func testTheEraserMakesPixelsUnknownAgainAndUndoRedoWalkTheStrokes() {
        var state = opened()
        press(&state, .char("e"), .char(" "))
        XCTAssertEqual(state.canvas!.tool, .eraser)
        XCTAssertEqual(alpha(state, side / 2, side / 2), 0, "erased: the style decides that pixel")
        press(&state, .char("e"), .char("3"), .left, .char(" "))
        XCTAssertEqual(state.canvas!.tool, .brush)
        XCTAssertEqual(colour(state, side / 2 - 1, side / 2), [250, 250, 250])
        let two = state.canvas!.sketch
        XCTAssertEqual(state.canvas!.undo.count, 2)
        let undone = press(&state, .char("u"))
        XCTAssertEqual(follows(undone).count, 1, "the style follows the sketch undo brings back")
        XCTAssertEqual(alpha(state, side / 2 - 1, side / 2), 0, "the second stroke is gone, the erased pixel stays erased")
        press(&state, .char("u"))
        XCTAssertEqual(alpha(state, side / 2, side / 2), Canvas.keptAlpha)
        press(&state, .char("u"))
        XCTAssertEqual(state.status, "nothing to undo")
        press(&state, .char("U"), .ctrl("r"))
        XCTAssertEqual(state.canvas!.sketch, two)
    }

    func testFillFloodsTheRegionAndTheColourUnderTheCursorCanBePicked() {
        var state = opened()
        press(&state, .char("n"))
        XCTAssertEqual(state.canvas!.sketch, Painting.paper(side: side, colour: state.canvas!.paper), "n clears the canvas to paper")
        XCTAssertEqual(alpha(state, 0, 0), Canvas.paperAlpha)
        XCTAssertFalse(state.canvas!.hasPaint, "a blank page has nothing to follow")
        press(&state, .char("2"), .char("]"), .char("]"), .char(" "))  // a 3 px red dab in the middle
        press(&state, .char("f"), .char("1"), .home)
        state.canvas!.cursorX = 0
        state.canvas!.cursorY = 0
        press(&state, .char(" "))
        XCTAssertEqual(colour(state, 0, 0), [10, 20, 30])
        XCTAssertEqual(colour(state, side - 1, side - 1), [10, 20, 30], "the whole unpainted region")
        XCTAssertEqual(colour(state, side / 2, side / 2), [200, 40, 40], "the red dab is its own region")
        state.canvas!.cursorX = side / 2
        state.canvas!.cursorY = side / 2
        press(&state, .char("i"))
        XCTAssertEqual(state.canvas!.colour, Colour(200, 40, 40))
        XCTAssertTrue(View.frame(state, width: 120, height: 40).text.contains("under cursor #c82828"))
    }

    func testFollowedPicturesOlderThanTheNewestShownAreDroppedAndEnterTakesTheLatent() {
        var state = opened()
        press(&state, .char(" "), .right, .char(" "))
        XCTAssertEqual(state.canvas!.request, 2)
        let picture = RGBImage(width: side, height: side, fill: 7), stale = RGBImage(width: side, height: side, fill: 9)
        _ = Reducer.reduce(&state, .followed(request: 2, latent: [Float](repeating: 1, count: 8), image: picture, refined: false))
        _ = Reducer.reduce(&state, .followed(request: 1, latent: [Float](repeating: 2, count: 8), image: stale, refined: true))
        XCTAssertEqual(state.canvas!.followed, picture, "an older request's picture never replaces a newer one")
        XCTAssertFalse(state.canvas!.refined)
        _ = Reducer.reduce(&state, .followed(request: 2, latent: [Float](repeating: 3, count: 8), image: picture, refined: true))
        XCTAssertTrue(state.canvas!.refined)
        let effects = press(&state, .enter)
        XCTAssertEqual(state.mode, .explore)
        XCTAssertNil(state.canvas)
        XCTAssertEqual(state.picture.base, [Float](repeating: 3, count: 8))
        XCTAssertEqual(effects, [.render(request: state.requested, subject: .picture(state.picture))])
        press(&state, .char("u"))
        XCTAssertNil(state.picture.base, "taking the picture is one undoable step")
    }

    func testEscLeavesThePictureUnchangedAndEnterWithoutStrokesChangesNothing() {
        var state = opened()
        let picture = state.picture
        press(&state, .char(" "), .escape)
        XCTAssertEqual(state.mode, .explore)
        XCTAssertEqual(state.picture, picture)
        XCTAssertTrue(state.history.undo.isEmpty)
        state = opened()
        XCTAssertEqual(press(&state, .enter), [])
        XCTAssertEqual(state.picture, picture)
        XCTAssertEqual(state.status, "canvas left: nothing was painted")
    }

    func testAWideScreenShowsSketchAndPictureSideBySideANarrowOneTogglesWithTab() {
        var state = opened()
        XCTAssertEqual(state.canvas!.view, .both)
        let both = Display.image(state)!
        XCTAssertGreaterThan(both.width, 2 * both.height - 100, "two squares side by side")
        state = opened(width: 80, height: 24)
        XCTAssertEqual(state.canvas!.view, .sketch)
        press(&state, .tab)
        XCTAssertEqual(state.canvas!.view, .picture)
        XCTAssertEqual(Display.image(state)!,
            Resize.resize(RGBImage(width: side, height: side, fill: 128), width: side * 4, height: side * 4, filter: .nearest))
        XCTAssertTrue(View.frame(state, width: 80, height: 24).text.contains("Canvas: the style's picture"))
    }

    func testTheSketchShowsUnknownPixelsAsACheckerboardPaperLightAndTheBrushOutlined() {
        var state = opened()
        press(&state, .char("n"))
        let paper = Display.image(state)!
        XCTAssertTrue([paper.pixels[0], paper.pixels[8 * 3]].allSatisfy { $0 >= 240 }, "white paper, a little faded")
        state.canvas!.sketch = Painting.blank(side: side)  // as if all erased
        let image = Display.image(state)!
        let p = { (x: Int, y: Int) in image.pixels[(y * image.width + x) * 3] }
        XCTAssertEqual(p(0, 0), 206)
        XCTAssertEqual(p(8, 0), 232)
        let cx = (side / 2 - 1) * 4 - 2  // the 3 px brush's outline: its left edge, two pixels out
        XCTAssertEqual(p(cx, (side / 2) * 4 + 1), 0, "the outline inverts the light checkerboard")
    }

    func testOOnTheCanvasOpensAPNGOntoIt() {
        var state = opened()
        press(&state, .char("o"))
        let effects = type(&state, "/tmp/sketch.png") + press(&state, .enter)
        XCTAssertEqual(effects, [.openCanvas(.file(path: "/tmp/sketch.png", picture: state.picture))])
    }

    /// A PNG opened onto the canvas lies on paper: its clear pixels become the page, the rest is kept.
    func testAPNGLaidOnPaperKeepsItsPixelsAndShowsThePageWhereItIsClear() {
        var png = Painting.blank(side: 2)
        Painting.dab(&png, x: 1, y: 0, size: 1, colour: Colour(200, 40, 40))
        png.pixels[(1 * 2 + 1) * 4 + 3] = 128  // a half-transparent pixel keeps its own alpha
        let laid = Painting.onPaper(png, colour: Colour(250, 250, 240))
        XCTAssertEqual(Array(laid.pixels[0..<4]), [250, 250, 240, Canvas.paperAlpha])
        XCTAssertEqual(Array(laid.pixels[4..<8]), [200, 40, 40, 255])
        XCTAssertEqual(laid.pixels[(1 * 2 + 1) * 4 + 3], 128)
        XCTAssertFalse(Painting.knowsAnything(Painting.blank(side: 2)))
        XCTAssertTrue(Painting.knowsAnything(laid))
    }

    func testHelpListsTheCanvasKeysAndTheirHintsShow() {
        XCTAssertTrue(Help.entries.contains { $0.mode == .canvas })
        var state = opened()
        press(&state, .char("?"))
        let help = View.frame(state, width: 120, height: 40).text
        XCTAssertTrue(help.contains("eraser · fill") && !help.contains("crossbreed"), "? on the canvas lists the canvas's keys")
        press(&state, .escape)
        XCTAssertEqual(state.mode, .canvas, "any key closes help and the canvas stays")
        press(&state, .right)
        XCTAssertTrue(View.frame(state, width: 120, height: 40).text.contains("Enter take"))
    }
}
