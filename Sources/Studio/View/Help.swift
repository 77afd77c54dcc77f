/// The `?` window: every key, from one table, which the tmux test also presses key by key.
public enum Help {
    public struct Entry: Sendable {
        public let keys: String
        public let text: String
        /// The same keys as tmux `send-keys` names, and the mode they act in.
        public let tmux: [String]
        public let mode: Mode
    }

    public static let entries: [Entry] = [
        Entry(keys: "Tab / Shift-Tab", text: "move between styles, preview and sliders", tmux: ["Tab", "BTab"], mode: .explore),
        Entry(keys: "arrows, h j k l", text: "move; change the focused pane's value",
            tmux: ["Left", "Right", "Up", "Down", "h", "l", "k", "j"], mode: .explore),
        Entry(keys: "H / L   0", text: "a slider in big steps; 0 centres it", tmux: ["H", "L", "0"], mode: .explore),
        Entry(keys: "n or Enter", text: "on a slider: name it, or type its value", tmux: ["n", "Escape", "Enter", "Escape"],
            mode: .explore),
        Entry(keys: "r   x   #", text: "a new picture; reset sliders, ψ and mixes; type a seed", tmux: ["r", "x", "#", "Escape"],
            mode: .explore),
        Entry(keys: "v   V", text: "nine children; V: in other seeds' colours (+/- change)",
            tmux: ["v", "+", "-", "Right", "Enter", "V", "+", "-", "v", "V", "Enter"], mode: .explore),
        Entry(keys: "b", text: "crossbreed with a random partner (mix slider)", tmux: ["b"], mode: .explore),
        Entry(keys: "A  B  w", text: "walk keyframes; w walks (←/→, space plays, e exports)",
            tmux: ["A", "r", "B", "w", "Right", "Space", "Space", "Escape"], mode: .explore),
        Entry(keys: "o   O", text: "open a PNG in this style; O: in the style at the cursor", tmux: ["o", "Escape", "O"], mode: .explore),
        Entry(keys: "d   D", text: "paint on this picture or a blank one (? there: its keys)", tmux: ["d"], mode: .explore),
        Entry(keys: "drag, space", text: "paint (arrows/hjkl move the brush, HJKL by 8)",
            tmux: ["Right", "Space", "Down", "K", "J", "H", "L"], mode: .canvas),
        Entry(keys: "1-9 i  [ ]", text: "palette colour · pick the colour under the cursor · size", tmux: ["2", "i", "]", "["],
            mode: .canvas),
        Entry(keys: "e f n o Tab", text: "eraser · fill · clear · open a PNG · switch the view",
            tmux: ["e", "e", "f", "Space", "f", "n", "o", "Escape", "Tab", "Tab", "Tab"], mode: .canvas),
        Entry(keys: "u U  Enter Esc", text: "undo / redo strokes · take the picture · leave unchanged", tmux: ["u", "U", "Enter"],
            mode: .canvas),
        Entry(keys: "y", text: "preview: graphics, blocks, quadrants, halves, sextants", tmux: ["y"], mode: .explore),
        Entry(keys: "s / S   P", text: "save to the gallery / elsewhere; P saves a preset", tmux: ["s", "S", "Escape", "P", "Escape"],
            mode: .explore),
        Entry(keys: "u / U, Ctrl-R", text: "undo / redo", tmux: ["u", "U", "C-r"], mode: .explore),
        Entry(keys: "g", text: "gallery (walks and exports too):", tmux: ["g"], mode: .explore),
        Entry(keys: "  Enter b c f t", text: "open · crossbreed · take its colours · favourite · tags",
            tmux: ["f", "t", "Escape", "c", "g", "b", "g", "Enter"], mode: .gallery),
        Entry(keys: "  d  u   o  /", text: "trash · undo · sort · filter by tag, style or name", tmux: ["o", "/", "Escape", "d", "u"],
            mode: .gallery),
        Entry(keys: "  space a i  e E", text: "mark · all · invert · export x4 (E smooth)",
            tmux: ["Space", "a", "i", "PageDown", "PageUp", "End", "Home", "e", "E", "Escape"], mode: .gallery),
        Entry(keys: "c   ? / q", text: "style card · this help · quit (asks first if unsaved)",
            tmux: ["c", "Escape", "?", "Escape", "q"], mode: .explore),
    ]

    /// The `?` window of a mode: the canvas lists its own keys, every other mode the studio's.
    /// Each line fits 74 columns, the box's width at 80 (narrower screens wrap them).
    public static func lines(_ mode: Mode) -> [String] {
        let canvas = mode == .canvas
        return ["Keys (any other key closes this)"]
            + entries.filter { ($0.mode == .canvas) == canvas }.map { $0.keys.padding(toLength: 17, withPad: " ", startingAt: 0) + $0.text }
            + [canvas ? "Mouse: drag on the sketch paints; a click on the strip picks a colour."
                      : "Mouse: click styles, presets, sliders and tiles; the wheel moves them."]
    }

    public static var lines: [String] { lines(.explore) }
}
