import Foundation
import Imaging
import SafeFiles
import Styles

/// Small copies of gallery pictures, kept as PNGs under `$XDG_CACHE_HOME/ganvas/thumbnails`
/// (or ~/.cache), named by the SHA-256 of the picture's bytes: a renamed picture keeps its
/// thumbnail, a changed one gets a new one, and nothing in the cache can stand for another file.
public struct ThumbnailCache: Sendable {
    public let folder: String
    public let side: Int

    public init(environment: [String: String], side: Int) {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.cache"
        folder = base + "/ganvas/thumbnails"
        self.side = side
    }

    /// The thumbnail of a PNG, or of a walk (from its first frame); nil when it can't be read.
    public func thumbnail(_ path: String) -> RGBImage? {
        let walk = path.lowercased().hasSuffix(".gif") || path.lowercased().hasSuffix(".apng")
        let source = walk ? GalleryLibrary.walkFrames(path) + "/frame-000.png" : path
        guard let bytes = try? ReadableFile.contents(of: source, limit: PNGCodec.maxFileBytes) else { return nil }
        let cached = folder + "/" + SHA256.hex(bytes) + "-\(side).png"
        if let image = try? PNGCodec.read(path: cached, pixelLimit: side * side).image, image.width == side, image.height == side {
            return image.rgb()
        }
        guard let image = try? PNGCodec.decode(bytes, pixelLimit: 16 << 20) else { return nil }
        let small = Resize.resize(image.rgb(), width: side, height: side, filter: .smooth)
        // The cache is a convenience: a folder that can't be written only costs the next decode.
        if (try? GalleryDirectory(path: folder).create()) != nil, let png = try? PNGCodec.encode(small, text: []) {
            try? AtomicWrite.write(png, to: cached)
        }
        return small
    }
}
