import Imaging
import ModelFile
import Neural
import SafeFiles
import Styles

/// A style's upscaler with the digest recipes cite.
public struct StyleUpscaler: Sendable {
    public let upscaler: Upscaler
    public let sha256: String

    public init(path: String) throws {
        let bytes = try ReadableFile.contents(of: path, limit: SafetensorsFile.maxFileBytes)
        upscaler = try Upscaler(file: SafetensorsFile(bytes: bytes))
        sha256 = SHA256.hex(bytes)
    }

    public var scale: Int { upscaler.scale }

    /// A picture enlarged `scale` times, through the bytes-to-[-1, 1] mapping generators use.
    public func upscale(_ image: RGBImage, threads: Int = 1) throws -> RGBImage {
        let rgb = image.rgb()
        let out = try upscaler.forward(Tensor(shape: [1, 3, rgb.height, rgb.width], data: Generator.planes(rgb.pixels, channels: 3)),
            threads: threads)
        return RGBImage(width: out.shape[3], height: out.shape[2], pixels: Generator.pixels(out.sample(0)))
    }
}
