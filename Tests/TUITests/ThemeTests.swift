@testable import App
@testable import TUI
import Studio
import XCTest

final class ThemeTests: XCTestCase {
    func testShippedThemesLoad() throws {
        for name in ["default", "light", "mono"] {
            XCTAssertNoThrow(try Theme.named(name, environment: ["HOME": "/nonexistent"]), name)
        }
        let light = try Theme.named("light", environment: ["HOME": "/nonexistent"])
        XCTAssertEqual(light.entries[.title]?.foreground, 7)
        XCTAssertEqual(light.entries[.title]?.background, 25)
        XCTAssertEqual(light.entries[.title]?.bold, true)
    }

    func testUserThemesOverrideAndGarbageIsReported() throws {
        let config = NSTemporaryDirectory() + "ganvas-theme-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: config) }
        try FileManager.default.createDirectory(atPath: config + "/ganvas/themes", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: config + "/ganvas/themes/light.theme", contents: Data("title = red on black\n".utf8))
        let theme = try Theme.named("light", environment: ["XDG_CONFIG_HOME": config])
        XCTAssertEqual(theme.entries[.title]?.foreground, 1)
        XCTAssertEqual(theme.entries[.title]?.background, 0)
        _ = FileManager.default.createFile(atPath: config + "/ganvas/themes/bad.theme", contents: Data("title = red\nborder = blue\n".utf8))
        XCTAssertThrowsError(try Theme.named("bad", environment: ["XDG_CONFIG_HOME": config])) {
            XCTAssertTrue("\($0)".contains("line 2: unknown role 'border'"), "\($0)")
        }
        XCTAssertThrowsError(try Theme(parsing: "title = purple")) { XCTAssertTrue("\($0)".contains("'purple' is not a colour")) }
        XCTAssertThrowsError(try Theme(parsing: "title = red on")) { XCTAssertTrue("\($0)".contains("line 1")) }
        XCTAssertThrowsError(try Theme.named("../../etc/passwd", environment: [:]))
        XCTAssertThrowsError(try Theme.named("nosuch", environment: ["HOME": "/nonexistent"]))
    }

    /// A FIFO where a theme or preset should be is refused at once; reading it would wait for a writer forever.
    func testFIFOThemesAndPresetsAreRefusedWithoutWaiting() throws {
        let config = NSTemporaryDirectory() + "ganvas-fifo-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: config) }
        for folder in ["themes", "presets"] {
            try FileManager.default.createDirectory(atPath: config + "/ganvas/" + folder, withIntermediateDirectories: true)
        }
        XCTAssertEqual(mkfifo(config + "/ganvas/themes/pipe.theme", 0o600), 0)
        XCTAssertEqual(mkfifo(config + "/ganvas/presets/pipe.preset", 0o600), 0)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var themeError = "", presetProblems: [String] = []
        Thread.detachNewThread {
            do { _ = try Theme.named("pipe", environment: ["XDG_CONFIG_HOME": config]) } catch { themeError = "\(error)" }
            presetProblems = PresetLibrary.load(environment: ["XDG_CONFIG_HOME": config]).problems
            done.signal()
        }
        XCTAssertEqual(done.wait(timeout: .now() + 10), .success, "reading a FIFO blocked")
        XCTAssertTrue(themeError.contains("not a regular file"), themeError)
        XCTAssertTrue(presetProblems.contains { $0.contains("pipe.preset") && $0.contains("not a regular file") }, "\(presetProblems)")
    }
}

/// A config path that is a file (or unreadable) is no theme of the user's: the shipped theme is
/// used with a note, and the studio starts (issue 25.11: it stopped on "Not a directory").
final class ConfigFolderTests: XCTestCase {
    func testAConfigHomeThatIsAFileFallsBackToTheShippedThemeWithANote() throws {
        let file = NSTemporaryDirectory() + "ganvas-config-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: file, contents: Data("not a folder".utf8))
        defer { try? FileManager.default.removeItem(atPath: file) }
        for environment in [["XDG_CONFIG_HOME": file], ["HOME": file]] {
            let (theme, note) = try Theme.lookedUp("default", environment: environment)
            XCTAssertEqual(theme.entries.count, try Theme.named("default", environment: [:]).entries.count)
            XCTAssertTrue(note?.contains("using the shipped theme") ?? false, "\(environment): \(note ?? "no note")")
        }
        let (_, none) = try Theme.lookedUp("default", environment: ["XDG_CONFIG_HOME": NSTemporaryDirectory()])
        XCTAssertNil(none, "a folder without themes is no problem")
    }
}
