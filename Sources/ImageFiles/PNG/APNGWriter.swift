/// Animated PNG (APNG): every frame compressed by libpng as a PNG of its own, its image data then
/// moved into the animation (IDAT for the first frame, which plain PNG readers show; fdAT for the
/// rest), with acTL and one fcTL per frame. Lossless, unlike GIF's 256 colours.
public enum APNGWriter {
    /// `delay` in hundredths of a second per frame; loops forever. All frames share one size.
    public static func encode(_ frames: [RGBImage], delay: Int, text: [(key: String, value: String)]) throws -> [UInt8] {
        guard let first = frames.first else { throw PNGError("an animation needs at least one frame") }
        guard frames.allSatisfy({ $0.width == first.width && $0.height == first.height }) else { throw PNGError("frames differ in size") }
        guard frames.count < 1 << 30, (1...65535).contains(delay) else { throw PNGError("too many frames or a bad delay") }
        let encoded = try frames.map { try PNGChunks.chunks(of: try PNGCodec.encode($0.rgb())) }
        guard let header = encoded[0].first(where: { $0.type == "IHDR" }) else { throw PNGError("libpng wrote no header") }
        var out = PNGChunks.signature + PNGChunks.chunk("IHDR", Array(header.data))
        out += PNGChunks.chunk("acTL", be32(frames.count) + be32(0))  // frames, plays (0: forever)
        out += text.filter { PNGChunks.isValidKeyword($0.key) }.flatMap { PNGChunks.textChunk(key: $0.key, value: $0.value) }
        var sequence = 0
        for (index, chunks) in encoded.enumerated() {
            // fcTL: sequence, size, offset 0,0, delay delay/100 s, dispose none, blend source.
            out += PNGChunks.chunk("fcTL", be32(sequence) + be32(first.width) + be32(first.height) + be32(0) + be32(0)
                                    + be16(delay) + be16(100) + [0, 0])
            sequence += 1
            for data in chunks where data.type == "IDAT" {
                if index == 0 {
                    out += PNGChunks.chunk("IDAT", Array(data.data))
                } else {
                    out += PNGChunks.chunk("fdAT", be32(sequence) + Array(data.data))
                    sequence += 1
                }
            }
        }
        return out + PNGChunks.chunk("IEND", [])
    }

    static func be32(_ v: Int) -> [UInt8] { PNGChunks.bigEndian(UInt32(v)) }
    static func be16(_ v: Int) -> [UInt8] { [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
}
