import Foundation
import Imaging
import SafeFiles

/// Where pictures are saved, and saving them there without ever overwriting one.
public struct GalleryDirectory: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// $XDG_PICTURES_DIR/ganvas, or ~/Pictures/ganvas.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let pictures = environment["XDG_PICTURES_DIR"], pictures.hasPrefix("/") {
            path = pictures + "/ganvas"
        } else {
            path = (environment["HOME"] ?? NSHomeDirectory()) + "/Pictures/ganvas"
        }
    }

    /// Creates the folder and its parents; errors carry the system's reason.
    public func create() throws {
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            prefix += "/" + part
            if mkdir(prefix, 0o777) != 0 && errno != EEXIST {
                throw FileError("cannot create \(prefix): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Saves PNG bytes as `stem.png`, or `stem-2.png`, `stem-3.png`… when taken; returns the path.
    /// Atomic and race-free: a name is claimed by link(2), so two writers never collide.
    public func save(_ png: [UInt8], stem: String) throws -> String {
        try create()
        let safeStem = Self.safeStem(stem)
        for n in 1...10_000 {
            let candidate = path + "/" + (n == 1 ? safeStem : "\(safeStem)-\(n)") + ".png"
            if try AtomicWrite.writeNew(png, to: candidate) { return candidate }
        }
        throw FileError("no free file name for \(safeStem) in \(path)")
    }

    /// A file name stem that cannot leave the directory or hide: [A-Za-z0-9._-], no leading dot.
    public static func safeStem(_ stem: String) -> String {
        var cleaned = String(stem.unicodeScalars.map { scalar -> Character in
            let ok = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || "._-".unicodeScalars.contains(scalar)
            return ok ? Character(scalar) : "_"
        }.prefix(80))
        while cleaned.hasPrefix(".") { cleaned.removeFirst() }
        return cleaned.isEmpty ? "picture" : cleaned
    }
}
