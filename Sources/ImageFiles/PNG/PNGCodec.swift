import CPNG
import SafeFiles

/// PNG pixels through libpng's simplified API (which handles its own errors without longjmp
/// through Swift frames), text chunks through `PNGChunks`.
public enum PNGCodec {
    /// Pictures larger than this many pixels are refused before decoding.
    public static let defaultPixelLimit = 64 * 1024 * 1024
    /// PNG files larger than this are refused before reading.
    public static let maxFileBytes = 512 * 1024 * 1024

    /// Encodes 8-bit RGB or RGBA with the given text entries placed before the image data.
    public static func encode(_ image: RGBImage, text: [(key: String, value: String)] = []) throws -> [UInt8] {
        guard image.width > 0, image.height > 0 else { throw PNGError("cannot write an empty picture") }
        var png = png_image()
        png.version = ganvas_png_image_version()
        png.width = UInt32(image.width)
        png.height = UInt32(image.height)
        png.format = image.channels == 4 ? ganvas_png_format_rgba() : ganvas_png_format_rgb()
        let stride = Int32(image.width * image.channels)
        var size = 0
        let measured = image.pixels.withUnsafeBytes { png_image_write_to_memory(&png, nil, &size, 0, $0.baseAddress, stride, nil) }
        guard measured != 0, size > 0 else { throw PNGError("libpng could not encode: \(message(&png))") }
        var bytes = [UInt8](repeating: 0, count: size)
        let written = bytes.withUnsafeMutableBytes { out in
            image.pixels.withUnsafeBytes { png_image_write_to_memory(&png, out.baseAddress, &size, 0, $0.baseAddress, stride, nil) }
        }
        guard written != 0 else { throw PNGError("libpng could not encode: \(message(&png))") }
        bytes.removeLast(bytes.count - size)
        // Keys copied from other files may be empty, too long or full of controls: such entries
        // would make a file that PNG readers reject, so they are left out.
        let chunks = text.filter { PNGChunks.isValidKeyword($0.key) }.flatMap { PNGChunks.textChunk(key: $0.key, value: $0.value) }
        return try PNGChunks.inserting(chunks, into: bytes)
    }

    /// Decodes any PNG libpng can expand to 8-bit RGB (or RGBA when the file has alpha).
    public static func decode(_ bytes: [UInt8], pixelLimit: Int = defaultPixelLimit) throws -> RGBImage {
        try checkDataCanHoldPixels(bytes)
        if let image = PNGFastPath.decode(bytes, pixelLimit: pixelLimit) { return image }
        return try decodeWithLibpng(bytes, pixelLimit: pixelLimit)
    }

    /// deflate expands at most about 1,032 to 1: a file whose image data could not hold the
    /// pixels its header declares is refused before a buffer is sized from that header (a
    /// 272-byte file claiming 8192x8192 would cost 200 MB first).
    static func checkDataCanHoldPixels(_ bytes: [UInt8]) throws {
        guard bytes.count >= 33, Array(bytes[0..<8]) == PNGChunks.signature, PNGChunks.readUInt32(bytes, 12) == 0x4948_4452 else { return }
        let width = Int(PNGChunks.readUInt32(bytes, 16)), height = Int(PNGChunks.readUInt32(bytes, 20))
        let depth = Int(bytes[24]), samples = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][Int(bytes[25])] ?? 1
        var imageData = 0, position = 8
        while position + 12 <= bytes.count {
            let length = Int(PNGChunks.readUInt32(bytes, position))
            if PNGChunks.readUInt32(bytes, position + 4) == 0x4944_4154 { imageData += min(length, bytes.count) }  // IDAT
            position += 12 + min(length, bytes.count)
        }
        // Each row is a filter byte and its packed samples; interlacing only adds bytes.
        let row = 1 + (width * depth * samples + 7) / 8
        let (needed, overflow) = row.multipliedReportingOverflow(by: height)
        if overflow || needed > 1100 * imageData + 4096 {
            throw PNGError("header declares \(width)x\(height) pixels, more than its \(imageData) bytes of image data can hold")
        }
    }

    static func decodeWithLibpng(_ bytes: [UInt8], pixelLimit: Int = defaultPixelLimit) throws -> RGBImage {
        guard bytes.count >= 8, Array(bytes[0..<8]) == PNGChunks.signature else { throw PNGError("not a PNG file") }
        return try bytes.withUnsafeBytes { raw in
            var png = png_image()
            png.version = ganvas_png_image_version()
            guard png_image_begin_read_from_memory(&png, raw.baseAddress, raw.count) != 0 else {
                throw PNGError("cannot decode: \(message(&png))")
            }
            let width = Int(png.width), height = Int(png.height)
            guard width > 0, height > 0, width <= pixelLimit, height <= pixelLimit,
                    width.multipliedReportingOverflow(by: height).partialValue <= pixelLimit else {
                png_image_free(&png)
                throw PNGError("picture is \(width)x\(height); the limit is \(pixelLimit) pixels")
            }
            let hasAlpha = png.format & UInt32(PNG_FORMAT_FLAG_ALPHA) != 0
            png.format = hasAlpha ? ganvas_png_format_rgba() : ganvas_png_format_rgb()
            let channels = hasAlpha ? 4 : 3
            var pixels = [UInt8](repeating: 0, count: width * height * channels)
            let ok = pixels.withUnsafeMutableBytes { png_image_finish_read(&png, nil, $0.baseAddress, Int32(width * channels), nil) }
            guard ok != 0 else {
                let why = message(&png)
                png_image_free(&png)
                throw PNGError("cannot decode: \(why)")
            }
            return RGBImage(width: width, height: height, channels: channels, pixels: pixels)
        }
    }

    /// Reads a PNG file's pixels only (no walk over its text chunks).
    public static func readImage(path: String, pixelLimit: Int = defaultPixelLimit) throws -> RGBImage {
        let bytes: [UInt8]
        do { bytes = try ReadableFile.contents(of: path,
            limit: maxFileBytes) } catch let error as FileError { throw PNGError(error.description) }
        return try decode(bytes, pixelLimit: pixelLimit)
    }

    /// Reads a PNG file: its pixels and its text entries.
    public static func read(path: String, pixelLimit: Int = defaultPixelLimit) throws -> (image: RGBImage,
        text: [(key: String, value: String)]) {
        let bytes: [UInt8]
        do { bytes = try ReadableFile.contents(of: path,
            limit: maxFileBytes) } catch let error as FileError { throw PNGError(error.description) }
        let text = try PNGChunks.textEntries(of: bytes)
        return (try decode(bytes, pixelLimit: pixelLimit), text)
    }

    static func message(_ png: inout png_image) -> String {
        withUnsafeBytes(of: &png.message) { raw in
            let text = String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            return text.isEmpty ? "unknown error" : text
        }
    }
}
