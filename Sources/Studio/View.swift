/// Lays out a studio state as a frame of text cells.
public enum View {
    public static let helpLines = [
        "Keys",
        "",
        "Tab / Shift-Tab   move between styles, preview and sliders",
        "arrows or h j k l  move / change the focused pane's value",
        "Enter             use the style under the cursor",
        "H / L             move a slider in big steps; 0 centres it",
        "r                 a new random picture",
        "x                 reset every slider and mix",
        "v                 children: a grid of variations (+/- how different, Enter picks)",
        "b                 crossbreed with a random partner (the mix slider sets how much)",
        "A / B             mark walk keyframes; w walks between them",
        "                  (←/→ scrub, space plays, e exports GIF + PNG frames)",
        "g                 gallery: Enter opens, b crossbreeds with it, f favourite, t tags,",
        "                  d trash (u undoes),",
        "                  space marks, e exports x4 (E smooth), Esc returns",
        "u / U (Ctrl-R)    undo / redo",
        "s                 save the picture (with its recipe) to the gallery; S elsewhere",
        "n                 name the slider under the cursor; P saves a preset",
        "c                 the style's card: data, licence, quality",
        "?                 this help        q  quit",
        "",
        "Mouse: click a style or a slider bar; the wheel moves lists and sliders.",
        "Any key closes this window.",
    ]

    public static func frame(_ state: StudioState, width: Int, height: Int) -> Frame {
        var frame = Frame(width: width, height: height)
        let layout = Layout(width: width, height: height)
        guard layout.fits else {
            let note = "Terminal too small: Ganvas needs \(Layout.minimumWidth)x\(Layout.minimumHeight)"
            frame.put(note, x: max((width - note.count) / 2, 0), y: height / 2, role: .accent)
            frame.put("(now \(width)x\(height))", x: max((width - 12) / 2, 0), y: height / 2 + 1, role: .dim)
            return frame
        }
        titleBar(state, &frame)
        stylesPane(state, layout, &frame)
        slidersPane(state, layout, &frame)
        previewPane(state, layout, &frame)
        statusLine(state, &frame)
        switch state.overlay {
        case .none: break
        case .help: box(helpLines, &frame)
        case .card: box(state.styles[state.styleCursor].card, &frame)
        }
        return frame
    }

    static func previewPane(_ state: StudioState, _ layout: Layout, _ frame: inout Frame) {
        let titles: [Mode: String] = [.explore: "Preview", .children: "Children", .walk: "Walk", .gallery: "Gallery"]
        frame.put(titles[state.mode]!, x: layout.preview.x, y: 1, role: state.focus == .preview || state.mode != .explore ? .focusHeader : .header)
        var rect = layout.preview
        // The last row of the preview carries the mode's own line (scrub bar, difference, file).
        var info: String?
        switch state.mode {
        case .explore: break
        case .children: info = "difference \(format(state.children?.difference ?? 0, digits: 2))  (+/-)  Enter picks, Esc returns"
        case .walk: info = scrubBar(state.walkT, width: rect.width) + (state.playing ? "  playing" : "")
        case .gallery:
            let g = state.gallery
            if g.loading { info = "loading…" } else if g.items.isEmpty { info = "the gallery is empty: press Esc, then s to save" } else {
                let item = g.items[g.selected]
                let tags = item.tags.isEmpty ? "" : "#" + item.tags.joined(separator: " #") + " "
                info = "\(g.selected + 1)/\(g.items.count) \(item.favourite ? "★ " : "")\(tags)\(item.name) · \(item.summary)"
            }
        }
        if let info {
            rect.height -= 1
            frame.put(info, x: rect.x, y: rect.y + rect.height, role: .dim, limit: rect.width)
        }
        frame.preview = state.overlay == .none ? rect : nil
        if Display.image(state) == nil && state.mode != .gallery {
            frame.put(state.styles.isEmpty ? "no styles installed" : "rendering…", x: rect.x, y: rect.y, role: .dim)
        }
    }

    static func scrubBar(_ t: Float, width: Int) -> String {
        let inner = max(width - 16, 4)
        let knob = Int((t * Float(inner - 1)).rounded())
        return "A " + (0..<inner).map { $0 == knob ? "●" : "━" }.joined() + " B  t=\(format(t, digits: 2))"
    }

    static func titleBar(_ state: StudioState, _ frame: inout Frame) {
        frame.fill(Rect(x: 0, y: 0, width: frame.width, height: 1), role: .title)
        let p = state.picture
        let mix = p.mixes.isEmpty ? "" : " · \(p.mixes.count) mix\(p.mixes.count == 1 ? "" : "es")"
        frame.put(" Ganvas · \(p.style) · seed \(p.seed) · ψ \(format(p.psi, digits: 2))\(mix)", x: 0, y: 0, role: .title)
        if let progress = state.progress {
            frame.put("export \(progress.done)/\(progress.total) ", x: frame.width - 14, y: 0, role: .title)
        } else if state.busy {
            frame.put("rendering… ", x: frame.width - 11, y: 0, role: .title)
        }
    }

    static func stylesPane(_ state: StudioState, _ layout: Layout, _ frame: inout Frame) {
        let pane = layout.styles
        frame.put("Styles", x: pane.x + 1, y: pane.y, role: state.focus == .styles ? .focusHeader : .header)
        for (i, style) in state.styles.enumerated() where i < pane.height - 1 {
            let marker = i == state.activeStyle ? "● " : "  "
            let role: Role = i == state.styleCursor && state.focus == .styles ? .selected : (i == state.activeStyle ? .active : .normal)
            let text = marker + style.name
            frame.put(text.padding(toLength: pane.width - 1, withPad: " ", startingAt: 0), x: pane.x, y: pane.y + 1 + i, role: role, limit: pane.width - 1)
        }
        if !state.presets.isEmpty && state.styles.count + 2 < pane.height - 3 {
            let top = pane.y + 2 + state.styles.count
            frame.put("Presets", x: pane.x + 1, y: top, role: .header)
            for (i, preset) in state.presets.enumerated() where top + 1 + i < pane.y + pane.height - 2 {
                let cursor = state.styles.count + i
                let role: Role = cursor == state.styleCursor && state.focus == .styles ? .selected : .normal
                frame.put(("  " + preset.name).padding(toLength: pane.width - 1, withPad: " ", startingAt: 0), x: pane.x, y: top + 1 + i, role: role, limit: pane.width - 1)
            }
        }
        if let style = state.styles.indices.contains(state.styleCursor) ? state.styles[state.styleCursor] : nil {
            let y = pane.y + pane.height - 2
            frame.put("\(style.resolution)px", x: pane.x + 1, y: y, role: .dim, limit: pane.width - 2)
            frame.put(style.description, x: pane.x + 1, y: y + 1, role: .dim, limit: pane.width - 2)
        }
    }

    static func slidersPane(_ state: StudioState, _ layout: Layout, _ frame: inout Frame) {
        let pane = layout.sliders, bar = layout.sliderBar
        frame.put("Sliders", x: pane.x + 1, y: pane.y, role: state.focus == .sliders ? .focusHeader : .header)
        for row in 0..<state.sliderRows where row < pane.height - 1 {
            let y = pane.y + 1 + row
            let selected = row == state.sliderCursor && state.focus == .sliders
            let name: String, value: String, fraction: Float?
            if row < StudioState.sliderCount {
                let amount = state.picture.edits[row]
                name = state.sliderNames[row]
                value = (amount >= 0 ? "+" : "") + format(amount, digits: 2)
                fraction = (amount + StudioState.editLimit) / (2 * StudioState.editLimit)
            } else if row == StudioState.sliderCount {
                name = "ψ trunc"
                value = format(state.picture.psi, digits: 2)
                fraction = state.picture.psi / 2
            } else if row == StudioState.sliderCount + 1 {
                name = "seed"
                value = "\(state.picture.seed)"
                fraction = nil
            } else {
                let mix = state.picture.mixes.last!
                name = mix.latent == nil ? "mix \(mix.seed % 100_000)" : "mix photo"
                value = format(mix.t, digits: 2)
                fraction = mix.t
            }
            frame.put(name.padding(toLength: 10, withPad: " ", startingAt: 0), x: pane.x + 1, y: y, role: selected ? .selected : .normal, limit: 10)
            if let fraction {
                let knob = Int((fraction * Float(bar.width - 1)).rounded())
                for i in 0..<bar.width {
                    let centre = i == (bar.width - 1) / 2
                    frame.put(i == knob ? "●" : (centre ? "┼" : "─"), x: bar.x + i, y: y, role: i == knob ? .knob : .bar)
                }
                frame.put(value, x: bar.x + bar.width + 1, y: y, role: selected ? .selected : .normal, limit: pane.x + pane.width - bar.x - bar.width - 1)
            } else {
                frame.put(value, x: bar.x, y: y, role: selected ? .selected : .normal, limit: pane.width - 12)
            }
        }
    }

    static func statusLine(_ state: StudioState, _ frame: inout Frame) {
        let y = frame.height - 1
        frame.fill(Rect(x: 0, y: y, width: frame.width, height: 1), role: .status)
        let hints: String
        switch state.mode {
        case .explore: hints = "r new  v kids  b breed  A/B w walk  s save  g gallery  u undo  ? help  q quit"
        case .children: hints = "arrows choose  Enter pick  +/- difference  r reroll  Esc back"
        case .walk: hints = "←/→ scrub  space play  e export GIF  Esc back"
        case .gallery: hints = "Enter open  f fav  t tags  d trash  u undo  space mark  e export  Esc back"
        }
        if let input = state.input {
            frame.put(" " + input.prompt + input.text + "▏  (Enter keeps, Esc cancels)", x: 0, y: y, role: .status)
            return
        }
        frame.put(" " + (state.status.isEmpty ? hints : state.status), x: 0, y: y, role: .status)
    }

    static func box(_ lines: [String], _ frame: inout Frame) {
        let inner = min((lines.map(\.count).max() ?? 0) + 2, frame.width - 4)
        let rows = min(lines.count, frame.height - 4)
        let x = (frame.width - inner - 2) / 2, y = (frame.height - rows - 2) / 2
        frame.fill(Rect(x: x, y: y, width: inner + 2, height: rows + 2), role: .overlay)
        frame.put("┌" + String(repeating: "─", count: inner) + "┐", x: x, y: y, role: .overlay)
        for (i, line) in lines.prefix(rows).enumerated() {
            frame.put("│", x: x, y: y + 1 + i, role: .overlay)
            frame.put(" " + line, x: x + 1, y: y + 1 + i, role: .overlay, limit: inner)
            frame.put("│", x: x + inner + 1, y: y + 1 + i, role: .overlay)
        }
        frame.put("└" + String(repeating: "─", count: inner) + "┘", x: x, y: y + rows + 1, role: .overlay)
    }

    static func format(_ value: Float, digits: Int) -> String {
        let scale = Float(pow10(digits))
        let scaled = Int((abs(value) * scale).rounded())
        let text = "\(scaled / Int(scale)).\(String(scaled % Int(scale)).leftPadded(digits))"
        return value < 0 && scaled != 0 ? "-" + text : text
    }

    static func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { acc, _ in acc * 10 } }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(width - count, 0)) + self }
}
