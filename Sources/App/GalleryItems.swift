import Foundation
import Gallery
import Recipes
import SafeFiles
import Studio

/// Gallery entries as the studio's browser shows them.
enum GalleryItems {
    /// A gallery entry as the browser shows it (thumbnails come later, a page at a time).
    static func item(_ entry: GalleryEntry) -> GalleryItem {
        let walk = entry.kind == .walk
        let name = FileNames.display(entry.kind == .export ? "exports/" + entry.name : entry.name)
        var item = GalleryItem(path: entry.path, name: name, summary: walk ? walkSummary(entry.path) : summary(entry.recipe),
                               picture: entry.recipe.flatMap(Picture.init(recipe:)), favourite: entry.favourite, thumbnail: nil)
        item.tags = entry.tags
        item.hasRecipe = entry.recipe != nil
        item.kind = walk ? .walk : (entry.kind == .export ? .export : .picture)
        item.date = entry.modified.timeIntervalSince1970
        return item
    }

    static func summary(_ recipe: Recipe?) -> String {
        guard let recipe else { return "no recipe (Enter encodes it into the current style)" }
        let base = recipe.seed.map { "seed \($0)" } ?? "latent"
        return "\(recipe.style) · " + base + (recipe.edits.isEmpty ? "" : " · \(recipe.edits.count) edits")
    }

    static func walkSummary(_ path: String) -> String {
        let frames = FileNames.display((GalleryLibrary.walkFrames(path) as NSString).lastPathComponent)
        return "walk (\((path as NSString).pathExtension.uppercased()); its frames are in \(frames)/)"
    }
}
