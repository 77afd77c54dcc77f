import Imaging
import XCTest
@testable import Studio

/// Text cut mid-word at 80x24 (issue 23, cosmetic): help lines, status messages, the style's
/// description and the card now wrap or shorten on word boundaries; nothing from the panes
/// shows beside the help box; the selected child stands out.
final class TextAt80x24Tests: XCTestCase, StudioDriving {
    let description = "Emoji-like faces and objects (SLE, 275 CPU-minutes; below the quality target)"

    func small() -> StudioState {
        var state = fresh()
        state.styles[0].description = description
        state.screen = ScreenSize(width: 80, height: 24)
        return state
    }

    func testTheStyleDescriptionWrapsOnWordsInTheStylesPane() throws {
        let frame = View.frame(small(), width: 80, height: 24)
        let pane = Layout(width: 80, height: 24).styles
        let lines = (pane.y..<(pane.y + pane.height)).map { String(frame.line($0).dropFirst(pane.x + 1).prefix(pane.width - 2)) }
        let first = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("Emoji-like") }, frame.text)
        XCTAssertGreaterThan(lines.count, first + 1)
        let shown = lines[first...].map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        XCTAssertGreaterThanOrEqual(shown.count, 2, "one line only:\n\(frame.text)")
        for line in shown {
            let words = line.hasSuffix("…") ? line.dropLast().split(separator: " ") : line.split(separator: " ")
            for word in words { XCTAssertTrue(description.contains(word), "'\(word)' is cut:\n\(frame.text)") }
        }
        XCTAssertTrue(lines[first - 1].hasPrefix("64px"), "the resolution sits above it")
    }

    func testAStatusTooLongIsShortenedOnAWordBoundary() {
        var state = small()
        state.status = "the picture stays on screen because the gallery folder cannot be written to: permission was denied"
        let line = View.frame(state, width: 80, height: 24).line(23)
        XCTAssertTrue(line.contains("…"), line)
        let before = line.trimmingCharacters(in: .whitespaces).dropLast()
        XCTAssertTrue(state.status.hasPrefix(before), line)
        let next = state.status.dropFirst(before.count).first
        XCTAssertEqual(next, " ", "cut inside a word: \(line)")
    }

    func testTheCardWrapsOnWordsEvenAt200Columns() throws {
        var state = small()
        let long = "file      " + String(repeating: "/a-long-folder-name", count: 12) + " and more words after it"
        state.styles[0].card = ["style     emoji", long]
        state.screen = ScreenSize(width: 200, height: 60)
        press(&state, .char("c"))
        let frame = View.frame(state, width: 200, height: 60)
        let rows = (0..<60).map(frame.line).filter { $0.contains("│") }
        XCTAssertGreaterThanOrEqual(rows.count, 3, "the long line wraps:\n\(frame.text)")
        XCTAssertTrue(frame.text.contains("and more words after it"), frame.text)
        let continued = try XCTUnwrap(rows.first { $0.contains("and more words") })
        XCTAssertTrue(continued.contains("│           and more") || continued.contains("│           /"),
            "hangs under the value:\n\(frame.text)")
    }

    func testNothingShowsBesideTheHelpBox() {
        var state = small()
        press(&state, .char("?"))
        let frame = View.frame(state, width: 80, height: 24)
        for y in 2..<22 where frame.line(y).contains("│") {
            let line = Array(frame.line(y))
            let left = line.firstIndex(of: "│")!
            XCTAssertTrue(left == 0 || line[left - 1] == " ", "beside the box: \(String(line))")
        }
    }

    func testTheSelectedChildsFrameIsWideEnoughToSee() {
        let tile = RGBImage(width: 64, height: 64, fill: 200)
        let sheet = Sheet.grid([RGBImage?](repeating: tile, count: 9), columns: 3, cell: 64, selected: 4, marked: [], favourites: [])
        let row = (sheet.height / 2) * sheet.width * 3
        let highlighted = (0..<sheet.width).filter { sheet.pixels[row + $0 * 3 + 2] == 0 && sheet.pixels[row + $0 * 3] == 255 }.count
        // At 80x24 the preview is about 50 columns: a frame of a thirtieth of the sheet is over a cell.
        XCTAssertGreaterThanOrEqual(highlighted, 2 * sheet.width / 30, "frame of \(highlighted / 2) px on a \(sheet.width)-px sheet")
    }
}
