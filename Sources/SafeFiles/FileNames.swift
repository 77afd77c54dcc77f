#if canImport(Glibc)
import Glibc
#endif

/// File names are bytes; Swift strings are Unicode. A name that is not valid UTF-8 is kept
/// losslessly: each byte that does not decode becomes the scalar U+10FF00 + byte (the end of
/// plane-16 private use), and the system sees the original bytes again wherever Ganvas opens the
/// path. A name that holds such a scalar itself has its four bytes escaped too, so the mapping
/// is exact both ways. (Foundation replaces such bytes with U+FFFD, and the file can't be opened.)
public enum FileNames {
    static let escapeBase: UInt32 = 0x10FF00

    /// The string for a name or path read from the system (readdir, argv).
    public static func string(fromSystem bytes: some Collection<UInt8>) -> String {
        let bytes = Array(bytes)
        var scalars = String.UnicodeScalarView()
        var i = 0
        while i < bytes.count {
            if let (scalar, length) = decodeScalar(bytes, at: i), scalar.value < escapeBase {
                scalars.append(scalar)
                i += length
            } else {
                // An undecodable byte, or the first byte of a literal escape-range scalar: escape
                // one byte and go on (the rest of a literal escape-range scalar follows as bytes).
                let length = decodeScalar(bytes, at: i)?.length ?? 1
                for byte in bytes[i..<i + length] { scalars.append(Unicode.Scalar(escapeBase + UInt32(byte))!) }
                i += length
            }
        }
        return String(scalars)
    }

    /// The bytes the system knows a path by (escapes turned back into their bytes).
    public static func systemBytes(_ path: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(path.utf8.count)
        for scalar in path.unicodeScalars {
            if scalar.value >= escapeBase {
                bytes.append(UInt8(scalar.value - escapeBase))
            } else {
                bytes += String(scalar).utf8
            }
        }
        return bytes
    }

    /// Calls `body` with the path as the system's NUL-terminated bytes.
    public static func withSystemPath<R>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        guard path.unicodeScalars.contains(where: { $0.value >= escapeBase }) else { return try path.withCString(body) }
        let bytes = systemBytes(path).map { CChar(bitPattern: $0) } + [0]
        return try bytes.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    /// Two paths at once (rename, link).
    public static func withSystemPaths<R>(_ a: String, _ b: String,
        _ body: (UnsafePointer<CChar>, UnsafePointer<CChar>) throws -> R) rethrows -> R {
        try withSystemPath(a) { pa in try withSystemPath(b) { pb in try body(pa, pb) } }
    }

    /// How a name is shown to a person: escaped bytes as `\xFF`, the rest as it is.
    public static func display(_ path: String) -> String {
        guard path.unicodeScalars.contains(where: { $0.value >= escapeBase }) else { return path }
        var out = ""
        for scalar in path.unicodeScalars {
            if scalar.value >= escapeBase {
                let hex = String(scalar.value - escapeBase, radix: 16, uppercase: true)
                out += "\\x" + (hex.count < 2 ? "0" : "") + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The names in a folder (without "." and ".."), every one of them, or nil when it can't be read.
    public static func contents(ofDirectory path: String) -> [String]? {
        guard let dir = withSystemPath(path, { opendir($0) }) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                string(fromSystem: raw.prefix { $0 != 0 })
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// One UTF-8 scalar at `i` and its length, or nil when the bytes there are not valid UTF-8
    /// (overlong forms, surrogates and values past U+10FFFF included).
    static func decodeScalar(_ bytes: [UInt8], at i: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        let lead = bytes[i]
        let (length, initial, minimum): (Int, UInt32, UInt32)
        switch lead {
        case 0x00...0x7F: return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF: (length, initial, minimum) = (2, UInt32(lead & 0x1F), 0x80)
        case 0xE0...0xEF: (length, initial, minimum) = (3, UInt32(lead & 0x0F), 0x800)
        case 0xF0...0xF4: (length, initial, minimum) = (4, UInt32(lead & 0x07), 0x10000)
        default: return nil
        }
        guard i + length <= bytes.count else { return nil }
        var value = initial
        for byte in bytes[i + 1..<i + length] {
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}
