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
        case .help(let offset): box(boxLines(Help.lines(state.mode), screenWidth: width), offset: offset, &frame)
        case .card:
            let style = state.styles.indices.contains(state.activeStyle) ? state.styles[state.activeStyle] : nil
            box(boxLines(style?.card ?? ["no style"], screenWidth: width), offset: 0, &frame)
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

    /// `text` cut to `width` columns on a word boundary, ending in "…" where it was cut (a word
    /// longer than a third of the width is cut inside).
    public static func fitted(_ text: String, width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 1 else { return String(text.prefix(max(width, 0))) }
        let head = text.prefix(width - 1)
        if let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) >= (width * 2) / 3 {
            return String(head[..<space]).trimmingTrailingSpaces() + "…"
        }
        return String(head) + "…"
    }

    /// A box's lines on a screen `screenWidth` wide: longer lines wrap on word boundaries, their
    /// continuation hanging under the text after the line's widest gap (a key's description, a
    /// card field's value).
    public static func boxLines(_ lines: [String], screenWidth: Int) -> [String] {
        let room = max(screenWidth - 6, 8)
        return lines.flatMap { line -> [String] in
            guard line.count > room else { return [line] }
            let characters = Array(line)
            var indent = hangingIndent(characters)
            if indent > room / 2 { indent = min(characters.prefix { $0 == " " }.count + 2, room / 2) }
            let head = String(characters[0..<indent]), body = String(characters[indent...])
            let wrapped = wrap(body, width: room - indent)
            return wrapped.enumerated().map { ($0 == 0 ? head : String(repeating: " ", count: indent)) + $1 }
        }
    }

    /// Where a line's text after its widest gap of two or more spaces starts (the later of equal
    /// ones; its leading spaces if it has none): the description column of "r   x   #        a new…".
    static func hangingIndent(_ characters: [Character]) -> Int {
        let lead = characters.prefix { $0 == " " }.count
        var best = (width: 1, end: lead), i = lead
        while i < characters.count {
            guard characters[i] == " " else { i += 1; continue }
            var end = i
            while end < characters.count && characters[end] == " " { end += 1 }
            if end - i >= max(best.width, 2), end < characters.count { best = (end - i, end) }
            i = end
        }
        return best.end
    }

    /// A framed box in the middle of the screen, showing `lines` from `offset`; arrows on the
    /// frame say when there is more above or below.
    static func box(_ lines: [String], offset: Int, _ frame: inout Frame) {
        let inner = min((lines.map(\.count).max() ?? 0) + 2, frame.width - 4)
        let rows = min(lines.count, boxRows(frame.height))
        let x = (frame.width - inner - 2) / 2, y = (frame.height - rows - 2) / 2
        let shown = Array(lines.dropFirst(offset).prefix(rows))
        // A blank column each side: what the panes drew beside the box (the style list's green
        // ●) seemed to show through its edge.
        frame.fill(Rect(x: x - 1, y: y, width: inner + 4, height: rows + 2), role: .normal)
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
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }

    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(width - count, 0)) + self }
}
