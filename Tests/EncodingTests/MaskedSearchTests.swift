import Foundation
import Imaging
import Latent
import Neural
import XCTest
@testable import Encoding

/// The search that matches only what is known (issue 22): holes count for nothing, luminance
/// alone can be matched, an anchor pulls the result, and the plain encode is unchanged.
final class MaskedSearchTests: XCTestCase {
    let generator = try! Generator(path: LatentSearchTests.fixtures + "/tiny.safetensors")
    var reachable: RGBImage { RGBImage(width: 16, height: 16,
        pixels: generator.pixels(for: [seededLatent(seed: 12345, dimension: 16)])[0]) }

    /// The reachable picture as RGBA with the pixels `hole` marks transparent, and those pixels
    /// set to `colour` underneath.
    func holed(_ hole: (Int, Int) -> Bool, colour: UInt8) -> RGBImage {
        var pixels: [UInt8] = []
        for y in 0..<16 {
            for x in 0..<16 {
                let p = (y * 16 + x) * 3
                pixels += hole(x, y) ? [colour, colour, colour, 0] : [reachable.pixels[p], reachable.pixels[p + 1],
                    reachable.pixels[p + 2], 255]
            }
        }
        return RGBImage(width: 16, height: 16, channels: 4, pixels: pixels)
    }

    func testWhatIsInAHoleDoesNotMatterWithFill() {
        let encoder = LatentSearch(generator: generator, encoder: nil)
        let square = { (x: Int, y: Int) in (4..<12).contains(x) && (4..<12).contains(y) }
        let black = holed(square, colour: 0), white = holed(square, colour: 255)
        let options = EncodeOptions(fill: true, budgetMilliseconds: 30)
        let a = encoder.encode(black, options: options)!, b = encoder.encode(white, options: options)!
        XCTAssertEqual(a.latent, b.latent, "unknown pixels count for nothing")
        let plain = encoder.encode(black, options: EncodeOptions(budgetMilliseconds: 30))!
        XCTAssertNotEqual(plain.latent, a.latent, "without --fill the hole is matched as background")
        XCTAssertLessThan(a.rms, a.startRMS + 1e-9)
    }

    func testAPictureWithNothingKnownStaysAtTheAnchor() {
        let encoder = LatentSearch(generator: generator, encoder: nil)
        let anchor = seededLatent(seed: 99, dimension: 16)
        let invisible = holed({ _, _ in true }, colour: 0)
        let result = encoder.encode(invisible,
            options: EncodeOptions(fill: true, anchor: anchor, anchorWeight: 10, budgetMilliseconds: 30))!
        let distance = zip(result.latent, anchor).map { Double(($0 - $1) * ($0 - $1)) }.reduce(0, +) / 16
        XCTAssertLessThan(distance, 0.01, "only the prior and the pull act")
        let unanchored = encoder.encode(invisible, options: EncodeOptions(fill: true, budgetMilliseconds: 30))!
        let away = zip(unanchored.latent, anchor).map { Double(($0 - $1) * ($0 - $1)) }.reduce(0, +) / 16
        XCTAssertGreaterThan(away, 10 * distance)
    }

    func testLumaMatchingIgnoresColoursOfTheSameLightness() {
        let side = 16, n = side * side
        let base = Generator.planes(reachable.pixels, channels: 3)
        var shifted = base
        // A change of colour with no change of luminance: +0.587 s in red, -0.299 s in green.
        for i in 0..<n { shifted[i] += 0.587 * 0.2; shifted[n + i] -= 0.299 * 0.2 }
        let luma = PixelMask(weights: [Float](repeating: 1, count: n), side: side, match: .luma)
        let colour = PixelMask(weights: [Float](repeating: 1, count: n), side: side, match: .colour)
        XCTAssertLessThan(luma.fine(shifted, base), 1e-10)
        XCTAssertLessThan(luma.coarseError(luma.coarse(of: shifted), luma.coarse(of: base)), 1e-10)
        XCTAssertGreaterThan(colour.fine(shifted, base), 1e-3)
    }

    func testWeightsCountInProportionAndNothingKnownCostsNothing() {
        let side = 8, n = side * side
        var weights = [Float](repeating: 0, count: n)
        for i in 0..<(n / 2) { weights[i] = 1 }
        let mask = PixelMask(weights: weights, side: side, match: .colour)
        var a = [Float](repeating: 0, count: 3 * n), b = a
        for c in 0..<3 { for i in (n / 2)..<n { b[c * n + i] = 1 } }  // differs only where unknown
        XCTAssertEqual(mask.fine(a, b), 0)
        for c in 0..<3 { for i in 0..<(n / 2) { a[c * n + i] = 0.5 } }
        XCTAssertEqual(mask.fine(a, b), 0.25, accuracy: 1e-6, "the mean over known pixels only")
        let none = PixelMask(weights: [Float](repeating: 0, count: n), side: side, match: .colour)
        XCTAssertEqual(none.fine(a, b), 0)
        XCTAssertEqual(none.coarseError(none.coarse(of: a), none.coarse(of: b)), 0)
        let broken = PixelMask(weights: [Float](repeating: .nan, count: n), side: side, match: .colour)
        XCTAssertEqual(broken.totalWeight, 0, "NaN weights count as unknown")
    }

    func testThePlainEncodeIsTheDefaultOptionsAndExplicitWeightsReplaceAlpha() {
        let encoder = LatentSearch(generator: generator, encoder: nil)
        XCTAssertEqual(encoder.encode(reachable, budgetMilliseconds: 20).latent,
                       encoder.encode(reachable, options: EncodeOptions(budgetMilliseconds: 20))!.latent)
        let ones = EncodeOptions(weights: [Float](repeating: 1, count: 256), budgetMilliseconds: 20)
        let zeros = EncodeOptions(weights: [Float](repeating: 0, count: 256), budgetMilliseconds: 20)
        XCTAssertNotEqual(encoder.encode(reachable, options: ones)!.latent, encoder.encode(reachable, options: zeros)!.latent)
        XCTAssertFalse(ones.isPlainMatch)
    }

    func testAStopRequestAbandonsTheSearch() {
        let encoder = LatentSearch(generator: generator, encoder: nil)
        XCTAssertNil(encoder.encode(reachable, options: EncodeOptions(budgetMilliseconds: 50), shouldStop: { true }))
        XCTAssertNotNil(encoder.encode(reachable, options: EncodeOptions(budgetMilliseconds: 50), shouldStop: { false }))
    }

    func testKnownWeightsFollowAlphaThroughFittingAndPaddingIsKnown() {
        var pixels: [UInt8] = []
        for _ in 0..<8 { for x in 0..<16 { pixels += [200, 0, 0, x < 8 ? 0 : 255] } }  // 16x8: left half transparent
        let weights = PixelFit.knownWeights(RGBImage(width: 16, height: 8, channels: 4, pixels: pixels), side: 16)
        XCTAssertEqual(weights.count, 256)
        XCTAssertEqual(weights[8 * 16 + 1], 0, accuracy: 0.05, "the transparent half")
        XCTAssertEqual(weights[8 * 16 + 14], 1, accuracy: 0.05, "the opaque half")
        XCTAssertEqual(weights[0], 1, "the padding above the wide picture is known background")
        XCTAssertEqual(PixelFit.knownWeights(reachable, side: 16), [Float](repeating: 1, count: 256))
    }
}

/// The search moves off the encoder's guess on the shipped glyphs style too (issue 23.17: on
/// seven of eight photos and gradients it returned the guess itself, its first steps too wide).
final class ShippedSearchTests: XCTestCase {
    static let models = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("models").path

    /// The two gradients of tools/make_encode_eval.py: linear colour 120x80, radial 96x96.
    var gradients: [RGBImage] {
        var linear: [UInt8] = [], radial: [UInt8] = []
        for y in 0..<80 { for x in 0..<120 {
            let u = Double(x) / 119, v = Double(y) / 79
            linear += [UInt8(255 * u), UInt8(255 * v), UInt8(255 * (1 - u))]
        } }
        for y in 0..<96 { for x in 0..<96 {
            let r = min(((Double(x) - 48) * (Double(x) - 48) + (Double(y) - 48) * (Double(y) - 48)).squareRoot() / 48, 1)
            radial += [UInt8(255 * (1 - r)), 128, UInt8(255 * r)]
        } }
        return [RGBImage(width: 120, height: 80, pixels: linear), RGBImage(width: 96, height: 96, pixels: radial)]
    }

    func testTheSearchImprovesOnTheGuessForGradientsIntoGlyphs() throws {
        let generator = try Generator(path: Self.models + "/glyphs.safetensors")
        let encoder = LatentSearch(generator: generator, encoder: try Encoder(path: Self.models + "/glyphs.encoder.safetensors"))
        for picture in gradients {
            let result = encoder.encode(picture)
            XCTAssertLessThan(result.rms, result.startRMS - 1, "the search left the encoder's guess (\(picture.width)x\(picture.height))")
        }
    }
}
