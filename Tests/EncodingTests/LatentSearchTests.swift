import Foundation
import TestSupport
import Imaging
import Latent
import Neural
import XCTest
@testable import Encoding

/// The whole search on the tiny fixture style: it gets closer than where it started and than
/// random seeds, it is the same every run, and its budget is work, not time.
final class LatentSearchTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("NeuralTests/Fixtures").path
    let generator = try! Generator(path: fixtures + "/tiny.safetensors")

    /// A picture the style can draw (seed 12345's), so a good search gets close.
    var reachable: RGBImage { RGBImage(width: 16, height: 16,
        pixels: generator.pixels(for: [seededLatent(seed: 12345, dimension: 16)])[0]) }

    func testTheSearchGetsCloserThanRandomSeedsAndIsTheSameEveryRun() {
        let encoder = LatentSearch(generator: generator, encoder: nil)
        let result = encoder.encode(reachable, budgetMilliseconds: 100)
        XCTAssertGreaterThan(result.evaluations, 500)
        XCTAssertLessThan(result.rms, result.startRMS)
        let randomBest = (1...64).map { seed -> Double in
            let picture = generator.pixels(for: [seededLatent(seed: UInt64(seed), dimension: 16)])[0]
            return rms(picture, reachable.pixels)
        }.min()!
        XCTAssertLessThan(result.rms, 0.75 * randomBest)
        let again = encoder.encode(reachable, budgetMilliseconds: 100)
        XCTAssertEqual(again.latent, result.latent)
        // The latent stays in the generator's typical set.
        let norm = (result.latent.map { Double($0 * $0) }.reduce(0, +) / 16).squareRoot()
        XCTAssertLessThan(norm, 1.6)
    }

    func testTheEncodersGuessIsWhereTheSearchStarts() throws {
        let network = try Encoder(path: Self.fixtures + "/encoder.safetensors")
        let encoder = LatentSearch(generator: generator, encoder: network)
        XCTAssertTrue(encoder.background == (255, 255, 255), "the encoder card's background")
        let none = encoder.encode(reachable, budgetMilliseconds: 0)
        XCTAssertEqual(none.evaluations, 1, "a zero budget is the encoder's guess alone")
        let guess = network.forward(Tensor(shape: [1, 3, 16, 16], data: Generator.planes(reachable.pixels, channels: 3))).data
        XCTAssertEqual(none.latent, guess)
        XCTAssertLessThanOrEqual(encoder.encode(reachable, budgetMilliseconds: 50).rms, none.rms)
    }

    /// An encoder whose card says its guesses belong on the shell |z| = √d: the search starts
    /// from the guess scaled there, and every latent it tries (so the one it returns) lies there.
    func testAShellEncodersStyleIsSearchedOnTheShell() throws {
        let plain = try Encoder(path: Self.fixtures + "/encoder.safetensors")
        let shell = try Encoder(file: SafetensorsFile(bytes: SafetensorsHeaderEdit.withMetadata(
            try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.fixtures + "/encoder.safetensors"))),
            ["ganvas.latent_norm": "shell"])))
        XCTAssertFalse(plain.card.guessesOnShell)
        XCTAssertTrue(shell.card.guessesOnShell)
        let guess = plain.forward(Tensor(shape: [1, 3, 16, 16], data: Generator.planes(reachable.pixels, channels: 3))).data
        let search = LatentSearch(generator: generator, encoder: shell)
        let start = search.encode(reachable, budgetMilliseconds: 0).latent
        XCTAssertNotEqual(Self.radius(guess), 1, accuracy: 0.01, "the fixture's guess is off the shell")
        XCTAssertEqual(Self.radius(start), 1, accuracy: 1e-5)
        let cosine = zip(start, guess).map { Double($0 * $1) }.reduce(0, +) / (Self.radius(start) * Self.radius(guess) * 16)
        XCTAssertEqual(cosine, 1, accuracy: 1e-5, "the guess's direction is kept")
        let result = search.encode(reachable, budgetMilliseconds: 50)
        XCTAssertGreaterThan(result.evaluations, 100)
        XCTAssertEqual(Self.radius(result.latent), 1, accuracy: 1e-5)
        XCTAssertLessThanOrEqual(result.rms, result.startRMS)
    }

    /// |z| / √d.
    static func radius(_ z: [Float]) -> Double { (z.map { Double($0 * $0) }.reduce(0, +) / Double(z.count)).squareRoot() }

    /// A broken encoder file whose guess is NaN: the search starts from seeds instead, and the
    /// result is a real latent.
    func testANaNGuessFallsBackToSeeds() throws {
        let network = try Encoder(path: Self.fixtures + "/encoder_nan.safetensors")
        XCTAssertTrue(network.forward(Tensor(shape: [1, 3, 16, 16],
            data: Generator.planes(reachable.pixels, channels: 3))).data.contains { $0.isNaN })
        let result = LatentSearch(generator: generator, encoder: network).encode(reachable, budgetMilliseconds: 20)
        XCTAssertEqual(result.latent.count, 16)
        XCTAssertTrue(result.latent.allSatisfy(\.isFinite))
        XCTAssertTrue(result.rms.isFinite)
        XCTAssertGreaterThan(result.evaluations, 1)
    }

    func testBudgetsAreWork() {
        let encoder = LatentSearch(generator: generator, encoder: nil)
        let small = encoder.evaluations(forMilliseconds: 100), large = encoder.evaluations(forMilliseconds: 1000)
        XCTAssertGreaterThan(small, 0)
        XCTAssertEqual(Double(large) / Double(small), 10, accuracy: 0.01)
        XCTAssertEqual(encoder.evaluations(forMilliseconds: -5), 0)
        XCTAssertLessThanOrEqual(encoder.evaluations(forMilliseconds: Int.max), Int(Int32.max))
    }

    func rms(_ a: [UInt8], _ b: [UInt8]) -> Double {
        var sum = 0.0
        for (x, y) in zip(a, b) {
            let d = Double(Int(x) - Int(y))
            sum += d * d
        }
        return (sum / Double(a.count)).squareRoot()
    }
}
