import Studio
import XCTest

/// The studio as the reducer tests drive it: two styles, a fixed seed, a 100x30 screen.
protocol StudioDriving {}

extension StudioDriving {
    var styles: [StyleEntry] {
        [StyleEntry(name: "emoji", resolution: 64, description: "Emoji", colourLevels: 2, card: ["style emoji"]),
         StyleEntry(name: "glyphs", resolution: 64, description: "Letters", card: ["style glyphs"])]
    }

    func fresh(presets: [Preset] = []) -> StudioState {
        var state = StudioState(styles: styles, seed: 42)
        state.screen = ScreenSize(width: 100, height: 30)
        state.presets = presets
        return state
    }

    @discardableResult
    func press(_ state: inout StudioState, _ keys: Key...) -> [Effect] {
        keys.flatMap { Reducer.reduce(&state, .key($0)) }
    }

    /// Types text, a key per character.
    func type(_ state: inout StudioState, _ text: String) -> [Effect] {
        text.flatMap { Reducer.reduce(&state, .key(.char($0))) }
    }
}
