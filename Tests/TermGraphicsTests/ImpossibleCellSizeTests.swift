import Foundation
import Glibc
import Imaging
import XCTest
@testable import TermGraphics

/// A terminal that reports fewer pixels than cells (100x30 cells in 40x100 px) made the cell 0
/// pixels wide, and `show --format sixel` and the studio divided by it (issue 25.5).
final class ImpossibleCellSizeTests: XCTestCase {
    /// A pseudo-terminal whose window size says `columns`x`rows` cells in `width`x`height` pixels.
    func terminal(columns: Int, rows: Int, width: Int, height: Int) throws -> Int32 {
        // The window size of a pseudo-terminal's master side is the pair's (Linux, macOS).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw XCTSkip("no pseudo-terminals here") }
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: UInt16(width), ws_ypixel: UInt16(height))
        XCTAssertEqual(ioctl(master, UInt(TIOCSWINSZ), &size), 0)
        return master
    }

    func testAWindowOfFewerPixelsThanCellsHasNoCellSize() throws {
        let impossible = try terminal(columns: 100, rows: 30, width: 40, height: 100)
        defer { close(impossible) }
        XCTAssertNotNil(TerminalProbe.windowSize(fd: impossible), "the window size is read")
        XCTAssertNil(TerminalProbe.cellSize(fd: impossible))
        let real = try terminal(columns: 100, rows: 30, width: 1000, height: 600)
        defer { close(real) }
        XCTAssertTrue(TerminalProbe.cellSize(fd: real)! == (10, 20))
    }

    func testAZeroCellIsTakenAsUnknownAndPicturesStillFit() {
        let screen = Placement.Screen(columns: 100, rows: 30, cellWidth: 0, cellHeight: 3)
        XCTAssertEqual([screen.cellWidth, screen.cellHeight], [Placement.defaultCell.width, Placement.defaultCell.height])
        for format in [ImageFormat.sixel, .kitty, .iterm, .halfblocks] {
            let placement = Placement.fit(width: 256, height: 256, format: format, columns: nil, rows: nil, pixelWidth: nil, screen: screen)
            XCTAssertGreaterThan(placement.columns, 0)
            XCTAssertGreaterThan(placement.rows, 0)
        }
    }
}
