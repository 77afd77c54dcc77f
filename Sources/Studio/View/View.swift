/// Lays out a studio state as a frame of text cells.
public enum View {
    public static func frame(_ state: StudioState, width: Int, height: Int) -> Frame {
        var frame = Frame(width: width, height: height)
        let layout = Layout(width: width, height: height)
        guard layout.fits else {
            tooSmall(&frame)
            return frame
        }
        Panes.titleBar(state, &frame)
        Panes.styles(state, layout, &frame)
        Panes.sliders(state, layout, &frame)
        Panes.preview(state, layout, &frame)
        Panes.statusLine(state, &frame)
        switch state.overlay {
        case .none: break
        case .help(let offset): box(Help.lines(state.mode), offset: offset, &frame)
        case .card:
            let style = state.styles.indices.contains(state.activeStyle) ? state.styles[state.activeStyle] : nil
            box(style?.card ?? ["no style"], offset: 0, &frame)
        }
        return frame
    }

    /// The note for a terminal under the minimum size, wrapped to fit however small it is.
    static func tooSmall(_ frame: inout Frame) {
        let words = "Terminal too small: Ganvas needs \(Layout.minimumWidth)x\(Layout.minimumHeight) (now \(frame.width)x\(frame.height))"
        let lines = wrap(words, width: max(frame.width, 1))
        let top = max((frame.height - lines.count) / 2, 0)
        for (i, line) in lines.enumerated() {
            frame.put(line, x: max((frame.width - line.count) / 2, 0), y: top + i, role: i == 0 ? .accent : .dim)
        }
    }

    /// Words wrapped to `width` columns (a longer word is cut).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty { line = String(word.prefix(width)) } else if line.count + 1 + word.count <= width { line += " " + word } else {
                lines.append(line)
                line = String(word.prefix(width))
            }
        }
        return line.isEmpty ? lines : lines + [line]
    }

    /// Rows of text a box shows on a screen `height` rows high.
    public static func boxRows(_ height: Int) -> Int { max(height - 4, 1) }

    /// A framed box in the middle of the screen, showing `lines` from `offset`; arrows on the
    /// frame say when there is more above or below.
    static func box(_ lines: [String], offset: Int, _ frame: inout Frame) {
        let inner = min((lines.map(\.count).max() ?? 0) + 2, frame.width - 4)
        let rows = min(lines.count, boxRows(frame.height))
        let x = (frame.width - inner - 2) / 2, y = (frame.height - rows - 2) / 2
        let shown = Array(lines.dropFirst(offset).prefix(rows))
        frame.fill(Rect(x: x, y: y, width: inner + 2, height: rows + 2), role: .overlay)
        frame.put("┌" + String(repeating: "─", count: inner) + "┐", x: x, y: y, role: .overlay)
        for (i, line) in shown.enumerated() {
            frame.put("│", x: x, y: y + 1 + i, role: .overlay)
            frame.put(" " + line, x: x + 1, y: y + 1 + i, role: .overlay, limit: inner)
            frame.put("│", x: x + inner + 1, y: y + 1 + i, role: .overlay)
        }
        frame.put("└" + String(repeating: "─", count: inner) + "┘", x: x, y: y + rows + 1, role: .overlay)
        if offset > 0 { frame.put(" ↑ more ", x: x + inner - 8, y: y, role: .overlay) }
        if offset + rows < lines.count { frame.put(" ↓ more ", x: x + inner - 8, y: y + rows + 1, role: .overlay) }
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
