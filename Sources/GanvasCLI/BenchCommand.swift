import Foundation
import Latent
import Neural
import Styles

/// `ganvas bench`: times the engine alone — generator forward, warm, many runs.
enum BenchCommand {
    static let help = """
    usage: ganvas bench [--style NAME|PATH] [--threads N] [--batch N] [--seconds S] [--json] [--layers]

    Times the generator alone (no PNG, no terminal) and prints milliseconds per picture.

      --style NAME|PATH   the model to time (default: emoji)
      --threads N         worker threads, 1 to 64 (default: all cores)
      --batch N           pictures per forward pass, 1 to 256 (default: 1)
      --seconds S         how long to keep timing after warm-up, 0.1 to 60 (default: 2)
      --json              one JSON object instead of text
      --layers            also time each engine step (one thread), mean ms per forward pass
    """

    static func run(_ args: [String], console: Console) throws {
        let arguments = try Arguments(args, verb: "bench", valued: ["--style", "--threads", "--batch", "--seconds"], switches: ["--json", "--layers"])
        if arguments.wantsHelp { return console.out(help) }
        _ = try arguments.positionals(max: 0, what: "")
        let threads = try arguments.int("--threads", in: 1...64) ?? ProcessInfo.processInfo.activeProcessorCount
        let batch = try arguments.int("--batch", in: 1...256) ?? 1
        let seconds = Double(try arguments.float("--seconds", in: 0.1...60) ?? 2)
        let loaded = try LoadedStyle(nameOrPath: arguments.string("--style"), catalog: StyleCatalog(environment: console.environment))
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
            console.out("\(loaded.style.name): \(rounded(median)) ms per picture (median of \(times.count) runs; best \(rounded(best)) ms), batch \(batch), \(threads) thread\(threads == 1 ? "" : "s")")
        }
    }

    static func rounded(_ value: Double) -> String { String(format: "%.3f", value) }
}
