import Studio
import TerminalText
import XCTest

/// Text put into a frame can carry nothing a terminal acts on: controls and bidi characters
/// from names and cards become '?'.
final class FrameTextTests: XCTestCase {
    func testControlAndBidiCharactersBecomeQuestionMarks() {
        var frame = Frame(width: 12, height: 1)
        frame.put("a\u{1B}b\u{9B}c\u{202E}d\u{2067}e\u{7F}", x: 0, y: 0)
        XCTAssertEqual(frame.line(0), "a?b?c?d?e?  ")
        XCTAssertFalse(frame.line(0).unicodeScalars.contains(where: TerminalText.isUnsafe))
    }

    func testTheSanitiserEscapesEveryUnsafeScalarAndKeepsTheRest() {
        XCTAssertEqual(TerminalText.escaped("é\u{1B}[1m\u{202E}\n\t"), "é\\u{1b}[1m\\u{202e}\\n\\t")
        XCTAssertEqual(TerminalText.jsonSafe("{\"a\":\"\u{85}\u{7F}\u{2069}ü\"}"), "{\"a\":\"\\u0085\\u007f\\u2069ü\"}")
        for value in [0x00, 0x1F, 0x7F, 0x80, 0x9F, 0x061C, 0x200E, 0x200F, 0x202A, 0x202E, 0x2066, 0x2069, 0x2028, 0x2029] {
            XCTAssertTrue(TerminalText.isUnsafe(Unicode.Scalar(UInt32(value))!), String(value, radix: 16))
        }
        for value in [0x20, 0x7E, 0xA0, 0xE9, 0x2588, 0x1FB00] {
            XCTAssertFalse(TerminalText.isUnsafe(Unicode.Scalar(UInt32(value))!), String(value, radix: 16))
        }
    }
}
