/// Pictures from outside a style brought into it: `o` opens any PNG (a path prompt, Tab
/// completes) into the current style; `O` carries the current picture into the style under the
/// styles cursor; the gallery opens pictures without a recipe the same way. The engine encodes
/// (`Effect.encode`) and the result becomes the current picture, sliders and all.
enum PictureOpening {
    static let promptText = "open PNG (Tab completes): "

    static func prompt(_ state: inout StudioState) -> [Effect] {
        guard !state.styles.isEmpty else { state.status = "no styles are installed"; return [] }
        TextEntry.open(.openPicture, promptText, text: state.openFolder, &state)
        return []
    }

    /// Enter on the path prompt, or Enter on a gallery picture without a recipe.
    static func open(path: String, _ state: inout StudioState) -> [Effect] {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let slash = path.lastIndex(of: "/") { state.openFolder = String(path[...slash]) }
        state.status = "encoding \(name) into \(state.picture.style)…"
        state.busy = true
        return [.encode(.file(path: path), style: state.picture.style)]
    }

    /// `O`: the picture as it looks now, into the style under the cursor.
    static func carry(_ state: inout StudioState) -> [Effect] {
        guard state.styles.indices.contains(state.styleCursor), state.styleCursor != state.activeStyle else {
            state.status = "put the styles cursor on another style, then O carries this picture into it"
            return []
        }
        let style = state.styles[state.styleCursor].name
        state.status = "carrying this picture into \(style)…"
        state.busy = true
        return [.encode(.picture(state.picture), style: style)]
    }

    static func encoded(_ picture: Picture, summary: String, _ state: inout StudioState) -> [Effect] {
        state.busy = false
        guard state.styles.contains(where: { $0.name == picture.style }) else { return [] }
        state.mode = .explore
        let effects = Editing.edit(&state) { $0 = picture }
        state.styleCursor = state.activeStyle
        state.status = summary
        return effects
    }

    static func failed(_ message: String, _ state: inout StudioState) -> [Effect] {
        state.busy = false
        state.status = message
        return []
    }

    /// The completed path goes back into the prompt (if it is still open); the choices are shown.
    static func completed(_ text: String, choices: [String], _ state: inout StudioState) -> [Effect] {
        guard case .text(var input)? = state.prompt, input.purpose == .openPicture || input.purpose == .openSketch else { return [] }
        input.text = text
        input.prefilled = false
        state.prompt = .text(input)
        state.status = choices.count > 1 ? choices.prefix(12).joined(separator: "  ") + (choices.count > 12 ? "  …" : "") : ""
        return []
    }
}
