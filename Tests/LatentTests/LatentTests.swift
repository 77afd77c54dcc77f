import Foundation
import Latent
import XCTest

final class LatentTests: XCTestCase {
    /// The SplitMix64 reference values for seed 0 (from the algorithm's published test vector).
    func testSplitMix64KnownSequence() {
        var random = SplitMix64(seed: 0)
        XCTAssertEqual(random.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(random.next(), 0x6E78_9E6A_A1B9_65F4)
    }

    /// The cases tools/tests/seeded_latents.json holds, which the Python tools' test
    /// (tools/tests/test_latent.py) checks too: the same bits on both sides.
    func testSeedMatchesThePythonTools() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("tools/tests/seeded_latents.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
        let cases = try XCTUnwrap(json?["cases"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(cases.count, 5)
        for item in cases {
            let seed = try XCTUnwrap((item["seed"] as? String).flatMap { UInt64($0) }), dimension = try XCTUnwrap(item["dimension"] as? Int)
            let expected = try XCTUnwrap(item["latent"] as? [Double]).map(Float.init)
            XCTAssertEqual(seededLatent(seed: seed, dimension: dimension).map(\.bitPattern), expected.map(\.bitPattern), "seed \(seed)")
        }
        XCTAssertEqual(seededLatent(seed: 7, dimension: 5),
            [1.3649922609329224, 0.14452122151851654, -0.39652398228645325, -0.22759631276130676, 0.0044985259883105755])
    }

    func testLatentsLookGaussianAndDifferBySeed() {
        let z = seededLatent(seed: 42, dimension: 4096)
        let mean = z.reduce(0, +) / Float(z.count)
        let variance = z.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(z.count)
        XCTAssertEqual(mean, 0, accuracy: 0.05)
        XCTAssertEqual(variance, 1, accuracy: 0.08)
        XCTAssertNotEqual(seededLatent(seed: 1, dimension: 8), seededLatent(seed: 2, dimension: 8))
        XCTAssertEqual(seededLatent(seed: 3, dimension: 7), Array(seededLatent(seed: 3, dimension: 8).prefix(7)))
    }

    func testSlerpEndsAndNorm() {
        let a = seededLatent(seed: 1, dimension: 128), b = seededLatent(seed: 2, dimension: 128)
        XCTAssertEqual(Interpolation.slerp(a, b, 0), a)
        for (x, y) in zip(Interpolation.slerp(a, b, 1), b) { XCTAssertEqual(x, y, accuracy: 1e-5) }
        func norm(_ v: [Float]) -> Float { v.map { $0 * $0 }.reduce(0, +).squareRoot() }
        // Halfway along the arc keeps roughly the ends' length; lerp shrinks it.
        let mid = Interpolation.slerp(a, b, 0.5), flat = Interpolation.lerp(a, b, 0.5)
        XCTAssertEqual(norm(mid), (norm(a) + norm(b)) / 2, accuracy: 0.5)
        XCTAssertLessThan(norm(flat), norm(mid) - 1)
        XCTAssertEqual(Interpolation.slerp(a, a, 0.3), Interpolation.lerp(a, a, 0.3))
    }

    func testTruncationScalesTowardsTheMean() {
        XCTAssertEqual(Interpolation.truncate([2, -4, 0], psi: 0.5), [1, -2, 0])
    }
}
