import Foundation
import Gallery
import Imaging
import Neural
import PictureMaking
import Recipes
import SafeFiles
import Styles

/// `ganvas enhance`: a picture enlarged by a style's learned upscaler.
enum EnhanceCommand {
    static let help = """
    usage: ganvas enhance IN.png [--style NAME|PATH] [--scale N] --out OUT.png

    Enlarges a picture with a style's learned upscaler. A picture Ganvas made is made again at the
    new size (its recipe says how, so 'ganvas regen --verify' checks it); any other picture is run
    through the upscaler and labelled as enlarged by AI.

      --style NAME|PATH   whose upscaler (default: the style in the picture's recipe)
      --scale N           2 to 8 (default: the upscaler's own factor); other factors than the
                          upscaler's are a smooth resampling of its output
      --out OUT.png       where to write (an existing file is replaced)
    """

    static func run(_ args: [String], console: Console) throws {
        let arguments = try Arguments(args, verb: "enhance", valued: ["--style", "--scale", "--out"], switches: [])
        if arguments.wantsHelp { return console.out(help) }
        let files = try arguments.positionals(max: 1, what: "")
        guard let file = files.first else { throw arguments.usage("needs a PNG file") }
        guard let out = arguments.string("--out"), out.lowercased().hasSuffix(".png") else { throw arguments.usage("needs --out FILE.png") }
        let requestedScale = try arguments.int("--scale", in: 2...8)
        let shown = printable(file)
        let image: RGBImage, recipe: Recipe?
        do {
            let read = try PNGCodec.read(path: file, pixelLimit: Upscaler.maxInputPixels)
            image = read.image
            recipe = try? Provenance.recipe(in: read.text)
        } catch {
            throw CLIError.failure("ganvas: \(shown): \(error)")
        }
        guard let styleName = arguments.string("--style") ?? recipe?.style else {
            throw arguments.usage("\(shown) has no Ganvas recipe: say whose upscaler with --style NAME")
        }
        let catalog = StyleCatalog(environment: console.environment)
        let style = try LoadedStyle.forCommand(nameOrPath: styleName, catalog: catalog)
        let png: [UInt8]
        do {
            guard let upscaler = try style.upscaler() else {
                throw CLIError.failure("ganvas: the style '\(style.style.name)' has no upscaler " +
                    "(\(printable(style.style.name)).upscaler.safetensors beside its model)")
            }
            let scale = requestedScale ?? upscaler.scale
            let enhancer = EnhancedExport(catalog: catalog)
            enhancer.remember(style)
            let remade = recipe.map { $0.modelSHA256 == style.sha256 && image.width == image.height } ?? false
            // Refused before any work: a remade picture past what a recipe says would not verify;
            // a picture from elsewhere past what the upscaler's network holds cannot be run.
            if remade, !Recipe.sizeRange.contains(image.width * scale) {
                throw arguments.usage("x\(scale) of \(shown) (\(image.width) px) would be \(image.width * scale) px; a recipe remakes at " +
                    "most \(Recipe.sizeRange.upperBound) px: use --scale \(max(Recipe.sizeRange.upperBound / image.width, 1)) or less")
            }
            if !remade, image.width * image.height > upscaler.upscaler.maxPixels {
                let side = upscaler.upscaler.maxSide
                throw CLIError.failure("ganvas: \(shown) is \(image.width)x\(image.height); this upscaler takes at most " +
                    "\(upscaler.upscaler.maxPixels) pixels (\(side)x\(side))")
            }
            if let recipe, remade, let made = try enhancer.render(recipe, side: image.width * scale, filter: .smooth) {
                png = try Provenance.png(made.image, recipe: made.recipe)
            } else {
                png = try foreign(image, scale: scale, upscaler: upscaler, style: style.style.name, madeBy: recipe)
            }
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError.failure("ganvas: \(shown): \(error)")
        }
        do { try AtomicWrite.write(png, to: out) } catch {
            throw CLIError.failure("ganvas: cannot write \(printable(out)): \(error)")
        }
        console.out(printable(out))
    }

    /// A picture Ganvas did not make: upscaled, resampled to the factor asked, labelled.
    /// `madeBy`: the recipe of a Ganvas picture enlarged with another style's upscaler: the label
    /// still says which GAN made it (wholly AI-made, not a composite) and keeps its recipe as the
    /// source (`ganvas:source-recipe`: these pixels are not that recipe's).
    static func foreign(_ image: RGBImage, scale: Int, upscaler: StyleUpscaler, style: String, madeBy: Recipe? = nil) throws -> [UInt8] {
        let (width, overflow) = image.width.multipliedReportingOverflow(by: scale)
        let (height, overflow2) = image.height.multipliedReportingOverflow(by: scale)
        guard !overflow, !overflow2, width.multipliedReportingOverflow(by: height).partialValue <= PNGCodec.defaultPixelLimit else {
            throw PNGError("x\(scale) would be over the \(PNGCodec.defaultPixelLimit)-pixel limit")
        }
        let enlarged = try upscaler.upscale(image)
        let sized = enlarged.width == width && enlarged.height == height ? enlarged : Resize.resize(enlarged, width: width,
            height: height, filter: .smooth)
        let enlargedBy = "the learned upscaler of the style '\(style)' (sha256 \(upscaler.sha256.prefix(12)))"
        let upscalerModel = "Ganvas upscaler for the style \(style), sha256 \(upscaler.sha256)"
        guard let madeBy else {
            let label = Provenance.label("Picture enlarged x\(scale) by Ganvas with \(enlargedBy).", model: upscalerModel,
                                         sourceType: Provenance.compositeSourceType)
            return try PNGCodec.encode(sized, text: label)
        }
        let gan = "the GAN style '\(madeBy.style)' (model sha256 \(madeBy.modelSHA256.prefix(12)))"
        let label = Provenance.label("AI-generated image, made by Ganvas with \(gan) and enlarged x\(scale) with \(enlargedBy).",
                                     model: "Ganvas GAN style \(madeBy.style), model sha256 \(madeBy.modelSHA256); \(upscalerModel)")
        return try PNGCodec.encode(sized, text: label + [(Provenance.sourceRecipeKey, madeBy.json())])
    }
}
