import Foundation
import Gallery
import Imaging
import PictureMaking
import Recipes
import SafeFiles
import Styles

/// `ganvas generate`: pictures from seeds, saved as PNG with their recipes.
enum GenerateCommand {
    static let help = """
    usage: ganvas generate [--style NAME|PATH] [--seed N] [--count N] [--psi X] [--size PX] [--enhance on|off]
                           [--colours-from SEED|FILE [--colour-level L]] [--out FILE|DIR]

    Makes pictures and prints the path of each PNG written.

      --style NAME|PATH   installed style name or a model file (default: emoji)
      --seed N            seed of the first picture, 0 to 2^64-1 (default: random);
                          --count pictures use seeds N, N+1, ...
      --count N           how many pictures, 1 to 10000 (default: 1)
      --psi X             truncation, 0 to 2: below 1 is more typical, above 1 wilder (default: 1)
      --size PX           output side in pixels, 1 to 4096 (default: the style's own resolution)
      --enhance on|off    larger than the style's pixels: through its learned upscaler when it
                          has one (on, default), or a plain smooth resampling (off)
      --colours-from SEED|FILE
                          the shapes of each seed in the colours of this seed, or of this
                          picture of the same style (its recipe's latent; style mixing)
      --colour-level L    which gates they fill: 0 palette and finish (default),
                          1 and up only finer ones (`ganvas styles` lists them)
      --out FILE|DIR      a .png file (one picture) or a folder; names in a folder are
                          STYLE-SEED.png and never overwrite (default: the gallery,
                          $XDG_PICTURES_DIR/ganvas or ~/Pictures/ganvas)
    """

    static let batchSize = 16

    static func run(_ args: [String], console: Console) throws {
        let arguments = try Arguments(args, verb: "generate",
            valued: ["--style", "--seed", "--count", "--psi", "--size", "--out", "--enhance", "--colours-from",
                    "--colour-level"], switches: [])
        if arguments.wantsHelp { return console.out(help) }
        _ = try arguments.positionals(max: 0, what: "")
        let count = try arguments.int("--count", in: 1...10_000) ?? 1
        let psi = try arguments.float("--psi", in: Recipe.psiRange) ?? 1
        let size = try arguments.int("--size", in: Recipe.sizeRange)
        let firstSeed = try arguments.uint64("--seed") ?? UInt64.random(in: 0...UInt64(UInt32.max))
        let enhance = try arguments.enhance()
        let coloursFrom = try arguments.string("--colours-from").map {
            try SeedOrPicture($0, flag: "--colours-from", arguments: arguments)
        }
        let colourLevel = try arguments.int("--colour-level", in: Recipe.colourLevels)
        if colourLevel != nil && coloursFrom == nil { throw arguments.usage("--colour-level needs --colours-from") }
        let target = try OutputTarget(arguments.string("--out"), count: count, environment: console.environment, arguments: arguments)

        let loaded = try LoadedStyle.forCommand(nameOrPath: arguments.string("--style"),
            catalog: StyleCatalog(environment: console.environment))
        let side = size ?? loaded.generator.resolution
        // A style without gates, or a level past its last, is refused by the renderer before any file is written.
        let colours = try coloursFrom.map { try colourSource($0, level: colourLevel ?? 0, loaded) }
        let upscale: Recipe.Upscale?
        do { upscale = try loaded.upscale(for: side, enhance: enhance) } catch { throw CLIError.failure("ganvas: \(error)") }
        let recipes = (0..<count).map { i in
            var recipe = Recipe(style: loaded.style.name, modelSHA256: loaded.sha256, seed: firstSeed &+ UInt64(i), psi: psi, size: side)
            recipe.upscaler = upscale
            recipe.colours = colours
            return recipe
        }
        for start in stride(from: 0, to: recipes.count, by: batchSize) {
            let batch = Array(recipes[start..<min(start + batchSize, recipes.count)])
            let images = try loaded.render(batch)
            for (recipe, image) in zip(batch, images) {
                console.out(printable(try target.write(image, recipe: recipe)))
            }
        }
    }
}

extension GenerateCommand {
    /// Another seed's colours, or a picture's: its final latent, as the studio's gallery `c` takes them.
    static func colourSource(_ source: SeedOrPicture, level: Int, _ loaded: LoadedStyle) throws -> Recipe.Colours {
        if let seed = source.seed { return Recipe.Colours(seed: seed, level: level) }
        return try CLIError.failing("ganvas: --colours-from: ") {
            Recipe.Colours(latent: try loaded.latent(try source.recipe(loaded)), level: level)
        }
    }
}

/// Where `generate` and `regen` write: one named file, or a folder with generated names.
struct OutputTarget {
    enum Kind { case file(String), folder(GalleryDirectory) }
    let kind: Kind

    init(_ out: String?, count: Int, environment: [String: String], arguments: Arguments) throws {
        guard let out else {
            kind = .folder(GalleryDirectory(environment: environment))
            return
        }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory)
        if (exists && isDirectory.boolValue) || out.hasSuffix("/") || count > 1 {
            if exists && !isDirectory.boolValue {
                throw arguments.usage("--out \(printable(out)) is a file, but \(count) pictures need a folder")
            }
            // `--count 3 --out y.png` made a folder named y.png: a .png name is one picture's.
            if !exists && out.lowercased().hasSuffix(".png") {
                throw arguments.usage("--out \(printable(out)) names one PNG, but \(count) pictures need a folder (--out DIR)")
            }
            kind = .folder(GalleryDirectory(path: out.hasSuffix("/") && out.count > 1 ? String(out.dropLast()) : out))
        } else {
            guard out.lowercased().hasSuffix(".png") else {
                throw arguments.usage("--out must name a .png file or a folder, got '\(printable(out))'")
            }
            // Said before the work (an encode's search, a long batch), not after it.
            let folder = AtomicWrite.directory(of: out)
            guard PathCalls.access(folder, W_OK) == 0 else {
                throw CLIError.failure("ganvas: cannot write \(printable(out)): cannot write in \(printable(folder)): " +
                    "\(String(cString: strerror(errno)))")
            }
            kind = .file(out)
        }
    }

    /// Writes the picture with its recipe; returns the path written. In a folder the name is
    /// `stem` (default STYLE-SEED, or STYLE-latent) and never overwrites.
    func write(_ image: RGBImage, recipe: Recipe, stem: String? = nil) throws -> String {
        let png = try Provenance.png(image, recipe: recipe)
        switch kind {
        case .file(let path):
            do { try AtomicWrite.write(png, to: path) } catch {
                throw CLIError.failure("ganvas: cannot write \(printable(path)): \(error)")
            }
            return path
        case .folder(let gallery):
            do { return try gallery.save(png, stem: stem ?? "\(recipe.style)-\(recipe.seed.map(String.init) ?? "latent")") } catch {
                throw CLIError.failure("ganvas: cannot save in \(printable(gallery.path)): \(error)")
            }
        }
    }
}
