import Gallery
import Imaging
import Neural
import Recipes
import Studio
import TUI

/// The parsers that read files a stranger can hand us, each as one function of raw bytes. A
/// refusal (a thrown error) is the right answer to bad input; a crash, a hang or a huge allocation
/// is a bug. Used by the libFuzzer build (`bench/fuzz.sh`) and by `swift test`, which replays the
/// saved corpus and every crasher through the same functions.
public enum FuzzTargets {
    public static let names = ["model", "png", "recipe", "theme", "preset", "graph"]

    /// Runs `bytes` through target `name`; returns whether the input was accepted.
    @discardableResult
    public static func run(_ name: String, _ bytes: [UInt8]) -> Bool {
        do {
            switch name {
            case "model": try model(bytes)
            case "png": try png(bytes)
            case "recipe": _ = try Recipe.decode(String(decoding: bytes, as: UTF8.self))
            case "theme": _ = try Theme(parsing: String(decoding: bytes, as: UTF8.self))
            case "preset": _ = try Preset(name: "fuzz", text: String(decoding: bytes, as: UTF8.self))
            case "graph": return graph(bytes)
            default: preconditionFailure("no fuzz target \(name)")
            }
            return true
        } catch {
            return false
        }
    }

    /// Header and architecture checks, then (for small models) one forward pass: whatever loads
    /// must run. Upscalers and encoders too (the same format, `ganvas.kind` "upscaler" or "encoder").
    static func model(_ bytes: [UInt8]) throws {
        let file = try SafetensorsFile(bytes: bytes)
        if UpscalerCard.isUpscaler(file.metadata) {
            let upscaler = try Upscaler(file: file)
            _ = try upscaler.forward(Tensor(zeros: [1, 3, 8, 8]))
            return
        }
        if EncoderCard.isEncoder(file.metadata) {
            let encoder = try Encoder(file: file)
            if encoder.card.resolution <= 64 { _ = encoder.forward(Tensor(zeros: [1, 3, encoder.card.resolution,
                encoder.card.resolution])) }
            return
        }
        let generator = try Generator(file: file)
        if generator.resolution <= 64 && generator.latentDim <= 256 {
            _ = generator.forward(Tensor(zeros: [1, generator.latentDim]))
            // Style mixing rewires the same graph (Architecture.mixing): it must load and run too.
            let z = [Float](repeating: 0.5, count: generator.latentDim)
            for level in 0..<min(generator.mixingLevels, 4) { _ = try? generator.mixedPixels(shapes: [z], colours: [z], level: level) }
        }
    }

    /// A random valid graph (`RandomGraphs`): the fast plan must agree with the reference kernels.
    /// A mismatch stops the process, so libFuzzer keeps the input. Returns whether it loaded.
    static func graph(_ bytes: [UInt8]) -> Bool {
        var choices = RandomGraphs.Choices(bytes)
        let graph = RandomGraphs.make(&choices)
        guard let difference = RandomGraphs.difference(graph, choices: &choices) else { return false }
        if !(difference <= RandomGraphs.tolerance) {
            fatalError("fast plan and reference differ by \(difference) on \(graph.json) input \(graph.input) batch \(graph.batch)")
        }
        return true
    }

    /// Chunks, text entries, the recipe inside, and the pixels.
    static func png(_ bytes: [UInt8]) throws {
        let text = try PNGChunks.textEntries(of: bytes)
        _ = try? Provenance.recipe(in: text)
        _ = try PNGCodec.decode(bytes, pixelLimit: 1 << 20)
    }
}
