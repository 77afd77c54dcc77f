import Imaging
import XCTest

final class RMSDifferenceTests: XCTestCase {
    func testRMSDifferenceOfBytes() {
        let a = RGBImage(width: 2, height: 1, pixels: [0, 0, 0, 10, 20, 30])
        let b = RGBImage(width: 2, height: 1, pixels: [3, 4, 0, 10, 20, 30])
        XCTAssertEqual(a.rmsDifference(a), 0)
        XCTAssertEqual(a.rmsDifference(b), (25.0 / 6).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(b.rmsDifference(a), a.rmsDifference(b))
    }
}
