import XCTest
@testable import Encoding

final class SearchTests: XCTestCase {
    /// A shifted, badly scaled quadratic in 64 dimensions: the search must get close to its minimum.
    func testSeparableCMAESMinimisesAScaledQuadratic() {
        let n = 64
        let centre = (0..<n).map { Float(sin(Double($0))) }
        let scales = (0..<n).map { 1 + 9 * Double($0 % 4) }
        func loss(_ x: [Float]) -> Double { (0..<n).reduce(0) { $0 + scales[$1] * pow(Double(x[$1] - centre[$1]), 2) } }
        var search = SeparableCMAES(mean: [Float](repeating: 0, count: n), sigma: 0.5, seed: 7)
        let start = loss([Float](repeating: 0, count: n))
        var best = Double.infinity
        for _ in 0..<300 {
            let candidates = search.ask()
            let losses = candidates.map(loss)
            best = min(best, losses.min()!)
            search.tell(losses)
        }
        XCTAssertGreaterThan(start, 50)
        XCTAssertLessThan(best, start * 1e-3, "from \(start)")
    }

    func testTheSameSeedGivesTheSameSearch() {
        func run(seed: UInt64) -> [Float] {
            var search = SeparableCMAES(mean: [Float](repeating: 1, count: 16), sigma: 0.3, seed: seed)
            for _ in 0..<20 {
                let candidates = search.ask()
                search.tell(candidates.map { $0.reduce(0) { $0 + Double($1 * $1) } })
            }
            return search.mean.map(Float.init)
        }
        XCTAssertEqual(run(seed: 3), run(seed: 3))
        XCTAssertNotEqual(run(seed: 3), run(seed: 4))
    }
}
