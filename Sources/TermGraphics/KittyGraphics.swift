import Foundation
import Imaging

/// The kitty graphics protocol: the picture travels base64-encoded in chunks of at most 4096
/// bytes, placed over a cell rectangle, and can later be deleted by id.
public enum KittyGraphics {
    public enum Payload: Sendable { case png, rgb }
    public static let chunkSize = 4096

    /// Transmits and displays `image`; `columns`/`rows` scale it onto that many cells.
    /// Inside tmux each chunk is wrapped in its own passthrough.
    public static func encode(_ image: RGBImage, id: Int = 1, columns: Int? = nil, rows: Int? = nil, payload: Payload = .png,
                              inTmux: Bool = false) throws -> [UInt8] {
        let picture = image.rgb()
        var control = "a=T,i=\(id),q=2"
        let data: [UInt8]
        switch payload {
        case .png:
            control += ",f=100"
            data = try PNGCodec.encode(picture)
        case .rgb:
            control += ",f=24,s=\(picture.width),v=\(picture.height)"
            data = picture.pixels
        }
        if let columns { control += ",c=\(columns)" }
        if let rows { control += ",r=\(rows)" }
        let encoded = Array(Data(data).base64EncodedString().utf8)
        var out: [UInt8] = []
        var start = 0
        repeat {
            let end = min(start + chunkSize, encoded.count)
            let more = end < encoded.count ? 1 : 0
            let keys = start == 0 ? "\(control),m=\(more)" : "m=\(more)"
            let chunk = Array("\u{1B}_G\(keys);".utf8) + encoded[start..<end] + Array("\u{1B}\\".utf8)
            out += inTmux ? TmuxPassthrough.wrap(chunk) : chunk
            start = end
        } while start < encoded.count
        return out
    }

    /// Deletes the image with `id` and its placements.
    public static func delete(id: Int, inTmux: Bool = false) -> [UInt8] {
        let bytes = Array("\u{1B}_Ga=d,d=I,i=\(id),q=2\u{1B}\\".utf8)
        return inTmux ? TmuxPassthrough.wrap(bytes) : bytes
    }
}
