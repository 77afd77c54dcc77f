import Imaging
import Latent
import Neural

/// Turns recipes into pictures with a loaded generator.
public enum RecipeRenderer {
    /// The latent a recipe describes: base, then mixes by slerp, then truncation.
    public static func latent(for recipe: Recipe, dimension: Int) throws -> [Float] {
        guard recipe.edits.isEmpty else {
            throw RecipeError("recipe uses latent edits, which this version of Ganvas cannot replay yet")
        }
        var z = try baseLatent(seed: recipe.seed, latent: recipe.latent, dimension: dimension)
        for mix in recipe.mixes {
            z = Interpolation.slerp(z, try baseLatent(seed: mix.seed, latent: mix.latent, dimension: dimension), mix.t)
        }
        return Interpolation.truncate(z, psi: recipe.psi)
    }

    static func baseLatent(seed: UInt64?, latent: String?, dimension: Int) throws -> [Float] {
        if let seed { return seededLatent(seed: seed, dimension: dimension) }
        return try Recipe.decodeLatent(latent ?? "", dimension: dimension)
    }

    /// Renders a batch of recipes that share one generator.
    public static func render(_ recipes: [Recipe], with generator: Generator) throws -> [RGBImage] {
        let latents = try recipes.map { try latent(for: $0, dimension: generator.latentDim) }
        let side = generator.resolution
        return zip(recipes, generator.pixels(for: latents)).map { recipe, pixels in
            let image = RGBImage(width: side, height: side, pixels: pixels)
            return Resize.resize(image, width: recipe.size, height: recipe.size, filter: .smooth)
        }
    }
}
