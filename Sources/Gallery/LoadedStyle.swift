import Imaging
import Neural
import Styles

/// A style ready to draw with: its file, its generator, the digest recipes cite, and its SeFa
/// directions, solved on first use (a picture without edits, like the studio's first, never
/// waits for them). The one loaded-style type of the CLI, the studio and the benches.
public final class LoadedStyle: @unchecked Sendable {
    public let style: Style
    public let generator: Generator
    public let sha256: String
    private var solved: [[Float]]?

    public init(_ style: Style) throws {
        self.style = style
        (generator, sha256) = try style.loadWithDigest()
    }

    /// The slider directions. Not thread-safe: one thread (the studio's engine, a command) owns
    /// a loaded style.
    public var directions: [[Float]] {
        if let solved { return solved }
        let directions = EditDirections.of(generator)
        solved = directions
        return directions
    }

    /// Directions only when `recipe` edits along them.
    public func directions(for recipe: Recipe) -> [[Float]] { recipe.edits.isEmpty ? [] : directions }

    /// Renders recipes of this style.
    public func render(_ recipes: [Recipe]) throws -> [RGBImage] {
        try RecipeRenderer.render(recipes, with: generator, directions: recipes.contains { !$0.edits.isEmpty } ? directions : nil)
    }

    /// The final latent a recipe describes (mixes, edits, truncation applied).
    public func latent(_ recipe: Recipe) throws -> [Float] {
        try RecipeRenderer.latent(for: recipe, dimension: generator.latentDim, directions: directions(for: recipe))
    }
}
