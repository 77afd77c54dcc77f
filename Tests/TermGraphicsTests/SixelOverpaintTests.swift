import Imaging
@testable import TermGraphics
import Latent
import XCTest

/// Passes that paint over pixels a later pass redraws must decode to the same picture as the
/// plain encoding, in fewer bytes.
final class SixelOverpaintTests: XCTestCase {
    func encodeBands(_ indices: [UInt8], width: Int, height: Int, colors: Int, overpaint: Bool) -> [UInt8] {
        var out = SixelWriter(capacity: 0)
        out.header(width: width, height: height)
        for c in 0..<colors { out.register(c, SIMD3(c * 100 / max(colors - 1, 1), (c * 37) % 101, 100 - c * 100 / max(colors - 1, 1))) }
        out.bands(indices, width: width, height: height, colors: colors, overpaint: overpaint)
        out.trailer()
        return out.bytes
    }

    func testOverpaintDecodesLikeThePlainEncoding() throws {
        var rng = SplitMix64(seed: 18)
        // Dither-like noise, blobs, a height that is not a multiple of six, one and many colours.
        for (width, height, colors) in [(37, 23, 5), (64, 12, 40), (9, 1, 3), (50, 17, 1)] {
            let indices = (0..<(width * height)).map { i -> UInt8 in
                let x = i % width, y = i / width
                let base = (x / 7 + y / 5) % colors
                return UInt8(Int.random(in: 0..<4, using: &rng) == 0 ? Int.random(in: 0..<colors, using: &rng) : base)
            }
            let plain = encodeBands(indices, width: width, height: height, colors: colors, overpaint: false)
            let painted = encodeBands(indices, width: width, height: height, colors: colors, overpaint: true)
            XCTAssertEqual(try SixelDecoder.decode(painted), try SixelDecoder.decode(plain), "\(width)x\(height), \(colors) colours")
            XCTAssertLessThanOrEqual(painted.count, plain.count)
        }
    }

    func testCommonestColourBecomesOneRun() {
        // One colour everywhere but a sprinkle of another: the first pass is a single run.
        var indices = [UInt8](repeating: 0, count: 100 * 6)
        for i in stride(from: 3, to: indices.count, by: 11) { indices[i] = 1 }
        let text = String(decoding: encodeBands(indices, width: 100, height: 6, colors: 2, overpaint: true), as: UTF8.self)
        XCTAssertTrue(text.contains("#0!100~$"), text)
    }

    func testColoursSideBySideShareOnePass() throws {
        // Two halves: the second colour continues the first's pass instead of starting its own.
        let indices = (0..<(100 * 6)).map { UInt8($0 % 100 < 50 ? 0 : 1) }
        let bytes = encodeBands(indices, width: 100, height: 6, colors: 2, overpaint: true)
        XCTAssertTrue(String(decoding: bytes, as: UTF8.self).contains("#0!50~#1!50~"))
        XCTAssertEqual(try SixelDecoder.decode(bytes),
            try SixelDecoder.decode(encodeBands(indices, width: 100, height: 6, colors: 2, overpaint: false)))
    }

    func testTinyAndEmptyPicturesEncode() throws {
        XCTAssertEqual(try SixelDecoder.decode(SixelGraphics.encode(RGBImage(width: 1, height: 1, pixels: [200, 10, 30]))).width, 1)
        XCTAssertFalse(SixelGraphics.encode(RGBImage(width: 0, height: 0, pixels: [])).isEmpty)
    }

    func testRegistersAreNumberedByUse() {
        // Colour 7 is in every band, colour 2 in one: 7 gets register 0.
        var indices = [UInt8](repeating: 7, count: 10 * 18)
        indices[3] = 2
        let registers = SixelRegisters.renumber(&indices, width: 10, colors: 8)
        XCTAssertEqual(registers, [7, 2])
        XCTAssertEqual(indices[3], 1)
        XCTAssertEqual(Set(indices), [0, 1])
    }
}
