import TermGraphics
import XCTest

final class DetectionTests: XCTestCase {
    func testEnvironment() {
        XCTAssertEqual(TerminalProfile(environment: ["TERM": "xterm-kitty"]).graphics, .kitty)
        XCTAssertEqual(TerminalProfile(environment: ["TERM": "xterm-256color", "KITTY_WINDOW_ID": "1"]).graphics, .kitty)
        XCTAssertEqual(TerminalProfile(environment: ["TERM_PROGRAM": "iTerm.app", "TERM": "xterm-256color"]).graphics, .iterm)
        XCTAssertEqual(TerminalProfile(environment: ["TERM": "xterm-256color", "WEZTERM_PANE": "0"]).graphics, .iterm)
        XCTAssertEqual(TerminalProfile(environment: ["TERM": "foot"]).graphics, .sixel)
        XCTAssertEqual(TerminalProfile(environment: ["TERM": "xterm-256color"]).colors, .c256)
        XCTAssertEqual(TerminalProfile(environment: ["TERM": "xterm", "COLORTERM": "truecolor"]).colors, .full)
        XCTAssertEqual(TerminalProfile(environment: ["TERM": "xterm", "COLORTERM": "truecolor", "NO_COLOR": "1"]).colors, .none)
        XCTAssertEqual(TerminalProfile(environment: ["TERM": "dumb"]).colors, .none)
        XCTAssertTrue(TerminalProfile(environment: ["TERM": "screen", "TMUX": "/tmp/tmux-0/default,1,0"]).inTmux)
    }

    /// Asking one variable at a time (as `ganvas show` does, without building a dictionary)
    /// guesses the same.
    func testVariableLookupMatchesTheDictionary() {
        for env in [["TERM": "xterm-kitty"], ["TERM": "foot", "COLORTERM": "24bit"], ["TERM_PROGRAM": "WezTerm", "NO_COLOR": "1"], [:]] {
            XCTAssertEqual(TerminalProfile(variable: { env[$0] }), TerminalProfile(environment: env))
        }
    }

    /// Replies recorded from real terminals (xterm -ti vt340, kitty, foot) and broken ones.
    func testRecordedReplies() {
        let xterm = ProbeReplies(parsing: Array("\u{1B}[?1;0;1024S\u{1B}[6;20;10t\u{1B}[?63;1;2;4;6;9;15;16;22;28c".utf8))
        XCTAssertTrue(xterm.sixel && xterm.complete && !xterm.kitty)
        XCTAssertEqual(xterm.colorRegisters, 1024)
        XCTAssertEqual(xterm.cellSize?.0, 10)
        XCTAssertEqual(xterm.cellSize?.1, 20)

        let kitty = ProbeReplies(parsing: Array("\u{1B}_Gi=31;OK\u{1B}\\\u{1B}[6;36;17t\u{1B}[?62;c".utf8))
        XCTAssertTrue(kitty.kitty && kitty.complete && !kitty.sixel)

        let plain = ProbeReplies(parsing: Array("\u{1B}[?62;22c".utf8))
        XCTAssertTrue(plain.complete && !plain.sixel && !plain.kitty)

        let kittyError = ProbeReplies(parsing: Array("\u{1B}_Gi=31;EINVAL:bad\u{1B}\\\u{1B}[?62c".utf8))
        XCTAssertFalse(kittyError.kitty)

        // Garbage, a cut-off reply, and nothing at all (a timeout) leave defaults and no crash.
        for junk in ["\u{1B}[?63;4", "\u{1B}[6;99999999999999999999;10t", "\u{1B}\u{1B}[[[;;;c", "hello\u{1B}", "", "\u{1B}_G",
            "\u{1B}[?1;3;0S\u{1B}[?4c"] {
            let replies = ProbeReplies(parsing: Array(junk.utf8))
            XCTAssertFalse(replies.kitty, junk)
            XCTAssertNil(replies.colorRegisters, junk)
            XCTAssertNil(replies.cellSize, junk)
        }
        var profile = TerminalProfile(environment: ["TERM": "xterm-256color"])
        profile.apply(ProbeReplies())
        XCTAssertEqual(profile.graphics, .none)
        profile.apply(xterm)
        XCTAssertEqual(profile.graphics, .sixel)
        XCTAssertEqual(profile.sixelRegisters, 256)
    }

    func testProbeIsSilentWithoutATerminal() {
        XCTAssertEqual(TerminalProbe.run(fd: -1, route: .direct), ProbeReplies())
        XCTAssertTrue(String(decoding: TerminalProbe.query(.tmuxPassthrough), as: UTF8.self).hasPrefix("\u{1B}Ptmux;"))
    }
}

final class PlacementTests: XCTestCase {
    func testNoTerminalKeepsPixelsOrEightyColumns() {
        XCTAssertEqual(Placement.fit(width: 256, height: 128, format: .sixel, columns: nil, rows: nil, pixelWidth: nil, screen: nil),
                       Placement(pixelWidth: 256, pixelHeight: 128, columns: 26, rows: 7))
        let text = Placement.fit(width: 256, height: 256, format: .sextants, columns: nil, rows: nil, pixelWidth: nil, screen: nil)
        XCTAssertEqual(text.columns, 80)
        XCTAssertEqual(text.rows, 40)
    }

    /// Extreme aspects and the largest sizes the options allow stay within the output limits.
    func testOutputIsCappedWhateverThePictureOrOptions() {
        for format in [ImageFormat.sextants, .halfblocks, .sixel, .kitty] {
            for (w, h) in [(1, 1_000_000), (1_000_000, 1), (1, 1), (8192, 8192)] {
                for (cols, rows) in [(nil, nil), (4000, nil), (nil, 4000), (4000, 4000)] as [(Int?, Int?)] {
                    let p = Placement.fit(width: w, height: h, format: format, columns: cols, rows: rows, pixelWidth: nil, screen: nil)
                    XCTAssertGreaterThanOrEqual(min(p.columns, p.rows, p.pixelWidth, p.pixelHeight), 1)
                    if format.textMode != nil {
                        XCTAssertLessThanOrEqual(p.columns * p.rows, Placement.maxCells,
                            "\(format) \(w)x\(h) \(String(describing: cols))x\(String(describing: rows))")
                        XCTAssertLessThanOrEqual(max(p.columns, p.rows), Placement.maxTextSide)
                    } else {
                        XCTAssertLessThanOrEqual(p.pixelWidth * p.pixelHeight, Placement.maxPixels)
                        XCTAssertLessThanOrEqual(max(p.pixelWidth, p.pixelHeight), Placement.maxPixelSide)
                    }
                }
            }
        }
        let wide = Placement.fit(width: 8192, height: 8192, format: .sixel, columns: nil, rows: nil, pixelWidth: 8192, screen: nil)
        XCTAssertEqual(wide.pixelWidth, wide.pixelHeight, "the aspect survives the cap")
    }

    func testFitsTheScreenAndHonoursExplicitSizes() {
        let screen = Placement.Screen(columns: 100, rows: 30, cellWidth: 10, cellHeight: 20)
        let sixel = Placement.fit(width: 64, height: 64, format: .sixel, columns: nil, rows: nil, pixelWidth: nil, screen: screen)
        XCTAssertEqual(sixel.pixelHeight, 29 * 20)
        let text = Placement.fit(width: 64, height: 64, format: .sextants, columns: nil, rows: nil, pixelWidth: nil, screen: screen)
        XCTAssertEqual(text.rows, 29)
        XCTAssertEqual(text.columns, 58)
        XCTAssertEqual(Placement.fit(width: 64, height: 32, format: .kitty, columns: nil, rows: nil, pixelWidth: 300,
            screen: screen).pixelHeight, 150)
        XCTAssertEqual(Placement.fit(width: 64, height: 64, format: .halfblocks, columns: 64, rows: 32, pixelWidth: nil,
            screen: screen).rows, 32)
    }
}
