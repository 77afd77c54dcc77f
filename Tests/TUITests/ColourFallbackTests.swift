@testable import TUI
import Studio
import TermGraphics
import XCTest

/// Themes on terminals with fewer colours than they name (`TERM=xterm` gives curses 8): every
/// role stays visible, in the nearest colour the terminal has.
final class ColourFallbackTests: XCTestCase {
    func testTheLightThemeOnEightColoursKeepsEveryRoleOffItsBackground() throws {
        let light = try Theme.named("light", environment: ["HOME": "/nonexistent"])
        let normal = light.entries[.normal]!
        for (role, entry) in light.entries {
            let (foreground, background) = ColourFallback.pair(entry, colours: 8, normal: normal)
            XCTAssertLessThan(foreground, 8, "\(role)")
            XCTAssertLessThan(background, 8, "\(role)")
            if background >= 0 {
                XCTAssertNotEqual(foreground, background, "\(role) would be invisible")
            } else {
                XCTAssertFalse([7, 15].contains(foreground), "\(role) would be white on a light background")
            }
        }
        // The title's blue (25) stays blue; the header too.
        XCTAssertEqual(ColourFallback.pair(light.entries[.title]!, colours: 8, normal: normal).background, 4)
        XCTAssertEqual(ColourFallback.pair(light.entries[.header]!, colours: 8, normal: normal).foreground, 4)
        // With 256 colours nothing changes.
        XCTAssertEqual(ColourFallback.pair(light.entries[.title]!, colours: 256, normal: normal).background, 25)
        // On 16 colours, the bar's grey (244) is bright black.
        XCTAssertEqual(ColourFallback.pair(light.entries[.bar]!, colours: 16, normal: normal).foreground, 8)
    }

    func testPaletteMatchesXterm() {
        XCTAssertEqual(ColorDepth.rgb(ofCode: 16), SIMD3(0, 0, 0))
        XCTAssertEqual(ColorDepth.rgb(ofCode: 196), SIMD3(255, 0, 0))
        XCTAssertEqual(ColorDepth.rgb(ofCode: 231), SIMD3(255, 255, 255))
        XCTAssertEqual(ColorDepth.rgb(ofCode: 244), SIMD3(128, 128, 128))
        XCTAssertEqual(ColorDepth.rgb(ofCode: 12), SIMD3(92, 92, 255))
        XCTAssertEqual(ColourFallback.nearest(-1, colours: 8), -1, "the default stays the default")
    }
}
