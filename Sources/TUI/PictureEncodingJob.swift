import Foundation
import Gallery
import Imaging
import Studio

extension EffectRunner {
    /// `Effect.encode`: a PNG file, or a picture of another style, into `styleName`; the result
    /// comes back as the studio's next picture.
    func encode(_ source: EncodeSource, into styleName: String) {
        var name = "the picture"
        do {
            let image: RGBImage
            switch source {
            case .file(let path):
                name = (path as NSString).lastPathComponent
                image = try PNGCodec.readImage(path: PathCompletion.expand(path, home: environment["HOME"] ?? ""))
            case .picture(let picture):
                name = "this \(picture.style) picture"
                let from = try engine(picture.style)
                image = try from.render([recipe(picture, from)])[0]
            }
            let result = try engine(styleName).pictureEncoder().encode(image)
            let picture = Picture(style: styleName, seed: 0, base: result.latent, edits: [Float](repeating: 0, count: StudioState.sliderCount))
            post(.encoded(picture, summary: "encoded \(name) into \(styleName): RMS error \(Int(result.rms.rounded())) of 255 (s saves, u undoes)"))
        } catch {
            post(.encodeFailed(message: "cannot open \(name): \(error)"))
        }
    }
}
