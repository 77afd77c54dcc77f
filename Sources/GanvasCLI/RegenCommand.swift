import Gallery
import Imaging
import PictureMaking
import Recipes
import Styles

/// `ganvas regen`: makes a picture again from the recipe in its PNG, optionally checking that
/// the pixels come out identical.
enum RegenCommand {
    static let help = """
    usage: ganvas regen FILE.png [--out FILE|DIR] [--verify] [--style NAME|PATH]

    Reads the recipe Ganvas stored in FILE.png and makes the picture again.

      --verify            compare with FILE.png's pixels; exit 0 only if every pixel matches
      --out FILE|DIR      where to write the new picture (default: the gallery, unless --verify)
      --style NAME|PATH   use this model instead of the one the recipe names (its weights must
                          be the same file, by SHA-256)
    """

    static func run(_ args: [String], console: Console) throws {
        let arguments = try Arguments(args, verb: "regen", valued: ["--out", "--style"], switches: ["--verify"])
        if arguments.wantsHelp { return console.out(help) }
        let files = try arguments.positionals(max: 1, what: "")
        guard let file = files.first else { throw arguments.usage("needs a PNG file") }
        let shown = printable(file)
        let original: RGBImage, recipe: Recipe
        do {
            let (image, text) = try PNGCodec.read(path: file)
            original = image
            recipe = try Provenance.recipe(in: text)
        } catch {
            throw CLIError.failure("ganvas: \(shown): \(error)")
        }
        let catalog = StyleCatalog(environment: console.environment)
        let loaded = try arguments.string("--style").map { try LoadedStyle.forCommand(nameOrPath: $0, catalog: catalog) }
            ?? findStyle(for: recipe, in: catalog, file: shown)
        guard loaded.sha256 == recipe.modelSHA256 else {
            throw CLIError.failure("ganvas: \(shown): style '\(loaded.style.name)' is not the model this picture was made with (sha256 " +
                "\(loaded.sha256.prefix(12)) vs \(recipe.modelSHA256.prefix(12)))")
        }
        let image: RGBImage
        do { image = try loaded.render([recipe])[0] } catch {
            throw CLIError.failure("ganvas: \(shown): \(error)")
        }
        if arguments.has("--verify") {
            try verify(image, against: original, file: shown)
            console.out("\(shown): verified, every pixel matches its recipe")
        }
        if arguments.string("--out") != nil || !arguments.has("--verify") {
            let target = try OutputTarget(arguments.string("--out"), count: 1, environment: console.environment, arguments: arguments)
            console.out(printable(try target.write(image, recipe: recipe)))
        }
    }

    /// The installed style with the recipe's name and weights, or else any with its weights.
    static func findStyle(for recipe: Recipe, in catalog: StyleCatalog, file: String) throws -> LoadedStyle {
        if let style = catalog.style(sha256: recipe.modelSHA256, preferring: recipe.style) { return try LoadedStyle.forCommand(style) }
        if !catalog.list().styles.contains(where: { $0.name == recipe.style }) {
            throw CLIError.failure("ganvas: \(file): no installed style is the model '\(printable(recipe.style))' (sha256 " +
                "\(recipe.modelSHA256.prefix(12))) it was made with")
        }
        throw CLIError.failure("ganvas: \(file): style '\(printable(recipe.style))' has changed since this picture was made (its sha256 " +
            "is no longer \(recipe.modelSHA256.prefix(12)))")
    }

    static func verify(_ image: RGBImage, against original: RGBImage, file: String) throws {
        let reference = original.rgb()
        guard reference.width == image.width, reference.height == image.height else {
            throw CLIError.failure("ganvas: \(file): picture is \(reference.width)x\(reference.height) but its recipe makes " +
                "\(image.width)x\(image.height)")
        }
        let differing = zip(reference.pixels, image.pixels).filter { $0 != $1 }.count
        guard differing == 0 else {
            throw CLIError.failure("ganvas: \(file): \(differing) of \(image.pixels.count) pixel values differ from what its recipe makes")
        }
    }
}
