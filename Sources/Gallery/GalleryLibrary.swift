import Foundation
import Imaging
import SafeFiles

/// One picture in a gallery folder: the PNG is the truth (recipe, favourite, tags live in it).
public struct GalleryEntry: Sendable {
    public var path: String
    public var name: String { (path as NSString).lastPathComponent }
    public var recipe: Recipe?
    public var favourite: Bool
    public var tags: [String]
    public var modified: Date
}

/// Reading and changing the gallery folder: listing, favourites and tags, trash, export.
public enum GalleryLibrary {
    public static let favouriteKey = "ganvas:favourite", tagsKey = "ganvas:tags"

    /// PNGs directly in `directory` (not trash/ or exports/), newest first.
    public static func list(_ directory: String) -> [GalleryEntry] {
        guard let names = FileNames.contents(ofDirectory: directory) else { return [] }
        GalleryDirectory(path: directory).removeStaleTemps(among: names)
        return names.filter { $0.lowercased().hasSuffix(".png") && !$0.hasPrefix(".") }.compactMap { name in
            let path = directory + "/" + name
            guard let bytes = try? ReadableFile.contents(of: path, limit: PNGCodec.maxFileBytes),
                  let text = try? PNGChunks.textEntries(of: bytes) else { return nil }
            let modified = PathCalls.lstat(path).map { Date(timeIntervalSince1970: Double($0.st_mtim.tv_sec) + Double($0.st_mtim.tv_nsec) / 1e9) } ?? .distantPast
            return GalleryEntry(path: path, recipe: try? Provenance.recipe(in: text),
                                favourite: text.contains { $0.key == favouriteKey && $0.value == "1" },
                                tags: text.first { $0.key == tagsKey }?.value.split(separator: ",").map { String($0) } ?? [],
                                modified: modified)
        }.sorted { ($0.modified, $0.name) > ($1.modified, $1.name) }
    }

    /// A small copy of a picture for grids.
    public static func thumbnail(_ path: String, side: Int) -> RGBImage? {
        guard let image = try? PNGCodec.read(path: path, pixelLimit: 16 << 20).image else { return nil }
        return Resize.resize(image.rgb(), width: side, height: side, filter: .smooth)
    }

    /// Rewrites a PNG's text entry `key` (nil removes it), atomically, keeping everything else.
    public static func setText(_ key: String, _ value: String?, in path: String) throws {
        let bytes = try ReadableFile.contents(of: path, limit: PNGCodec.maxFileBytes)
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
    }

    public static func setFavourite(_ favourite: Bool, path: String) throws {
        try setText(favouriteKey, favourite ? "1" : nil, in: path)
    }

    /// Tags are words of [A-Za-z0-9_-], stored comma-separated.
    public static func setTags(_ tags: [String], path: String) throws {
        let clean = tags.map { String($0.filter { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }.prefix(40)) }.filter { !$0.isEmpty }
        try setText(tagsKey, clean.isEmpty ? nil : clean.joined(separator: ","), in: path)
    }

    /// Moves a picture into `trash/` beside it; returns where it went (for undo).
    public static func trash(_ path: String) throws -> String {
        let trash = try GalleryDirectory(path: AtomicWrite.directory(of: path)).subfolder("trash")
        return try move(path, into: trash.path)
    }

    /// Moves a file into `directory` under a free name; returns the new path.
    public static func move(_ path: String, into directory: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        for n in 1...10_000 {
            let target = directory + "/" + (n == 1 ? name : "\(name)-\(n)") + ".png"
            // link + unlink claims the name atomically, never replacing another picture.
            if PathCalls.link(path, target) == 0 {
                PathCalls.unlink(path)
                return target
            }
            guard errno == EEXIST else { throw FileError("cannot move \(path) into \(directory): \(String(cString: strerror(errno)))") }
        }
        throw FileError("no free name in \(directory)")
    }

    /// Exports pictures into `directory`, scaled x`scale`, with recipes that remake them exactly;
    /// with `sheet`, also one contact sheet of them all. Returns the files written.
    public static func export(_ paths: [String], to directory: String, scale: Int, filter: Resize.Filter, sheet: Bool) throws -> [String] {
        let gallery = GalleryDirectory(path: directory)
        var written: [String] = []
        var images: [RGBImage] = []
        for path in paths {
            let (image, text) = try PNGCodec.read(path: path)
            // Refused before any work: an export Ganvas could not read back (over its pixel limit).
            let (side, overflow) = image.width.multipliedReportingOverflow(by: scale)
            let (pixels, overflow2) = side.multipliedReportingOverflow(by: image.height * scale)
            guard !overflow, !overflow2, pixels <= PNGCodec.defaultPixelLimit else {
                throw PNGError("\(image.width)x\(image.height) x\(scale) would be \(image.width * scale)x\(image.height * scale), over the \(PNGCodec.defaultPixelLimit)-pixel limit")
            }
            let scaled = Resize.resize(image, width: image.width * scale, height: image.height * scale, filter: filter)
            images.append(scaled)
            let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension + "-x\(scale)"
            var entries = text.filter { $0.key != Provenance.recipeKey }
            if var recipe = try? Provenance.recipe(in: text) {
                // The exported file's own recipe: the picture's recipe, then this resampling, so it
                // regenerates exactly whatever size the picture was made at.
                recipe.rescales = (recipe.rescales ?? []) + [Recipe.Rescale(size: scaled.width, filter: filter)]
                entries = Provenance.text(for: recipe)
            }
            written.append(try gallery.save(try PNGCodec.encode(scaled, text: entries), stem: stem))
        }
        if sheet && !images.isEmpty {
            written.append(try gallery.save(try PNGCodec.encode(ContactSheet.make(images), text: [("Software", "ganvas \(Provenance.version)"),
                ("Description", "Contact sheet of \(images.count) AI-generated pictures made with Ganvas.")]), stem: "contact-sheet"))
        }
        return written
    }
}

/// Pictures side by side on a grid, as large as the largest.
public enum ContactSheet {
    public static func make(_ images: [RGBImage], gutter: Int = 8) -> RGBImage {
        let columns = Int(Double(images.count).squareRoot().rounded(.up))
        let rows = (images.count + columns - 1) / columns
        let cell = images.map { max($0.width, $0.height) }.max() ?? 1
        var sheet = RGBImage(width: columns * (cell + gutter) + gutter, height: rows * (cell + gutter) + gutter, fill: 255)
        for (i, image) in images.enumerated() {
            let rgb = image.rgb()
            let x0 = gutter + (i % columns) * (cell + gutter), y0 = gutter + (i / columns) * (cell + gutter)
            for y in 0..<rgb.height {
                for x in 0..<rgb.width {
                    let s = (y * rgb.width + x) * 3, d = ((y0 + y) * sheet.width + x0 + x) * 3
                    sheet.pixels[d] = rgb.pixels[s]; sheet.pixels[d + 1] = rgb.pixels[s + 1]; sheet.pixels[d + 2] = rgb.pixels[s + 2]
                }
            }
        }
        return sheet
    }
}
