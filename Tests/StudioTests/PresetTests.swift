import Studio
import XCTest

final class PresetTests: XCTestCase {
    func testParsesAndRoundTrips() throws {
        let preset = try Preset(name: "p", text: "# comment\nstyle = emoji\nseed = 7   # trailing\npsi=0.8\ndir1 = 1.25\nname1 = smile\n")
        XCTAssertEqual(preset.style, "emoji")
        XCTAssertEqual(preset.seed, 7)
        XCTAssertEqual(preset.psi, 0.8)
        XCTAssertEqual(preset.values[0], 1.25)
        XCTAssertEqual(preset.names[0], "smile")
        XCTAssertEqual(try Preset(name: "p", text: preset.text), preset)
    }

    /// A preset saved while no style was installed (an empty style) reads back.
    func testAPresetWithoutAStyleRoundTrips() throws {
        var preset = Preset(name: "bare")
        preset.style = ""
        preset.seed = 4
        let read = try Preset(name: "bare", text: preset.text)
        XCTAssertNil(read.style)
        XCTAssertEqual(read.seed, 4)
    }

    func testGarbageIsReportedWithItsLine() {
        let cases = ["seed = -5": "line 1", "\n\nfoo = 1": "line 3: unknown key 'foo'", "psi = 9": "psi", "dir17 = 1": "unknown key",
                     "dir1 = 7": "dir1", "nonsense": "expected 'key = value'", "seed = 1\nseed = 2": "line 2: 'seed' is set twice",
                     "= 3": "missing key", "colours = 5:1": "SEED:LEVEL:WEIGHT", "colours = 5:16:1": "level from 0 to 15",
                     "colours = 5:0:2": "weight from 0 to 1"]
        for (text, expected) in cases {
            XCTAssertThrowsError(try Preset(name: "x", text: text), text) { XCTAssertTrue("\($0)".contains(expected), "\(text): \($0)") }
        }
    }

    func testApplyingAndSavingPresetsInTheStudio() throws {
        var state = StudioState(styles: [StyleEntry(name: "emoji", resolution: 64, description: "", card: []),
                                         StyleEntry(name: "glyphs", resolution: 64, description: "", card: [])], seed: 1)
        state.presets = [try Preset(name: "g", text: "style = glyphs\nseed = 9\ndir2 = -1\nname2 = weight")]
        state.focus = .styles
        state.styleCursor = 2
        _ = Reducer.reduce(&state, .key(.enter))
        XCTAssertEqual(state.picture.style, "glyphs")
        XCTAssertEqual(state.picture.seed, 9)
        XCTAssertEqual(state.picture.edits[1], -1)
        XCTAssertEqual(state.sliderNames[1], "weight")
        // Rename a slider, then save a preset by typing its name.
        state.focus = .sliders
        state.sliderCursor = 0
        for key in [Key.char("n"), .char("t"), .char("o"), .backspace, .char("i"), .enter] { _ = Reducer.reduce(&state, .key(key)) }
        XCTAssertEqual(state.sliderNames[0], "ti")
        var effects: [Effect] = []
        for key in [Key.char("P"), .char("m"), .char("y"), .enter] { effects += Reducer.reduce(&state, .key(key)) }
        guard case .savePreset(let saved) = effects.last else { return XCTFail("no preset saved: \(effects)") }
        XCTAssertEqual(saved.name, "my")
        XCTAssertEqual(saved.style, "glyphs")
        XCTAssertEqual(saved.names[0], "ti")
        XCTAssertEqual(saved.values[1], -1)
        // Esc cancels typing without side effects.
        _ = Reducer.reduce(&state, .key(.char("P")))
        XCTAssertEqual(Reducer.reduce(&state, .key(.escape)), [])
        XCTAssertNil(state.prompt)
    }
}

/// Reading a theme or preset is linear in its size (issue 25.9: a 1 MiB file of 183k distinct
/// keys took 30 s to be refused, and a preset like it delayed the studio's start by 35 s).
final class ConfigFileSizeTests: XCTestCase {
    func testAFileOfManyDistinctKeysIsReadInOnePass() throws {
        let text = (0..<100_000).map { "k\($0)=v" }.joined(separator: "\n")
        XCTAssertLessThan(text.utf8.count, ConfigFile.maxBytes)
        let file = try ConfigFile(parsing: text)
        XCTAssertEqual(file.entries.count, 100_000)
        XCTAssertEqual(file.entries.last?.line, 100_000)
        XCTAssertThrowsError(try ConfigFile(parsing: text + "\nk7 = again")) { XCTAssertEqual("\($0)", "line 100001: 'k7' is set twice") }
    }
}

/// A preset with several bad lines reports each, with its line, and loads the good ones; it was
/// skipped whole for its first bad line (issue 23, cosmetic).
final class PresetProblemsTests: XCTestCase {
    func testEachBadLineIsReportedAndTheGoodOnesLoad() throws {
        let text = "style = emoji\nseed = banana\ndir2 = 1.5\nno equals sign here\ndir2 = 2\npsi = 0.7\nwhat = 3\n"
        var problems: [ConfigFile.Problem] = []
        let preset = try Preset(name: "p", text: text, problems: &problems)
        XCTAssertEqual(problems.map(\.line), [2, 4, 5, 7])
        XCTAssertTrue(problems[0].description.hasPrefix("line 2: seed must be"), problems[0].description)
        XCTAssertEqual(preset.style, "emoji")
        XCTAssertEqual(preset.values[1], 1.5)
        XCTAssertEqual(preset.psi, 0.7)
        XCTAssertNil(preset.seed)
        XCTAssertThrowsError(try Preset(name: "p", text: text)) { XCTAssertEqual("\($0)", problems[0].description) }
    }
}
