@testable import Imaging
import XCTest

/// The palette fast paths against their plain references.
final class PaletteTests: XCTestCase {
    func randomPalette(_ n: Int, _ rng: inout SystemRandomNumberGenerator, spread: ClosedRange<UInt8> = 0...255) -> [SIMD3<UInt8>] {
        (0..<n).map { _ in SIMD3(UInt8.random(in: spread, using: &rng), UInt8.random(in: spread, using: &rng), UInt8.random(in: spread, using: &rng)) }
    }

    /// The cached, flat candidate lists give an exactly nearest colour (ties may differ, the
    /// distance may not), for sparse palettes and for dense ones crowded into a corner.
    func testNearestColorCacheIsExact() {
        var rng = SystemRandomNumberGenerator()
        for (size, spread) in [(2, UInt8(0)...255), (16, 0...255), (256, 0...255), (256, 100...140)] {
            let palette = randomPalette(size, &rng, spread: spread)
            var lookup = NearestColor(palette)
            for _ in 0..<3000 {
                let c = SIMD3<Int32>(Int32.random(in: -40...300, using: &rng), Int32.random(in: -40...300, using: &rng), Int32.random(in: -40...300, using: &rng))
                let clamped = c.clamped(lowerBound: .zero, upperBound: SIMD3(repeating: 255))
                let distances = palette.map { p -> Int32 in let d = SIMD3<Int32>(truncatingIfNeeded: p) &- clamped; return (d &* d).wrappedSum() }
                let got = Int(lookup.nearest(c.x, c.y, c.z))
                XCTAssertEqual(distances[got], distances.min()!, "palette of \(size) in \(spread), colour \(c)")
            }
        }
    }

    /// Searching the red-sorted palette finds what the linear scan finds.
    func testSortedPaletteMatchesTheLinearScan() {
        var rng = SystemRandomNumberGenerator()
        for size in [1, 2, 7, 256] {
            let palette = randomPalette(size, &rng).map { SIMD3<Float>(Float($0.x), Float($0.y), Float($0.z)) + 0.25 }
            let sorted = SortedPalette(palette)
            for _ in 0..<2000 {
                let c = SIMD3<Float>(Float.random(in: 0...255, using: &rng), Float.random(in: 0...255, using: &rng), Float.random(in: 0...255, using: &rng))
                XCTAssertEqual(sorted.nearest(c), Quantizer.nearestIndex(c, palette))
            }
        }
    }

    /// Errors inside the dead zone are not spread: a flat colour a little off a palette entry
    /// stays one colour (one sixel run per band), where full diffusion would mix in neighbours.
    func testSmallErrorsAreNotDiffused() {
        let palette: [SIMD3<UInt8>] = [[100, 100, 100], [116, 116, 116]]
        let image = RGBImage(width: 40, height: 10, pixels: [UInt8](repeating: 102, count: 40 * 10 * 3))
        XCTAssertEqual(Set(Dither.floydSteinberg.indices(image, palette: palette)), [0])
        // A larger error still dithers, so gradients keep their in-between shades.
        let middle = RGBImage(width: 40, height: 10, pixels: [UInt8](repeating: 108, count: 40 * 10 * 3))
        XCTAssertEqual(Set(Dither.floydSteinberg.indices(middle, palette: palette)), [0, 1])
    }
}
