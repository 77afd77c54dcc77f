import Encoding
import Foundation
import Gallery
import Imaging
import Latent
import PictureMaking
import Recipes
import Studio
import TUI

/// The canvas's jobs on the worker thread: making a canvas (sketch, palette, anchor) and following a sketch.
extension EffectRunner {
    /// The search budget of a refinement when a stroke ends: the encode default, given up the
    /// moment a newer stroke asks.
    static let followBudgetMilliseconds = LatentSearch.defaultBudgetMilliseconds

    func openCanvas(_ source: CanvasSource) {
        do {
            let picture = source.picture
            let loaded = try loadedStyle(picture.style), side = loaded.generator.resolution
            let shownPixels = try loaded.render([recipe(picture, loaded)])[0]
            let paper = try CanvasFollowing.paper(of: loaded)
            let sketch: RGBImage, anchor: [Float]?
            switch source {
            case .picture: (sketch, anchor) = (Painting.opaque(shownPixels), try latent(picture, loaded))
            case .blank: (sketch, anchor) = (Painting.paper(side: side, colour: paper), nil)
            case .file(let path, _):
                let image = try PNGCodec.readImage(path: PathCompletion.expand(path, home: environment["HOME"] ?? ""))
                (sketch, anchor) = (Self.fitted(image, side: side, background: try loaded.pictureEncoder().background), nil)
            }
            let fromFile = source.isFile
            if fromFile, !Painting.knowsAnything(sketch) { throw RecipeError("it is wholly transparent: nothing to paint on") }
            // A PNG lies on the page: where it is clear, the paper shows (the eraser still makes holes).
            let canvas = Canvas(style: picture.style, sketch: fromFile ? Painting.onPaper(sketch, colour: paper) : sketch, anchor: anchor,
                followed: shownPixels, palette: palette(loaded), paper: paper)
            post(.canvasOpened(canvas, follow: fromFile))
        } catch {
            post(.canvasFailed(message: "cannot open the canvas: \(error)"))
        }
    }

    /// The encoder's guess at once, then, unless a newer request came, the refined search.
    func follow(request: Int, style: String, sketch: RGBImage, anchor: [Float]?, refine: Bool) {
        do {
            let loaded = try loadedStyle(style)
            let guess = try CanvasFollowing.search(sketch, anchor: anchor, loaded, budget: 0)!
            post(.followed(request: request, latent: guess.latent, image: guess.image, refined: !refine))
            guard refine, !hasNewerFollow else { return }
            let budget = Self.followBudgetMilliseconds
            guard let refined = try CanvasFollowing.search(sketch, anchor: anchor, loaded, budget: budget,
                shouldStop: { [unowned self] in self.hasNewerFollow }) else { return }
            post(.followed(request: request, latent: refined.latent, image: refined.image, refined: true))
        } catch {
            post(.canvasFailed(message: "the style cannot follow: \(error)"))
        }
    }

    /// The style's own colours: nine picked from its first sixteen pictures, dark to light.
    func palette(_ loaded: LoadedStyle) -> [Colour] {
        let side = loaded.generator.resolution
        let pictures = loaded.generator.pixels(for: (1...16).map { seededLatent(seed: UInt64($0), dimension: loaded.generator.latentDim) })
        let sheet = RGBImage(width: side, height: side * pictures.count, pixels: pictures.flatMap { $0 })
        let colours = Quantizer.palette(for: sheet, maxColors: 9).palette.map { Colour($0.x, $0.y, $0.z) }
        return colours.sorted { luma($0) < luma($1) }
    }

    func luma(_ c: Colour) -> Int { 299 * Int(c.red) + 587 * Int(c.green) + 114 * Int(c.blue) }

    /// A PNG as a sketch of the style's size: its colours fitted as `encode` fits them, its
    /// transparent pixels left unpainted.
    static func fitted(_ image: RGBImage, side: Int, background: PixelFit.Colour) -> RGBImage {
        let colour = PixelFit.fit(image, side: side, background: background)
        let known = PixelFit.knownWeights(image, side: side)
        var sketch = Painting.opaque(colour)
        for i in 0..<(side * side) { sketch.pixels[i * 4 + 3] = known[i] >= 0.5 ? 255 : 0 }
        return sketch
    }
}

/// Following a sketch: the search over its painted pixels, each counting its alpha (unpainted 0,
/// kept from the picture a little, painted fully), pulled towards the anchor.
public enum CanvasFollowing {
    /// The style's background as the canvas's paper (unknown pixels show the encoder their
    /// surroundings instead: `HoleContinuation`).
    static func paper(of loaded: LoadedStyle) throws -> Colour {
        let background = try loaded.pictureEncoder().background
        return Colour(background.red, background.green, background.blue)
    }

    /// The latent and its picture; nil when `shouldStop` gave the search up.
    public static func search(_ sketch: RGBImage, anchor: [Float]?, _ loaded: LoadedStyle, budget: Int,
                              shouldStop: (() -> Bool)? = nil) throws -> (latent: [Float], image: RGBImage)? {
        let (colours, weights) = Painting.matched(sketch, background: try paper(of: loaded))
        let options = EncodeOptions(weights: weights, anchor: anchor, budgetMilliseconds: budget)
        guard let result = try loaded.pictureEncoder().encode(colours, options: options, shouldStop: shouldStop) else { return nil }
        let side = loaded.generator.resolution
        return (result.latent, RGBImage(width: side, height: side, pixels: loaded.generator.pixels(for: [result.latent])[0]))
    }
}
