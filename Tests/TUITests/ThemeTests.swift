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
        FileManager.default.createFile(atPath: config + "/ganvas/themes/light.theme", contents: Data("title = red on black\n".utf8))
        let theme = try Theme.named("light", environment: ["XDG_CONFIG_HOME": config])
        XCTAssertEqual(theme.entries[.title]?.foreground, 1)
        XCTAssertEqual(theme.entries[.title]?.background, 0)
        FileManager.default.createFile(atPath: config + "/ganvas/themes/bad.theme", contents: Data("title = red\nborder = blue\n".utf8))
        XCTAssertThrowsError(try Theme.named("bad", environment: ["XDG_CONFIG_HOME": config])) {
            XCTAssertTrue("\($0)".contains("line 2: unknown role 'border'"), "\($0)")
        }
        XCTAssertThrowsError(try Theme(parsing: "title = purple")) { XCTAssertTrue("\($0)".contains("'purple' is not a colour")) }
        XCTAssertThrowsError(try Theme(parsing: "title = red on")) { XCTAssertTrue("\($0)".contains("line 1")) }
        XCTAssertThrowsError(try Theme.named("../../etc/passwd", environment: [:]))
        XCTAssertThrowsError(try Theme.named("nosuch", environment: ["HOME": "/nonexistent"]))
    }
}
