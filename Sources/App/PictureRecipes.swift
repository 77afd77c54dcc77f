import Foundation
import Gallery
import SafeFiles
import Studio
import TUI

/// Studio pictures and gallery recipes, each into the other. (Here rather than in Gallery, which
/// would otherwise depend on the studio's state module.)
enum PictureRecipes {
    /// The recipe that remakes `picture` with a model (its digest, direction count and size).
    static func recipe(_ picture: Picture, sha256: String, directions: Int, size: Int) -> Recipe {
        let edits = picture.edits.enumerated().filter { $0.element != 0 && $0.offset < directions }
            .map { Recipe.Edit(direction: $0.offset, amount: $0.element) }
        return Recipe(style: picture.style, modelSHA256: sha256, seed: picture.base == nil ? picture.seed : nil, latent: picture.base,
            psi: picture.psi,
                      mixes: picture.mixes.map { mix in
                          mix.latent.map { Recipe.Mix(latent: Recipe.encodeLatent($0), t: mix.t) } ?? Recipe.Mix(seed: mix.seed, t: mix.t)
                      }, edits: edits, size: size)
    }

    /// A gallery recipe back as a studio picture, when it is one (known style, sliders in range).
    static func picture(_ recipe: Recipe) -> Picture? {
        guard recipe.edits.allSatisfy({ $0.direction < StudioState.sliderCount }) else { return nil }
        var base: [Float]?
        if let text = recipe.latent {
            guard let z = latent(text) else { return nil }
            base = z
        }
        var edits = [Float](repeating: 0, count: StudioState.sliderCount)
        for edit in recipe.edits { edits[edit.direction] = edit.amount }
        var mixes: [Mix] = []
        for mix in recipe.mixes {
            if let seed = mix.seed {
                mixes.append(Mix(seed: seed, t: mix.t))
            } else if let text = mix.latent, let z = latent(text) {
                mixes.append(Mix(seed: 0, t: mix.t, latent: z))
            } else {
                return nil
            }
        }
        return Picture(style: recipe.style, seed: recipe.seed ?? 0, base: base, psi: recipe.psi, edits: edits, mixes: mixes)
    }

    /// A recipe's base64 latent, whatever its length (the style checks that when it renders).
    static func latent(_ text: String) -> [Float]? {
        guard let bytes = Data(base64Encoded: text), bytes.count % 4 == 0, !bytes.isEmpty else { return nil }
        return try? Recipe.decodeLatent(text, dimension: bytes.count / 4)
    }

    /// A gallery entry as the browser shows it (thumbnails come later, a page at a time).
    static func item(_ entry: GalleryEntry) -> GalleryItem {
        let walk = entry.kind == .walk
        var item = GalleryItem(path: entry.path, name: FileNames.display(entry.kind == .export ? "exports/" + entry.name : entry.name),
                               summary: walk ? "walk (\(((entry.path as NSString).pathExtension).uppercased()); its frames are in \(FileNames.display((GalleryLibrary.walkFrames(entry.path) as NSString).lastPathComponent))/)" : summary(entry.recipe),
                               picture: entry.recipe.flatMap(picture), favourite: entry.favourite, thumbnail: nil)
        item.tags = entry.tags
        item.hasRecipe = entry.recipe != nil
        item.kind = walk ? .walk : (entry.kind == .export ? .export : .picture)
        item.date = entry.modified.timeIntervalSince1970
        return item
    }

    static func summary(_ recipe: Recipe?) -> String {
        guard let recipe else { return "no recipe (Enter encodes it into the current style)" }
        return "\(recipe.style) · " + (recipe.seed.map { "seed \($0)" } ?? "latent") + (recipe.edits.isEmpty ? "" : " · \(recipe.edits.count) edits")
    }
}
