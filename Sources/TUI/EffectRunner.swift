import Foundation
import Gallery
import Imaging
import Neural
import Studio
import Styles
import TermGraphics

/// Where and how the preview is drawn; part of every render request.
struct PreviewTarget: Equatable, Sendable {
    var format: ImageFormat
    var rect: Rect
    var cellWidth: Int, cellHeight: Int
    var colors: ColorDepth
    var sixelRegisters: Int
    var inTmux: Bool
}

/// Runs the studio's effects on a background thread: rendering (the newest request wins;
/// stale ones are dropped unstarted) and saving (every save runs, in order). Results wait in
/// `drain()` for the main thread.
final class EffectRunner: @unchecked Sendable {
    enum Outcome {
        case rendered(request: Int, image: RGBImage, preview: [UInt8])
        case failed(request: Int, message: String)
        case saved(path: String)
        case saveFailed(message: String)
    }

    /// A loaded style with what recipes need.
    struct Engine {
        let generator: Generator
        let sha256: String
        let directions: [[Float]]
    }

    private let condition = NSCondition()
    private var pendingRender: (request: Int, picture: Picture, target: PreviewTarget)?
    private var pendingSaves: [Picture] = []
    private var outcomes: [Outcome] = []
    private var stopped = false
    private var engines: [String: Engine] = [:]
    private let styles: [Style]
    private let gallery: GalleryDirectory
    private var thread: Thread?

    init(styles: [Style], gallery: GalleryDirectory) {
        self.styles = styles
        self.gallery = gallery
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "ganvas-engine"
        self.thread = thread
        thread.start()
    }

    func render(request: Int, picture: Picture, target: PreviewTarget) {
        condition.lock()
        pendingRender = (request, picture, target)
        condition.signal()
        condition.unlock()
    }

    func save(_ picture: Picture) {
        condition.lock()
        pendingSaves.append(picture)
        condition.signal()
        condition.unlock()
    }

    func drain() -> [Outcome] {
        condition.lock()
        defer { condition.unlock() }
        let done = outcomes
        outcomes.removeAll()
        return done
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while !stopped && pendingRender == nil && pendingSaves.isEmpty { condition.wait() }
            if stopped { condition.unlock(); return }
            let save = pendingSaves.isEmpty ? nil : pendingSaves.removeFirst()
            let render = save == nil ? pendingRender : nil
            if render != nil { pendingRender = nil }
            condition.unlock()
            let outcome: Outcome
            if let save {
                outcome = perform(save: save)
            } else if let render {
                outcome = perform(render: render)
            } else {
                continue
            }
            condition.lock()
            outcomes.append(outcome)
            condition.unlock()
        }
    }

    private func engine(_ name: String) throws -> Engine {
        if let engine = engines[name] { return engine }
        guard let style = styles.first(where: { $0.name == name }) else { throw StyleError("style \(name) is gone") }
        let generator = try style.load()
        let engine = Engine(generator: generator, sha256: try style.sha256(), directions: EditDirections.of(generator))
        engines[name] = engine
        return engine
    }

    func recipe(_ picture: Picture, _ engine: Engine) -> Recipe {
        let edits = picture.edits.enumerated().filter { $0.element != 0 && $0.offset < engine.directions.count }
            .map { Recipe.Edit(direction: $0.offset, amount: $0.element) }
        return Recipe(style: picture.style, modelSHA256: engine.sha256, seed: picture.seed, psi: picture.psi,
                      edits: edits, size: engine.generator.resolution)
    }

    private func perform(render: (request: Int, picture: Picture, target: PreviewTarget)) -> Outcome {
        do {
            let engine = try engine(render.picture.style)
            let image = try RecipeRenderer.render([recipe(render.picture, engine)], with: engine.generator, directions: engine.directions)[0]
            return .rendered(request: render.request, image: image, preview: try PreviewEncoder.bytes(image, target: render.target))
        } catch {
            return .failed(request: render.request, message: "cannot render: \(error)")
        }
    }

    private func perform(save picture: Picture) -> Outcome {
        do {
            let engine = try engine(picture.style)
            let recipe = recipe(picture, engine)
            let image = try RecipeRenderer.render([recipe], with: engine.generator, directions: engine.directions)[0]
            let path = try gallery.save(try Provenance.png(image, recipe: recipe), stem: "\(picture.style)-\(picture.seed)")
            return .saved(path: path)
        } catch {
            return .saveFailed(message: "\(error)")
        }
    }
}

/// Turns a picture into the bytes that draw it inside the preview rectangle, cursor saved and
/// restored around it so curses' idea of the screen stays right.
enum PreviewEncoder {
    static let kittyID = 1

    static func bytes(_ image: RGBImage, target: PreviewTarget) throws -> [UInt8] {
        let rect = target.rect
        guard rect.width > 0, rect.height > 0 else { return [] }
        let screen = Placement.Screen(columns: rect.width, rows: rect.height + 1, cellWidth: target.cellWidth, cellHeight: target.cellHeight)
        let placement = Placement.fit(width: image.width, height: image.height, format: target.format, columns: nil, rows: nil,
                                      pixelWidth: nil, screen: screen)
        let x = rect.x + max((rect.width - placement.columns) / 2, 0), y = rect.y
        var out = Array("\u{1B}7".utf8)
        if let mode = target.format.textMode {
            let grid = CellGrid(image, columns: min(placement.columns, rect.width), rows: min(placement.rows, rect.height), mode: mode, depth: target.colors)
            for row in 0..<grid.rows {
                out += cursor(x: x, y: y + row) + grid.ansiRow(row)
            }
        } else {
            if target.format == .kitty { out += KittyEncoder.delete(id: kittyID) }
            out += cursor(x: x, y: y)
            let sized = Resize.resize(image, width: placement.pixelWidth, height: placement.pixelHeight, filter: .smooth)
            switch target.format {
            case .kitty: out += try KittyEncoder.encode(sized, id: kittyID, inTmux: target.inTmux)
            case .iterm: out += try ITermEncoder.encode(sized)
            default: out += SixelEncoder.encode(sized, options: .init(maxColors: target.sixelRegisters))
            }
        }
        return out + Array("\u{1B}8".utf8)
    }

    static func cursor(x: Int, y: Int) -> [UInt8] { Array("\u{1B}[\(y + 1);\(x + 1)H".utf8) }
}
