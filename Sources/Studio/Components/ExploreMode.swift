/// The main screen: one picture, the styles and sliders beside it.
enum ExploreMode {
    static let hints = "r new  v kids  b breed  A/B w walk  o open  s save  g gallery  ? help  q quit"

    static func key(_ key: Key, _ state: inout StudioState) -> [Effect] {
        switch key {
        case .tab: state.focus = Pane(rawValue: (state.focus.rawValue + 1) % Pane.allCases.count)!; return []
        case .backTab: state.focus = Pane(rawValue: (state.focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!; return []
        case .char("q"), .ctrl("c"): return quit(&state)
        case .char("r"):
            let seed = state.nextRandomSeed()
            return Editing.edit(&state) { $0.seed = seed; $0.mixes = []; $0.colours = nil }
        case .char("#"):
            TextEntry.open(.seed, "seed (0 to \(UInt64.max)): ", &state)
            return []
        case .char("s"):
            state.status = "saving…"
            return [.save(picture: state.picture)]
        case .char("S"):
            TextEntry.open(.saveTo, "save into folder: ", &state)
            return []
        case .char("u"): return Editing.undo(&state)
        case .char("U"), .ctrl("r"): return Editing.redo(&state)
        case .char("x"): return Editing.edit(&state) { $0.edits = $0.edits.map { _ in 0 }; $0.psi = 1; $0.mixes = []; $0.colours = nil }
        case .char("v"): return ChildrenMode.open(&state)
        case .char("V"): return ChildrenMode.open(colours: true, &state)
        case .char("b"): return crossbreed(&state)
        case .char("A"), .char("B"): return WalkMode.mark(key == .char("A"), &state)
        case .char("w"): return WalkMode.open(&state)
        case .char("y"): return [.cycleSymbols]
        case .char("P"):
            TextEntry.open(.savePreset, "save preset as: ", &state)
            return []
        case .char("g"): return GalleryMode.open(&state)
        case .char("o"): return PictureOpening.prompt(&state)
        case .char("O"): return PictureOpening.carry(&state)
        case .char("d"): return CanvasMode.open(.picture(state.picture), &state)
        case .char("D"): return CanvasMode.open(.blank(state.picture), &state)
        case .click(let x, let y): return Mouse.click(x, y, &state)
        case .wheel(let x, let y, let up): return Mouse.wheel(x, y, up, &state)
        case .drag(let x, _): return Mouse.drag(x, &state)
        default: break
        }
        switch state.focus {
        case .styles: return StylesPane.key(key, &state)
        case .sliders: return SlidersPane.key(key, &state)
        case .preview: return previewKey(key, &state)
        }
    }

    /// Quits at once when nothing would be lost; otherwise asks.
    static func quit(_ state: inout StudioState) -> [Effect] {
        if state.hasUnsavedWork {
            TextEntry.ask(.quit, "quit? this picture is not saved (y or q quits, any other key stays; s saves)", &state)
        } else {
            state.quit = true
        }
        return []
    }

    static func crossbreed(_ state: inout StudioState) -> [Effect] {
        let partner = state.nextRandomSeed()
        let effects = Editing.edit(&state) { $0.mixes.append(Mix(seed: partner, t: 0.5)) }
        SlidersPane.focusMix(&state)
        state.status = "crossbreeding with seed \(partner): move the mix slider"
        return effects
    }

    /// With the preview focused, ←/→ step the seed and ↑/↓ move ψ.
    static func previewKey(_ key: Key, _ state: inout StudioState) -> [Effect] {
        switch key {
        case .left, .char("h"): return Editing.edit(&state) { $0.seed &-= 1; $0.mixes = [] }
        case .right, .char("l"), .char(" "): return Editing.edit(&state) { $0.seed &+= 1; $0.mixes = [] }
        case .up, .char("k"): return SlidersPane.nudge(.psi, by: 1, &state)
        case .down, .char("j"): return SlidersPane.nudge(.psi, by: -1, &state)
        default: return []
        }
    }
}
