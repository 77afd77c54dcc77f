import Foundation
import Gallery
import Neural
import SafeFiles
import Studio
import TermGraphics

/// What one slider step costs the studio, measured through the studio's own code: the picture's
/// recipe with the slider moved, rendered on the engine's one thread, encoded for the preview
/// rectangle of a terminal of the given size, and written out. (When the slider stops, the studio
/// draws the picture once more through the style's upscaler: `ganvas bench --upscaler` times that.) Only the terminal's drawing is
/// left out. For `ganvas bench --frame`.
public enum FrameBench {
    /// Milliseconds per step, one per step, for `seconds` after a warm-up. Output goes to `fd`
    /// (the caller opens /dev/null).
    public static func run(_ loaded: LoadedStyle, format: ImageFormat,
                           terminal: (columns: Int, rows: Int), seconds: Double, fd: Int32) throws -> [Double] {
        let generator = loaded.generator, directions = loaded.directions
        let rect = Layout(width: terminal.columns, height: terminal.rows).preview
        let target = PreviewTarget(format: format, rect: rect, cellWidth: Placement.defaultCell.width,
                                   cellHeight: Placement.defaultCell.height, colors: .full, sixelRegisters: 256, inTmux: false)
        var step = 0
        func frame() throws {
            // The slider walks back and forth over ±3σ, as a held arrow key would move it.
            let amount = Float(step % 24 - 12) / 4
            step += 1
            let recipe = Recipe(style: loaded.style.name, modelSHA256: loaded.sha256, seed: 1, psi: 1, mixes: [],
                                edits: directions.isEmpty ? [] : [Recipe.Edit(direction: 0, amount: amount)], size: generator.resolution)
            let image = try loaded.render([recipe])[0]
            guard writeAll(try PreviewEncoder.bytes(image, target: target), to: fd) else { throw FrameBenchError() }
        }
        for _ in 0..<3 { try frame() }
        var times: [Double] = []
        let start = DispatchTime.now().uptimeNanoseconds
        while times.count < 5 || Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < seconds {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try frame()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        return times
    }
}

struct FrameBenchError: Error, CustomStringConvertible {
    var description: String { "cannot write the frame" }
}
