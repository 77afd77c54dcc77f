import Gallery
import Imaging
import Latent
import Neural
import Recipes
import SafeFiles
import Styles

/// Turns recipes into pictures with a loaded generator.
public enum RecipeRenderer {
    /// The latent a recipe describes: base, then mixes by slerp, then edits along `directions`
    /// (in standard deviations of z), then truncation.
    public static func latent(for recipe: Recipe, dimension: Int, directions: [[Float]] = []) throws -> [Float] {
        var z = try baseLatent(seed: recipe.seed, latent: recipe.latent, dimension: dimension)
        for mix in recipe.mixes {
            z = Interpolation.slerp(z, try baseLatent(seed: mix.seed, latent: mix.latent, dimension: dimension), mix.t)
        }
        for edit in recipe.edits {
            guard edit.direction < directions.count else {
                throw RecipeError("recipe edits direction \(edit.direction), but this style has \(directions.count)")
            }
            z = zip(z, directions[edit.direction]).map { $0 + edit.amount * $1 }
        }
        return Interpolation.truncate(z, psi: recipe.psi)
    }

    static func baseLatent(seed: UInt64?, latent: String?, dimension: Int) throws -> [Float] {
        if let seed { return seededLatent(seed: seed, dimension: dimension) }
        return try Recipe.decodeLatent(latent ?? "", dimension: dimension)
    }

    /// The latent whose colours a recipe takes, truncated like its own (`own`, final), and slerped
    /// from `own` by its weight; nil when it keeps its own colours.
    public static func colourLatent(for recipe: Recipe, own: [Float]) throws -> [Float]? {
        guard let colours = recipe.colours else { return nil }
        let partner = Interpolation.truncate(try baseLatent(seed: colours.seed, latent: colours.latent, dimension: own.count),
                                             psi: recipe.psi)
        guard let t = colours.t, t < 1 else { return partner }
        return Interpolation.slerp(own, partner, t)  // truncation is a scale, so slerp and it commute
    }

    /// The generator's bytes for each recipe: one batch for those with their own colours, one
    /// mixing batch per gate level for those that take another latent's.
    static func pixels(for recipes: [Recipe], latents: [[Float]], with generator: Generator, threads: Int) throws -> [[UInt8]] {
        var result = [[UInt8]](repeating: [], count: recipes.count)
        for (level, indices) in Dictionary(grouping: recipes.indices, by: { recipes[$0].colours?.level }) {
            let shapes = indices.map { latents[$0] }
            let pixels = try level.map { level in
                try generator.mixedPixels(shapes: shapes, colours: indices.map { try colourLatent(for: recipes[$0], own: latents[$0])! },
                                          level: level, threads: threads)
            } ?? generator.pixels(for: shapes, threads: threads)
            for (index, bytes) in zip(indices, pixels) { result[index] = bytes }
        }
        return result
    }

    /// Renders a batch of recipes that share one generator. Pass `directions` when known
    /// (`EditDirections.of`); they are computed here only if a recipe has edits. A recipe that
    /// names an upscaler needs `upscaler` to be that very file.
    public static func render(_ recipes: [Recipe], with generator: Generator, directions: [[Float]]? = nil,
                              upscaler: StyleUpscaler? = nil, threads: Int = 1) throws -> [RGBImage] {
        let needed = recipes.contains { !$0.edits.isEmpty } ? (directions ?? EditDirections.of(generator)) : []
        let latents = try recipes.map { try latent(for: $0, dimension: generator.latentDim, directions: needed) }
        let side = generator.resolution
        return try zip(recipes, pixels(for: recipes, latents: latents, with: generator, threads: threads)).map { recipe, pixels in
            var image = RGBImage(width: side, height: side, pixels: pixels)
            if let wanted = recipe.upscaler {
                guard let upscaler, upscaler.sha256 == wanted.sha256 else {
                    throw RecipeError("this picture was enlarged with an upscaler (sha256 \(wanted.sha256.prefix(12))) that is " +
                        "not installed")
                }
                image = try upscaler.upscale(image, threads: threads)
            }
            let sized = Resize.resize(image, width: recipe.size, height: recipe.size, filter: recipe.filter ?? .smooth)
            return (recipe.rescales ?? []).reduce(sized) { Resize.resize($0, width: $1.size, height: $1.size, filter: $1.filter) }
        }
    }
}
