import Gallery
import Imaging
import Recipes
import Styles

/// Exports of Ganvas pictures made again at the new size through the style's learned upscaler,
/// instead of resampling the file's pixels: the model that made the picture (found by its
/// SHA-256) renders the recipe, the upscaler enlarges it, and the new recipe says so.
public final class EnhancedExport: @unchecked Sendable {
    private let catalog: StyleCatalog
    private var loaded: [String: LoadedStyle?] = [:]  // by model SHA-256; nil: not installed

    public init(catalog: StyleCatalog) { self.catalog = catalog }

    /// A style already loaded (so it is neither found nor loaded again).
    public func remember(_ style: LoadedStyle) { loaded[style.sha256] = .some(style) }

    /// The picture of `recipe` at `side` px through the upscaler, and its recipe; nil when the
    /// model or its upscaler is not installed, the side is not larger than the model's, or it is
    /// larger than a recipe may say (`Recipe.sizeRange`: the picture would not verify).
    public func render(_ recipe: Recipe, side: Int, filter: Resize.Filter) throws -> (image: RGBImage, recipe: Recipe)? {
        guard Recipe.sizeRange.contains(side), let style = try style(for: recipe), side > style.generator.resolution,
              let upscale = try style.upscale(for: side, enhance: true) else { return nil }
        var enhanced = recipe
        enhanced.size = side
        enhanced.filter = filter
        enhanced.rescales = nil
        enhanced.upscaler = upscale
        return (try style.render([enhanced])[0], enhanced)
    }

    func style(for recipe: Recipe) throws -> LoadedStyle? {
        if let known = loaded[recipe.modelSHA256] { return known }
        let style = try catalog.style(sha256: recipe.modelSHA256, preferring: recipe.style).map { try LoadedStyle($0) }
        loaded[recipe.modelSHA256] = .some(style)
        return style
    }
}
