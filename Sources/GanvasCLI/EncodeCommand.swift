import Encoding
import Foundation
import Gallery
import Imaging
import PictureMaking
import Recipes
import Styles

/// `ganvas encode`: any picture into a style, as the style's closest picture.
enum EncodeCommand {
    static let help = """
    usage: ganvas encode IN.png [--style NAME|PATH] [--match colour|luma] [--fill] [--budget-ms N]
                         [--size PX] [--enhance on|off] [--out FILE|DIR]

    Finds the style's picture closest to IN.png and saves it with its recipe (the latent itself,
    so 'ganvas regen --verify' remakes it bit for bit). Any PNG: other sizes and shapes are fitted
    and padded on the style's background colour, transparency is composited onto it. The style's
    encoder (when it ships one) makes a first guess; a seeded search refines it, so the same
    picture gives the same result every run. Prints the path written, and how close it came.

      --style NAME|PATH   installed style name or a model file (default: emoji)
      --match colour|luma colour matches every pixel's colour (default); luma matches only its
                          light and dark, so the style chooses the colours (colourising)
      --fill              transparent pixels of IN.png are holes the style fills (inpainting);
                          the rest is matched as usual, partly transparent pixels in proportion
                          (a sketch: give its page alpha 32, as the studio's blank canvas)
      --budget-ms N       the search's budget, 0 to 600000 (default: \(LatentSearch.defaultBudgetMilliseconds)); a fixed amount of
                          work that takes about that long on one thread of a laptop CPU
      --size PX           output side in pixels, 1 to 4096 (default: the style's own resolution)
      --enhance on|off    larger sizes through the style's upscaler (on, default) or resampled
      --out FILE|DIR      a .png file or a folder (default: the gallery)
    """

    static func run(_ args: [String], console: Console) throws {
        let arguments = try Arguments(args, verb: "encode", valued: ["--style", "--match", "--budget-ms", "--size", "--enhance", "--out"],
                                      switches: ["--fill"])
        if arguments.wantsHelp { return console.out(help) }
        guard let file = try arguments.positionals(max: 1, what: "").first else { throw arguments.usage("needs a PNG file") }
        let budget = try arguments.int("--budget-ms", in: LatentSearch.budgetRange) ?? LatentSearch.defaultBudgetMilliseconds
        let size = try arguments.int("--size", in: Recipe.sizeRange)
        let enhance = try arguments.enhance()
        let match = try arguments.match()
        let target = try OutputTarget(arguments.string("--out"), count: 1, environment: console.environment, arguments: arguments)
        let image: RGBImage
        do { image = try PNGCodec.readImage(path: file) } catch { throw CLIError.failure("ganvas: \(printable(file)): \(error)") }

        let style = try LoadedStyle.forCommand(nameOrPath: arguments.string("--style"),
            catalog: StyleCatalog(environment: console.environment))
        let encoded: (recipe: Recipe, result: LatentSearch.Result)
        let options = EncodeOptions(match: match, fill: arguments.has("--fill"), budgetMilliseconds: budget)
        if options.fill && image.channels != 4 {
            console.err("ganvas: \(printable(file)) has no transparent pixels: --fill has no holes to fill")
        }
        do { encoded = try style.encode(image, options: options, size: size, enhance: enhance) } catch {
            throw CLIError.failure("ganvas: \(error)")
        }
        let picture = try style.render([encoded.recipe])[0]
        console.out(printable(try target.write(picture, recipe: encoded.recipe, stem: "\(style.style.name)-encoded")))
        let result = encoded.result
        let start = style.style.encoderPath == nil ? "best seed" : "encoder's guess"
        let over = options.isPlainMatch ? "" : " over " + [options.fill ? "the known pixels" : nil,
            match == .luma ? "luminance" : nil].compactMap { $0 }.joined(separator: ", ")
        console.err(String(format: "ganvas: RMS error %.1f of 255%@ (%@ %.1f), %d generator runs", result.rms, over, start,
            result.startRMS, result.evaluations))
    }
}

extension Arguments {
    /// `--match colour|luma` (default colour; `color` is taken too).
    func match() throws -> MatchMode {
        switch string("--match") ?? "colour" {
        case "colour", "color": return .colour
        case "luma": return .luma
        case let other: throw usage("--match must be colour or luma, got '\(printable(other))'")
        }
    }
}
