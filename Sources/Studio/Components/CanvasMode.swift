import Imaging

/// `d`: paint, and the style follows (iGAN's idea, through the style's encoder and search). The
/// sketch opens on the picture on screen (n clears it, o opens a PNG); each stroke asks for the
/// encoder's guess at once and a short refinement when the stroke ends, the newest request
/// winning. Enter takes the style's picture as the current one; Esc leaves it unchanged.
enum CanvasMode {
    static let hints = "drag/space paint  1-9 colour  e eraser  f fill  [ ] size  u undo  Tab view  Enter take  Esc leave"
    /// Previews narrower than this many cells show one picture at a time (Tab switches).
    static let sideBySideWidth = 48

    static func open(_ source: CanvasSource, _ state: inout StudioState) -> [Effect] {
        guard !state.styles.isEmpty else { state.status = "no styles are installed"; return [] }
        state.status = "opening the canvas…"
        state.busy = true
        return [.openCanvas(source)]
    }

    static func opened(_ canvas: Canvas, follow: Bool, _ state: inout StudioState) -> [Effect] {
        state.busy = false
        var canvas = canvas
        if Layout(width: state.screen.width, height: state.screen.height).preview.width < sideBySideWidth { canvas.view = .sketch }
        state.canvas = canvas
        state.mode = .canvas
        state.status = "canvas: paint with the mouse or arrows and space; the style follows (? help)"
        return follow ? requestFollow(refine: true, &state) : []
    }

    static func failed(_ message: String, _ state: inout StudioState) -> [Effect] {
        state.busy = false
        state.status = message
        return []
    }

    static func followed(request: Int, latent: [Float], image: RGBImage, refined: Bool, _ state: inout StudioState) -> [Effect] {
        guard var canvas = state.canvas, request >= canvas.shownRequest, request <= canvas.request else { return [] }
        canvas.shownRequest = request
        canvas.followed = image
        canvas.latent = latent
        canvas.refined = refined && request == canvas.request
        state.canvas = canvas
        return []
    }

    static func info(_ state: StudioState) -> [String] {
        guard let canvas = state.canvas else { return [] }
        let tool: String
        switch canvas.tool {
        case .brush: tool = "brush \(canvas.brushSize)px \(canvas.colour.hex)"
        case .eraser: tool = "eraser \(canvas.brushSize)px"
        case .fill: tool = "fill \(canvas.colour.hex)"
        }
        let under = canvas.colourUnderCursor.map { "under cursor \($0.hex) (i picks)" } ?? "under cursor: unpainted"
        let progress = canvas.refined ? "" : " · following…"
        return ["\(tool) · \(under)\(progress)"]
    }

    static func key(_ key: Key, _ state: inout StudioState) -> [Effect] {
        guard var canvas = state.canvas else { state.mode = .explore; return [] }
        switch key {
        case .escape:
            state.canvas = nil
            state.mode = .explore
            state.status = "canvas left; the picture is unchanged"
            return []
        case .enter: return take(&state)
        case .click(let x, let y): return click(x, y, &state)
        case .drag(let x, let y): return drag(x, y, &state)
        case .release: return endStroke(&state)
        case .wheel(_, _, let up): canvas.brush = min(max(canvas.brush + (up ? 1 : -1), 0), Canvas.brushSizes.count - 1)
        case .left, .char("h"): move(&canvas, -1, 0)
        case .right, .char("l"): move(&canvas, 1, 0)
        case .up, .char("k"): move(&canvas, 0, -1)
        case .down, .char("j"): move(&canvas, 0, 1)
        case .char("H"): move(&canvas, -8, 0)
        case .char("L"): move(&canvas, 8, 0)
        case .char("K"): move(&canvas, 0, -8)
        case .char("J"): move(&canvas, 0, 8)
        case .char("["), .char("-"): canvas.brush = max(canvas.brush - 1, 0)
        case .char("]"), .char("+"): canvas.brush = min(canvas.brush + 1, Canvas.brushSizes.count - 1)
        case .char("e"): canvas.tool = canvas.tool == .eraser ? .brush : .eraser
        case .char("f"): canvas.tool = canvas.tool == .fill ? .brush : .fill
        case .char("b"): canvas.tool = .brush
        case .char("i"):
            guard let colour = canvas.colourUnderCursor else { state.status = "nothing painted under the cursor"; return [] }
            pick(colour, &canvas)
        case .char(let c) where c.isASCII && c.isNumber && c != "0":
            let index = Int(String(c))! - 1
            guard canvas.palette.indices.contains(index) else { return [] }
            pick(canvas.palette[index], &canvas)
        case .tab: canvas.view = canvas.view == .both ? .sketch : (canvas.view == .sketch ? .picture : .both)
        case .char(" "):
            state.canvas = canvas
            beginStroke(at: canvas.cursorX, canvas.cursorY, &state)
            return endStroke(&state)
        case .char("n"):
            state.canvas = canvas
            return replaceSketch(Painting.paper(side: canvas.side, colour: canvas.paper), &state)
        case .char("o"):
            TextEntry.open(.openSketch, "open PNG onto the canvas (Tab completes): ", text: state.openFolder, &state)
        case .char("u"): return history(undo: true, &state)
        case .char("U"), .ctrl("r"): return history(undo: false, &state)
        default: return []
        }
        state.canvas = canvas
        return []
    }

    static func move(_ canvas: inout Canvas, _ dx: Int, _ dy: Int) {
        canvas.cursorX = min(max(canvas.cursorX + dx, 0), canvas.side - 1)
        canvas.cursorY = min(max(canvas.cursorY + dy, 0), canvas.side - 1)
    }

    static func pick(_ colour: Colour, _ canvas: inout Canvas) {
        canvas.colour = colour
        if canvas.tool == .eraser { canvas.tool = .brush }
    }

    static func click(_ x: Int, _ y: Int, _ state: inout StudioState) -> [Effect] {
        guard var canvas = state.canvas else { return [] }
        switch CanvasDisplay.target(x, y, placed: state.placedPicture, canvas) {
        case .sketch(let px, let py):
            beginStroke(at: px, py, &state)
            return requestFollow(refine: false, &state)
        case .swatch(let index):
            pick(canvas.palette[index], &canvas)
            state.canvas = canvas
        case .nothing: break
        }
        return []
    }

    static func drag(_ x: Int, _ y: Int, _ state: inout StudioState) -> [Effect] {
        guard var canvas = state.canvas, canvas.strokeStart != nil, canvas.tool != .fill,
              case .sketch(let px, let py) = CanvasDisplay.target(x, y, placed: state.placedPicture, canvas) else { return [] }
        let before = canvas.sketch
        Painting.line(&canvas.sketch, from: canvas.lastX ?? px, canvas.lastY ?? py, to: px, py, size: canvas.brushSize,
            colour: paint(canvas))
        canvas.lastX = px
        canvas.lastY = py
        canvas.cursorX = px
        canvas.cursorY = py
        state.canvas = canvas
        return canvas.sketch == before ? [] : requestFollow(refine: false, &state)
    }

    /// The first dab of a stroke (or the fill); the sketch before it is the stroke's undo step.
    static func beginStroke(at x: Int, _ y: Int, _ state: inout StudioState) {
        guard var canvas = state.canvas else { return }
        canvas.strokeStart = canvas.sketch
        canvas.cursorX = x
        canvas.cursorY = y
        canvas.lastX = x
        canvas.lastY = y
        if canvas.tool == .fill {
            Painting.flood(&canvas.sketch, x: x, y: y, colour: canvas.colour)
        } else {
            Painting.dab(&canvas.sketch, x: x, y: y, size: canvas.brushSize, colour: paint(canvas))
        }
        state.canvas = canvas
    }

    /// The hand stops: the stroke becomes one undo step and the style refines its picture.
    static func endStroke(_ state: inout StudioState) -> [Effect] {
        guard var canvas = state.canvas, let start = canvas.strokeStart else { return [] }
        canvas.strokeStart = nil
        canvas.lastX = nil
        canvas.lastY = nil
        state.canvas = canvas
        guard start != canvas.sketch else { return [] }
        record(start, &state)
        return requestFollow(refine: true, &state)
    }

    static func paint(_ canvas: Canvas) -> Colour? { canvas.tool == .eraser ? nil : canvas.colour }

    static func record(_ previous: RGBImage, _ state: inout StudioState) {
        guard var canvas = state.canvas else { return }
        canvas.undo.append(previous)
        if canvas.undo.count > Canvas.historyLimit { canvas.undo.removeFirst() }
        canvas.redo.removeAll()
        state.canvas = canvas
    }

    /// A whole new sketch (cleared, or a PNG opened onto it) as one undo step.
    static func replaceSketch(_ sketch: RGBImage, _ state: inout StudioState) -> [Effect] {
        guard var canvas = state.canvas, sketch.width == canvas.side, sketch.height == canvas.side, sketch.channels == 4 else { return [] }
        guard sketch != canvas.sketch else { return [] }
        let previous = canvas.sketch
        canvas.sketch = sketch
        state.canvas = canvas
        record(previous, &state)
        return requestFollow(refine: true, &state)
    }

    static func history(undo: Bool, _ state: inout StudioState) -> [Effect] {
        guard var canvas = state.canvas else { return [] }
        guard let sketch = undo ? canvas.undo.popLast() : canvas.redo.popLast() else {
            state.status = undo ? "nothing to undo" : "nothing to redo"
            return []
        }
        if undo { canvas.redo.append(canvas.sketch) } else { canvas.undo.append(canvas.sketch) }
        canvas.sketch = sketch
        state.canvas = canvas
        return requestFollow(refine: true, &state)
    }

    /// Asks the style to follow the sketch as it is now; with nothing painted the picture the
    /// canvas opened on (its anchor) stands.
    static func requestFollow(refine: Bool, _ state: inout StudioState) -> [Effect] {
        guard var canvas = state.canvas, canvas.hasPaint else { return [] }
        canvas.request += 1
        canvas.refined = false
        state.canvas = canvas
        return [.follow(request: canvas.request, style: canvas.style, sketch: canvas.sketch, anchor: canvas.anchor, refine: refine)]
    }

    /// Enter: the style's picture becomes the current picture (one undoable step), latent and all.
    static func take(_ state: inout StudioState) -> [Effect] {
        guard let canvas = state.canvas else { return [] }
        state.canvas = nil
        state.mode = .explore
        guard let latent = canvas.latent, canvas.followed != nil, !canvas.undo.isEmpty || canvas.anchor == nil else {
            state.status = "canvas left: nothing was painted"
            return []
        }
        let effects = Editing.edit(&state) {
            $0 = Picture(style: canvas.style, seed: 0, base: latent, edits: [Float](repeating: 0, count: StudioState.sliderCount))
        }
        state.status = "took the canvas picture (s saves, u undoes)"
        return effects
    }
}
