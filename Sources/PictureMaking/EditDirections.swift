import Latent
import Neural

/// The latent directions slider edits move along: the first SeFa directions of a generator.
public enum EditDirections {
    public static let count = 16

    public static func of(_ generator: Generator) -> [[Float]] {
        guard let (rows, weight) = generator.firstLayerMatrix() else { return [] }
        return SeFa.directions(weight: weight, rows: rows, dimension: generator.latentDim, count: min(count, generator.latentDim))
    }
}
