import Encoding
import Gallery
import Imaging
import Recipes

extension LoadedStyle {
    /// Any picture into this style: the recipe of its closest picture (the latent itself, so it
    /// regenerates bit for bit) at `size` px, and how close it came.
    public func encode(_ picture: RGBImage, budgetMilliseconds: Int = LatentSearch.defaultBudgetMilliseconds,
                       size: Int? = nil, enhance: Bool = true) throws -> (recipe: Recipe, result: LatentSearch.Result) {
        try encode(picture, options: EncodeOptions(budgetMilliseconds: budgetMilliseconds), size: size, enhance: enhance)
    }

    /// The same under `options`: colourising (`.luma`), filling transparent holes, an anchor.
    public func encode(_ picture: RGBImage, options: EncodeOptions, size: Int? = nil,
                       enhance: Bool = true) throws -> (recipe: Recipe, result: LatentSearch.Result) {
        let result = try pictureEncoder().encode(picture, options: options)!  // no stop asked: always a result
        let side = size ?? generator.resolution
        var recipe = Recipe(style: style.name, modelSHA256: sha256, latent: result.latent, size: side)
        recipe.upscaler = try upscale(for: side, enhance: enhance)
        return (recipe, result)
    }
}
