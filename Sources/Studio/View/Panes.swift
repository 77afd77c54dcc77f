/// The title bar, the three panes and the status line.
enum Panes {
    static func titleBar(_ state: StudioState, _ frame: inout Frame) {
        frame.fill(Rect(x: 0, y: 0, width: frame.width, height: 1), role: .title)
        let p = state.picture
        let mix = (p.mixes.isEmpty ? "" : " · \(p.mixes.count) mix\(p.mixes.count == 1 ? "" : "es")") + colours(p)
        frame.put(" Ganvas · \(p.style) · \(p.base == nil ? "seed \(p.seed)" : "encoded picture") · ψ " +
            "\(View.format(p.psi, digits: 2))\(mix)", x: 0, y: 0, role: .title)
        if let progress = state.walk.progress {
            frame.put("export \(progress.done)/\(progress.total) ", x: frame.width - 14, y: 0, role: .title)
        } else if state.busy {
            frame.put("rendering… ", x: frame.width - 11, y: 0, role: .title)
        }
    }

    /// The title's note of another latent's colours, if the picture takes some.
    static func colours(_ p: Picture) -> String {
        guard let c = p.colours else { return "" }
        return " · colours of \(c.latent == nil ? "seed \(c.seed)" : "a picture")\(c.level > 0 ? " (finish)" : "")"
    }

    static func styles(_ state: StudioState, _ layout: Layout, _ frame: inout Frame) {
        let pane = layout.styles
        frame.put("Styles", x: pane.x + 1, y: pane.y, role: state.focus == .styles ? .focusHeader : .header)
        let list = StylesList(layout, state)
        if let header = list.presetsHeader { frame.put("Presets", x: pane.x + 1, y: header, role: .header) }
        for (y, index) in list.rows {
            let isStyle = index < state.styles.count
            let text = isStyle ? (index == state.activeStyle ? "● " : "  ") + state.styles[index].name
                : "  " + state.presets[index - state.styles.count].name
            let role: Role = index == state.styleCursor && state.focus == .styles
                ? .selected : (isStyle && index == state.activeStyle ? .active : .normal)
            frame.put(text.padding(toLength: pane.width - 1, withPad: " ", startingAt: 0), x: pane.x, y: y, role: role,
                limit: pane.width - 1)
        }
        if let style = state.styles.indices.contains(state.styleCursor) ? state.styles[state.styleCursor] : nil {
            // The description wraps on words into the free rows above the pane's foot (up to 3).
            let used = max(list.rows.map(\.y).max() ?? pane.y, list.presetsHeader ?? pane.y)
            let room = min(max(pane.y + pane.height - 2 - used, 1), 3), width = pane.width - 2
            var lines = View.wrap(style.description, width: width)
            if lines.count > room {
                let rest = lines[(room - 1)...].joined(separator: " ")
                lines = Array(lines.prefix(room - 1)) + [View.fitted(rest, width: width)]
            }
            let top = pane.y + pane.height - lines.count
            frame.put("\(style.resolution)px", x: pane.x + 1, y: top - 1, role: .dim, limit: width)
            for (i, line) in lines.enumerated() { frame.put(line, x: pane.x + 1, y: top + i, role: .dim, limit: width) }
        }
    }

    static func sliders(_ state: StudioState, _ layout: Layout, _ frame: inout Frame) {
        let pane = layout.sliders, bar = layout.sliderBar
        frame.put("Sliders", x: pane.x + 1, y: pane.y, role: state.focus == .sliders ? .focusHeader : .header)
        let rows = state.sliderRows, first = layout.firstSliderRow(cursor: state.sliderCursor, rows: rows.count)
        if first > 0 { frame.put("↑", x: pane.x + pane.width - 2, y: pane.y, role: .dim) }
        if first + layout.visibleSliderRows < rows.count { frame.put("↓", x: pane.x + pane.width - 3, y: pane.y, role: .dim) }
        for (index, row) in rows.enumerated() where index >= first && index < first + layout.visibleSliderRows {
            let y = pane.y + 1 + index - first
            let selected = index == state.sliderCursor && state.focus == .sliders
            let (name, value, fraction) = describe(row, state)
            frame.put(name.padding(toLength: 10, withPad: " ", startingAt: 0), x: pane.x + 1, y: y,
                role: selected ? .selected : .normal, limit: 10)
            if let fraction {
                let knob = Int((fraction * Float(bar.width - 1)).rounded())
                for i in 0..<bar.width {
                    let centre = i == (bar.width - 1) / 2
                    frame.put(i == knob ? "●" : (centre ? "┼" : "─"), x: bar.x + i, y: y, role: i == knob ? .knob : .bar)
                }
                frame.put(value, x: bar.x + bar.width + 1, y: y, role: selected ? .selected : .normal,
                    limit: pane.x + pane.width - bar.x - bar.width - 1)
            } else {
                frame.put(value, x: bar.x, y: y, role: selected ? .selected : .normal, limit: pane.width - 12)
            }
        }
    }

    /// A slider row's name, value text and knob position (nil: no bar).
    static func describe(_ row: SliderRow, _ state: StudioState) -> (String, String, Float?) {
        let picture = state.picture
        switch row {
        case .direction(let i):
            let amount = picture.edits[i]
            return (state.sliderNames[i], (amount >= 0 ? "+" : "") + View.format(amount, digits: 2),
                (amount + StudioState.editLimit) / (2 * StudioState.editLimit))
        case .psi: return ("ψ trunc", View.format(picture.psi, digits: 2), picture.psi / 2)
        case .seed: return ("seed", picture.base == nil ? "\(picture.seed)" : "encoded", nil)
        case .mix:
            let mix = picture.mixes.last!
            return (mix.latent == nil ? "mix \(mix.seed % 100_000)" : "mix photo", View.format(mix.t, digits: 2), mix.t)
        case .colours:
            let colours = picture.colours!
            return (colours.latent == nil ? "col \(colours.seed % 100_000)" : "col photo", View.format(colours.t, digits: 2), colours.t)
        }
    }

    static func preview(_ state: StudioState, _ layout: Layout, _ frame: inout Frame) {
        let titles: [Mode: String] = [.explore: "Preview", .children: "Children", .walk: "Walk", .gallery: "Gallery",
                                      .canvas: state.canvas?.view == .picture ? "Canvas: the style's picture (Tab)" : "Canvas"]
        frame.put(titles[state.mode]!, x: layout.preview.x, y: 1,
            role: state.focus == .preview || state.mode != .explore ? .focusHeader : .header)
        var rect = layout.preview
        // The last rows of the preview carry the mode's own lines (scrub bar, difference, file).
        let info: [String]
        switch state.mode {
        case .explore: info = []
        case .children: info = [ChildrenMode.info(state)]
        case .walk: info = [WalkMode.info(state, width: rect.width)]
        case .gallery: info = GalleryMode.info(state)
        case .canvas: info = CanvasMode.info(state)
        }
        rect.height -= info.count
        for (i, line) in info.enumerated() { frame.put(line, x: rect.x, y: rect.y + rect.height + i, role: .dim, limit: rect.width) }
        frame.preview = state.overlay == .none ? rect : nil
        if Display.image(state) == nil && state.mode != .gallery {
            frame.put(state.styles.isEmpty ? "no styles installed" : "rendering…", x: rect.x, y: rect.y, role: .dim)
        }
    }

    static func statusLine(_ state: StudioState, _ frame: inout Frame) {
        let y = frame.height - 1
        frame.fill(Rect(x: 0, y: y, width: frame.width, height: 1), role: .status)
        switch state.prompt {
        case .text(let input)?:
            let hint = state.status.isEmpty ? "(Enter keeps, Esc cancels)" : state.status
            // What is typed stays whole; the hint gives way.
            let typed = " " + input.prompt + input.text + "▏"
            frame.put(typed + "  " + View.fitted(hint, width: max(frame.width - typed.count - 2, 0)), x: 0, y: y, role: .status)
        case .question(let question)?:
            frame.put(" " + View.fitted(question.text, width: frame.width - 1), x: 0, y: y, role: .accent)
        case nil:
            let hints: String
            switch state.mode {
            case .explore: hints = ExploreMode.hints
            case .children: hints = ChildrenMode.hints
            case .walk: hints = WalkMode.hints
            case .gallery: hints = GalleryMode.hints
            case .canvas: hints = CanvasMode.hints
            }
            frame.put(" " + View.fitted(state.status.isEmpty ? hints : state.status, width: frame.width - 1), x: 0, y: y, role: .status)
        }
    }
}

/// Where the styles pane puts each style and preset: shared by the view and the mouse.
struct StylesList {
    /// (screen row, index in the list of styles then presets).
    var rows: [(y: Int, index: Int)] = []
    var presetsHeader: Int?

    init(_ layout: Layout, _ state: StudioState) {
        let pane = layout.styles
        for i in state.styles.indices where i < pane.height - 1 { rows.append((pane.y + 1 + i, i)) }
        guard !state.presets.isEmpty && state.styles.count + 2 < pane.height - 3 else { return }
        let top = pane.y + 2 + state.styles.count
        presetsHeader = top
        for i in state.presets.indices where top + 1 + i < pane.y + pane.height - 2 { rows.append((top + 1 + i, state.styles.count + i)) }
    }

    static func entry(atScreenRow y: Int, _ layout: Layout, _ state: StudioState) -> Int? {
        StylesList(layout, state).rows.first { $0.y == y }?.index
    }
}
