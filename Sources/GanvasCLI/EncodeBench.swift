import Foundation
import Encoding
import Gallery
import Imaging
import Latent
import Neural
import PictureMaking

/// `ganvas bench --encode`: how close `encode` comes to pictures, against the best of many random
/// seeds, and how long it takes (one thread). The figures of README's "Bring your own picture".
enum EncodeBench {
    struct Row { var name: String; var random: Double; var encoded: Double; var start: Double; var ms: Double }

    static func run(_ loaded: LoadedStyle, files: [String], budget: Int, seeds: Int, sheet: String?, json: Bool, console: Console) throws {
        guard !files.isEmpty else { throw CLIError.usage("ganvas bench --encode: name the PNG files to encode") }
        let encoder = try loaded.pictureEncoder()
        let pool = randomPictures(loaded.generator, count: seeds)
        var rows: [Row] = [], sheetRows: [[RGBImage]] = []
        for file in files {
            let image: RGBImage
            do { image = try PNGCodec.readImage(path: file) } catch { throw CLIError.failure("ganvas: \(printable(file)): \(error)") }
            let t0 = DispatchTime.now().uptimeNanoseconds
            let result = encoder.encode(image, budgetMilliseconds: budget)
            let ms = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
            let (bestIndex, bestRMS) = closest(in: pool, to: result.target)
            rows.append(Row(name: (file as NSString).lastPathComponent, random: bestRMS, encoded: result.rms, start: result.startRMS,
                ms: ms))
            let encoded = RGBImage(width: result.target.width, height: result.target.height,
                                   pixels: loaded.generator.pixels(for: [result.latent])[0])
            sheetRows.append([result.target, pool[bestIndex], encoded])
            if !json { console.out(line(rows.last!)) }
        }
        let mean = { (key: KeyPath<Row, Double>) in rows.map { $0[keyPath: key] }.reduce(0, +) / Double(rows.count) }
        if json {
            console.out(String(format: "{\"style\":\"%@\",\"pictures\":%d,\"budget_ms\":%d,\"random_seeds\":%d,\"random_rms\":%.2f,"
                + "\"encoded_rms\":%.2f,\"ratio\":%.3f,\"start_rms\":%.2f,\"ms_mean\":%.0f,\"ms_max\":%.0f}",
                               loaded.style.name, rows.count, budget, seeds, mean(\.random), mean(\.encoded),
                               mean(\.encoded) / mean(\.random),
                               mean(\.start), mean(\.ms), rows.map(\.ms).max() ?? 0))
        } else {
            console.out(String(format: "mean: best of %d random seeds %.1f, encoded %.1f (%.2fx), start %.1f; %.0f ms a picture (max " +
                "%.0f), budget %d ms, 1 thread",
                               seeds, mean(\.random), mean(\.encoded), mean(\.encoded) / mean(\.random), mean(\.start), mean(\.ms),
                               rows.map(\.ms).max() ?? 0, budget))
        }
        if let sheet { try writeSheet(sheetRows, to: sheet) }
    }

    static func line(_ row: Row) -> String {
        String(format: "%@  random %.1f  encoded %.1f (%.2fx)  start %.1f  %.0f ms", printable(row.name), row.random, row.encoded,
            row.encoded / row.random, row.start, row.ms)
    }

    /// Seeds 1...count, drawn with every core (this is the baseline, not what is timed).
    static func randomPictures(_ generator: Generator, count: Int) -> [RGBImage] {
        stride(from: 1, through: count, by: 64).flatMap { first in
            let latents = (first...min(count, first + 63)).map { seededLatent(seed: UInt64($0), dimension: generator.latentDim) }
            return generator.pixels(for: latents, threads: ProcessInfo.processInfo.activeProcessorCount).map {
                RGBImage(width: generator.resolution, height: generator.resolution, pixels: $0)
            }
        }
    }

    static func closest(in pool: [RGBImage], to target: RGBImage) -> (Int, Double) {
        var best = (0, Double.infinity)
        for (i, picture) in pool.enumerated() {
            let rms = picture.rmsDifference(target)
            if rms < best.1 { best = (i, rms) }
        }
        return best
    }

    /// Rows of target | best random seed | encoded, 2x, with a 2 px white gutter.
    static func writeSheet(_ rows: [[RGBImage]], to path: String) throws {
        let cells = rows.flatMap { $0 }.map { Resize.resize($0, width: $0.width * 2, height: $0.height * 2, filter: .nearest) }
        let out = ContactSheet.make(cells, columns: 3, gutter: 2)
        do { try Data(try PNGCodec.encode(out)).write(to: URL(fileURLWithPath: path)) } catch {
            throw CLIError.failure("ganvas: cannot write \(printable(path)): \(error)")
        }
    }
}
