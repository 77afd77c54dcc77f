import Foundation
import Gallery
import Imaging
import Latent
import Neural
import Recipes
import SafeFiles

/// Walks between two latents: frames with exact recipes, written as PNG frames and a GIF.
public enum WalkExport {
    /// The recipe of the frame at `t` between a walk's ends (final latents, already truncated):
    /// the shape's latent slerped from one end to the other, and the colours' too when they mix.
    public static func frameRecipe(_ ends: WalkEnds, t: Float, style: String, modelSHA256: String, size: Int,
                                   upscale: Recipe.Upscale? = nil) -> Recipe {
        var recipe = Recipe(style: style, modelSHA256: modelSHA256, latent: ends.from, psi: 1,
                            mixes: t == 0 ? [] : [Recipe.Mix(latent: Recipe.encodeLatent(ends.to), t: t)], size: size)
        if let colours = ends.colours, let latent = ends.colourLatent(at: t) {
            recipe.colours = Recipe.Colours(latent: latent, level: colours.level)
        }
        recipe.upscaler = upscale
        return recipe
    }

    /// Which animations a walk is written as (its PNG frames are always written).
    public struct Formats: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let gif = Formats(rawValue: 1), apng = Formats(rawValue: 2)
        public static let both: Formats = [.gif, .apng]
    }

    /// What a walk wrote: the frames' folder and the animations.
    public struct Files: Sendable, Equatable {
        public var frames: String
        public var gif: String?
        public var apng: String?
        public var animations: [String] { [gif, apng].compactMap { $0 } }
    }

    /// Renders `frames` frames from one end to the other at `size` px (the model's own when nil; through
    /// `upscaler` when given and the size is larger) and writes
    /// `NAME/frame-NNN.png` and `NAME.gif` and/or `NAME.apng` into `directory`. `progress` is
    /// called after each frame and returns false to cancel (which removes what was written).
    /// Returns nil when cancelled.
    public static func write(_ ends: WalkEnds, frames: Int, style: String, modelSHA256: String,
                             generator: Generator, size: Int? = nil, upscaler: StyleUpscaler? = nil, formats: Formats = .gif,
                             directory: String,
                             progress: (Int) -> Bool) throws -> Files? {
        let gallery = GalleryDirectory(path: directory)
        // The folder is claimed first (mkdir), so two walks started in the same second get two
        // folders and two animation names; each animation is written only if its name is still free.
        let (folder, stem) = try gallery.newSubfolder(stem: "walk-\(style)-\(Int(Date().timeIntervalSince1970))")
        var images: [RGBImage] = [], recipes: [Recipe] = []
        let side = size ?? generator.resolution
        let upscale = side > generator.resolution ? upscaler.map { Recipe.Upscale(sha256: $0.sha256, scale: $0.scale) } : nil
        for i in 0..<frames {
            let t = frames == 1 ? 0 : Float(i) / Float(frames - 1)
            let recipe = frameRecipe(ends, t: t, style: style, modelSHA256: modelSHA256, size: side, upscale: upscale)
            let image = try RecipeRenderer.render([recipe], with: generator, upscaler: upscaler)[0]
            images.append(image)
            recipes.append(recipe)
            _ = try folder.save(try Provenance.png(image, recipe: recipe), stem: String(format: "frame-%03d", i))
            guard progress(i + 1) else {
                try? FileManager.default.removeItem(atPath: folder.path)
                return nil
            }
        }
        // Ping-pong so the loop has no jump.
        let order = Array(images.indices) + images.indices.dropFirst().dropLast().reversed()
        var files = Files(frames: folder.path)
        if formats.contains(.gif) {
            files.gif = try claim(gallery.path + "/" + stem + ".gif", GIFWriter.encode(order.map { images[$0] }, delay: 8,
                                                                                        comment: Provenance.gifComment(style: style,
                                                                                            modelSHA256: modelSHA256)), folder)
        }
        if formats.contains(.apng) {
            // The file's recipe is the first frame's (what a plain PNG reader shows); every frame's
            // recipe, in playing order, is in `ganvas:frames`.
            let text = Provenance.text(for: recipes[0]) + [(framesKey, "[" + order.map { recipes[$0].json() }.joined(separator: ",") + "]")]
            files.apng = try claim(gallery.path + "/" + stem + ".apng",
                try APNGWriter.encode(order.map { images[$0] }, delay: 8, text: text), folder)
        }
        return files
    }

    /// The text key of an APNG walk's per-frame recipes (a JSON array, in playing order).
    public static let framesKey = "ganvas:frames"

    static func claim(_ path: String, _ bytes: [UInt8], _ folder: GalleryDirectory) throws -> String {
        guard try AtomicWrite.writeNew(bytes, to: path) else {
            throw FileError("\(path) appeared while the walk was written; its frames are in \(folder.path)")
        }
        return path
    }
}
