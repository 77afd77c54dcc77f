import Studio
@testable import TUI
import XCTest

/// Keys sent as another terminal type would send them are still keys, never Esc plus letters.
final class EscapeSequenceTests: XCTestCase {
    func testHomeEndAndPagesInEveryCommonEncoding() {
        for (text, key) in [("[1~", Key.home), ("[H", .home), ("OH", .home), ("[4~", .end), ("OF", .end), ("[5~", .pageUp),
            ("[6~", .pageDown), ("[Z", .backTab)] {
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

/// Terminal reports that arrive after the start-up probe (a slow link) are dropped whole: the
/// "g" of "rgb:" opened the gallery, the "d" of "1d1d" trashed a picture (issue 25.6).
final class LateReplyTests: XCTestCase {
    func testStringReportsRunToTheirTerminatorAndAreNeverKeys() {
        for report in ["]11;rgb:1d1d/1d1d/1d1d\u{1B}\\", "]11;rgb:ffff/ffff/ffff\u{07}", "P1$r0m\u{1B}\\", "_Gi=31;OK\u{1B}\\"] {
            let bytes = Array(report.utf8)
            XCTAssertTrue(EscapeSequences.starts(bytes[0]), report)
            XCTAssertTrue(EscapeSequences.isComplete(bytes), report)
            for cut in 1..<bytes.count {
                XCTAssertFalse(EscapeSequences.isComplete(Array(bytes.prefix(cut))), "\(report) is not over after \(cut) bytes")
                XCTAssertTrue(EscapeSequences.awaitsMore(Array(bytes.prefix(cut))), "its rest is waited for")
                XCTAssertNil(EscapeSequences.key(after: Array(bytes.prefix(cut))), "a cut report is no key")
            }
            XCTAssertNil(EscapeSequences.key(after: bytes), report)
            XCTAssertGreaterThanOrEqual(EscapeSequences.limit(bytes), 4096)
        }
    }

    func testCSIReportsAreReadWholeAndDropped() {
        for report in ["[?64;1;2;4;6;9;15;16;17;18;21;22;28c", "[12;40R", "[4;600;1000t", "[6;20;10t", "[?1;2;256S"] {
            let bytes = Array(report.utf8)
            XCTAssertLessThanOrEqual(bytes.count, EscapeSequences.limit(bytes), "read whole: \(report)")
            XCTAssertTrue(EscapeSequences.isComplete(bytes), report)
            XCTAssertNil(EscapeSequences.key(after: bytes), report)
        }
        XCTAssertFalse(EscapeSequences.awaitsMore(Array("[".utf8)), "Esc then [ typed by hand is not waited on")
        XCTAssertFalse(EscapeSequences.awaitsMore(Array("O".utf8)))
        XCTAssertFalse(EscapeSequences.awaitsMore([]), "a lone Esc is Esc at once")
    }
}
