import Foundation
import Glibc
import XCTest

/// Issue 13's terminal side, end to end in tmux: the text preview's symbols and the `y` key,
/// and pictures reaching an outer terminal through tmux's passthrough.
extension StudioInTmuxTests {
    /// The studio in colour (`swift test` sets NO_COLOR, which gives colourless quadrants).
    func studio(_ options: String = "", term: String = "xterm-256color") -> String {
        "cd \(work) && unset NO_COLOR; TERM=\(term) GANVAS_MODELS=\(work)/models XDG_PICTURES_DIR=\(work)/pictures \(Self.executable) " +
            "--style tiny \(options); echo EXITED=$?; sleep 60"
    }

    static let sextants = UInt32(0x1FB00)...0x1FB3B
    /// ▁▂▃ ▅▆▇ ▉▊▋ ▍▎▏: the eighths that are not quadrants.
    static let eighths: Set<UInt32> = [0x2581, 0x2582, 0x2583, 0x2585, 0x2586, 0x2587, 0x2589, 0x258A, 0x258B, 0x258D, 0x258E, 0x258F]

    /// The text preview draws with block elements every font has (it drew sextants, boxes in
    /// DejaVu Sans Mono); `y` walks the symbol sets and says which one is on.
    func testTextPreviewUsesCommonBlocksAndYSwitchesSymbols() throws {
        try tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", studio())
        try waitFor("dir 1")
        var shown = try screen()
        let deadline = Date().addingTimeInterval(30)
        let isBlock = { (scalar: Unicode.Scalar) in (0x2580...0x259F).contains(scalar.value) || Self.sextants.contains(scalar.value) }
        while !shown.unicodeScalars.contains(where: isBlock) && Date() < deadline {
            usleep(100_000)
            shown = try screen()
        }
        usleep(300_000)
        shown = try screen()
        XCTAssertFalse(shown.unicodeScalars.contains { Self.sextants.contains($0.value) }, "sextants by default:\n\(shown)")
        XCTAssertTrue(shown.unicodeScalars.contains { Self.eighths.contains($0.value) }, "no eighths:\n\(shown)")
        try keys("y")
        try waitFor("text preview: quadrants")
        try keys("y", "y")
        try waitFor("text preview: sextants and blocks")
        usleep(300_000)
        shown = try screen()
        XCTAssertTrue(shown.unicodeScalars.contains { Self.sextants.contains($0.value) }, "asked for sextants:\n\(shown)")
        try keys("y")
        try waitFor("text preview: blocks (quadrants and eighths)")
        try keys("q")
        try waitFor("EXITED=0")
    }

    /// Starts `command` in a session whose pane waits until passthrough is on and a fake outer
    /// terminal of `kind` is attached.
    func withOuterTerminal(_ kind: FakeOuterTerminal.Kind, cell: (width: Int, height: Int) = (10, 20), _ command: String,
                           _ body: (FakeOuterTerminal) throws -> Void) throws {
        try tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30",
            "cd \(work) && while [ ! -e go ]; do sleep 0.1; done; \(command)")
        try tmux("set-option", "-t", session, "allow-passthrough", "on")
        let outer = try FakeOuterTerminal(kind: kind, socket: socket, session: session, cell: cell)
        defer { outer.stop() }
        let deadline = Date().addingTimeInterval(60)
        while try tmux("list-clients", "-t", session).isEmpty {
            guard Date() < deadline else { throw SetupFailure("the fake terminal never attached") }
            usleep(100_000)
        }
        _ = FileManager.default.createFile(atPath: work + "/go", contents: Data())
        try body(outer)
    }

    /// `show` inside tmux with passthrough on, in kitty: the probe goes through, kitty answers,
    /// and the picture arrives as kitty graphics (it came as text: tmux answered DA1 first).
    func testShowInTmuxSendsKittyGraphicsThroughPassthrough() throws {
        let png = Self.root.appendingPathComponent("Tests/ReliabilityTests/Corpus/png/tiny-3.png").path
        try withOuterTerminal(.kitty, "TERM=tmux-256color \(Self.executable) show \(png); echo SHOWN=$?; sleep 60") { outer in
            try waitFor("SHOWN=0")
            XCTAssertTrue(outer.waitFor("\u{1B}_Ga=T,i=1"), "no kitty picture reached the outer terminal")
        }
    }

    /// The studio inside tmux with passthrough on, in a sixel terminal: the preview arrives as
    /// sixel through passthrough (the studio used text inside tmux).
    /// `y` through the text symbol sets and back to sixel leaves no symbols in tmux's cells
    /// under the picture (they showed again on every redraw, issue 23.1).
    func testStudioInTmuxSendsSixelThroughPassthrough() throws {
        try withOuterTerminal(.sixel, studio(term: "tmux-256color")) { outer in
            try waitFor("dir 1")
            XCTAssertTrue(outer.waitFor("\u{1B}P0;1;0q"), "no sixel reached the outer terminal")
            try keys("y")
            try waitFor("text preview: blocks")
            usleep(300_000)
            let blocks = { (screen: String) in screen.unicodeScalars.filter { (0x2580...0x259F).contains($0.value) }.count }
            XCTAssertGreaterThan(blocks(try screen()), 20, "the text preview drew")
            try keys("y", "y", "y", "y")
            try waitFor("text preview: off (sixel graphics)")
            usleep(300_000)
            let after = try screen()
            XCTAssertEqual(blocks(after), 0, "the text picture stayed under the sixel:\n\(after)")
            try keys("q")
            try waitFor("EXITED=0")
        }
    }

    /// `show --rows 6` inside tmux, in a sixel terminal whose cells are 6x13 pixels (its window
    /// size says 10x20): the picture is 6 rows of the terminal's own cells, and the next line
    /// printed comes below it (tmux's cursor did not move with the picture, so it came over it).
    func testShowInTmuxSizesByTheOuterCellsAndLeavesTheCursorBelow() throws {
        let png = Self.root.appendingPathComponent("Tests/ReliabilityTests/Corpus/png/tiny-3.png").path
        let command = "clear; TERM=tmux-256color \(Self.executable) show \(png) --rows 6; echo SHOWN=$?; sleep 60"
        try withOuterTerminal(.sixel, cell: (6, 13), command) { outer in
            try waitFor("SHOWN=0")
            XCTAssertTrue(outer.waitFor("\u{1B}P0;1;0q"), "no sixel reached the outer terminal")
            let sixel = String(decoding: outer.output, as: UTF8.self)
            let raster = try XCTUnwrap(sixel.range(of: #""1;1;\d+;(\d+)"#, options: .regularExpression), "no raster attributes")
            let height = Int(sixel[raster].split(separator: ";").last!)!
            XCTAssertTrue((6 * 13 - 12...6 * 13).contains(height), "the picture is \(height) px tall, not 6 rows of 13 px")
            let lines = try screen().split(separator: "\n", omittingEmptySubsequences: false)
            let row = try XCTUnwrap(lines.firstIndex { $0.contains("SHOWN=0") })
            XCTAssertGreaterThanOrEqual(row, 6, "the line after the picture was printed over it:\n\(lines.joined(separator: "\n"))")
        }
    }

    /// At 200x60 the text preview reaches the rows where the gallery writes its position and
    /// file name, and the gallery's preview is shorter: those rows kept the last picture's
    /// colours beside the text, a white bar across the screen (issue 23.11).
    func testGalleryRowsBelowItsShorterPreviewKeepNoPictureColours() throws {
        try tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "60", studio(term: "tmux-256color"))
        try waitFor("dir 1")
        try keys("s")
        try waitFor("saved ")
        usleep(300_000)
        try keys("g")
        try waitFor("1/1")
        usleep(500_000)
        let lines = try tmux("capture-pane", "-t", session, "-p", "-e").split(separator: "\n")
        let info = lines.filter { $0.contains("1/1") || $0.contains(".png \u{00B7} tiny") }
        XCTAssertEqual(info.count, 2, "the gallery's two information rows:\n\(lines.joined(separator: "\n"))")
        for line in info {
            XCTAssertFalse(line.contains("48;5;"), "a picture's background beside the gallery's text: \(line.debugDescription)")
        }
    }
}
