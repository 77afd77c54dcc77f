import Foundation
import XCTest

/// An installed Ganvas (`tools/install.sh PREFIX`), moved to another place and run from another
/// folder, finds its styles, themes and presets beside itself (issue 23.7: they were found
/// through the build machine's source path, and a copied binary lost them).
extension StudioInTmuxTests {
    /// The release binary CI builds before the tests, when it was built after every source file
    /// last changed (a stale release build is not what is being tested); else the debug one.
    static var newestBinary: String {
        let release = root.appendingPathComponent(".build/release/ganvas").path
        func modified(_ path: String) -> Date? { (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date }
        guard let built = modified(release) else { return executable }
        let sources = root.appendingPathComponent("Sources").path
        var newest = modified(root.appendingPathComponent("Package.swift").path) ?? .distantFuture
        for case let file as String in FileManager.default.enumerator(atPath: sources)! {
            if let date = modified(sources + "/" + file), date > newest { newest = date }
        }
        return built >= newest ? release : executable
    }

    func testAnInstalledCopyMovedElsewhereFindsItsStylesThemesAndPresets() throws {
        let binary = Self.newestBinary
        let moved = work + "/moved", home = work + "/home"
        // No GANVAS_MODELS, no system data folders, an empty home: only what was installed.
        let clean = "env -i HOME=\(home) PATH=/usr/bin:/bin TERM=xterm-256color LANG=C.UTF-8 XDG_DATA_DIRS=/nonexistent"
        let script = [
            "cd \(Self.root.path) && GANVAS_BINARY=\(binary) tools/install.sh \(work)/prefix >/dev/null; installed=$?",
            "mv \(work)/prefix \(moved); cd /; clear; echo INSTALLED=$installed",
            "\(clean) \(moved)/bin/ganvas styles | cut -c1-12; echo STYLES=$?",
            "\(clean) \(moved)/bin/ganvas --theme nosuch; echo THEME=$?",
            "sleep 2; clear; \(clean) \(moved)/bin/ganvas --theme light; echo STUDIO=$?; sleep 60",
        ].joined(separator: "; ")
        try tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "30", script)
        try waitFor("THEME=")
        let listed = try screen()
        XCTAssertTrue(listed.contains("INSTALLED=0"), "install.sh failed (\(binary)):\n\(listed)")
        print("installed and ran \(binary)")
        for style in ["emoji", "glyphs", "icons"] {
            XCTAssertTrue(listed.contains(style + " "), "the installed copy does not list \(style):\n\(listed)")
        }
        XCTAssertTrue(listed.contains("THEME=2") || listed.contains("THEME=1"), listed)
        let oneLine = listed.replacingOccurrences(of: "\n", with: "")
        XCTAssertTrue(oneLine.contains("\(moved)/share/ganvas/themes"), "the theme error names the installed themes:\n\(listed)")
        XCTAssertFalse(oneLine.contains(Self.root.path + "/themes"), "the theme error names the source folder:\n\(listed)")
        // The studio opens with the shipped light theme and presets.
        try waitFor("Presets")
        try waitFor("emoji-sunny")
        try keys("q")
        try waitFor("STUDIO=0")
    }
}
