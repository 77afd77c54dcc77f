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

    /// A folder directly inside this one (created if missing). A symbolic link or a file of that
    /// name is refused: a link planted in the gallery (as `trash`, say) would lead writes elsewhere.
    public func subfolder(_ name: String) throws -> GalleryDirectory {
        try create()
        let folder = path + "/" + Self.safeStem(name)
        if mkdir(folder, 0o777) != 0 && errno != EEXIST { throw FileError("cannot create \(folder): \(String(cString: strerror(errno)))") }
        try Self.requireRealFolder(folder)
        return GalleryDirectory(path: folder)
    }

    /// A new, empty folder inside this one under a free name (`stem`, `stem-2`, …), claimed by
    /// mkdir so two writers never share one, and whose `.gif` and `.apng` sibling names are free too.
    public func newSubfolder(stem: String) throws -> (folder: GalleryDirectory, stem: String) {
        try create()
        let safe = Self.safeStem(stem)
        for n in 1...10_000 {
            let name = n == 1 ? safe : "\(safe)-\(n)"
            guard access(path + "/" + name + ".gif", F_OK) != 0, access(path + "/" + name + ".apng", F_OK) != 0 else { continue }
            if mkdir(path + "/" + name, 0o777) == 0 { return (GalleryDirectory(path: path + "/" + name), name) }
            guard errno == EEXIST else { throw FileError("cannot create \(path)/\(name): \(String(cString: strerror(errno)))") }
        }
        throw FileError("no free folder name for \(safe) in \(path)")
    }

    static func requireRealFolder(_ folder: String) throws {
        guard let info = PathCalls.lstat(folder) else { throw FileError("cannot open \(folder): \(String(cString: strerror(errno)))") }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return
        case S_IFLNK: throw FileError("\(folder) is a symbolic link; Ganvas writes only into real folders inside the gallery")
        default: throw FileError("\(folder) is not a folder")
        }
    }

    /// Removes hidden temp files that a killed writer left behind (older than an hour, so a
    /// write in progress elsewhere is never touched). Returns how many went.
    @discardableResult
    public func removeStaleTemps(olderThan age: TimeInterval = 3600) -> Int {
        guard let names = FileNames.contents(ofDirectory: path) else { return 0 }
        return removeStaleTemps(among: names, olderThan: age)
    }

    /// The same, among `names` already read from this folder (listing reads them anyway).
    @discardableResult
    func removeStaleTemps(among names: [String], olderThan age: TimeInterval = 3600) -> Int {
        var removed = 0
        for name in names where name.hasPrefix(AtomicWrite.tempPrefix) {
            let file = path + "/" + name
            guard let info = PathCalls.lstat(file), (info.st_mode & S_IFMT) == S_IFREG,
                  Date().timeIntervalSince1970 - Double(info.st_mtim.tv_sec) > age else { continue }
            if PathCalls.unlink(file) == 0 { removed += 1 }
        }
        return removed
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
            let ok = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || "._-".unicodeScalars.contains(scalar)
            return ok ? Character(scalar) : "_"
        }.prefix(80))
        while cleaned.hasPrefix(".") { cleaned.removeFirst() }
        return cleaned.isEmpty ? "picture" : cleaned
    }
}
