@testable import Imaging
import Latent
import XCTest

/// The vector-friendly cubic resize gives, to the bit, what the plain loops give: recipes
/// re-render resized pictures and check them exactly.
final class CubicResizeTests: XCTestCase {
    /// The plain loops: each output sample sums its taps in order.
    func reference(_ image: RGBImage, width: Int, height: Int) -> RGBImage {
        let c = image.channels
        let xTaps = Resize.taps(from: image.width, to: width), yTaps = Resize.taps(from: image.height, to: height)
        var rows = [Float](repeating: 0, count: image.height * width * c)
        for y in 0..<image.height {
            for x in 0..<width {
                for k in 0..<c {
                    var sum: Float = 0
                    for (j, w) in xTaps[x].weights.enumerated() {
                        sum += w * Float(image.pixels[(y * image.width + xTaps[x].start + j) * c + k])
                    }
                    rows[(y * width + x) * c + k] = sum
                }
            }
        }
        var out = [UInt8](repeating: 0, count: width * height * c)
        for y in 0..<height {
            for x in 0..<width {
                for k in 0..<c {
                    var sum: Float = 0
                    for (j, w) in yTaps[y].weights.enumerated() { sum += w * rows[((yTaps[y].start + j) * width + x) * c + k] }
                    out[(y * width + x) * c + k] = UInt8(min(max(sum.rounded(), 0), 255))
                }
            }
        }
        return RGBImage(width: width, height: height, channels: c, pixels: out)
    }

    func testCubicMatchesThePlainLoopsExactly() {
        var rng = SplitMix64(seed: 35)
        for (channels, from, to) in [(3, (37, 23), (80, 61)), (4, (40, 40), (13, 9)), (3, (64, 32), (64, 97)), (3, (1, 5), (4, 2))] {
            let pixels = (0..<(from.0 * from.1 * channels)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let image = RGBImage(width: from.0, height: from.1, channels: channels, pixels: pixels)
            let fast = Resize.resize(image, width: to.0, height: to.1, filter: .smooth)
            XCTAssertTrue(fast == reference(image, width: to.0, height: to.1), "\(channels) channels, \(from) to \(to)")
        }
    }

    /// A sliver (1x1,000,000) widened and shortened goes through on its side: the horizontal pass
    /// first would hold 2,048 x 1,000,000 floats per channel. The result is the same picture.
    func testSliversResizeWithoutAHugeIntermediate() {
        let tall = RGBImage(width: 1, height: 1_000_000, channels: 3,
            pixels: [UInt8]((0..<3_000_000).map { UInt8($0 % 3 == 0 ? 200 : 10) }))
        let wide = Resize.resize(tall, width: 2048, height: 3072, filter: .smooth)
        XCTAssertEqual(wide.width, 2048)
        XCTAssertEqual(wide.height, 3072)
        XCTAssertTrue(stride(from: 0, to: wide.pixels.count, by: 3).allSatisfy { wide.pixels[$0] == 200 && wide.pixels[$0 + 1] == 10 })
        // Both orders agree to within rounding on an ordinary picture.
        let picture = RGBImage(width: 40, height: 30, channels: 3, pixels: [UInt8]((0..<3600).map { UInt8(($0 * 37) % 251) }))
        let direct = Resize.cubicRowsFirst(picture, width: 70, height: 20)
        let onItsSide = Resize.transposed(Resize.cubicRowsFirst(Resize.transposed(picture), width: 20, height: 70))
        XCTAssertLessThanOrEqual(zip(direct.pixels, onItsSide.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 99, 1)
    }
}
