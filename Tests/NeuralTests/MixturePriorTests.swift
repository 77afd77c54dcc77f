import Neural
import XCTest

/// A cluster-conditioned generator (tools/train.py --clusters) carries its mixture prior as the
/// first layers of its graph: the engine must compute the prior's formula, and sliders must still
/// find the trunk's first layer.
final class MixturePriorTests: XCTestCase {
    func testThePriorLayersShiftZByItsClustersMean() throws {
        let expected = try Fixtures.file("tiny_clusters_expected.safetensors")
        let z = Fixtures.tensor(expected, "z"), out = Fixtures.tensor(expected, "out")
        let clustered = try Generator(path: Fixtures.path("tiny_clusters.safetensors"))
        let tiny = try Generator(path: Fixtures.path("tiny.safetensors"))
        for kernels in [KernelChoice.fast, .reference] {
            XCTAssertLessThanOrEqual(clustered.forward(z, kernels: kernels).maxAbsDifference(out), 1e-4, "\(kernels)")
        }
        // The same trunk on the formula's shifted latents (float64 in Python) draws the same pictures...
        XCTAssertLessThanOrEqual(tiny.forward(Fixtures.tensor(expected, "shifted")).maxAbsDifference(out), 1e-3)
        // ...and the shift is real: without it the pictures differ.
        XCTAssertGreaterThan(tiny.forward(z).maxAbsDifference(out), 0.05)
        // Latents on either side of a boundary (rows 8, 9; 10, 11; ...) land in different clusters.
        let drawn = clustered.forward(z)
        for pair in stride(from: 8, to: z.shape[0], by: 2) {
            XCTAssertGreaterThan(drawn.sample(pair).maxAbsDifference(drawn.sample(pair + 1)), 0.05, "boundary at row \(pair)")
        }
    }

    func testSlidersLookPastThePriorToTheTrunk() throws {
        let clustered = try Generator(path: Fixtures.path("tiny_clusters.safetensors"))
        let tiny = try Generator(path: Fixtures.path("tiny.safetensors"))
        let mine = try XCTUnwrap(clustered.firstLayerMatrix()), trunk = try XCTUnwrap(tiny.firstLayerMatrix())
        XCTAssertEqual(mine.rows, trunk.rows)
        XCTAssertEqual(mine.weight, trunk.weight)
    }
}
