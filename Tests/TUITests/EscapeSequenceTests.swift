import Studio
@testable import TUI
import XCTest

/// Keys sent as another terminal type would send them are still keys, never Esc plus letters.
final class EscapeSequenceTests: XCTestCase {
    func testHomeEndAndPagesInEveryCommonEncoding() {
        for (text, key) in [("[1~", Key.home), ("[H", .home), ("OH", .home), ("[4~", .end), ("OF", .end), ("[5~", .pageUp), ("[6~", .pageDown), ("[Z", .backTab)] {
            let bytes = Array(text.utf8)
            XCTAssertTrue(EscapeSequences.isComplete(bytes), text)
            XCTAssertFalse(EscapeSequences.isComplete(Array(bytes.dropLast())), text)
            XCTAssertEqual(EscapeSequences.key(after: bytes), key, text)
        }
        XCTAssertEqual(EscapeSequences.key(after: []), .escape, "a lone ESC is Esc")
        XCTAssertNil(EscapeSequences.key(after: Array("[15~".utf8)), "F5 is dropped, not read as Esc")
        XCTAssertFalse(EscapeSequences.starts(UInt8(ascii: "s")), "Esc then s is two keys")
        // SGR mouse reports whose bytes arrived apart.
        XCTAssertEqual(EscapeSequences.key(after: Array("[<0;103;3M".utf8)), .click(x: 102, y: 2))
        XCTAssertEqual(EscapeSequences.key(after: Array("[<32;5;6M".utf8)), .drag(x: 4, y: 5))
        XCTAssertEqual(EscapeSequences.key(after: Array("[<0;5;6m".utf8)), .release)
        XCTAssertEqual(EscapeSequences.key(after: Array("[<65;1;1M".utf8)), .wheel(x: 0, y: 0, up: false))
        XCTAssertNil(EscapeSequences.key(after: Array("[<0;0;3M".utf8)), "columns count from 1")
        XCTAssertNil(EscapeSequences.key(after: Array("[<0;99999999999999999999;3M".utf8)))
    }
}
