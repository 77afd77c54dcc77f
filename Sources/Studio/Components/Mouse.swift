/// Clicks and the wheel on the explore screen, hit-tested against the same `Layout` the view uses.
enum Mouse {
    static func click(_ x: Int, _ y: Int, _ state: inout StudioState) -> [Effect] {
        let layout = Layout(width: state.screen.width, height: state.screen.height)
        if layout.styles.contains(x, y) {
            state.focus = .styles
            guard let index = StylesList.entry(atScreenRow: y, layout, state) else { return [] }
            state.styleCursor = index
            return StylesPane.pick(index, &state)
        }
        if layout.sliders.contains(x, y), let index = sliderRow(y, layout, state), index < state.sliderRows.count {
            state.focus = .sliders
            state.sliderCursor = index
            let bar = layout.sliderBar, row = state.sliderRows[index]
            if x >= bar.x && x < bar.x + bar.width && row.hasBar {
                state.draggedSlider = index
                return SlidersPane.setFraction(row, Float(x - bar.x) / Float(max(bar.width - 1, 1)), &state)
            }
            return []
        }
        if layout.preview.contains(x, y) { state.focus = .preview }
        return []
    }

    /// The slider row under screen row `y`, as the pane is scrolled now.
    static func sliderRow(_ y: Int, _ layout: Layout, _ state: StudioState) -> Int? {
        layout.sliderRow(atScreenRow: y, first: layout.firstSliderRow(cursor: state.sliderCursor, rows: state.sliderRows.count))
    }

    /// Dragging a slider's knob: the value follows the pointer along the bar, whatever row it is on.
    static func drag(_ x: Int, _ state: inout StudioState) -> [Effect] {
        guard let index = state.draggedSlider, index < state.sliderRows.count else { return [] }
        let bar = Layout(width: state.screen.width, height: state.screen.height).sliderBar
        return SlidersPane.setFraction(state.sliderRows[index], Float(x - bar.x) / Float(max(bar.width - 1, 1)), &state)
    }

    static func wheel(_ x: Int, _ y: Int, _ up: Bool, _ state: inout StudioState) -> [Effect] {
        let layout = Layout(width: state.screen.width, height: state.screen.height)
        if layout.styles.contains(x, y) {
            let last = max(state.styles.count + state.presets.count - 1, 0)
            state.styleCursor = min(max(state.styleCursor + (up ? -1 : 1), 0), last)
            return []
        }
        if layout.sliders.contains(x, y), let index = sliderRow(y, layout, state), index < state.sliderRows.count {
            state.sliderCursor = index
            return SlidersPane.nudge(state.sliderRows[index], by: up ? 1 : -1, &state)
        }
        if layout.preview.contains(x, y) { return ExploreMode.previewKey(up ? .right : .left, &state) }
        return []
    }

    /// The tile of a grid (children, a gallery page) under a click, from where the picture was
    /// placed on screen; nil outside the tiles or before the picture was placed.
    static func tile(_ x: Int, _ y: Int, columns: Int, count: Int, _ state: StudioState) -> Int? {
        guard let placed = state.placedPicture, placed.contains(x, y), count > 0 else { return nil }
        let rows = (count + columns - 1) / columns
        // The grid's cells and gutters scale together, so a cell's share of the picture is its
        // share of the grid; the thin gutters count with the tile after them.
        let column = (x - placed.x) * columns / max(placed.width, 1)
        let row = (y - placed.y) * rows / max(placed.height, 1)
        let index = row * columns + column
        return index < count ? index : nil
    }
}
