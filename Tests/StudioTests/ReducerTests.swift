import Imaging
import Studio
import XCTest

final class ReducerTests: XCTestCase, StudioDriving {
    func testStartAsksForTheFirstPicture() {
        var state = fresh()
        XCTAssertEqual(Reducer.reduce(&state, .start), [.render(request: 1, subject: .picture(state.picture))])
        XCTAssertTrue(state.busy)
    }

    func testRandomUndoRedo() {
        var state = fresh()
        let first = state.picture
        let effects = press(&state, .char("r"))
        XCTAssertNotEqual(state.picture.seed, first.seed)
        XCTAssertEqual(effects, [.render(request: 1, subject: .picture(state.picture))])
        let second = state.picture
        press(&state, .char("u"))
        XCTAssertEqual(state.picture, first)
        press(&state, .char("U"))
        XCTAssertEqual(state.picture, second)
        // The same start makes the same random seeds: reproducible sessions and tests.
        var again = fresh()
        press(&again, .char("r"))
        XCTAssertEqual(again.picture.seed, second.seed)
    }

    func testSlidersMoveClampAndRender() {
        var state = fresh()
        press(&state, .tab)
        XCTAssertEqual(state.focus, .sliders)
        press(&state, .right, .right, .char("L"))
        XCTAssertEqual(state.picture.edits[0], 1.5)
        for _ in 0..<10 { press(&state, .char("L")) }
        XCTAssertEqual(state.picture.edits[0], 3)
        press(&state, .char("0"))
        XCTAssertEqual(state.picture.edits[0], 0)
        press(&state, .down, .right)
        XCTAssertEqual(state.picture.edits[1], 0.25)
        // ψ sits after the directions, then the seed.
        state.sliderCursor = StudioState.sliderCount
        press(&state, .left)
        XCTAssertEqual(state.picture.psi, 0.95)
        press(&state, .down, .right)
        XCTAssertEqual(state.picture.seed, 43)
        XCTAssertEqual(state.history.undo.count, 9)  // clamped presses change nothing and are not undo steps
    }

    func testChangingStyleKeepsSeedAndClearsEdits() {
        var state = fresh()
        state.picture.edits[2] = 1
        press(&state, .backTab)
        XCTAssertEqual(state.focus, .styles)
        let effects = press(&state, .down, .enter)
        XCTAssertEqual(state.picture.style, "glyphs")
        XCTAssertEqual(state.activeStyle, 1)
        XCTAssertEqual(state.picture.edits, [Float](repeating: 0, count: StudioState.sliderCount))
        XCTAssertEqual(state.picture.seed, 42)
        XCTAssertEqual(effects.count, 1)
        press(&state, .char("u"))
        XCTAssertEqual(state.activeStyle, 0)
        XCTAssertEqual(state.picture.edits[2], 1)
    }

    func testNewestRenderWins() {
        var state = fresh()
        press(&state, .char("r"), .char("r"), .char("r"))
        XCTAssertEqual(state.requested, 3)
        let image = RGBImage(width: 1, height: 1, fill: 9), stale = RGBImage(width: 1, height: 1, fill: 1)
        let bytes = EncodedPreview(target: 1, bytes: [0x1B, 0x50])
        _ = Reducer.reduce(&state, .rendered(request: 3, frame: RenderedFrame(image: image, preview: bytes)))
        _ = Reducer.reduce(&state, .rendered(request: 2, frame: RenderedFrame(image: stale)))
        XCTAssertEqual(state.shown, image)
        XCTAssertEqual(state.shownPreview, bytes, "the picture and its bytes arrive and stay together")
        XCTAssertFalse(state.busy)
    }

    func testSaveOverlaysAndQuit() {
        var state = fresh()
        XCTAssertEqual(press(&state, .char("s")), [.save(picture: state.picture)])
        _ = Reducer.reduce(&state, .saveFailed(message: "disk full"))
        XCTAssertTrue(state.status.contains("disk full"))
        // The picture stays; S saves it somewhere else.
        var effects: [Effect] = []
        for key in [Key.char("S")] + "/tmp/x".map({ Key.char($0) }) + [.enter] { effects += Reducer.reduce(&state, .key(key)) }
        XCTAssertEqual(effects, [.saveTo(picture: state.picture, directory: "/tmp/x")])
        press(&state, .char("?"))
        XCTAssertEqual(state.overlay, .help(offset: 0))
        press(&state, .char("q"))
        XCTAssertEqual(state.overlay, .none)
        XCTAssertFalse(state.quit)
        press(&state, .char("c"))
        XCTAssertEqual(state.overlay, .card)
        press(&state, .escape, .char("q"))
        XCTAssertTrue(state.quit)
    }

    func testMouseOnStylesAndSliders() {
        var state = fresh()
        let layout = Layout(width: 100, height: 30)
        press(&state, .click(x: layout.styles.x + 2, y: layout.styles.y + 2))
        XCTAssertEqual(state.picture.style, "glyphs")
        let bar = layout.sliderBar
        press(&state, .click(x: bar.x + bar.width - 1, y: layout.sliders.y + 1))
        XCTAssertEqual(state.picture.edits[0], 3)
        press(&state, .wheel(x: bar.x, y: layout.sliders.y + 2, up: true))
        XCTAssertEqual(state.picture.edits[1], 0.25)
    }
}

final class ViewTests: XCTestCase {
    func testMainLayoutShowsEverything() {
        var state = StudioState(styles: [StyleEntry(name: "emoji", resolution: 64, description: "Emoji", card: [])], seed: 7)
        state.focus = .sliders
        let frame = View.frame(state, width: 80, height: 24)
        XCTAssertTrue(frame.line(0).contains("Ganvas · emoji · seed 7 · ψ 1.00"))
        XCTAssertTrue(frame.text.contains("Styles"))
        XCTAssertTrue(frame.text.contains("● emoji"))
        XCTAssertTrue(frame.text.contains("Sliders"))
        XCTAssertTrue(frame.text.contains("dir 1"))
        XCTAssertTrue(frame.text.contains("ψ trunc"))
        XCTAssertTrue(frame.line(23).contains("q quit"))
        let preview = try! XCTUnwrap(frame.preview)
        XCTAssertGreaterThan(preview.width, 20)
        XCTAssertGreaterThan(preview.height, 15)
        XCTAssertEqual(frame.role(x: Layout(width: 80, height: 24).sliders.x + 1, y: 1), .focusHeader)
    }

    func testSliderKnobFollowsTheValue() {
        var state = StudioState(styles: [StyleEntry(name: "a", resolution: 8, description: "", card: [])], seed: 1)
        state.picture.edits[0] = 3
        let layout = Layout(width: 80, height: 24)
        let frame = View.frame(state, width: 80, height: 24)
        let row = frame.line(layout.sliders.y + 1)
        let bar = Array(row)[layout.sliderBar.x..<(layout.sliderBar.x + layout.sliderBar.width)]
        XCTAssertEqual(bar.last, "●")
        XCTAssertTrue(row.contains("+3.00"))
    }

    func testTinyTerminalShowsANote() {
        let state = StudioState(styles: [], seed: 1)
        let frame = View.frame(state, width: 20, height: 5)
        XCTAssertTrue(frame.text.contains("too small"))
        XCTAssertNil(frame.preview)
    }

    func testHelpOverlayListsKeysAndHidesThePicture() {
        var state = StudioState(styles: [StyleEntry(name: "a", resolution: 8, description: "", card: [])], seed: 1)
        state.overlay = .help(offset: 0)
        let frame = View.frame(state, width: 100, height: 30)
        XCTAssertTrue(frame.text.contains("undo / redo"))
        XCTAssertNil(frame.preview)
    }

    func testDataCannotInjectEscapes() {
        var frame = Frame(width: 10, height: 1)
        frame.put("a\u{1B}[31mb", x: 0, y: 0)
        XCTAssertEqual(frame.line(0), "a?[31mb   ")
    }
}
