import Imaging

/// Animated GIF (GIF89a): one global palette chosen over all frames, LZW-compressed frames,
/// looping forever.
public enum GIFWriter {
    /// `delay` is in hundredths of a second per frame; `comment`, when given, goes into a
    /// comment extension (ASCII; other characters become '?').
    public static func encode(_ frames: [RGBImage], delay: Int = 8, comment: String? = nil) -> [UInt8] {
        precondition(!frames.isEmpty, "a GIF needs at least one frame")
        let width = frames[0].width, height = frames[0].height
        let rgbFrames = frames.map { $0.rgb() }
        // One palette for the whole walk, so colours do not flicker between frames.
        let sheet = RGBImage(width: width, height: height * rgbFrames.count, pixels: rgbFrames.flatMap(\.pixels))
        let quantized = Quantizer.palette(for: sheet, maxColors: 256)
        let palette = quantized.palette
        var out = Array("GIF89a".utf8)
        out += le16(width) + le16(height)
        out += [0xF7, 0, 0]  // global colour table of 256 entries, 8 bits per primary
        for i in 0..<256 {
            let c = i < palette.count ? palette[i] : SIMD3<UInt8>(0, 0, 0)
            out += [c.x, c.y, c.z]
        }
        out += [0x21, 0xFF, 0x0B] + Array("NETSCAPE2.0".utf8) + [0x03, 0x01, 0x00, 0x00, 0x00]  // loop forever
        if let comment {
            let printable = comment.unicodeScalars.map { (0x20...0x7E).contains($0.value) ? UInt8($0.value) : UInt8(ascii: "?") }
            out += [0x21, 0xFE] + subBlocks(printable)
        }
        for frame in rgbFrames {
            out += [0x21, 0xF9, 0x04, 0x00] + le16(delay) + [0x00, 0x00]
            out += [0x2C] + le16(0) + le16(0) + le16(width) + le16(height) + [0x00]
            // Diffusion's colour look-up is approximate: exact palettes map exactly instead.
            let indices = (quantized.exact || palette.count < 2 ? Dither.none : Dither.floydSteinberg).indices(frame, palette: palette)
            out.append(8)
            out += subBlocks(LZW.compress(indices, minimumCodeSize: 8))
        }
        out.append(0x3B)
        return out
    }

    static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }

    static func subBlocks(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < data.count {
            let n = min(255, data.count - i)
            out.append(UInt8(n))
            out += data[i..<(i + n)]
            i += n
        }
        out.append(0)
        return out
    }
}

/// GIF's variable-width LZW.
enum LZW {
    static func compress(_ indices: [UInt8], minimumCodeSize: Int) -> [UInt8] {
        let clear = 1 << minimumCodeSize, end = clear + 1
        var writer = BitWriter()
        var table: [Int: Int] = [:]
        var next = end + 1
        var width = minimumCodeSize + 1
        writer.write(clear, width: width)
        guard var prefix = indices.first.map(Int.init) else {
            writer.write(end, width: width)
            return writer.finish()
        }
        for symbol in indices.dropFirst() {
            let key = prefix << 8 | Int(symbol)
            if let code = table[key] {
                prefix = code
                continue
            }
            writer.write(prefix, width: width)
            if next < 4096 {
                table[key] = next
                if next == 1 << width && width < 12 { width += 1 }
                next += 1
            } else {
                writer.write(clear, width: width)
                table.removeAll(keepingCapacity: true)
                next = end + 1
                width = minimumCodeSize + 1
            }
            prefix = Int(symbol)
        }
        writer.write(prefix, width: width)
        writer.write(end, width: width)
        return writer.finish()
    }

    struct BitWriter {
        var bytes: [UInt8] = []
        var buffer = 0, count = 0
        mutating func write(_ code: Int, width: Int) {
            buffer |= code << count
            count += width
            while count >= 8 {
                bytes.append(UInt8(buffer & 0xFF))
                buffer >>= 8
                count -= 8
            }
        }
        mutating func finish() -> [UInt8] {
            if count > 0 { bytes.append(UInt8(buffer & 0xFF)) }
            return bytes
        }
    }
}
