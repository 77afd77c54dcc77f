import Foundation
import Imaging
import Latent
import Neural
import XCTest
@testable import Encoding

/// What the encoder sees in a hole: the known colours continued across it, never the background.
final class HoleContinuationTests: XCTestCase {
    func testKnownPixelsAreKeptAndAHoleTakesItsSurroundingsColours() {
        let side = 16, n = side * side
        var planes = [Float](repeating: 0, count: 3 * n), weights = [Float](repeating: 1, count: n)
        for y in 0..<side {
            for x in 0..<side {
                let i = y * side + x
                planes[i] = x < 8 ? 1 : -1           // red: left half high, right half low
                planes[n + i] = 0.25                 // green: one value everywhere
                planes[2 * n + i] = Float(y) / 15    // blue: a vertical ramp
                if (4..<12).contains(x) && (4..<12).contains(y) { weights[i] = 0; for c in 0..<3 { planes[c * n + i] = 9 } }
            }
        }
        let shown = HoleContinuation.continued(planes, weights: weights, side: side)
        for i in 0..<n where weights[i] > 0 {
            for c in 0..<3 { XCTAssertEqual(shown[c * n + i], planes[c * n + i], "known pixels are kept") }
        }
        var checked = 0
        for y in 4..<12 {
            for x in 4..<12 {
                let i = y * side + x
                XCTAssertEqual(shown[n + i], 0.25, accuracy: 1e-5, "one colour around the hole fills it")
                XCTAssertTrue((-1...1).contains(shown[i]), "between the colours around it, not the 9 under it")
                checked += 1
            }
        }
        XCTAssertEqual(checked, 64)
        XCTAssertGreaterThan(shown[8 * side + 4], shown[8 * side + 11], "the left side of the hole leans to the left's colour")
        XCTAssertLessThan(shown[2 * n + 5 * side + 8], shown[2 * n + 10 * side + 8], "and the ramp runs on through it")
    }

    func testNothingOrEverythingKnownLeavesThePlanesAlone() {
        let planes: [Float] = (0..<48).map { Float($0) }
        XCTAssertEqual(HoleContinuation.continued(planes, weights: [Float](repeating: 0, count: 16), side: 4), planes)
        XCTAssertEqual(HoleContinuation.continued(planes, weights: [Float](repeating: 0.1, count: 16), side: 4), planes)
        XCTAssertEqual(HoleContinuation.continued(planes, weights: [Float](repeating: 1, count: 9), side: 4), planes,
                       "weights of the wrong size are ignored")
    }

    func testOddSizesAndASingleKnownPixel() {
        let side = 5, n = side * side
        var weights = [Float](repeating: 0, count: n); weights[12] = 1
        let planes = (0..<n).map { $0 == 12 ? Float(0.5) : Float.nan }
        let shown = HoleContinuation.continued(planes, weights: weights, side: side)
        XCTAssertEqual(shown.count, n)
        for value in shown { XCTAssertEqual(value, 0.5, accuracy: 1e-6, "the only known colour everywhere") }
    }

    /// The shipped emoji style draws what its encoder guesses, background-coloured parts included:
    /// shown a square hole as paper, its guess kept a paper-white hole in the middle of pictures.
    func testTheShippedEmojiGuessFillsAHoleFromItsSurroundings() throws {
        let models = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("models").path
        let generator = try Generator(path: models + "/emoji.safetensors")
        let search = LatentSearch(generator: generator, encoder: try Encoder(path: models + "/emoji.encoder.safetensors"))
        let side = generator.resolution, hole = (side / 4)..<(3 * side / 4)
        let paper = [search.background.red, search.background.green, search.background.blue]
        var filled = 0.0, painted = 0.0, count = 0
        for seed in 1...8 {
            let original = generator.pixels(for: [seededLatent(seed: UInt64(seed), dimension: generator.latentDim)])[0]
            var holed: [UInt8] = []
            for y in 0..<side { for x in 0..<side {
                let p = (y * side + x) * 3
                holed += hole.contains(x) && hole.contains(y) ? [0, 0, 0, 0] : [original[p], original[p + 1], original[p + 2], 255]
            } }
            let guess = search.encode(RGBImage(width: side, height: side, channels: 4, pixels: holed),
                                      options: EncodeOptions(fill: true, budgetMilliseconds: 0))!
            let drawn = generator.pixels(for: [guess.latent])[0]
            for y in hole { for x in hole { for c in 0..<3 {
                let p = (y * side + x) * 3 + c
                filled += pow(Double(drawn[p]) - Double(original[p]), 2)
                painted += pow(Double(paper[c]) - Double(original[p]), 2)
                count += 1
            } } }
        }
        XCTAssertEqual(count, 8 * 3 * (side / 2) * (side / 2))
        XCTAssertLessThan((filled / Double(count)).squareRoot(), 0.6 * (painted / Double(count)).squareRoot(),
                          "the guess inside the hole is far closer to what was there than paper is")
    }
}
