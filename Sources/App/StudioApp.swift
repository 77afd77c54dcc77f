import CTerminalGuard
import Foundation
import Gallery
import Glibc
import Imaging
import Neural
import PictureMaking
import SafeFiles
import Studio
import Styles
import TermGraphics
import TUI

/// The studio's main loop: keys and engine results become actions, actions go through the
/// reducer, effects go to the worker thread, and each new state is drawn as a frame.
public enum StudioApp {
    public struct Options {
        public var style: String?
        /// The theme asked for; nil picks one for the terminal's background.
        public var theme: String?
        /// The text symbol set asked for; nil picks one for the terminal.
        public var symbols: TextMode?
        public var gallery: GalleryDirectory
        public var environment: [String: String]
        public init(style: String?, theme: String?, symbols: TextMode? = nil, gallery: GalleryDirectory, environment: [String: String]) {
            self.style = style
            self.theme = theme
            self.symbols = symbols
            self.gallery = gallery
            self.environment = environment
        }
    }

    /// Mouse off, attributes reset, cursor shown, cursor keys and keypad back to normal (rmkx), main screen.
    static let restoreSequence = "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l\u{1B}[0m\u{1B}[?1l\u{1B}>\u{1B}[?1049l\u{1B}[?25h"

    /// Runs until the user quits or a signal asks to stop; returns an error message on failure.
    public static func run(_ options: Options) -> String? {
        let catalog = StyleCatalog(environment: options.environment)
        let styles = catalog.list().styles
        let profile = TerminalDetection.detect(fd: 1, variable: { options.environment[$0] }, probe: true)
        let formats = PreviewFormats(profile: profile, symbols: options.symbols)
        let active: Int
        if let wanted = options.style {
            guard let index = styles.firstIndex(where: { $0.name == wanted }) else {
                let installed = styles.isEmpty ? "; no styles are installed" : "; installed: " + styles.map(\.name).joined(separator: ", ")
                return "no style named '\(wanted)'" + installed
            }
            active = index
        } else {
            active = styles.firstIndex { $0.name == StyleCatalog.defaultStyleName } ?? 0
        }
        let theme: Theme
        let themeName = Theme.choice(options.theme, lightBackground: profile.lightBackground)
        let themeNote: String?
        do { (theme, themeNote) = try Theme.lookedUp(themeName, environment: options.environment) } catch {
            return "\(error)".replacingOccurrences(of: "line 0: ", with: "")
        }
        let (presets, problems) = PresetLibrary.load(environment: options.environment)
        ganvas_guard_install(1, restoreSequence)
        guard let screen = CursesScreen(theme: theme) else { return "cannot start the terminal interface (is TERM set?)" }
        let runner = EffectRunner(styles: styles, gallery: options.gallery, environment: options.environment)
        var state = StudioState(styles: styles.map(entry), activeStyle: active, seed: UInt64.random(in: 0...UInt64(UInt32.max)))
        state.presets = presets
        state.directionNames = DirectionNamesFile.load(styles: styles.map(\.name), environment: options.environment)
        // Every bad line, each with its file and line (the good lines of those presets are loaded).
        if !problems.isEmpty { state.status = "preset lines skipped: " + problems.joined(separator: "; ") }
        if let themeNote { state.status = themeNote }
        var app = Loop(screen: screen, runner: runner, profile: profile, formats: formats)
        app.run(&state)
        runner.stop()
        if app.format == .kitty { Console.raw(KittyGraphics.delete(id: PreviewDrawing.kittyID, inTmux: profile.inTmux)) }
        screen.end()
        ganvas_guard_restore_modes()
        return nil
    }

    static func entry(_ style: Style) -> StyleEntry {
        let card = style.card
        // SeFa is solved for latents up to 256 (EditDirections), the first 16 directions.
        let directions = card.latentDim <= 256 ? min(card.latentDim, EditDirections.count) : 0
        return StyleEntry(name: card.name, resolution: card.resolution, description: card.description, directions: directions,
                          colourLevels: style.mixingLevels, card: [
            "style     \(card.name) (\(card.resolution)x\(card.resolution), z \(card.latentDim))",
            "about     \(card.description)",
            "data      \(card.dataset)",
            "licence   \(card.license)",
            "training  \(card.steps) steps; \(card.training)",
        ] + QualitySummary.lines(card.quality).enumerated().map { ($0 == 0 ? "quality   " : "          ") + $1 } + [
            "file      \(style.path)",
            "also      " + companions(style),
        ])
    }

    /// The networks beside a style's generator, for its card.
    static func companions(_ style: Style) -> String {
        let found = [(style.upscalerPath, "an upscaler"),
            (style.encoderPath, "an encoder (o starts from its guess)")].compactMap { $0.0 == nil ? nil : $0.1 }
        return found.isEmpty ? "no upscaler, no encoder (o searches from seeds)" : found.joined(separator: ", ")
    }

    struct Loop {
        let screen: CursesScreen
        let runner: EffectRunner
        let profile: TerminalProfile
        let formats: PreviewFormats
        /// How the preview draws now (`y` walks `formats`).
        var format: ImageFormat
        /// What the preview shows now, and the bytes that draw it.
        var shownImage: RGBImage?
        var shownTarget: PreviewTarget?
        /// The target the worker thread encodes renders for, and its number (one more with each
        /// change): a frame's bytes are drawn only when made for the target the preview has now.
        var workerTarget: (target: PreviewTarget, id: Int)?
        var preview: [UInt8] = []
        /// Whether `preview` is on screen: it is written once, when made or after curses cleared
        /// the screen, not again with every frame (a sixel picture is tens of kilobytes).
        var previewWritten = false
        var lastTick = 0.0

        init(screen: CursesScreen, runner: EffectRunner, profile: TerminalProfile, formats: PreviewFormats) {
            self.screen = screen
            self.runner = runner
            self.profile = profile
            self.formats = formats
            self.format = formats.first
        }

        mutating func run(_ state: inout StudioState) {
            state.screen = ScreenSize(width: screen.width, height: screen.height)
            perform(Reducer.reduce(&state, .start), &state)
            var dirty = true
            while !state.quit && ganvas_guard_stop_requested() == 0 {
                screen.setWait(milliseconds: state.busy ? 4 : 30)
                switch screen.read() {
                case .key(let key):
                    let before = state
                    perform(Reducer.reduce(&state, .key(key)), &state)
                    // A mouse report that changed nothing draws nothing (the preview format is
                    // not in the state: a symbols switch redraws by itself).
                    dirty = dirty || state != before
                case .resize:
                    _ = Reducer.reduce(&state, .resize(width: screen.width, height: screen.height))
                    screen.invalidate()
                    previewWritten = false
                    dirty = true
                case .none:
                    break
                }
                for action in runner.drain() {
                    perform(Reducer.reduce(&state, action), &state)
                    dirty = true
                }
                let now = Date().timeIntervalSince1970
                if state.walk.playing && now - lastTick >= 1.0 / 12 {
                    lastTick = now
                    perform(Reducer.reduce(&state, .tick), &state)
                }
                if dirty {
                    // Where the picture landed goes back as an action like any other, after the
                    // frame is drawn: the view reads the state and never writes it.
                    if let placed = draw(state) { perform(Reducer.reduce(&state, .placed(placed)), &state) }
                    dirty = false
                }
            }
        }

        func target(_ rect: Rect) -> PreviewTarget {
            PreviewTarget(format: format, rect: rect,
                          cellWidth: profile.cellWidth ?? Placement.defaultCell.width,
                          cellHeight: profile.cellHeight ?? Placement.defaultCell.height,
                          colors: profile.colors == .none ? .none : (profile.colors == .c16 ? .c256 : profile.colors),
                          sixelRegisters: profile.sixelRegisters, inTmux: profile.inTmux)
        }

        /// Effects go to the worker thread, except the preview's symbol set, which is the terminal side's,
        /// and path completion, done here at once so Enter right after Tab takes the completed path.
        mutating func perform(_ effects: [Effect], _ state: inout StudioState) {
            for effect in effects {
                switch effect {
                case .cycleSymbols: cycleSymbols(&state)
                case .completePath(let text):
                    let (completed, choices) = PathCompletion.complete(text, home: ProcessInfo.processInfo.environment["HOME"] ?? "")
                    perform(Reducer.reduce(&state, .pathCompleted(text: completed, choices: choices.map(FileNames.display))), &state)
                default: runner.submit(effect)
                }
            }
        }

        /// The next format; the next draw encodes the preview for it (its target changed).
        mutating func cycleSymbols(_ state: inout StudioState) {
            if format == .kitty { Console.raw(KittyGraphics.delete(id: PreviewDrawing.kittyID, inTmux: profile.inTmux)) }
            // Graphics are drawn over the cells, not into them: the text picture's symbols would
            // stay in the terminal's (and tmux's) cells under a sixel and come back on a redraw.
            if format.textMode != nil, let rect = shownTarget?.rect { clearPreview(rect) }
            format = formats.next(after: format)
            perform(Reducer.reduce(&state, .symbolsChanged(name: PreviewFormats.name(format))), &state)
        }

        /// Erases the picture last drawn in `rect` (kitty's by its id; sixel and text by erasing the cells).
        mutating func clearPreview(_ rect: Rect) {
            if format == .kitty { Console.raw(KittyGraphics.delete(id: PreviewDrawing.kittyID, inTmux: profile.inTmux)) }
            Console.raw(PreviewDrawing.erase(rect))
            shownImage = nil
            shownTarget = nil
            preview = []
        }

        /// Draws the frame, then the picture into the rectangle curses left blank. The picture
        /// is encoded again only when it or its rectangle changed; returns where a newly placed
        /// picture lies (the mouse's hit-testing needs it), nil when nothing moved.
        mutating func draw(_ state: StudioState) -> Rect? {
            let frame = View.frame(state, width: screen.width, height: screen.height)
            // Before curses draws: it may write text into cells the last picture held.
            if let old = shownTarget?.rect, old != frame.preview {
                if frame.preview == nil { clearPreview(old) } else { Console.raw(PreviewDrawing.erase(old, outside: frame.preview)) }
                shownTarget = nil
            }
            screen.draw(frame)
            guard let rect = frame.preview, let image = Display.image(state) else {
                // Nothing to show (a filter that matches nothing): what was shown goes.
                if shownImage != nil, let rect = frame.preview { clearPreview(rect) }
                return nil
            }
            let t = target(rect)
            if t != workerTarget?.target {
                let next = (target: t, id: (workerTarget?.id ?? 0) + 1)
                workerTarget = next
                runner.setPreviewTarget(next.target, id: next.id)
            }
            var placed: Rect?
            if image != shownImage || t != shownTarget {
                // Renders arrive already encoded by the worker thread; composed views
                // (children, gallery) and resizes are encoded here.
                let ready = image == state.shown && state.shownPreview?.target == workerTarget?.id ? state.shownPreview?.bytes : nil
                preview = ready ?? (try? PreviewDrawing.bytes(image, target: t)) ?? []
                // A picture of another shape may end partway down its last cell row, where the
                // last picture's pixels would stay: that row is cleared once, as the shape changes.
                if let last = shownImage, last.width * image.height != image.width * last.height, t.format.textMode == nil {
                    preview = PreviewDrawing.clearLastRow(image, target: t) + preview
                }
                shownImage = image
                shownTarget = t
                previewWritten = false
                placed = PreviewDrawing.placedRect(image, target: t)
            }
            if !previewWritten {
                Console.raw(preview)
                previewWritten = true
            }
            return placed
        }
    }
}

/// Raw bytes to the terminal, after curses has flushed its own output.
enum Console {
    static func raw(_ bytes: [UInt8]) { writeAll(bytes, to: 1) }
}
