import Latent

/// The studio's behaviour: a pure function from state and action to new state and effects.
public enum Reducer {
    public static let undoLimit = 500

    public static func reduce(_ state: inout StudioState, _ action: Action) -> [Effect] {
        switch action {
        case .start:
            return state.styles.isEmpty ? [] : [requestRender(&state)]
        case .resize(let width, let height):
            state.screen = (width, height)
            return []
        case .rendered(let request, let image):
            // A result older than what is on screen is stale: the newest request wins.
            guard request >= state.shownRequest else { return [] }
            state.shown = image
            state.shownRequest = request
            state.busy = request < state.requested
            return []
        case .failed(let request, let message):
            if request == state.requested { state.busy = false }
            state.status = message
            return []
        case .saved(let path):
            state.status = "saved \(path)"
            return []
        case .saveFailed(let message):
            state.status = "not saved: \(message) (the picture stays here; try again)"
            return []
        case .key(let key):
            return handle(key, &state)
        }
    }

    static func handle(_ key: Key, _ state: inout StudioState) -> [Effect] {
        if state.overlay != .none {
            if case .char("q") = key { state.overlay = .none; return [] }
            state.overlay = .none
            return []
        }
        switch key {
        case .char("q"), .ctrl("c"): state.quit = true; return []
        case .char("?"): state.overlay = .help; return []
        case .char("c"): if !state.styles.isEmpty { state.overlay = .card }; return []
        case .tab: state.focus = Pane(rawValue: (state.focus.rawValue + 1) % Pane.allCases.count)!; return []
        case .backTab: state.focus = Pane(rawValue: (state.focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!; return []
        case .char("r"):
            let seed = state.nextRandomSeed()
            return edit(&state) { $0.seed = seed }
        case .char("s"):
            state.status = "saving…"
            return [.save(picture: state.picture)]
        case .char("u"): return undo(&state)
        case .char("U"), .ctrl("r"): return redo(&state)
        case .char("x"): return edit(&state) { $0.edits = $0.edits.map { _ in 0 } }
        case .click(let x, let y): return click(x, y, &state)
        case .wheel(let x, let y, let up): return wheel(x, y, up, &state)
        default: break
        }
        switch state.focus {
        case .styles: return stylesKey(key, &state)
        case .sliders: return slidersKey(key, &state)
        case .preview: return previewKey(key, &state)
        }
    }

    static func stylesKey(_ key: Key, _ state: inout StudioState) -> [Effect] {
        switch key {
        case .up, .char("k"): state.styleCursor = max(state.styleCursor - 1, 0)
        case .down, .char("j"): state.styleCursor = min(state.styleCursor + 1, max(state.styles.count - 1, 0))
        case .home: state.styleCursor = 0
        case .end: state.styleCursor = max(state.styles.count - 1, 0)
        case .enter, .char(" "), .right, .char("l"): return chooseStyle(state.styleCursor, &state)
        default: break
        }
        return []
    }

    static func chooseStyle(_ index: Int, _ state: inout StudioState) -> [Effect] {
        guard state.styles.indices.contains(index), index != state.activeStyle else { return [] }
        state.activeStyle = index
        let name = state.styles[index].name
        state.status = "style \(name)"
        // Directions belong to a model: another style starts from a clean slate, same seed.
        return edit(&state) { $0.style = name; $0.edits = $0.edits.map { _ in 0 } }
    }

    static func slidersKey(_ key: Key, _ state: inout StudioState) -> [Effect] {
        switch key {
        case .up, .char("k"): state.sliderCursor = max(state.sliderCursor - 1, 0)
        case .down, .char("j"): state.sliderCursor = min(state.sliderCursor + 1, state.sliderRows - 1)
        case .left, .char("h"): return nudge(state.sliderCursor, by: -1, &state)
        case .right, .char("l"): return nudge(state.sliderCursor, by: 1, &state)
        case .char("H"): return nudge(state.sliderCursor, by: -4, &state)
        case .char("L"): return nudge(state.sliderCursor, by: 4, &state)
        case .char("0"): return setSlider(state.sliderCursor, fraction: 0.5, &state)
        default: break
        }
        return []
    }

    static func previewKey(_ key: Key, _ state: inout StudioState) -> [Effect] {
        switch key {
        case .left, .char("h"): return edit(&state) { $0.seed &-= 1 }
        case .right, .char("l"), .char(" "): return edit(&state) { $0.seed &+= 1 }
        case .up, .char("k"): return nudge(StudioState.sliderCount, by: 1, &state)
        case .down, .char("j"): return nudge(StudioState.sliderCount, by: -1, &state)
        default: return []
        }
    }

    /// Moves slider `row` by `steps`: 0.25σ per step for directions, 0.05 for ψ, 1 for the seed.
    static func nudge(_ row: Int, by steps: Int, _ state: inout StudioState) -> [Effect] {
        edit(&state) { picture in
            if row < StudioState.sliderCount {
                picture.edits[row] = min(max(picture.edits[row] + 0.25 * Float(steps), -StudioState.editLimit), StudioState.editLimit)
            } else if row == StudioState.sliderCount {
                picture.psi = min(max(((picture.psi + 0.05 * Float(steps)) * 100).rounded() / 100, 0), 2)
            } else {
                picture.seed = steps < 0 ? picture.seed &- UInt64(-steps) : picture.seed &+ UInt64(steps)
            }
        }
    }

    /// Sets a direction or ψ slider from a position along its bar (0…1).
    static func setSlider(_ row: Int, fraction: Float, _ state: inout StudioState) -> [Effect] {
        let f = min(max(fraction, 0), 1)
        return edit(&state) { picture in
            if row < StudioState.sliderCount {
                picture.edits[row] = ((f * 2 - 1) * StudioState.editLimit * 4).rounded() / 4
            } else if row == StudioState.sliderCount {
                picture.psi = (f * 2 * 20).rounded() / 20
            }
        }
    }

    static func click(_ x: Int, _ y: Int, _ state: inout StudioState) -> [Effect] {
        let layout = Layout(width: state.screen.width, height: state.screen.height)
        if layout.styles.contains(x, y) {
            state.focus = .styles
            let index = y - layout.styles.y - 1
            guard state.styles.indices.contains(index) else { return [] }
            state.styleCursor = index
            return chooseStyle(index, &state)
        }
        if layout.sliders.contains(x, y), let row = layout.sliderRow(atScreenRow: y), row < state.sliderRows {
            state.focus = .sliders
            state.sliderCursor = row
            let bar = layout.sliderBar
            if x >= bar.x && x < bar.x + bar.width && row <= StudioState.sliderCount {
                return setSlider(row, fraction: Float(x - bar.x) / Float(max(bar.width - 1, 1)), &state)
            }
            return []
        }
        if layout.preview.contains(x, y) { state.focus = .preview }
        return []
    }

    static func wheel(_ x: Int, _ y: Int, _ up: Bool, _ state: inout StudioState) -> [Effect] {
        let layout = Layout(width: state.screen.width, height: state.screen.height)
        if layout.styles.contains(x, y) {
            state.styleCursor = min(max(state.styleCursor + (up ? -1 : 1), 0), max(state.styles.count - 1, 0))
            return []
        }
        if layout.sliders.contains(x, y), let row = layout.sliderRow(atScreenRow: y), row < state.sliderRows {
            state.sliderCursor = row
            return nudge(row, by: up ? 1 : -1, &state)
        }
        return []
    }

    /// Changes the picture as one undoable step and asks for a render.
    static func edit(_ state: inout StudioState, _ change: (inout Picture) -> Void) -> [Effect] {
        guard !state.styles.isEmpty else { return [] }
        var next = state.picture
        change(&next)
        guard next != state.picture else { return [] }
        state.undo.append(state.picture)
        if state.undo.count > undoLimit { state.undo.removeFirst() }
        state.redo.removeAll()
        state.picture = next
        return [requestRender(&state)]
    }

    static func undo(_ state: inout StudioState) -> [Effect] {
        guard let previous = state.undo.popLast() else { state.status = "nothing to undo"; return [] }
        state.redo.append(state.picture)
        state.picture = previous
        syncStyle(&state)
        return [requestRender(&state)]
    }

    static func redo(_ state: inout StudioState) -> [Effect] {
        guard let next = state.redo.popLast() else { state.status = "nothing to redo"; return [] }
        state.undo.append(state.picture)
        state.picture = next
        syncStyle(&state)
        return [requestRender(&state)]
    }

    static func syncStyle(_ state: inout StudioState) {
        if let index = state.styles.firstIndex(where: { $0.name == state.picture.style }) { state.activeStyle = index }
    }

    static func requestRender(_ state: inout StudioState) -> Effect {
        state.requested += 1
        state.busy = true
        return .render(request: state.requested, picture: state.picture)
    }
}

extension StudioState {
    /// Seeds for `r` come from the state's own SplitMix64, so tests are deterministic.
    mutating func nextRandomSeed() -> UInt64 {
        var random = SplitMix64(seed: randomState)
        let seed = random.next() >> 32
        randomState = random.state
        return seed
    }
}
