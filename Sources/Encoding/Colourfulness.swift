import Imaging
import Latent
import Neural

/// How colourful a picture is, and how colourful a style's pictures usually are. Matching
/// luminance alone (colourising) leaves colour free, and a generator that can draw grey figures
/// answers a grey picture in grey: the ngf 48 emoji kept 0.54x of the real pictures' colour. A
/// colourised picture is asked to be at least as colourful as the style's typical picture, so a
/// grey style (glyphs) stays grey and a colourful one colourises.
public enum Colourfulness {
    /// Chroma, √(Cb² + Cr²) (Rec. 601), of one colour in any units.
    static func chroma(_ r: Float, _ g: Float, _ b: Float) -> Float {
        let cb = -0.168736 * r - 0.331264 * g + 0.5 * b, cr = 0.5 * r - 0.418688 * g - 0.081312 * b
        return (cb * cb + cr * cr).squareRoot()
    }

    /// Mean chroma of [3, n] planes, in the planes' units.
    static func of(_ planes: [Float]) -> Double {
        let n = planes.count / 3
        guard n > 0 else { return 0 }
        var sum: Float = 0
        planes.withUnsafeBufferPointer { p in
            for i in 0..<n { sum += chroma(p[i], p[n + i], p[2 * n + i]) }
        }
        return Double(sum) / Double(n)
    }

    /// Mean chroma of an RGB picture, on 0–255: its planes' chroma scaled back (Cb and Cr are
    /// differences of channels, so the planes' offset of -1 cancels and only 1/127.5 remains).
    public static func of(_ image: RGBImage) -> Double {
        guard image.channels >= 3 else { return 0 }
        return 127.5 * of(Generator.planes(image.pixels, channels: image.channels))
    }

    /// The median colourfulness of the style's seeds 1…32: what a colourised picture should reach.
    static func typical(of generator: Generator) -> Double {
        let count = 32, d = generator.latentDim
        let latents = (1...count).flatMap { seededLatent(seed: UInt64($0), dimension: d) }
        let pictures = generator.forward(Tensor(shape: [count, d], data: latents)).data
        let size = pictures.count / count
        let values = (0..<count).map { of(Array(pictures[($0 * size)..<(($0 + 1) * size)])) }.filter(\.isFinite).sorted()
        return values.isEmpty ? 0 : values[values.count / 2]
    }
}
