import CPNG

/// PNGs for the screen, not for keeping: rows unfiltered and deflated at zlib's fastest level.
/// libpng's defaults (adaptive filters, level 6) took about 85 ms for a 120x40 terminal's
/// preview, the whole of an iTerm2 slider step; this is a few milliseconds, for a file a few
/// times larger that never leaves the machine. Any PNG reader decodes it.
public enum QuickPNG {
    public static func encode(_ image: RGBImage) throws -> [UInt8] {
        let rgb = image.rgb()
        guard rgb.width > 0, rgb.height > 0 else { throw PNGError("cannot write an empty picture") }
        let row = rgb.width * 3
        let (size, overflow) = (row + 1).multipliedReportingOverflow(by: rgb.height)
        guard !overflow, rgb.width < 1 << 24, rgb.height < 1 << 24 else { throw PNGError("picture too large") }
        var raw = [UInt8](repeating: 0, count: size)  // each row: filter byte 0 (none), then its pixels
        raw.withUnsafeMutableBufferPointer { out in
            rgb.pixels.withUnsafeBufferPointer { pixels in
                for y in 0..<rgb.height {
                    UnsafeMutableRawPointer(out.baseAddress! + y * (row + 1) + 1)
                        .copyMemory(from: pixels.baseAddress! + y * row, byteCount: row)
                }
            }
        }
        var deflatedSize = compressBound(uLong(size))
        var deflated = [UInt8](repeating: 0, count: Int(deflatedSize))
        let status = deflated.withUnsafeMutableBufferPointer { out in
            raw.withUnsafeBufferPointer { compress2(out.baseAddress, &deflatedSize, $0.baseAddress, uLong(size), Z_BEST_SPEED) }
        }
        guard status == Z_OK else { throw PNGError("zlib could not deflate (\(status))") }
        deflated.removeLast(deflated.count - Int(deflatedSize))
        let header = PNGChunks.bigEndian(UInt32(rgb.width)) + PNGChunks.bigEndian(UInt32(rgb.height)) + [8, 2, 0, 0, 0]
        return PNGChunks.signature + PNGChunks.chunk("IHDR", header) + PNGChunks.chunk("IDAT", deflated) + PNGChunks.chunk("IEND", [])
    }
}
