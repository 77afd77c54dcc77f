import Foundation
import Imaging
import Recipes
import SafeFiles

/// One picture in a gallery folder: the PNG is the truth (recipe, favourite, tags live in it).
public struct GalleryEntry: Sendable {
    public enum Kind: Sendable { case picture, export, walk }
    public var path: String {
        didSet { name = Self.fileName(path) }
    }
    /// The file's name (kept, not derived on every use: sorting 2,000 entries by it derived it
    /// 44,000 times, most of `gallery list`'s time).
    public private(set) var name: String
    public var recipe: Recipe?
    public var favourite: Bool
    public var tags: [String]
    public var modified: Date
    public var kind = Kind.picture

    public init(path: String, recipe: Recipe?, favourite: Bool, tags: [String], modified: Date, kind: Kind = .picture) {
        self.path = path
        name = Self.fileName(path)
        self.recipe = recipe
        self.favourite = favourite
        self.tags = tags
        self.modified = modified
        self.kind = kind
    }

    static func fileName(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
    }
}

/// Reading and changing the gallery folder: listing, favourites and tags, trash, export.
public enum GalleryLibrary {
    public static let favouriteKey = "ganvas:favourite", tagsKey = "ganvas:tags"

    /// What the studio's gallery shows (`browse`: pictures, walks, exports), newest first, ties
    /// last name first: the one order of `gallery list` and the studio's date order.
    public static func list(_ directory: String) -> [GalleryEntry] {
        browse(directory).sorted { ($0.modified, $0.name) > ($1.modified, $1.name) }
    }

    /// Everything the studio's gallery browses: the pictures, the exports (in `exports/`) and
    /// the walks (GIFs beside their frame folders).
    public static func browse(_ directory: String) -> [GalleryEntry] {
        guard let names = FileNames.contents(ofDirectory: directory) else { return [] }
        GalleryDirectory(path: directory).removeStaleTemps(among: names)
        let exports = directory + "/exports"
        let walkNames = names.filter { ($0.lowercased().hasSuffix(".gif") || $0.lowercased().hasSuffix(".apng")) && !$0.hasPrefix(".") }
        let walks = walkNames.compactMap { name -> GalleryEntry? in
            let path = directory + "/" + name
            guard let info = PathCalls.lstat(path), info.st_mode & S_IFMT == S_IFREG else { return nil }
            return GalleryEntry(path: path, recipe: nil, favourite: false, tags: [], modified: date(info), kind: .walk)
        }
        return pictures(among: names, in: directory, kind: .picture) + walks
            + pictures(among: FileNames.contents(ofDirectory: exports) ?? [], in: exports, kind: .export)
    }

    static func pictures(among names: [String], in directory: String, kind: GalleryEntry.Kind) -> [GalleryEntry] {
        names.filter { $0.lowercased().hasSuffix(".png") && !$0.hasPrefix(".") }.compactMap { name in
            let path = directory + "/" + name
            guard let bytes = try? ReadableFile.contents(of: path, limit: PNGCodec.maxFileBytes),
                  let text = try? PNGChunks.textEntries(of: bytes) else { return nil }
            return GalleryEntry(path: path, recipe: try? Provenance.recipe(in: text),
                                favourite: text.contains { $0.key == favouriteKey && $0.value == "1" },
                                tags: tags(in: text), modified: PathCalls.lstat(path).map(date) ?? .distantPast, kind: kind)
        }
    }

    static func date(_ info: stat) -> Date { Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9) }

    /// The folder of a walk's PNG frames (the animation's name without .gif or .apng).
    public static func walkFrames(_ animation: String) -> String { (animation as NSString).deletingPathExtension }

    /// The tags a picture carries.
    public static func tags(of path: String) throws -> [String] {
        tags(in: try PNGChunks.textEntries(of: try ReadableFile.contents(of: path, limit: PNGCodec.maxFileBytes)))
    }

    static func tags(in text: [(key: String, value: String)]) -> [String] {
        text.first { $0.key == tagsKey }?.value.split(separator: ",").map { String($0) } ?? []
    }

    /// Rewrites a PNG's text entry `key` (nil removes it), atomically, keeping everything else,
    /// its modification time included: a favourite or a tag is not a new picture, and the
    /// gallery's date order must not change when one is set.
    public static func setText(_ key: String, _ value: String?, in path: String) throws {
        let bytes = try ReadableFile.contents(of: path, limit: PNGCodec.maxFileBytes)
        let modified = PathCalls.lstat(path)?.st_mtim
        var out = Array(bytes[0..<8])
        var inserted = false
        for chunk in try PNGChunks.chunks(of: bytes) {
            if PNGChunks.textEntry(chunk)?.key == key { continue }
            out += PNGChunks.chunk(chunk.type, Array(chunk.data))
            if chunk.type == "IHDR", let value, !inserted {
                out += PNGChunks.textChunk(key: key, value: value)
                inserted = true
            }
        }
        try AtomicWrite.write(out, to: path)
        if let modified { PathCalls.setModificationTime(path, modified) }
    }

    public static func setFavourite(_ favourite: Bool, path: String) throws {
        try setText(favouriteKey, favourite ? "1" : nil, in: path)
    }

    /// Tags are words of [A-Za-z0-9_-], stored comma-separated.
    public static func setTags(_ tags: [String], path: String) throws {
        let clean = tags.map { String($0.filter { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }.prefix(40)) }
            .filter { !$0.isEmpty }
        try setText(tagsKey, clean.isEmpty ? nil : clean.joined(separator: ","), in: path)
    }

    /// Moves a picture into `trash/` beside it; returns where it went (for undo).
    public static func trash(_ path: String) throws -> String {
        let trash = try GalleryDirectory(path: AtomicWrite.directory(of: path)).subfolder("trash")
        return try move(path, into: trash.path)
    }

    /// Moves a file into `directory` under a free name (its extension kept); returns the new path.
    public static func move(_ path: String, into directory: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let file = (path as NSString).lastPathComponent as NSString
        let name = file.deletingPathExtension, ext = file.pathExtension.isEmpty ? "" : "." + file.pathExtension
        for n in 1...10_000 {
            let target = directory + "/" + (n == 1 ? name : "\(name)-\(n)") + ext
            // link + unlink claims the name atomically, never replacing another picture.
            if PathCalls.link(path, target) == 0 {
                PathCalls.unlink(path)
                return target
            }
            guard errno == EEXIST else { throw FileError("cannot move \(path) into \(directory): \(String(cString: strerror(errno)))") }
        }
        throw FileError("no free name in \(directory)")
    }
}
