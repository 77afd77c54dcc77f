import Foundation

/// Copies of safetensors files with their JSON header edited and every tensor byte kept: how the
/// tests make a second style, a card with one entry changed, or a header the loader must refuse.
public enum SafetensorsHeaderEdit {
    /// `bytes` with the header passed through `edit`, padded with spaces to 8 bytes as writers do.
    public static func edited(_ bytes: [UInt8], _ edit: (inout [String: Any]) throws -> Void) throws -> [UInt8] {
        let length = Int(bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        var header = try JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + length)])) as! [String: Any]
        try edit(&header)
        var json = [UInt8](try JSONSerialization.data(withJSONObject: header))
        while json.count % 8 != 0 { json.append(UInt8(ascii: " ")) }
        return lengthPrefix(UInt64(json.count)) + json + bytes[(8 + length)...]
    }

    /// `bytes` with card entries (`__metadata__`) set.
    public static func withMetadata(_ bytes: [UInt8], _ entries: [String: String]) throws -> [UInt8] {
        try edited(bytes) { header in
            var metadata = header["__metadata__"] as? [String: String] ?? [:]
            metadata.merge(entries) { $1 }
            header["__metadata__"] = metadata
        }
    }

    /// Writes a copy of the model at `path` to `target`, its card naming the style `name` (so
    /// another style with another SHA-256).
    public static func renamedCopy(of path: String, to name: String, at target: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        try Data(withMetadata(bytes, ["ganvas.name": name])).write(to: URL(fileURLWithPath: target))
    }

    /// The 8-byte little-endian length that opens a safetensors file.
    public static func lengthPrefix(_ n: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: n >> (8 * UInt64($0))) } }
}
