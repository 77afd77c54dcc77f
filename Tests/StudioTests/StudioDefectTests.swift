import Imaging
import Studio
import XCTest

/// One test per defect a new user hit (issue 13); each failed before its fix.
final class StudioDefectTests: XCTestCase, StudioDriving {
    /// Shift-Tab, Down ×3 (the cursor on a preset), then `c` crashed reading styles[styleCursor].
    func testCardWithTheCursorOnAPresetShowsTheActiveStyle() throws {
        var state = fresh(presets: [Preset(name: "p1"), Preset(name: "p2")])
        press(&state, .backTab, .down, .down, .down, .char("c"))
        XCTAssertEqual(state.styleCursor, 3)
        XCTAssertEqual(state.overlay, .card)
        let frame = View.frame(state, width: 100, height: 30)
        XCTAssertTrue(frame.text.contains("style emoji"), frame.text)
    }

    /// `n` on the seed or ψ row did nothing visible, so the next keys ran as commands (`s` saved).
    func testNOnTheSeedRowOpensAVisibleModalEntry() throws {
        var state = fresh()
        press(&state, .tab)
        state.sliderCursor = state.sliderRows.firstIndex(of: .seed)!
        press(&state, .char("n"))
        XCTAssertNotNil(state.prompt)
        XCTAssertTrue(View.frame(state, width: 100, height: 30).line(29).contains("seed"))
        let typed = type(&state, "s12x3")
        XCTAssertEqual(typed, [], "no key typed into an entry runs a command")
        let effects = press(&state, .enter)
        XCTAssertEqual(state.picture.seed, 123)
        XCTAssertEqual(effects.count, 1)
        // ψ takes a number too.
        state.sliderCursor = state.sliderRows.firstIndex(of: .psi)!
        press(&state, .char("n"))
        _ = type(&state, "0.7")
        press(&state, .enter)
        XCTAssertEqual(state.picture.psi, 0.7)
        // And `#` types a seed from anywhere in explore.
        press(&state, .char("#"))
        _ = type(&state, "9")
        press(&state, .enter)
        XCTAssertEqual(state.picture.seed, 9)
    }

    /// `q` with unsaved edits quit at once, also from inside the gallery.
    func testQuitAsksWhenWorkIsUnsavedAndQClosesViews() {
        var state = fresh()
        press(&state, .char("q"))
        XCTAssertTrue(state.quit, "nothing changed: quits at once")
        state = fresh()
        press(&state, .char("r"), .char("g"))
        XCTAssertEqual(state.mode, .gallery)
        press(&state, .char("q"))
        XCTAssertEqual(state.mode, .explore, "q closes the gallery")
        XCTAssertFalse(state.quit)
        press(&state, .char("q"))
        XCTAssertFalse(state.quit)
        guard case .question = state.prompt else { return XCTFail("no question asked") }
        XCTAssertTrue(View.frame(state, width: 100, height: 30).line(29).contains("not saved"))
        press(&state, .char("n"))
        XCTAssertFalse(state.quit)
        XCTAssertNil(state.prompt)
        press(&state, .char("q"), .char("y"))
        XCTAssertTrue(state.quit)
        // Saved work quits at once; `s` at the question saves, then quits.
        state = fresh()
        press(&state, .char("r"))
        let picture = state.picture
        _ = Reducer.reduce(&state, .saved(picture: picture, path: "/g/a.png"))
        press(&state, .char("q"))
        XCTAssertTrue(state.quit)
        state = fresh()
        press(&state, .char("r"), .char("q"))
        XCTAssertEqual(press(&state, .char("s")), [.save(picture: state.picture)])
        XCTAssertFalse(state.quit)
        _ = Reducer.reduce(&state, .saved(picture: state.picture, path: "/g/b.png"))
        XCTAssertTrue(state.quit)
    }

    /// `P` after crossbreeding dropped the mix; `P` replaced a preset of the same name unasked.
    func testPresetsKeepMixesAndAskBeforeReplacing() throws {
        var state = fresh(presets: [Preset(name: "mine")])
        press(&state, .char("b"), .char("V"), .char("+"), .enter, .left)
        XCTAssertEqual(state.picture.mixes.count, 1)
        XCTAssertEqual(state.picture.colours?.level, 1)
        XCTAssertEqual(state.picture.colours?.t ?? 0, 0.95, accuracy: 1e-6)
        press(&state, .char("P"))
        var effects = type(&state, "new")
        effects += press(&state, .enter)
        guard case .savePreset(let preset) = effects.last else { return XCTFail("\(effects)") }
        XCTAssertEqual(preset.mixes, state.picture.mixes)
        XCTAssertEqual(preset.colours, state.picture.colours)
        XCTAssertTrue(preset.text.contains("colours = \(state.picture.colours!.seed):1:0.95"), preset.text)
        // The file holds the mix, and applying it remakes the picture.
        let read = try Preset(name: "new", text: preset.text)
        XCTAssertEqual(read, preset)
        var other = fresh(presets: [read])
        other.focus = .styles
        other.styleCursor = 2
        press(&other, .enter)
        XCTAssertEqual(other.picture, state.picture)

        press(&state, .char("P"))
        effects = type(&state, "mine") + press(&state, .enter)
        XCTAssertEqual(effects, [], "an existing name is not replaced unasked")
        guard case .question = state.prompt else { return XCTFail("no question") }
        effects = press(&state, .char("y"))
        guard case .savePreset(let replaced) = effects.last else { return XCTFail("\(effects)") }
        XCTAssertEqual(replaced.name, "mine")
    }

    /// Slider names carried over to other styles, whose directions are unrelated.
    func testSliderNamesBelongToTheirStyle() {
        var state = fresh()
        press(&state, .tab, .char("n"))
        _ = type(&state, "smile")
        press(&state, .enter)
        XCTAssertEqual(state.sliderNames[0], "smile")
        press(&state, .backTab, .backTab, .down, .enter)
        XCTAssertEqual(state.picture.style, "glyphs")
        XCTAssertEqual(state.sliderNames[0], "dir 1")
        press(&state, .up, .enter)
        XCTAssertEqual(state.sliderNames[0], "smile")
    }

    /// Status messages stayed on screen long after what they answered.
    func testStatusClearsOnTheNextKey() {
        var state = fresh()
        press(&state, .char("s"))
        _ = Reducer.reduce(&state, .saved(picture: state.picture, path: "/g/x.png"))
        XCTAssertTrue(View.frame(state, width: 100, height: 30).line(29).contains("saved /g/x.png"))
        press(&state, .char("r"))
        XCTAssertFalse(View.frame(state, width: 100, height: 30).line(29).contains("saved"))
    }

    /// `w` with only A set walked from A to A.
    func testWalkNeedsTwoDifferentEnds() {
        var state = fresh()
        press(&state, .char("A"), .char("w"))
        XCTAssertEqual(state.mode, .explore)
        XCTAssertTrue(state.status.contains("two different ends"))
        press(&state, .char("r"), .char("w"))
        XCTAssertEqual(state.mode, .walk)
        XCTAssertNotEqual(state.walk.keyA, state.walk.keyB)
    }

    /// The words inside a box, in order, one space apart.
    func boxWords(_ frame: Frame) -> String {
        let rows = (0..<frame.height).map(frame.line).compactMap { line -> String? in
            guard let left = line.firstIndex(of: "│"), let right = line.lastIndex(of: "│"), left < right else { return nil }
            return String(line[line.index(after: left)..<right])
        }
        return rows.joined(separator: " ").split(separator: " ").joined(separator: " ")
    }

    /// `?` help was cut at 80x24 ("…at the curso"); now every line is there whole, longer ones
    /// wrapped on words, and it scrolls where it doesn't fit.
    func testHelpFitsAt80x24AndScrollsWhenShorter() {
        var state = fresh()
        state.screen = ScreenSize(width: 80, height: 24)
        press(&state, .char("?"))
        let frame = View.frame(state, width: 80, height: 24)
        let words = boxWords(frame)
        for line in Help.lines where !line.isEmpty {
            XCTAssertTrue(words.contains(line.split(separator: " ").joined(separator: " ")), "missing or cut: \(line)\n\(frame.text)")
        }
        XCTAssertEqual(Help.lines(.canvas).filter { $0.count > 74 }, [], "every line fits the box at 80 columns")
        XCTAssertEqual(Help.lines.filter { $0.count > 74 }, [])
        state.screen = ScreenSize(width: 60, height: 16)
        let short = View.frame(state, width: 60, height: 16)
        XCTAssertTrue(short.text.contains("↓ more"))
        press(&state, .pageDown)
        guard case .help(let offset) = state.overlay, offset > 0 else { return XCTFail("help did not scroll: \(state.overlay)") }
        press(&state, .pageDown, .pageDown)
        XCTAssertTrue(View.frame(state, width: 60, height: 16).text.contains("Mouse:"), "the last page ends with the mouse line")
        press(&state, .char("x"))
        XCTAssertEqual(state.overlay, .none)
    }

    /// The "terminal too small" note was cut at 20x5.
    func testTooSmallNoteIsWholeAt20x5() {
        let frame = View.frame(fresh(), width: 20, height: 5)
        let words = frame.text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        XCTAssertEqual(words, "Terminal too small: Ganvas needs 60x16 (now 20x5)")
    }

    /// The help lists every key the studio answers, so the tmux test can press them all.
    func testHelpTableCoversTheKeysThatDoSomething() {
        let listed = Help.entries.flatMap(\.tmux)
        for key in ["#", "y", "o", "/", "a", "i", "x", "t", "b", "PageDown", "Home", "End"] {
            XCTAssertTrue(listed.contains(key), "help misses \(key)")
        }
    }
}

/// Second pass of a new user's trips (issue 23), through the reducer.
final class StudioDefectTestsRound2: XCTestCase, StudioDriving {
    /// `x` resets ψ too: help says it resets the sliders, and ψ is drawn as one.
    func testXResetsPsiWithTheOtherSliders() {
        var state = fresh()
        state.focus = .sliders
        state.sliderCursor = state.sliderRows.firstIndex(of: .psi)!
        press(&state, .left, .left)
        XCTAssertNotEqual(state.picture.psi, 1)
        press(&state, .char("x"))
        XCTAssertEqual(state.picture.psi, 1)
        XCTAssertTrue(Help.lines.contains { $0.contains("reset sliders, ψ and mixes") })
    }
}
