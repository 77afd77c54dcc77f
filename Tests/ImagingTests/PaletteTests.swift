@testable import Imaging
import Latent
import XCTest

/// The palette fast paths against their plain references.
final class PaletteTests: XCTestCase {
    func randomPalette(_ n: Int, _ rng: inout SplitMix64, spread: ClosedRange<UInt8> = 0...255) -> [SIMD3<UInt8>] {
        (0..<n).map { _ in SIMD3(UInt8.random(in: spread, using: &rng), UInt8.random(in: spread, using: &rng),
            UInt8.random(in: spread, using: &rng)) }
    }

    /// The cached, flat candidate lists give an exactly nearest colour (ties may differ, the
    /// distance may not), for sparse palettes and for dense ones crowded into a corner.
    func testNearestColorCacheIsExact() {
        var rng = SplitMix64(seed: 1)
        for (size, spread) in [(2, UInt8(0)...255), (16, 0...255), (256, 0...255), (256, 100...140)] {
            let palette = randomPalette(size, &rng, spread: spread)
            var lookup = NearestColor(palette)
            for _ in 0..<3000 {
                let c = SIMD3<Int32>(Int32.random(in: -40...300, using: &rng), Int32.random(in: -40...300, using: &rng),
                    Int32.random(in: -40...300, using: &rng))
                let clamped = c.clamped(lowerBound: .zero, upperBound: SIMD3(repeating: 255))
                let distances = palette.map { p -> Int32 in
                    let d = SIMD3<Int32>(truncatingIfNeeded: p) &- clamped
                    return (d &* d).wrappedSum()
                }
                let got = Int(lookup.nearest(c.x, c.y, c.z))
                XCTAssertEqual(distances[got], distances.min()!, "palette of \(size) in \(spread), colour \(c)")
            }
        }
    }

    /// The vectorised brute-force search finds what the linear scan finds.
    func testPaletteSearchMatchesTheLinearScan() {
        var rng = SplitMix64(seed: 2)
        for size in [1, 2, 7, 8, 9, 256] {
            let palette = randomPalette(size, &rng).map { SIMD3<Float>(Float($0.x), Float($0.y), Float($0.z)) + 0.25 }
            let search = PaletteSearch(palette)
            for _ in 0..<2000 {
                let c = SIMD3<Float>(Float.random(in: 0...255, using: &rng), Float.random(in: 0...255, using: &rng),
                    Float.random(in: 0...255, using: &rng))
                XCTAssertEqual(search.nearest(c), Quantizer.nearestIndex(c, palette))
            }
        }
    }

    /// A picture with at most N colours gets exactly those colours, and needs no dithering.
    func testFewColoursAreKeptExactly() {
        let colours: [[UInt8]] = [[0, 0, 0], [255, 255, 255], [12, 200, 7], [13, 200, 7]]
        let image = RGBImage(width: 8, height: 3, pixels: (0..<24).flatMap { colours[$0 % 4] })
        let result = Quantizer.palette(for: image, maxColors: 4)
        XCTAssertTrue(result.exact)
        XCTAssertEqual(Set(result.palette.map { [$0.x, $0.y, $0.z] }), Set(colours))
        XCTAssertFalse(Quantizer.palette(for: image, maxColors: 3).exact)
    }

    /// Clusters of noisy colours each get a palette colour near their centre.
    func testPaletteFindsClusters() {
        var rng = SplitMix64(seed: 3)
        let centres: [SIMD3<Int>] = [[30, 30, 30], [220, 40, 40], [40, 200, 60], [50, 60, 210], [240, 240, 200], [128, 128, 128]]
        var pixels: [UInt8] = []
        for i in 0..<(60 * 60) {
            let c = centres[i % centres.count]
            for k in 0..<3 { pixels.append(UInt8(c[k] + Int.random(in: -6...6, using: &rng))) }
        }
        let palette = Quantizer.palette(for: RGBImage(width: 60, height: 60, pixels: pixels), maxColors: centres.count).palette
        XCTAssertEqual(palette.count, centres.count)
        for c in centres {
            let nearest = palette.map { p in (0..<3).map { abs(Int(p[$0]) - c[$0]) }.max()! }.min()!
            XCTAssertLessThanOrEqual(nearest, 3, "cluster at \(c)")
        }
    }

    /// Diffusion keeps a flat colour's average even when it lies between palette colours.
    func testDiffusionKeepsTheAverage() {
        let palette: [SIMD3<UInt8>] = [[0, 0, 0], [120, 120, 120], [255, 255, 255]]
        let image = RGBImage(width: 64, height: 64, pixels: [UInt8](repeating: 60, count: 64 * 64 * 3))
        let indices = Dither.floydSteinberg.indices(image, palette: palette)
        let mean = indices.reduce(0.0) { $0 + Double(palette[Int($1)].x) } / Double(indices.count)
        XCTAssertEqual(mean, 60, accuracy: 4)
    }

    /// Grain of a few levels around one palette colour stays that colour, so sixel runs are long.
    func testGrainKeepsOneColour() {
        var rng = SplitMix64(seed: 4)
        let palette: [SIMD3<UInt8>] = [[100, 100, 100], [108, 108, 108], [116, 116, 116]]
        // ±4 around 108 (112 alone would be nearer 116 in the colour cube); rows (serpentine)
        // start and end on 108.
        let pixels = (0..<(40 * 12)).flatMap { i -> [UInt8] in
            let v = i % 40 == 0 || i % 40 == 39 ? 108 : UInt8(Int.random(in: 104...112, using: &rng))
            return [v, v, v]
        }
        let indices = Dither.floydSteinberg.indices(RGBImage(width: 40, height: 12, pixels: pixels), palette: palette)
        XCTAssertEqual(Set(indices), [1])
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
