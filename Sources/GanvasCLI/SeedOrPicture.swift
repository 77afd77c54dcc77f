import Gallery
import ImageFiles
import PictureMaking
import Recipes

/// A flag's value that names a picture to start from: a seed, or a PNG whose recipe says how it
/// was made (`interpolate --from/--to`, `generate --colours-from`).
struct SeedOrPicture {
    var seed: UInt64?
    var recipe: Recipe?
    let flag: String

    init(_ text: String, flag: String, arguments: Arguments) throws {
        self.flag = flag
        if let seed = UInt64(text) {
            self.seed = seed
            return
        }
        guard text.lowercased().hasSuffix(".png") else {
            throw arguments.usage("\(flag) takes a seed (0 to \(UInt64.max)) or a PNG file, got '\(printable(text))'")
        }
        do { recipe = try Provenance.recipe(in: try PNGCodec.read(path: text).text) } catch {
            throw CLIError.failure("ganvas: \(printable(text)): \(error)")
        }
    }

    /// As a recipe of `loaded`: a seed's own, or the picture's (which must be this model's).
    func recipe(_ loaded: LoadedStyle) throws -> Recipe {
        if let seed {
            return Recipe(style: loaded.style.name, modelSHA256: loaded.sha256, seed: seed, size: loaded.generator.resolution)
        }
        guard let recipe, recipe.modelSHA256 == loaded.sha256 else {
            throw CLIError.failure("ganvas: \(flag): the picture must be made with the style '\(loaded.style.name)' (the same model file)")
        }
        return recipe
    }
}
