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

    /// Pictures of different sizes fill cells of one size, apart on a dark sheet, each named
    /// under it (issue 23.12: small ones sat unscaled in the corner, white on white, unnamed).
    func testEveryPictureFillsItsCellOnADarkSheetWithItsName() {
        let big = RGBImage(width: 40, height: 40, fill: 10), small = RGBImage(width: 10, height: 20, fill: 255)
        let plain = ContactSheet.make([big, small], columns: 2, gutter: 4)
        XCTAssertEqual([plain.width, plain.height], [2 * 44 + 4, 44 + 4])
        let pixel = { (sheet: RGBImage, x: Int, y: Int) in sheet.pixels[(y * sheet.width + x) * 3] }
        XCTAssertEqual(pixel(plain, 4, 4), 10, "the big one fills its cell")
        XCTAssertEqual(pixel(plain, 2, 2), ContactSheet.background, "the gutter is dark")
        XCTAssertEqual(pixel(plain, 48, 4), ContactSheet.background, "the small one's cell is dark beside it")
        XCTAssertEqual(pixel(plain, 48 + 10, 4), 255, "the small one is enlarged to the cell's height")
        XCTAssertEqual(pixel(plain, 48 + 10, 4 + 39), 255)
        XCTAssertEqual(pixel(plain, 48 + 29, 4 + 20), 255, "and sits in the middle")
        XCTAssertEqual(pixel(plain, 48 + 31, 4 + 20), ContactSheet.background)

        let named = ContactSheet.make([big, small], labels: ["one", "two"], columns: 2, gutter: 4)
        let band = ContactSheet.labelHeight(cell: 40)
        XCTAssertEqual(named.height, 44 + band + 4)
        let inked = { (x0: Int) in (x0..<(x0 + 40)).flatMap { x in (44..<(44 + band)).map { y in pixel(named, x,
            y) } }.filter { $0 == 225 }.count }
        XCTAssertGreaterThan(inked(4), 10, "the first label is drawn under its picture")
        XCTAssertGreaterThan(inked(48), 10, "and the second")
        XCTAssertNotEqual(inked(4), inked(48), "each its own name")
    }

    func testLabelsAreCutToTheCellAndOddNamesDrawAsQuestionMarks() {
        XCTAssertEqual(PixelFont.fitted("icons-3271764990", characters: 8), "icons-..")
        XCTAssertEqual(PixelFont.fitted("tiny", characters: 8), "tiny")
        var image = RGBImage(width: 12, height: 8, fill: 0)
        PixelFont.draw("é", into: &image, x: 0, y: 0, colour: SIMD3(255, 255, 255))
        var question = RGBImage(width: 12, height: 8, fill: 0)
        PixelFont.draw("?", into: &question, x: 0, y: 0, colour: SIMD3(255, 255, 255))
        XCTAssertEqual(image.pixels, question.pixels)
        XCTAssertTrue(image.pixels.contains(255))
        // Off the picture's edges: clipped, nothing written outside.
        var edge = RGBImage(width: 3, height: 3, fill: 0)
        PixelFont.draw("W", into: &edge, x: -2, y: -4, scale: 2, colour: SIMD3(255, 255, 255))
        XCTAssertEqual(edge.pixels.count, 27)
    }
}
