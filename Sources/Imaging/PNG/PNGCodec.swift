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
        let chunks = text.flatMap { PNGChunks.textChunk(key: $0.key, value: $0.value) }
        return try PNGChunks.inserting(chunks, into: bytes)
    }

    /// Decodes any PNG libpng can expand to 8-bit RGB (or RGBA when the file has alpha).
    public static func decode(_ bytes: [UInt8], pixelLimit: Int = defaultPixelLimit) throws -> RGBImage {
        if let image = PNGFastPath.decode(bytes, pixelLimit: pixelLimit) { return image }
        return try decodeWithLibpng(bytes, pixelLimit: pixelLimit)
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
            guard width > 0, height > 0, width.multipliedReportingOverflow(by: height).partialValue <= pixelLimit, width <= pixelLimit, height <= pixelLimit else {
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
        do { bytes = try ReadableFile.contents(of: path, limit: maxFileBytes) } catch let error as FileError { throw PNGError(error.description) }
        return try decode(bytes, pixelLimit: pixelLimit)
    }

    /// Reads a PNG file: its pixels and its text entries.
    public static func read(path: String, pixelLimit: Int = defaultPixelLimit) throws -> (image: RGBImage, text: [(key: String, value: String)]) {
        let bytes: [UInt8]
        do { bytes = try ReadableFile.contents(of: path, limit: maxFileBytes) } catch let error as FileError { throw PNGError(error.description) }
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
