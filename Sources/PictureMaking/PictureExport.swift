import Foundation
import Gallery
import Imaging
import Recipes

/// Gallery pictures copied out larger: remade through the style's upscaler where it has one,
/// resampled otherwise, each with a recipe that remakes it, and a contact sheet.
public enum PictureExport {
    /// Exports pictures into `directory`, scaled x`scale`, with recipes that remake them exactly;
    /// with `sheet`, also one contact sheet of them all. With `enhanced`, Ganvas pictures whose
    /// style has an upscaler are made again at the new size through it. Returns the files written.
    public static func export(_ paths: [String], to directory: String, scale: Int, filter: Resize.Filter, sheet: Bool,
                              enhanced: EnhancedExport? = nil) throws -> [String] {
        let gallery = GalleryDirectory(path: directory)
        var written: [String] = []
        // Only what the sheet shows is kept: each export is written and let go, its sheet cell kept.
        var thumbnails: [RGBImage] = []
        // Each picture's sheet label: its file name without the extension.
        let names = paths.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension }
        let cell = ContactSheet.cellLimit(count: paths.count, labelled: true)
        for path in paths {
            let (image, text) = try PNGCodec.read(path: path)
            // Refused before any work: an export Ganvas could not read back (over its pixel limit).
            let (side, overflow) = image.width.multipliedReportingOverflow(by: scale)
            let (pixels, overflow2) = side.multipliedReportingOverflow(by: image.height * scale)
            guard !overflow, !overflow2, pixels <= PNGCodec.defaultPixelLimit else {
                throw PNGError("\(image.width)x\(image.height) x\(scale) would be \(image.width * scale)x\(image.height * scale), over " +
                    "the \(PNGCodec.defaultPixelLimit)-pixel limit")
            }
            let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension + "-x\(scale)"
            let recipe = try? Provenance.recipe(in: text)
            // A Ganvas picture's export must remake exactly: its recipe can say at most so many pixels.
            if recipe != nil, !Recipe.rescaleRange.contains(image.width * scale) {
                throw PNGError("\(image.width) px x\(scale) would be \(image.width * scale) px, more than a recipe can remake " +
                    "(\(Recipe.rescaleRange.upperBound))")
            }
            if let recipe, image.width == image.height, scale > 1,
               let made = try enhanced?.render(recipe, side: image.width * scale, filter: filter) {
                if sheet { thumbnails.append(ContactSheet.fitted(made.image, side: cell)) }
                written.append(try gallery.save(try Provenance.png(made.image, recipe: made.recipe), stem: stem))
                continue
            }
            let scaled = Resize.resize(image, width: image.width * scale, height: image.height * scale, filter: filter)
            if sheet { thumbnails.append(ContactSheet.fitted(scaled, side: cell)) }
            var entries = text.filter { $0.key != Provenance.recipeKey }
            if var recipe {
                // The exported file's own recipe: the picture's recipe, then this resampling, so it
                // regenerates exactly whatever size the picture was made at.
                recipe.rescales = (recipe.rescales ?? []) + [Recipe.Rescale(size: scaled.width, filter: filter)]
                entries = Provenance.text(for: recipe)
            }
            written.append(try gallery.save(try PNGCodec.encode(scaled, text: entries), stem: stem))
        }
        if sheet && !thumbnails.isEmpty {
            let label = Provenance.label("Contact sheet of \(thumbnails.count) AI-generated pictures made with Ganvas.",
                model: "Ganvas GAN styles")
            written.append(try gallery.save(try PNGCodec.encode(ContactSheet.make(thumbnails, labels: names), text: label),
                stem: "contact-sheet"))
        }
        return written
    }
}
