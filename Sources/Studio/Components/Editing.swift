/// Changing the picture as one undoable step, and asking for renders.
enum Editing {
    /// Changes the picture as one undoable step and asks for a render (nothing when unchanged).
    static func edit(_ state: inout StudioState, _ change: (inout Picture) -> Void) -> [Effect] {
        guard !state.styles.isEmpty else { return [] }
        var next = state.picture
        change(&next)
        guard next != state.picture else { return [] }
        state.history.undo.append(state.picture)
        if state.history.undo.count > History.limit { state.history.undo.removeFirst() }
        state.history.redo.removeAll()
        state.picture = next
        syncStyle(&state)
        return [requestRender(&state)]
    }

    static func undo(_ state: inout StudioState) -> [Effect] {
        guard let previous = state.history.undo.popLast() else { state.status = "nothing to undo"; return [] }
        state.history.redo.append(state.picture)
        state.picture = previous
        syncStyle(&state)
        return [requestRender(&state)]
    }

    static func redo(_ state: inout StudioState) -> [Effect] {
        guard let next = state.history.redo.popLast() else { state.status = "nothing to redo"; return [] }
        state.history.undo.append(state.picture)
        state.picture = next
        syncStyle(&state)
        return [requestRender(&state)]
    }

    /// The style list and slider cursor follow the picture.
    static func syncStyle(_ state: inout StudioState) {
        if let index = state.styles.firstIndex(where: { $0.name == state.picture.style }) { state.activeStyle = index }
        state.sliderCursor = min(state.sliderCursor, state.sliderRows.count - 1)
    }

    static func requestRender(_ state: inout StudioState) -> Effect {
        state.requested += 1
        state.busy = true
        return .render(request: state.requested, subject: .picture(state.picture))
    }
}
