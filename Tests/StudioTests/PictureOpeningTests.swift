import Imaging
import Studio
import XCTest

/// `o` (any PNG into the style), `O` (this picture into another style), and the gallery's
/// pictures without a recipe: the prompt, the jobs asked for, and what comes back.
final class PictureOpeningTests: XCTestCase, StudioDriving {
    let latent: [Float] = (0..<128).map { Float($0) / 100 }

    func testOAsksForAPathAndEnterEncodesItIntoTheCurrentStyle() {
        var state = fresh()
        XCTAssertEqual(press(&state, .char("o")), [])
        guard case .text(let input)? = state.prompt else { return XCTFail("no prompt") }
        XCTAssertEqual(input.purpose, .openPicture)
        XCTAssertEqual(type(&state, "pics/cat.png"), [])
        XCTAssertTrue(View.frame(state, width: 100, height: 30).text.contains("open PNG (Tab completes): pics/cat.png"))
        XCTAssertEqual(press(&state, .enter), [.encode(.file(path: "pics/cat.png"), style: "emoji")])
        XCTAssertTrue(state.status.contains("encoding cat.png into emoji"), state.status)
        XCTAssertTrue(state.busy)
        // The next prompt starts in the same folder.
        press(&state, .char("o"))
        guard case .text(let again)? = state.prompt else { return XCTFail("no prompt") }
        XCTAssertEqual(again.text, "pics/")
    }

    func testTabAsksForCompletionAndTheCompletionComesBackIntoThePrompt() {
        var state = fresh()
        press(&state, .char("o"))
        type(&state, "pi")
        XCTAssertEqual(press(&state, .tab), [.completePath("pi")])
        Reducer.reduce(&state, .pathCompleted(text: "pics/ca", choices: ["cat.png", "car.png"]))
        let frame = View.frame(state, width: 100, height: 30).text
        XCTAssertTrue(frame.contains("pics/ca▏  cat.png  car.png"), frame)
        type(&state, "t.png")
        XCTAssertFalse(View.frame(state, width: 100, height: 30).text.contains("car.png"), "choices answer one key")
        XCTAssertEqual(press(&state, .enter), [.encode(.file(path: "pics/cat.png"), style: "emoji")])
        // A completion that arrives after the prompt closed changes nothing.
        Reducer.reduce(&state, .pathCompleted(text: "elsewhere", choices: []))
        XCTAssertNil(state.prompt)
    }

    func testTheEncodedPictureBecomesTheCurrentOneAndASeedLeavesIt() {
        var state = fresh()
        let before = state.picture
        let encoded = Picture(style: "glyphs", seed: 0, base: latent, edits: [Float](repeating: 0, count: StudioState.sliderCount))
        let effects = Reducer.reduce(&state, .encoded(encoded, summary: "encoded cat.png into glyphs: RMS error 40 of 255"))
        XCTAssertEqual(state.picture, encoded)
        XCTAssertEqual(state.activeStyle, 1)
        XCTAssertEqual(state.history.undo, [before])
        XCTAssertEqual(effects, [.render(request: state.requested, subject: .picture(encoded))])
        let frame = View.frame(state, width: 100, height: 30).text
        XCTAssertTrue(frame.contains("glyphs · encoded picture"), frame)
        XCTAssertTrue(frame.contains("RMS error 40"), frame)
        // Sliders and children work on it: they keep the latent.
        press(&state, .char("v"))
        XCTAssertEqual(state.children.map { $0.picture(0, of: state.picture).base }, latent)
        press(&state, .escape)
        // The next seed is a seed's picture again.
        state.focus = .preview
        press(&state, .right)
        XCTAssertNil(state.picture.base)
        XCTAssertEqual(state.picture.seed, 1)
        press(&state, .char("u"))
        XCTAssertEqual(state.picture.base, latent)
    }

    func testShiftOCarriesThePictureIntoTheStyleUnderTheCursor() {
        var state = fresh()
        XCTAssertEqual(press(&state, .char("O")), [])
        XCTAssertTrue(state.status.contains("styles cursor on another style"), state.status)
        state.styleCursor = 1
        XCTAssertEqual(press(&state, .char("O")), [.encode(.picture(state.picture), style: "glyphs")])
        XCTAssertTrue(state.status.contains("carrying this picture into glyphs"), state.status)
    }

    func testTheGalleryOpensAPictureWithoutARecipeByEncodingIt() {
        var state = fresh()
        press(&state, .char("g"))
        var foreign = GalleryItem(path: "/g/photo.png", name: "photo.png", summary: "no recipe", picture: nil, favourite: false,
            thumbnail: nil)
        foreign.hasRecipe = false
        Reducer.reduce(&state, .galleryLoaded([foreign]))
        XCTAssertEqual(press(&state, .enter), [.encode(.file(path: "/g/photo.png"), style: "emoji")])
        XCTAssertEqual(state.mode, .explore)
        Reducer.reduce(&state, .encodeFailed(message: "cannot open photo.png: not a PNG file"))
        XCTAssertFalse(state.busy)
        XCTAssertTrue(View.frame(state, width: 100, height: 30).text.contains("cannot open photo.png: not a PNG file"))
    }
}
