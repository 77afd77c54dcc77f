import Foundation
import XCTest

/// `o` in the real studio: a PNG from outside opened by its path (Tab completes it), encoded into
/// the style with its encoder, saved with a recipe that remakes it; `O` carries it into another
/// style; the gallery opens a PNG without a recipe.
extension StudioInTmuxTests {
    func testOOpensAnyPNGIntoTheStyle() throws {
        let fixtures = Self.root.appendingPathComponent("Tests").path
        try FileManager.default.copyItem(atPath: fixtures + "/NeuralTests/Fixtures/encoder.safetensors",
            toPath: work + "/models/tiny.encoder.safetensors")
        try FileManager.default.createDirectory(atPath: work + "/pics", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixtures + "/CLITests/Fixtures/palette.png", toPath: work + "/pics/sunset-palette.png")
        try FileManager.default.copyItem(atPath: fixtures + "/CLITests/Fixtures/rgb16.png", toPath: work + "/pics/sunset-rgb16.png")
        let gallery = work + "/pictures/ganvas"
        let command = "cd \(work) && TERM=xterm-256color GANVAS_MODELS=\(work)/models XDG_PICTURES_DIR=\(work)/pictures " +
            "\(Self.executable) --style tiny; echo EXITED=$?; sleep 60"
        try tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", command)
        try waitFor("Ganvas · tiny")

        // o, a path typed in part, Tab: the folder, then the two choices, then one of them.
        try keys("o", "p", "i", "Tab")
        try waitFor("open PNG (Tab completes): pics/")
        try keys("s", "Tab")
        try waitFor("sunset-palette.png  sunset-rgb16.png")
        try keys("p", "Tab", "Enter")
        try waitFor("encoded sunset-palette.png into tiny")
        try waitFor("tiny · encoded picture")
        // Sliders work on it; then save it.
        try keys("Tab", "l")
        try waitFor("+0.25")
        try keys("s")
        try waitFor("saved \(gallery)/tiny-encoded")
        let saved = try XCTUnwrap(files(gallery).first { $0.hasPrefix("tiny-encoded") })

        // O: into the style under the styles cursor.
        try keys("BTab", "BTab", "Up", "O")
        try waitFor("encoded this tiny picture into second")
        try waitFor("second · encoded picture")

        // The gallery opens a PNG that has no recipe by encoding it.
        try FileManager.default.copyItem(atPath: work + "/pics/sunset-rgb16.png", toPath: gallery + "/zz-foreign.png")
        try keys("g")
        try waitFor("no recipe (Enter encodes it")
        try keys("Home")
        try waitFor("zz-foreign.png")
        try keys("Enter")
        try waitFor("encoded zz-foreign.png into second")
        try keys("q", "y")
        try waitFor("EXITED=0")

        // The saved picture's recipe remakes it bit for bit.
        let verify = Process()
        verify.executableURL = URL(fileURLWithPath: Self.executable)
        verify.arguments = ["regen", "--verify", gallery + "/" + saved]
        verify.environment = ["GANVAS_MODELS": work + "/models", "HOME": work]
        let out = Pipe()
        verify.standardOutput = out
        verify.standardError = out
        try verify.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        verify.waitUntilExit()
        XCTAssertEqual(verify.terminationStatus, 0, text)
        XCTAssertTrue(text.contains("every pixel matches"), text)
    }
}
