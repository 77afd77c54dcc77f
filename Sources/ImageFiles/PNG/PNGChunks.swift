import CPNG

/// The chunk layer of PNG: walking chunks, CRCs, and the text chunks (tEXt, iTXt) that carry
/// Ganvas's provenance. Pixels go through libpng; this part is plain byte work we can test.
public enum PNGChunks {
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    public struct Chunk: Equatable {
        public var type: String
        public var data: ArraySlice<UInt8>
    }

    /// All chunks of a PNG, checking structure and CRCs; stops after IEND.
    public static func chunks(of bytes: [UInt8]) throws -> [Chunk] {
        guard bytes.count >= 8, Array(bytes[0..<8]) == signature else { throw PNGError("not a PNG file") }
        var result: [Chunk] = []
        var position = 8
        while true {
            guard position + 12 <= bytes.count else { throw PNGError("truncated (chunk header at byte \(position))") }
            let length = Int(readUInt32(bytes, position))
            guard length <= bytes.count - position - 12 else {
                throw PNGError("truncated (chunk at byte \(position) claims \(length) bytes)")
            }
            let typeBytes = bytes[(position + 4)..<(position + 8)]
            guard typeBytes.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
                throw PNGError("corrupt chunk type at byte \(position)")
            }
            let stored = readUInt32(bytes, position + 8 + length)
            guard CRC32.checksum(bytes[(position + 4)..<(position + 8 + length)]) == stored else {
                throw PNGError("CRC mismatch in chunk \(String(decoding: typeBytes, as: UTF8.self))")
            }
            let type = String(decoding: typeBytes, as: UTF8.self)
            result.append(Chunk(type: type, data: bytes[(position + 8)..<(position + 8 + length)]))
            position += 12 + length
            if type == "IEND" { return result }
        }
    }

    /// Text entries from tEXt and uncompressed iTXt chunks, in file order.
    public static func textEntries(of bytes: [UInt8]) throws -> [(key: String, value: String)] {
        try chunks(of: bytes).compactMap(textEntry)
    }

    /// Text chunks larger than this are skipped: Ganvas writes none near it (a recipe is at most
    /// 64 KiB), and turning a file's 100 MB chunk into a string cost seconds a file when listing.
    public static let maxTextBytes = 1 << 20

    /// The key and value of a tEXt or uncompressed iTXt chunk; nil for any other chunk.
    public static func textEntry(_ chunk: Chunk) -> (key: String, value: String)? {
        guard chunk.data.count <= maxTextBytes else { return nil }
        switch chunk.type {
        case "tEXt": return parseText(chunk.data)
        case "iTXt": return parseInternationalText(chunk.data)
        default: return nil
        }
    }

    static func parseText(_ data: ArraySlice<UInt8>) -> (key: String, value: String)? {
        guard let zero = data.firstIndex(of: 0) else { return nil }
        return (latin1(data[data.startIndex..<zero]), latin1(data[(zero + 1)...]))
    }

    static func parseInternationalText(_ data: ArraySlice<UInt8>) -> (key: String, value: String)? {
        // keyword \0 compression-flag method language \0 translated-keyword \0 text
        guard let k = data.firstIndex(of: 0), k + 3 <= data.endIndex, data[k + 1] == 0 else { return nil }
        let rest = data[(k + 3)...]
        guard let l = rest.firstIndex(of: 0), let t = rest[(l + 1)...].firstIndex(of: 0) else { return nil }
        return (latin1(data[data.startIndex..<k]), String(decoding: rest[(t + 1)...], as: UTF8.self))
    }

    static func latin1(_ bytes: ArraySlice<UInt8>) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// Whether `key` is a keyword PNG allows (and we write): 1 to 79 printable ASCII characters,
    /// no leading, trailing or doubled spaces. Text read from other files may carry any key.
    public static func isValidKeyword(_ key: String) -> Bool {
        let bytes = Array(key.utf8)
        return (1...79).contains(bytes.count) && bytes.allSatisfy { (0x20...0x7E).contains($0) }
            && bytes.first != 0x20 && bytes.last != 0x20 && !zip(bytes, bytes.dropFirst()).contains { $0 == 0x20 && $1 == 0x20 }
    }

    /// A text chunk: tEXt when the value is plain ASCII, otherwise uncompressed UTF-8 iTXt.
    /// The key must be valid (`isValidKeyword`); `PNGCodec.encode` drops entries whose key is not.
    public static func textChunk(key: String, value: String) -> [UInt8] {
        let ascii = value.utf8.allSatisfy { $0 == 0x0A || (0x20...0x7E).contains($0) }
        if ascii {
            return chunk("tEXt", Array(key.utf8) + [0] + Array(value.utf8))
        }
        return chunk("iTXt", Array(key.utf8) + [0, 0, 0, 0, 0] + Array(value.utf8))
    }

    public static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        var out = bigEndian(UInt32(data.count))
        let body = Array(type.utf8) + data
        out += body
        out += bigEndian(CRC32.checksum(body[...]))
        return out
    }

    /// Inserts encoded chunks right after IHDR (before any image data).
    public static func inserting(_ extra: [UInt8], into png: [UInt8]) throws -> [UInt8] {
        let headerEnd = 8 + 12 + 13
        guard png.count > headerEnd, Array(png[0..<8]) == signature, String(decoding: png[12..<16], as: UTF8.self) == "IHDR" else {
            throw PNGError("not a PNG file")
        }
        return Array(png[0..<headerEnd]) + extra + Array(png[headerEnd...])
    }

    public static func readUInt32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        bytes[at..<(at + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}

/// CRC-32 (ISO 3309), as PNG chunks use it.
public enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// zlib's crc32 (the same polynomial, several bytes a step): the byte-at-a-time loop was a
    /// tenth of opening a gallery of 2,000 pictures.
    public static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            var c: UInt = 0
            var start = buffer.baseAddress, left = buffer.count
            while left > 0, let base = start {  // crc32 takes a 32-bit length
                let n = min(left, Int(Int32.max))
                c = crc32(c, base, UInt32(n))
                start = base + n
                left -= n
            }
            return UInt32(truncatingIfNeeded: c)
        }
    }

    /// The same, a byte at a time (the reference the zlib path is tested against).
    static func checksumByBytes(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
