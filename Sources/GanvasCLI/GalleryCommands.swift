import CTempFiles
import Foundation
import Gallery
import Imaging
import Latent
import PictureMaking
import Recipes
import SafeFiles
import Styles
import TerminalText

/// `ganvas gallery list`: the gallery as lines or JSON.
enum GalleryCommand {
    static let help = """
    usage: ganvas gallery list [--gallery DIR] [--json]

    Lists the gallery as the studio shows it, newest first: pictures, walks (GIF, APNG) and
    exports, with style, seed, favourite and tags. An empty or missing gallery lists nothing.

      --gallery DIR   the gallery folder (default: $XDG_PICTURES_DIR/ganvas or ~/Pictures/ganvas)
      --json          one JSON array of objects
    """

    static func run(_ args: [String], console: Console) throws {
        let arguments = try Arguments(args, verb: "gallery", valued: ["--gallery"], switches: ["--json"])
        if arguments.wantsHelp { return console.out(help) }
        let words = try arguments.positionals(max: 1, what: "")
        guard words == ["list"] else {
            throw arguments.usage(words.isEmpty ? "needs a subcommand: list" : "unknown subcommand '\(printable(words[0]))'")
        }
        let directory = arguments.string("--gallery") ?? GalleryDirectory(environment: console.environment).path
        var isFolder: ObjCBool = false
        // A new install has no gallery yet: nothing to list. Something else by that name is an error.
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), !isFolder.boolValue {
            throw CLIError.failure("ganvas: \(printable(directory)) is not a folder")
        }
        let entries = GalleryLibrary.list(directory)
        if arguments.has("--json") {
            let objects: [[String: Any]] = entries.map { entry in
                var object: [String: Any] = ["file": FileNames.display(entry.path), "favourite": entry.favourite, "tags": entry.tags,
                                             "kind": "\(entry.kind)"]
                if let recipe = entry.recipe {
                    object["style"] = recipe.style
                    if let seed = recipe.seed { object["seed"] = NSNumber(value: seed) }
                    object["recipe"] = (try? JSONSerialization.jsonObject(with: Data(recipe.json().utf8))) ?? [:]
                }
                return object
            }
            let data = try JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys, .withoutEscapingSlashes])
            // JSON escapes C0 controls itself; DEL, C1 and bidi controls get \u escapes here.
            console.out(TerminalText.jsonSafe(String(decoding: data, as: UTF8.self)))
            return
        }
        for entry in entries {
            let made = entry.recipe.map { "\($0.style)  " + ($0.seed.map { "seed \($0)" } ?? "latent") }
            let recipe = made ?? (entry.kind == .walk ? "walk" : "no recipe")
            let tags = entry.tags.isEmpty ? "" : "  #" + entry.tags.joined(separator: " #")
            console.out(printable("\(entry.favourite ? "★" : " ") \(entry.name)  \(recipe)\(tags)"))
        }
    }
}

/// `ganvas export`: copies pictures scaled, with recipes that still remake them.
enum ExportCommand {
    static let help = """
    usage: ganvas export FILE.png... --to DIR [--scale N] [--smooth] [--sheet] [--enhance on|off]

    Writes each picture scaled x N into DIR (never overwriting), with a recipe that remakes it.
    A picture Ganvas made, whose style has a learned upscaler, is made again at the new size
    through it; other pictures (and --enhance off) are resampled.

      --to DIR      where to write (created if missing)
      --scale N     1 to 8 (default 4)
      --smooth      smooth resampling (default: nearest, sharp pixels)
      --sheet       also one contact sheet of all the pictures
      --enhance     on (default) or off
    """

    static func run(_ args: [String], console: Console) throws {
        let arguments = try Arguments(args, verb: "export", valued: ["--to", "--scale", "--enhance"], switches: ["--smooth", "--sheet"])
        if arguments.wantsHelp { return console.out(help) }
        let files = arguments.positionals
        guard !files.isEmpty else { throw arguments.usage("needs at least one PNG file") }
        guard let directory = arguments.string("--to") else { throw arguments.usage("needs --to DIR") }
        let scale = try arguments.int("--scale", in: 1...8) ?? 4
        let enhanced = try arguments.enhance() ? EnhancedExport(catalog: StyleCatalog(environment: console.environment)) : nil
        for file in files {
            do { _ = try PNGCodec.read(path: file, pixelLimit: 16 << 20) } catch {
                throw CLIError.failure("ganvas: \(printable(file)): \(error)")
            }
        }
        do {
            let written = try PictureExport.export(files, to: directory, scale: scale,
                filter: arguments.has("--smooth") ? .smooth : .nearest,
                                                    sheet: arguments.has("--sheet"), enhanced: enhanced)
            for path in written { console.out(printable(path)) }
        } catch {
            throw CLIError.failure("ganvas: cannot export to \(printable(directory)): \(error)")
        }
    }
}

/// `ganvas interpolate`: a walk between two seeds or pictures, as a GIF and PNG frames.
enum InterpolateCommand {
    static let help = """
    usage: ganvas interpolate --from SEED|FILE --to SEED|FILE [--frames N] [--style NAME|PATH]
                              [--format gif|apng|both] [--size PX] [--enhance on|off] [--out DIR]

    Walks through latent space from one picture to another (slerp) and writes NAME.gif and/or
    NAME.apng (looping, there and back) plus a folder of PNG frames, each with its recipe. Prints
    the animations' paths.

      --from, --to   a seed, or a PNG made by Ganvas (its recipe's latent is used)
      --frames N     2 to 240 (default 24)
      --style        the style for seeds (default: emoji; a PNG brings its own)
      --format F     gif (256 colours, default), apng (lossless, every frame's recipe inside) or both
      --size PX      frame size, 8 to 1024 (default: the model's own)
      --enhance on|off  larger frames through the style's learned upscaler (on, default) or not
      --out DIR      where to write (default: the gallery)
    """

    static func run(_ args: [String], console: Console) throws {
        let arguments = try Arguments(args, verb: "interpolate",
            valued: ["--from", "--to", "--frames", "--style", "--out", "--format", "--size", "--enhance"], switches: [])
        if arguments.wantsHelp { return console.out(help) }
        _ = try arguments.positionals(max: 0, what: "")
        guard let from = arguments.string("--from"), let to = arguments.string("--to") else {
            throw arguments.usage("needs --from and --to")
        }
        let frames = try arguments.int("--frames", in: 2...240) ?? 24
        let size = try arguments.int("--size", in: 8...1024)
        let formats: WalkExport.Formats
        switch arguments.string("--format") ?? "gif" {
        case "gif": formats = .gif
        case "apng": formats = .apng
        case "both": formats = .both
        case let other: throw arguments.usage("--format must be gif, apng or both, got '\(printable(other))'")
        }
        let ends = try [from, to].map { try SeedOrPicture($0, flag: "--from/--to", arguments: arguments) }
        let styleName = arguments.string("--style") ?? ends.compactMap(\.recipe?.style).first
        let loaded = try LoadedStyle.forCommand(nameOrPath: styleName, catalog: StyleCatalog(environment: console.environment))
        let walk = try CLIError.failing { try loaded.walkEnds(try ends[0].recipe(loaded), try ends[1].recipe(loaded)) }
        let upscaler = try CLIError.failing { try arguments.enhance() ? try loaded.upscaler() : nil }
        let directory = arguments.string("--out") ?? GalleryDirectory(environment: console.environment).path
        let bar = ProgressBar(total: frames, console: console)
        // A signal lets the walk stop between frames and remove its partial frames folder.
        ganvas_temp_defer(1)
        defer { ganvas_temp_defer(0) }
        do {
            let files = try WalkExport.write(walk, frames: frames, style: loaded.style.name,
                                             modelSHA256: loaded.sha256, generator: loaded.generator, size: size, upscaler: upscaler,
                                             formats: formats,
                                             directory: directory) { done in
                bar.update(done)
                return ganvas_temp_stop_requested() == 0
            }
            bar.finish()
            guard let files else { throw CLIError.interrupted("ganvas: interrupted; the walk's partial frames were removed") }
            for file in files.animations { console.out(printable(file)) }
        } catch let error as CLIError {
            throw error
        } catch {
            bar.finish()
            throw CLIError.failure("ganvas: cannot write the walk into \(printable(directory)): \(error)")
        }
    }
}

/// A one-line progress bar on stderr when it is a terminal; silent otherwise.
final class ProgressBar {
    let total: Int
    let enabled: Bool
    let console: Console

    init(total: Int, console: Console) {
        self.total = total
        self.console = console
        enabled = isatty(2) == 1
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let width = 30, filled = done * width / max(total, 1)
        let line = "\r[" + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled) + "] \(done)/\(total)"
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
