import Foundation
import Studio
import XCTest

/// The real studio against what its surroundings claim (issue 25): late terminal replies, and
/// an environment that says the terminal is larger than it is; and a new user's trips (issue 23).
extension StudioInTmuxTests {
    /// Starts the studio on the tiny style in a `width`x`height` tmux window, `environment`
    /// before the usual variables; it echoes EXITED=status when it ends.
    func startTiny(width: Int = 100, height: Int = 30, environment: String = "") throws {
        let env = "\(environment) TERM=xterm-256color GANVAS_MODELS=\(work)/models XDG_PICTURES_DIR=\(work)/pictures HOME=\(work) " +
            "XDG_CACHE_HOME=\(work)/cache"
        try tmux("new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)",
            "cd \(work) && \(env) \(Self.executable) --style tiny; echo EXITED=$?; sleep 60")
        try waitFor("Ganvas · tiny")
    }
}
extension StudioInTmuxTests {
    /// Replies to the start-up probes that come late (a slow SSH link), whole or split, are
    /// dropped: nothing opens, nothing is trashed, the picture stays (issue 25.6).
    func testLateTerminalRepliesAreNotKeys() throws {
        try startTiny()
        try keys("s")
        try waitFor("saved ")
        let title = try screen().split(separator: "\n").first.map(String.init) ?? ""
        for reply in ["\u{1B}]11;rgb:1d1d/1d1d/1d1d\u{1B}\\", "\u{1B}]10;rgb:ffff/ffff/ffff\u{07}",
            "\u{1B}[?64;1;2;4;6;9;15;16;17;18;21;22;28c",
                      "\u{1B}[12;40R", "\u{1B}[4;600;1000t", "\u{1B}P1$r0m\u{1B}\\"] {
            try tmux("send-keys", "-t", session, "-l", reply)
            usleep(100_000)
        }
        // A reply split across two writes, 50 ms apart.
        try tmux("send-keys", "-t", session, "-l", "\u{1B}]11;rgb:dd")
        usleep(50_000)
        try tmux("send-keys", "-t", session, "-l", "dd/gggg/dddd\u{1B}\\")
        usleep(500_000)
        let now = try screen()
        XCTAssertTrue(now.contains(" Preview ") && !now.contains("Gallery") && !now.contains("moved to trash"), now)
        XCTAssertEqual(now.split(separator: "\n").first.map(String.init), title, "the picture did not change")
        XCTAssertEqual(files(work + "/pictures/ganvas").filter { $0.hasSuffix(".png") }.count, 1)
        try keys("q")
        try waitFor("EXITED=0")
    }
}

extension StudioInTmuxTests {
    /// LINES=5000 COLUMNS=5000 in a 100x30 terminal: the studio lays out for the real window
    /// (it cost 2.5 GB and drew for 5000 columns; issue 25.12).
    func testTheWindowSizeWinsOverLinesAndColumns() throws {
        try startTiny(environment: "LINES=5000 COLUMNS=5000")
        try waitFor("Sliders")
        let lines = try screen().split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.contains("? help") }, "the status line's hints fit the real width")
        let header = try XCTUnwrap(lines.first { $0.contains("Sliders") })
        XCTAssertEqual(header.distance(from: header.startIndex, to: header.range(of: "Sliders")!.lowerBound), 100 - 26 + 1,
                       "the sliders pane sits at the right of 100 columns, not of 80 or 5000")
        try keys("q")
        try waitFor("EXITED=0")
    }
}

extension StudioInTmuxTests {
    /// A press and its release delivered together (a touchpad tap, `xdotool click 1`) is a click:
    /// on a style's name it picks the style (issue 23.4).
    func testAQuickClickPicksAStyle() throws {
        try startTiny()
        let row = try XCTUnwrap(try screen().split(separator: "\n",
            omittingEmptySubsequences: false).firstIndex { $0.contains("  second") })
        try tmux("send-keys", "-t", session, "-l", "\u{1B}[<0;5;\(row + 1)M\u{1B}[<0;5;\(row + 1)m")
        try waitFor("Ganvas · second")
        try keys("q")
        try waitFor("not saved")  // the new style is a change
        try keys("y")
        try waitFor("EXITED=0")
    }
}

extension StudioInTmuxTests {
    /// Typing beyond ASCII reaches the prompts whole; a typed absolute path replaces the folder
    /// the prompt opened with; Ctrl-U clears the line (issue 23.5).
    func testPromptsTakeAnyCharacterAndAbsolutePathsAndCtrlU() throws {
        try startTiny(width: 110, environment: "LANG=C.UTF-8")
        // A first PNG opened from a folder, so the next prompt opens pre-filled with it.
        try FileManager.default.createDirectory(atPath: work + "/shots", withIntermediateDirectories: true)
        try keys("o")
        try tmux("send-keys", "-t", session, "-l", work + "/shots/nope.png")
        try keys("Enter")
        try waitFor("cannot open nope.png")
        try keys("o")
        try waitFor("open PNG (Tab completes): \(work)/shots/")
        try tmux("send-keys", "-t", session, "-l", "/tmp/café.png")
        try waitFor("open PNG (Tab completes): /tmp/café.png▏")
        try keys("C-u")
        try waitFor("open PNG (Tab completes): ▏")
        try keys("Escape")
        // A slider named with a symbol.
        try keys("Tab", "n")
        try waitFor("name for dir 1")
        try tmux("send-keys", "-t", session, "-l", "smile ☺")
        try keys("Enter")
        try waitFor("smile ☺")
        try keys("q")
        try waitFor("EXITED=0")
    }
}

extension StudioInTmuxTests {
    /// A gallery filter that matches nothing clears the thumbnails and keeps the lines under the
    /// grid in their place (issue 23.10).
    func testAFilterThatMatchesNothingClearsTheGrid() throws {
        try startTiny()
        try keys("s")
        try waitFor("saved ")
        try keys("g")
        try waitFor("1/1  by date")
        usleep(500_000)
        let layout = Layout(width: 100, height: 30)
        func previewText() throws -> String {
            let lines = try screen().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            return lines[layout.preview.y..<(layout.preview.y + layout.preview.height - 2)].map { line in
                String(Array(line).dropFirst(layout.preview.x).prefix(layout.preview.width))
            }.joined()
        }
        XCTAssertFalse(try previewText().trimmingCharacters(in: .whitespaces).isEmpty, "the thumbnail is drawn")
        let underBefore = try screen().split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("1/1  by date") }
        try keys("/")
        try tmux("send-keys", "-t", session, "-l", "zzzz")
        try keys("Enter")
        try waitFor("nothing matches")
        usleep(300_000)
        XCTAssertEqual(try previewText().trimmingCharacters(in: .whitespaces), "", "no stale thumbnails")
        let underAfter = try screen().split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("0/1  by date") }
        XCTAssertEqual(underAfter, underBefore, "the lines under the grid stay in place")
        try keys("Escape", "q")
        try waitFor("EXITED=0")
    }
}
