import Studio

/// Colours for each role: curses colour numbers (−1 = the terminal's default) and attributes.
public struct Theme: Sendable {
    public struct Entry: Sendable {
        public var foreground: Int16
        public var background: Int16
        public var bold = false
        public var reverse = false
    }

    public var entries: [Role: Entry]

    /// Works on dark and light terminals alike: leans on the terminal's own default colours.
    public static let standard = Theme(entries: [
        .normal: Entry(foreground: -1, background: -1),
        .dim: Entry(foreground: 8, background: -1),
        .title: Entry(foreground: 0, background: 6),
        .header: Entry(foreground: 6, background: -1, bold: true),
        .focusHeader: Entry(foreground: 3, background: -1, bold: true, reverse: true),
        .selected: Entry(foreground: -1, background: -1, bold: true, reverse: true),
        .active: Entry(foreground: 2, background: -1, bold: true),
        .bar: Entry(foreground: 8, background: -1),
        .knob: Entry(foreground: 3, background: -1, bold: true),
        .status: Entry(foreground: 0, background: 7),
        .accent: Entry(foreground: 1, background: -1, bold: true),
        .overlay: Entry(foreground: 7, background: 4),
    ])
}
