/// The right pane: SeFa directions, ψ, the seed, the live mix and the colours' weight.
enum SlidersPane {
    static func key(_ key: Key, _ state: inout StudioState) -> [Effect] {
        let row = state.currentSlider
        switch key {
        case .up, .char("k"): state.sliderCursor = max(state.sliderCursor - 1, 0)
        case .down, .char("j"): state.sliderCursor = min(state.sliderCursor + 1, state.sliderRows.count - 1)
        case .home, .pageUp: state.sliderCursor = 0
        case .end, .pageDown: state.sliderCursor = state.sliderRows.count - 1
        case .left, .char("h"): return nudge(row, by: -1, &state)
        case .right, .char("l"): return nudge(row, by: 1, &state)
        case .char("H"): return nudge(row, by: -4, &state)
        case .char("L"): return nudge(row, by: 4, &state)
        case .char("0"): return row.hasBar ? setFraction(row, 0.5, &state) : []
        case .char("n"), .enter: openEntry(row, &state)
        default: break
        }
        return []
    }

    /// `n` (or Enter) on a row: a name for a direction, a number for the others.
    static func openEntry(_ row: SliderRow, _ state: inout StudioState) {
        switch row {
        case .direction(let i): TextEntry.open(.renameSlider(i), "name for \(state.sliderNames[i]): ", &state)
        case .seed: TextEntry.open(.seed, "seed (0 to \(UInt64.max)): ", &state)
        case .psi: TextEntry.open(.value(.psi), "ψ (0 to 2): ", &state)
        case .mix: TextEntry.open(.value(.mix), "mix weight (0 to 1): ", &state)
        case .colours: TextEntry.open(.value(.colours), "how much of the other's colours (0 to 1): ", &state)
        }
    }

    /// Moves a row: 0.25σ per step for directions, 0.05 for ψ, the mix and the colours, 1 for the seed.
    static func nudge(_ row: SliderRow, by steps: Int, _ state: inout StudioState) -> [Effect] {
        Editing.edit(&state) { picture in
            switch row {
            case .direction(let i): picture.edits[i] = clamp(picture.edits[i] + 0.25 * Float(steps), StudioState.editLimit)
            case .psi: picture.psi = stepped(picture.psi, by: steps, in: 0...2)
            case .seed: picture.seed = steps < 0 ? picture.seed &- UInt64(-steps) : picture.seed &+ UInt64(steps)
            case .mix:
                guard let t = picture.mixes.last?.t else { return }
                picture.mixes[picture.mixes.count - 1].t = stepped(t, by: steps, in: 0...1)
            case .colours:
                guard let t = picture.colours?.t else { return }
                picture.colours?.t = stepped(t, by: steps, in: 0...1)
            }
        }
    }

    /// Sets a row from a position along its bar (0…1).
    static func setFraction(_ row: SliderRow, _ fraction: Float, _ state: inout StudioState) -> [Effect] {
        let f = min(max(fraction, 0), 1)
        switch row {
        case .direction: return set(row, to: ((f * 2 - 1) * StudioState.editLimit * 4).rounded() / 4, &state)
        case .psi: return set(row, to: (f * 2 * 20).rounded() / 20, &state)
        case .mix, .colours: return set(row, to: (f * 20).rounded() / 20, &state)
        case .seed: return []
        }
    }

    /// Sets a row to a value, clamped to its range.
    static func set(_ row: SliderRow, to value: Float, _ state: inout StudioState) -> [Effect] {
        Editing.edit(&state) { picture in
            switch row {
            case .direction(let i): picture.edits[i] = clamp(value, StudioState.editLimit)
            case .psi: picture.psi = min(max(value, 0), 2)
            case .mix: if !picture.mixes.isEmpty { picture.mixes[picture.mixes.count - 1].t = min(max(value, 0), 1) }
            case .colours: picture.colours?.t = min(max(value, 0), 1)
            case .seed: if value >= 0, value < 1.8e19 { picture.seed = UInt64(value) }
            }
        }
    }

    static func clamp(_ value: Float, _ limit: Float) -> Float { min(max(value, -limit), limit) }

    /// `value` moved `steps` steps of 0.05, kept to hundredths and to `range` (ψ, the mix, the colours).
    static func stepped(_ value: Float, by steps: Int, in range: ClosedRange<Float>) -> Float {
        min(max(((value + 0.05 * Float(steps)) * 100).rounded() / 100, range.lowerBound), range.upperBound)
    }

    /// Puts the cursor on the mix row (after `b`, or a crossbreed with a gallery picture).
    static func focusMix(_ state: inout StudioState) { focus(.mix, &state) }

    /// Puts the cursor on `row` (the mix after a crossbreed, the colours after taking some).
    static func focus(_ row: SliderRow, _ state: inout StudioState) {
        state.focus = .sliders
        state.sliderCursor = state.sliderRows.firstIndex(of: row) ?? state.sliderCursor
    }
}
