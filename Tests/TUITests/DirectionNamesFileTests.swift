import Foundation
import Studio
@testable import App
@testable import TUI
import XCTest

/// Direction names are kept per style across sessions, and a style name can't steer the file.
final class DirectionNamesFileTests: XCTestCase {
    func testNamesRoundTripPerStyle() throws {
        let home = NSTemporaryDirectory() + "ganvas-names-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ["XDG_CONFIG_HOME": home]
        var names = StudioState.defaultNames
        names[2] = "smile"
        try DirectionNamesFile.save(names, style: "emoji", environment: environment)
        try DirectionNamesFile.save(names, style: "../evil", environment: environment)
        let loaded = DirectionNamesFile.load(styles: ["emoji", "glyphs"], environment: environment)
        XCTAssertEqual(loaded, ["emoji": names])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: home + "/ganvas/names").sorted(),
            ["_._evil.names", "emoji.names"])
        // Renaming in the studio asks for the names to be kept.
        var state = StudioState(styles: [StyleEntry(name: "emoji", resolution: 64, description: "", card: [])], seed: 1)
        state.focus = .sliders
        var effects: [Effect] = []
        for key in [Key.char("n"), .char("e"), .char("y"), .char("e"), .char("s"), .enter] { effects += Reducer.reduce(&state, .key(key)) }
        XCTAssertEqual(effects, [.saveDirectionNames(style: "emoji", names: ["eyes"] + StudioState.defaultNames.dropFirst())])
    }
}
