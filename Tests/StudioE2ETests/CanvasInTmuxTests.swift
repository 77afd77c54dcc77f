import Foundation
import XCTest

/// The canvas in the real studio (issue 22): strokes by SGR mouse reports and by keys, the
/// style following, the picture taken and saved, and `regen --verify` remaking it bit for bit.
extension StudioInTmuxTests {
    /// An SGR (1006) mouse report at 1-based cell (x, y): `press`, a drag with button 1 held, or the release.
    func mouse(_ kind: String, _ x: Int, _ y: Int) throws {
        let report: String
        switch kind {
        case "press": report = "\u{1B}[<0;\(x);\(y)M"
        case "drag": report = "\u{1B}[<32;\(x);\(y)M"
        default: report = "\u{1B}[<0;\(x);\(y)m"
        }
        try tmux("send-keys", "-t", session, "-l", report)
        usleep(60_000)
    }

    func testPaintingOnTheCanvasTakesAPictureThatRegeneratesExactly() throws {
        let gallery = work + "/pictures/ganvas"
        let env = "TERM=xterm-256color GANVAS_MODELS=\(work)/models XDG_PICTURES_DIR=\(work)/pictures"
        let command = "cd \(work) && \(env) \(Self.executable) --style tiny; echo EXITED=$?; "
            + "\(env) \(Self.executable) regen --verify \(gallery)/*.png; echo VERIFIED=$?; sleep 60"
        try tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
        try waitFor("Ganvas · tiny")
        try keys("d")
        try waitFor("Canvas")
        try waitFor("under cursor")
        // Keys: the second colour, a bigger brush, a dab right of the middle.
        try keys("2", "]", "]", "Right", "Right", "Space")
        try waitFor("brush 8px")
        // The mouse: press in the sketch (the left of the preview at 120x40), drag, let go.
        try mouse("press", 34, 5)
        for step in 1...6 { try mouse("drag", 34 + 2 * step, 5 + step) }
        try mouse("release", 46, 11)
        // The eraser over part of it, then undo and redo of that stroke.
        try keys("e", "Space", "u", "U", "e")
        try waitFor("brush 8px")
        usleep(1_500_000)  // the refinement of the last stroke
        try keys("Enter")
        try waitFor("took the canvas picture")
        try waitFor("encoded picture")
        try keys("s")
        try waitFor("saved \(gallery)")
        XCTAssertEqual(files(gallery).filter { $0.hasSuffix(".png") }.count, 1)
        try keys("q")
        try waitFor("EXITED=0")
        try waitFor("VERIFIED=0")
    }
}
