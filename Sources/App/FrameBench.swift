import Foundation
import Gallery
import Imaging
import Latent
import Neural
import PictureMaking
import Recipes
import SafeFiles
import Studio
import TUI
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
            guard writeAll(try PreviewDrawing.bytes(image, target: target), to: fd) else { throw FrameBenchError() }
        }
        return try timed(seconds: seconds, frame)
    }

    /// One canvas stroke to the style's guess on screen, through the studio's own code: a key
    /// stroke through the reducer, the encoder's guess (the search with no budget), the canvas
    /// composed with the new picture, encoded for the preview and written out.
    public static func canvas(_ loaded: LoadedStyle, format: ImageFormat,
                              terminal: (columns: Int, rows: Int), seconds: Double, fd: Int32) throws -> [Double] {
        let side = loaded.generator.resolution
        let target = PreviewTarget(format: format, rect: Layout(width: terminal.columns, height: terminal.rows).preview,
                                   cellWidth: Placement.defaultCell.width, cellHeight: Placement.defaultCell.height,
                                   colors: .full, sixelRegisters: 256, inTmux: false)
        let start = RGBImage(width: side, height: side,
            pixels: loaded.generator.pixels(for: [seededLatent(seed: 1, dimension: loaded.generator.latentDim)])[0])
        var state = StudioState(styles: [StyleEntry(name: loaded.style.name, resolution: side, description: "", card: [])], seed: 1)
        state.screen = ScreenSize(width: terminal.columns, height: terminal.rows)
        let canvas = Canvas(style: loaded.style.name, sketch: start, anchor: seededLatent(seed: 1, dimension: loaded.generator.latentDim),
                            followed: start, palette: [Colour(200, 40, 40), Colour(20, 20, 20)])
        _ = Reducer.reduce(&state, .canvasOpened(canvas, follow: false))
        var step = 0
        func frame() throws {
            // Strokes wander over the sketch as a hand would, one dab each, in alternate colours
            // (so every dab changes the sketch).
            step += 1
            let key: Key = [.right, .down, .left, .up][(step / 7) % 4]
            var effects = Reducer.reduce(&state, .key(key)) + Reducer.reduce(&state, .key(.char(step % 2 == 0 ? "1" : "2")))
            effects += Reducer.reduce(&state, .key(.char(" ")))
            guard case .follow(let request, _, let sketch, let anchor, _)? = effects.last,
                  let guess = try CanvasFollowing.search(sketch, anchor: anchor, loaded, budget: 0) else { throw FrameBenchError() }
            _ = Reducer.reduce(&state, .followed(request: request, latent: guess.latent, image: guess.image, refined: true))
            guard let image = Display.image(state), writeAll(try PreviewDrawing.bytes(image, target: target),
                to: fd) else { throw FrameBenchError() }
        }
        return try timed(seconds: seconds, frame)
    }

    /// Milliseconds of each call of `frame` after three warm-up calls, for at least `seconds` and five calls.
    static func timed(seconds: Double, _ frame: () throws -> Void) throws -> [Double] {
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
