import Foundation
import Encoding
import Gallery
import Latent
import Neural
import Styles
import TermGraphics
import TUI
import PictureMaking
import App

/// `ganvas bench`: times the engine alone — generator forward, warm, many runs.
enum BenchCommand {
    static let help = """
    usage: ganvas bench [--style NAME|PATH] [--threads N] [--batch N] [--seconds S] [--json] [--layers]
                    [--frame FORMAT [--terminal COLSxROWS]] [--gallery DIR]
                    [--encode [--budget-ms N] [--seeds N] [--sheet OUT.png] FILE...]
                    [--prior [--budget-ms N] [--sheet OUT.png] FILE...]

    Times the generator alone (no PNG, no terminal) and prints milliseconds per picture.

      --style NAME|PATH   the model to time (default: emoji)
      --threads N         worker threads, 1 to 64 (default: all cores)
      --batch N           pictures per forward pass, 1 to 256 (default: 1)
      --seconds S         how long to keep timing after warm-up, 0.1 to 60 (default: 2)
      --json              one JSON object instead of text
      --layers            also time each engine step (one thread), mean ms per forward pass
      --frame FORMAT      instead, time one studio slider step: render on the engine's one thread,
                          encode for the preview (sixel, kitty, iterm, sextants, blocks,
                          quadrants, halfblocks), write to /dev/null; ms per frame
      --canvas            with --frame: time a canvas stroke to the style's guess on screen instead
                          (a dab, the encoder's guess, the canvas composed and encoded)
      --terminal CxR      the terminal the preview is laid out in (default: 100x30, cells 10x20 px)
      --upscaler          instead, time the style's upscaler on one picture of the style's size
      --gallery DIR       instead, time opening the studio's gallery on DIR: list, first page of
                          thumbnails (cold cache, then warm), frame, sixel; ms per open
      --encode FILE...    instead, encode each picture into the style (one thread, the default
                          or --budget-ms budget) and compare its RMS error with the best of
                          --seeds random seeds (default 2048); --sheet writes target | best
                          seed | encoded, a row per picture
      --prior FILE...     instead, colourise and fill each picture (real pictures of the style):
                          grey -> --match luma, and a square and a blob hole -> --fill, against a
                          plain encode and the hole painted in the background colour; --sheet
                          writes original | grey | colourised | square hole | filled | blob | filled
    """

    static func run(_ args: [String], console: Console) throws {
        let arguments = try Arguments(args, verb: "bench",
            valued: ["--style", "--threads", "--batch", "--seconds", "--frame", "--terminal", "--gallery", "--budget-ms", "--seeds",
            "--sheet"], switches: ["--json", "--layers", "--upscaler", "--encode", "--prior", "--canvas"])
        if arguments.wantsHelp { return console.out(help) }
        let files = try arguments.positionals(max: arguments.has("--encode") || arguments.has("--prior") ? 10_000 : 0, what: "")
        let threads = try arguments.int("--threads", in: 1...64) ?? ProcessInfo.processInfo.activeProcessorCount
        let batch = try arguments.int("--batch", in: 1...256) ?? 1
        let seconds = Double(try arguments.float("--seconds", in: 0.1...60) ?? 2)
        if let directory = arguments.string("--gallery") {
            return try gallery(directory, terminal: try terminalSize(arguments.string("--terminal")), json: arguments.has("--json"),
                console: console)
        }
        let loaded = try LoadedStyle.forCommand(nameOrPath: arguments.string("--style"),
            catalog: StyleCatalog(environment: console.environment))
        if arguments.has("--encode") {
            return try EncodeBench.run(loaded, files: files,
                budget: try arguments.int("--budget-ms", in: LatentSearch.budgetRange) ?? LatentSearch.defaultBudgetMilliseconds,
                                       seeds: try arguments.int("--seeds", in: 1...100_000) ?? 2048, sheet: arguments.string("--sheet"),
                                       json: arguments.has("--json"), console: console)
        }
        if arguments.has("--prior") {
            return try PriorBench.run(loaded, files: files,
                budget: try arguments.int("--budget-ms", in: LatentSearch.budgetRange) ?? LatentSearch.defaultBudgetMilliseconds,
                                      sheet: arguments.string("--sheet"), json: arguments.has("--json"), console: console)
        }
        if arguments.has("--upscaler") {
            return try upscaler(loaded, threads: threads, seconds: seconds, json: arguments.has("--json"), console: console)
        }
        if let format = arguments.string("--frame") {
            return try frame(loaded, format: format, terminal: arguments.string("--terminal"), seconds: seconds,
                json: arguments.has("--json"), arguments: arguments, console: console)
        }
        let generator = loaded.generator
        let latents = Tensor(shape: [batch, generator.latentDim],
                             data: (0..<batch).flatMap { seededLatent(seed: UInt64($0), dimension: generator.latentDim) })
        for _ in 0..<3 { _ = generator.forward(latents, threads: threads) }
        var times: [Double] = []
        let start = DispatchTime.now().uptimeNanoseconds
        while times.count < 5 || Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < seconds {
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = generator.forward(latents, threads: threads)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        times.sort()
        if arguments.has("--layers") {
            for (step, ms) in generator.network.stepTimes(latents, runs: times.count) {
                console.out(String(format: "%9.3f ms  ", ms) + step)
            }
        }
        let median = times[times.count / 2] / Double(batch), best = times[0] / Double(batch)
        if arguments.has("--json") {
            console.out("{\"style\":\"\(loaded.style.name)\",\"threads\":\(threads),\"batch\":\(batch),\"runs\":\(times.count),"
                + "\"ms_per_image\":\(rounded(median)),\"best_ms_per_image\":\(rounded(best))}")
        } else {
            console.out("\(loaded.style.name): \(rounded(median)) ms per picture (median of \(times.count) runs; best \(rounded(best)) " +
                "ms), batch \(batch), \(threads) thread\(threads == 1 ? "" : "s")")
        }
    }

    static func rounded(_ value: Double) -> String { String(format: "%.3f", value) }

    /// `--frame`: the studio's slider-to-frame path, timed by `FrameBench`.
    static func frame(_ loaded: LoadedStyle, format name: String, terminal: String?, seconds: Double, json: Bool, arguments: Arguments,
        console: Console) throws {
        guard let format = ImageFormat(rawValue: name) else {
            throw CLIError.usage("ganvas bench: --frame must be one of \(ImageFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let sides = try terminalSize(terminal)
        let fd = open("/dev/null", O_WRONLY)
        guard fd >= 0 else { throw CLIError.failure("ganvas bench: cannot open /dev/null") }
        defer { close(fd) }
        let canvas = arguments.has("--canvas")
        var times = try (canvas ? FrameBench.canvas : FrameBench.run)(loaded, format, sides, seconds, fd)
        times.sort()
        let median = times[times.count / 2]
        if json {
            console.out("{\"style\":\"\(loaded.style.name)\",\"frame\":\"\(format.rawValue)\",\"canvas\":\(canvas),"
                + "\"terminal\":\"\(sides.columns)x\(sides.rows)\",\"runs\":\(times.count),\"ms_per_frame\":\(rounded(median))}")
        } else {
            console.out("\(loaded.style.name): \(rounded(median)) ms per " +
                "\(canvas ? "canvas stroke to the guess on screen" : "slider step") (median of \(times.count)), \(format.rawValue) " +
                "preview in a \(sides.columns)x\(sides.rows) terminal")
        }
    }

    /// `--upscaler`: the learned upscaler alone, on a picture of the style's own size.
    static func upscaler(_ loaded: LoadedStyle, threads: Int, seconds: Double, json: Bool, console: Console) throws {
        guard let upscaler = try loaded.upscaler() else {
            throw CLIError.failure("ganvas bench: the style '\(loaded.style.name)' has no upscaler")
        }
        let side = loaded.generator.resolution
        let picture = Tensor(shape: [1, 3, side, side], data: loaded.generator.forward(Tensor(zeros: [1, loaded.generator.latentDim])).data)
        for _ in 0..<3 { _ = try upscaler.upscaler.forward(picture, threads: threads) }
        var times: [Double] = []
        let start = DispatchTime.now().uptimeNanoseconds
        while times.count < 5 || Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < seconds {
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = try upscaler.upscaler.forward(picture, threads: threads)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        times.sort()
        let out = side * upscaler.scale
        if json {
            let ms = rounded(times[times.count / 2])
            console.out("{\"style\":\"\(loaded.style.name)\",\"from\":\(side),\"to\":\(out),\"threads\":\(threads),\"ms\":\(ms)}")
        } else {
            console.out("\(loaded.style.name) upscaler: \(side) → \(out) px in \(rounded(times[times.count / 2])) ms (median of " +
                "\(times.count); \(rounded(times[0]))-\(rounded(times.last!))), \(threads) thread\(threads == 1 ? "" : "s")")
        }
    }

    static func terminalSize(_ text: String?) throws -> (columns: Int, rows: Int) {
        let sides = (text ?? "100x30").split(separator: "x").compactMap { Int($0) }
        guard sides.count == 2, (60...1000).contains(sides[0]), (16...1000).contains(sides[1]) else {
            throw CLIError.usage("ganvas bench: --terminal must be COLSxROWS, at least 60x16")
        }
        return (sides[0], sides[1])
    }

    /// `--gallery`: opening the studio's gallery, timed by `GalleryBench`, in a fresh cache.
    static func gallery(_ directory: String, terminal: (columns: Int, rows: Int), json: Bool, console: Console) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
            throw CLIError.failure("ganvas bench: no gallery folder at \(printable(directory))")
        }
        let cache = NSTemporaryDirectory() + "ganvas-bench-cache-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let result = try GalleryBench.run(directory: directory, cacheHome: cache, terminal: terminal, runs: 9)
        let warm = result.warm.sorted()
        let line = "gallery of \(result.items) items: first open \(rounded(result.cold)) ms (empty thumbnail cache); "
            + "then median \(rounded(warm[warm.count / 2])) ms (\(rounded(warm.first!))-\(rounded(warm.last!)), \(warm.count) opens)"
        if json {
            console.out("{\"items\":\(result.items),\"cold_ms\":\(rounded(result.cold)),"
                + "\"warm_median_ms\":\(rounded(warm[warm.count / 2])),"
                + "\"warm_min_ms\":\(rounded(warm.first!)),\"warm_max_ms\":\(rounded(warm.last!))}")
        } else {
            console.out(line)
        }
    }
}
