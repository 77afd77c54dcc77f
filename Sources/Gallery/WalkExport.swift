import Foundation
import Imaging
import Latent
import Neural
import SafeFiles

/// Walks between two latents: frames with exact recipes, written as PNG frames and a GIF.
public enum WalkExport {
    /// The recipe of the frame at `t` between two final latents (already truncated).
    public static func frameRecipe(from a: [Float], to b: [Float], t: Float, style: String, modelSHA256: String, size: Int) -> Recipe {
        Recipe(style: style, modelSHA256: modelSHA256, latent: a, psi: 1,
               mixes: t == 0 ? [] : [Recipe.Mix(latent: Recipe.encodeLatent(b), t: t)], size: size)
    }

    /// Renders `frames` frames from a to b and writes `NAME/frame-NNN.png` and `NAME.gif` into
    /// `directory`. `progress` is called after each frame and returns false to cancel (which
    /// removes what was written). Returns the GIF's path, or nil when cancelled.
    public static func write(from a: [Float], to b: [Float], frames: Int, style: String, modelSHA256: String,
                             generator: Generator, directory: String, progress: (Int) -> Bool) throws -> String? {
        let gallery = GalleryDirectory(path: directory)
        // The folder is claimed first (mkdir), so two walks started in the same second get two
        // folders and two GIF names; the GIF is written only if its name is still free.
        let (folder, stem) = try gallery.newSubfolder(stem: "walk-\(style)-\(Int(Date().timeIntervalSince1970))")
        var images: [RGBImage] = []
        for i in 0..<frames {
            let t = frames == 1 ? 0 : Float(i) / Float(frames - 1)
            let recipe = frameRecipe(from: a, to: b, t: t, style: style, modelSHA256: modelSHA256, size: generator.resolution)
            let image = try RecipeRenderer.render([recipe], with: generator)[0]
            images.append(image)
            _ = try folder.save(try Provenance.png(image, recipe: recipe), stem: String(format: "frame-%03d", i))
            guard progress(i + 1) else {
                try? FileManager.default.removeItem(atPath: folder.path)
                return nil
            }
        }
        // Ping-pong so the loop has no jump.
        let loop = images + images.dropFirst().dropLast().reversed()
        let gif = gallery.path + "/" + stem + ".gif"
        guard try AtomicWrite.writeNew(GIFEncoder.encode(loop, delay: 8, comment: Provenance.gifComment(style: style, modelSHA256: modelSHA256)), to: gif) else {
            throw FileError("\(gif) appeared while the walk was written; its frames are in \(folder.path)")
        }
        return gif
    }
}
