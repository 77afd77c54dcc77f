import Encoding
import Gallery
import Imaging
import Neural
import Recipes
import Styles

/// A style ready to draw with: its file, its generator, the digest recipes cite, and its SeFa
/// directions, solved on first use (a picture without edits, like the studio's first, never
/// waits for them). The one loaded-style type of the CLI, the studio and the benches.
public final class LoadedStyle: @unchecked Sendable {
    public let style: Style
    public let generator: Generator
    public let sha256: String
    private var solved: [[Float]]?
    private var loadedUpscaler: StyleUpscaler??
    private var loadedEncoder: LatentSearch?

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

    /// The style's upscaler, read on first use; nil when it has none. A broken upscaler file
    /// throws (it is installed, so saying nothing would hide it).
    public func upscaler() throws -> StyleUpscaler? {
        if let loadedUpscaler { return loadedUpscaler }
        let loaded = try companion(style.upscalerPath, "upscaler") { path in
            let upscaler = try StyleUpscaler(path: path)
            let card = upscaler.upscaler.card
            guard card.style == style.name, card.resolution == generator.resolution else {
                throw ModelFileError("it is made for the style '\(card.style)' at \(card.resolution) px")
            }
            return upscaler
        }
        loadedUpscaler = .some(loaded)
        return loaded
    }

    /// The style's picture encoder (its encoder network when it ships one, else search alone),
    /// made on first use. A broken encoder file throws.
    public func pictureEncoder() throws -> LatentSearch {
        if let loadedEncoder { return loadedEncoder }
        let encoder = try companion(style.encoderPath, "encoder") { path in
            let encoder = try Encoder(path: path)
            let card = encoder.card
            guard card.style == style.name, card.resolution == generator.resolution, card.latentDim == generator.latentDim else {
                throw ModelFileError("it is made for the style '\(card.style)' at \(card.resolution) px, \(card.latentDim) latents")
            }
            return encoder
        }
        let made = LatentSearch(generator: generator, encoder: encoder)
        loadedEncoder = made
        return made
    }

    /// A network installed beside the style (`load` reads and checks it), or nil when there is
    /// none; any failure is one line naming the file.
    private func companion<T>(_ path: String?, _ kind: String, _ load: (String) throws -> T) throws -> T? {
        guard let path else { return nil }
        do { return try load(path) } catch { throw RecipeError("the \(kind) \(path) cannot be used: \(error)") }
    }

    /// The recipe's upscaler field for a picture of `size` px: the style's upscaler when it
    /// enlarges (and `enhance` is on), else none.
    public func upscale(for size: Int, enhance: Bool) throws -> Recipe.Upscale? {
        guard enhance, size > generator.resolution, let upscaler = try upscaler() else { return nil }
        return Recipe.Upscale(sha256: upscaler.sha256, scale: upscaler.scale)
    }

    /// Renders recipes of this style.
    public func render(_ recipes: [Recipe], threads: Int = 1) throws -> [RGBImage] {
        let upscaler = recipes.contains { $0.upscaler != nil } ? try self.upscaler() : nil
        return try RecipeRenderer.render(recipes, with: generator, directions: recipes.contains { !$0.edits.isEmpty } ? directions : nil,
                                         upscaler: upscaler, threads: threads)
    }

    /// The final latent a recipe describes (mixes, edits, truncation applied).
    public func latent(_ recipe: Recipe) throws -> [Float] {
        try RecipeRenderer.latent(for: recipe, dimension: generator.latentDim, directions: directions(for: recipe))
    }
}
