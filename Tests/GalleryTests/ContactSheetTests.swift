import Imaging
import XCTest
@testable import Gallery

/// Contact sheets stay under a pixel cap however many or however odd the pictures (issue 25.4):
/// a 1x65,536 picture beside an 8x8 one asked for 25 GB, 2,000 pictures for an 11,888² sheet.
final class ContactSheetTests: XCTestCase {
    func testATallThinPictureAndASmallOneMakeASheetUnderTheCap() {
        let thin = RGBImage(width: 1, height: 65_536, fill: 0), small = RGBImage(width: 8, height: 8, fill: 90)
        let sheet = ContactSheet.make([thin, small])
        XCTAssertLessThanOrEqual(sheet.width * sheet.height, ContactSheet.maxPixels)
        XCTAssertGreaterThan(sheet.width, 8)
    }

    func testThousandsOfPicturesShrinkTheirCellsInstead() {
        let pictures = [RGBImage](repeating: RGBImage(width: 256, height: 256, fill: 40), count: 2000)
        let sheet = ContactSheet.make(pictures)
        XCTAssertLessThanOrEqual(sheet.width * sheet.height, ContactSheet.maxPixels)
        XCTAssertEqual(ContactSheet.cellLimit(count: 2000), 75)
    }

    func testPicturesUnderTheCapKeepTheirSizeAndSmallerOnesAreCentred() {
        let big = RGBImage(width: 40, height: 40, fill: 10), small = RGBImage(width: 10, height: 20, fill: 200)
        let sheet = ContactSheet.make([big, small], columns: 2, gutter: 4)
        XCTAssertEqual([sheet.width, sheet.height], [2 * 44 + 4, 44 + 4])
        let pixel = { (x: Int, y: Int) in sheet.pixels[(y * sheet.width + x) * 3] }
        XCTAssertEqual(pixel(4, 4), 10, "the big one fills its cell")
        XCTAssertEqual(pixel(48, 4), 255, "the small one's cell is white above it")
        XCTAssertEqual(pixel(48 + 20, 4 + 20), 200, "and it sits in the middle")
    }
}
