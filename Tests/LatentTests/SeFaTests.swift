import Latent
import XCTest

final class SeFaTests: XCTestCase {
    func matrix(rows: Int, dimension: Int) -> [Float] {
        var state: UInt64 = 9
        return (0..<(rows * dimension)).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int64(bitPattern: state >> 11) % 2000 - 1000) / 1000
        }
    }

    func stretch(_ a: [Float], rows: Int, _ v: [Float]) -> Float {
        var total: Float = 0
        for r in 0..<rows {
            var dot: Float = 0
            for i in v.indices { dot += a[r * v.count + i] * v[i] }
            total += dot * dot
        }
        return total
    }

    func testDirectionsAreOrthonormalStrongestFirstAndStable() {
        let (rows, dimension) = (40, 12)
        let a = matrix(rows: rows, dimension: dimension)
        let directions = SeFa.directions(weight: a, rows: rows, dimension: dimension, count: 5)
        XCTAssertEqual(directions.count, 5)
        for i in 0..<5 {
            for j in 0..<5 {
                XCTAssertEqual(zip(directions[i], directions[j]).map(*).reduce(0, +), i == j ? 1 : 0, accuracy: 1e-4)
            }
        }
        let stretches = directions.map { stretch(a, rows: rows, $0) }
        XCTAssertEqual(stretches, stretches.sorted(by: >))
        // No random unit vector is stretched more than the first direction.
        var state: UInt64 = 1
        for _ in 0..<200 {
            var v = (0..<dimension).map { _ -> Float in
                state = state &* 6364136223846793005 &+ 1
                return Float(Int64(bitPattern: state >> 11) % 1000) / 1000 - 0.5
            }
            let norm = v.map { $0 * $0 }.reduce(0, +).squareRoot()
            v = v.map { $0 / norm }
            XCTAssertLessThanOrEqual(stretch(a, rows: rows, v), stretches[0] * 1.0001)
        }
        XCTAssertEqual(SeFa.directions(weight: a, rows: rows, dimension: dimension, count: 5), directions)
    }

    /// A model with a huge latent or first layer gets no directions instead of a solve that runs for minutes.
    func testWorkIsBoundedForLargeLatents() {
        let start = Date()
        XCTAssertTrue(SeFa.directions(weight: [Float](repeating: 0.5, count: 64 * 4096), rows: 64, dimension: 4096, count: 16).isEmpty)
        XCTAssertTrue(SeFa.directions(weight: [Float](repeating: 0.5, count: 70_000 * 128), rows: 70_000, dimension: 128,
            count: 16).isEmpty)
        XCTAssertFalse(SeFa.isAffordable(rows: Int.max / 2, dimension: 128))
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        XCTAssertTrue(SeFa.isAffordable(rows: 4096, dimension: 128), "the shipped styles' first layer")
        XCTAssertEqual(SeFa.directions(weight: (0..<(20 * 8)).map { Float($0 % 7) - 3 }, rows: 20, dimension: 8, count: 4).count, 4)
    }
}
