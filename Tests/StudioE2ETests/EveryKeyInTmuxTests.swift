import Foundation
import Glibc
import Studio
import XCTest

extension StudioInTmuxTests {
    /// Presses every key that `?` lists, in the mode it acts in, and checks after each that the
    /// studio is alive and its screen settles (drawn, not stuck "rendering"); then quits.
    func testEveryKeyTheHelpListsWorks() throws {
        let env = "TERM=xterm-256color HOME=\(work) XDG_CACHE_HOME=\(work)/cache GANVAS_MODELS=\(work)/models " +
            "XDG_PICTURES_DIR=\(work)/pictures"
        try tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30",
            "cd \(work) && \(env) \(Self.executable) --style tiny; echo EXITED=$?; sleep 60")
        try tmux("set-option", "-t", session, "remain-on-exit", "on")
        try waitFor("Ganvas · tiny")
        try keys("s")
        try waitFor("saved ")
        var pressed = 0, mode = Mode.explore
        for entry in Help.entries {
            if entry.mode != mode {
                switch entry.mode {
                case .gallery: try keys("g"); try waitFor("by date")
                case .canvas: try keys("d"); try waitFor("under cursor")
                default: try keys("Escape"); try waitFor("Preview")
                }
                mode = entry.mode
            }
            for key in entry.tmux {
                try keys(key)
                pressed += 1
                // q, the last key listed: quits at once, or asks when the picture is not saved.
                if key == "q" { break }
                try settled(after: "\(entry.keys): \(key)")
            }
            // Where the keys left the studio (g opens the gallery, d the canvas, Enter on a child returns).
            let now = try screen()
            if now.contains(" Gallery ") {
                mode = .gallery } else if now.contains(" Canvas") { mode = .canvas } else if now.contains(" Preview ") { mode = .explore
            }
        }
        XCTAssertEqual(pressed, Help.entries.map(\.tmux.count).reduce(0, +))
        XCTAssertGreaterThan(pressed, 70)
        XCTAssertEqual(Help.entries.last?.tmux.last, "q", "q is pressed last")
        usleep(300_000)
        if try screen().contains("not saved") { try keys("y") }
        try waitFor("EXITED=0")
        let exports = files(work + "/pictures/ganvas/exports")
        XCTAssertTrue(exports.contains { $0.hasSuffix("-x4.png") }, "e and E in the gallery exported: \(exports)")
    }

    /// The studio is running, and within `patience` its screen stops changing and says nothing is rendering.
    func settled(after what: String) throws {
        let deadline = Date().addingTimeInterval(Self.patience)
        var last = ""
        while Date() < deadline {
            guard try tmux("display-message", "-p", "-t", session, "#{pane_dead}").hasPrefix("0") else {
                throw SetupFailure("the studio exited after \(what); screen:\n\(try screen())")
            }
            let now = try screen()
            // The status of a job still running: "exporting 2 pictures…", "crossbreeding with x.png…".
            let status = now.split(separator: "\n").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            let pending = status.hasSuffix("…") && (status.hasPrefix("exporting") || status.hasPrefix("crossbreeding"))
            let busy = now.contains("rendering") || now.contains("loading…") || pending
            if now == last && now.contains("Ganvas ·") && !busy { return }
            last = now
            usleep(50_000)
        }
        throw SetupFailure("the screen never settled after \(what); screen:\n\(last)")
    }
}

extension StudioInTmuxTests {
    /// A press on a slider's bar, a drag along it and a release, as xterm reports them (SGR 1006):
    /// the value follows the pointer; motion after the release moves nothing.
    func testDraggingASliderKnob() throws {
        let env = "TERM=xterm-256color HOME=\(work) GANVAS_MODELS=\(work)/models XDG_PICTURES_DIR=\(work)/pictures"
        try tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40",
            "cd \(work) && \(env) \(Self.executable) --style tiny; sleep 60")
        try waitFor("dir 1")
        // Where the bar of dir 1 is, from the pane's real size (1-based columns for the report).
        let size = try tmux("display-message", "-p", "-t", session,
            "#{pane_width} #{pane_height}").split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        let layout = Layout(width: size[0], height: size[1]), bar = layout.sliderBar, row = layout.sliders.y + 2
        try tmux("send-keys", "-t", session, "-l", "\u{1B}[<0;\(bar.x + 2);\(row)M")
        try waitFor("-2.")
        try tmux("send-keys", "-t", session, "-l", "\u{1B}[<32;\(bar.x + bar.width);\(row)M")
        try waitFor("+3.00")
        try tmux("send-keys", "-t", session, "-l", "\u{1B}[<0;\(bar.x + bar.width);\(row)m")
        try tmux("send-keys", "-t", session, "-l", "\u{1B}[<35;\(bar.x + 3);\(row)M")
        usleep(300_000)
        XCTAssertTrue(try screen().contains("+3.00"), "a hover after the release moved the slider")
    }
}

extension StudioInTmuxTests {
    /// A style that isn't installed: one line that lists the ones that are, and the terminal back.
    func testUnknownStyleListsTheInstalledOnes() throws {
        let command = "cd \(work) && TERM=xterm-256color GANVAS_MODELS=\(work)/models \(Self.executable) --style nope; echo " +
            "EXITED=$?; sleep 60"
        try tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", command)
        try waitFor("EXITED=1")
        let shown = try screen()
        XCTAssertTrue(shown.contains("no style named 'nope'; installed: ") && shown.contains("second, tiny"), shown)
    }
}
