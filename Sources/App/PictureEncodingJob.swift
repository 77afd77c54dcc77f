import Encoding
import Foundation
import Gallery
import Imaging
import Studio
import TUI

extension EffectRunner {
    /// `Effect.encode`: a PNG file, or a picture of another style, into `styleName`; the result
    /// comes back as the studio's next picture.
    func encode(_ source: EncodeSource, into styleName: String) {
        var name = "the picture"
        do {
            let image: RGBImage
            var options = EncodeOptions()
            switch source {
            case .file(let path):
                name = (path as NSString).lastPathComponent
                image = try PNGCodec.readImage(path: PathCompletion.expand(path, home: environment["HOME"] ?? ""))
                options = Self.options(for: image)
            case .picture(let picture):
                name = "this \(picture.style) picture"
                let from = try loadedStyle(picture.style)
                image = try from.render([recipe(picture, from)])[0]
            }
            let result = try loadedStyle(styleName).pictureEncoder().encode(image, options: options)!
            let picture = Picture(style: styleName, seed: 0, base: result.latent,
                edits: [Float](repeating: 0, count: StudioState.sliderCount))
            let how = options.match == .luma ? "colourised" : (options.fill ? "filled the holes of" : "encoded")
            post(.encoded(picture,
                summary: "\(how) \(name) into \(styleName): RMS error \(Int(result.rms.rounded())) of 255 (s saves, u undoes)"))
        } catch {
            post(.encodeFailed(message: "cannot open \(name): \(error)"))
        }
    }

    /// How a PNG opened with `o` is brought in: a grey picture is colourised (only its light and
    /// dark are matched, the style chooses the colours), transparent pixels are holes to fill.
    static func options(for image: RGBImage) -> EncodeOptions {
        let channels = image.channels, count = image.width * image.height
        var grey = true, transparent = false
        for i in 0..<count {
            let p = i * channels
            let r = image.pixels[p], g = image.pixels[p + 1], b = image.pixels[p + 2]
            if channels == 4 && image.pixels[p + 3] < 128 { transparent = true; continue }
            if max(r, g, b) - min(r, g, b) > 3 { grey = false }
        }
        return EncodeOptions(match: grey ? .luma : .colour, fill: transparent)
    }
}
