/// What a terminal can show, from its environment and (on a tty) its answers to one probe.
public struct TerminalProfile: Sendable, Equatable {
    public enum Graphics: String, Sendable { case sixel, kitty, iterm, none }

    public var graphics: Graphics = .none
    public var colors: ColorDepth = .c16
    /// Sixel colour registers the terminal offers.
    public var sixelRegisters = 256
    /// Pixels per character cell, when known.
    public var cellWidth: Int?
    public var cellHeight: Int?
    public var inTmux = false
    /// Inside tmux, whether it passes DCS passthrough (`allow-passthrough on`) to the outer terminal.
    public var tmuxPassthrough = false
    /// Whether the terminal draws the sextants (U+1FB00…) itself instead of taking them from a
    /// font: stock fonts such as DejaVu Sans Mono lack them and show boxes.
    public var drawsSextants = false
    /// The terminal's background colour (0–255 each), when it said or the environment tells.
    public var background: SIMD3<Int32>?

    public init() {}

    /// Guesses from the environment alone (no terminal I/O).
    public init(environment: [String: String]) {
        self.init(variable: { environment[$0] })
    }

    /// The same, reading variables one at a time (`getenv`, without a dictionary).
    public init(variable env: (String) -> String?) {
        let term = env("TERM") ?? "", program = env("TERM_PROGRAM") ?? ""
        let colorterm = (env("COLORTERM") ?? "").lowercased()
        if term == "dumb" || term.isEmpty && program.isEmpty {
            colors = .none
        } else if colorterm == "truecolor" || colorterm == "24bit" || env("KITTY_WINDOW_ID") != nil
                        || program == "iTerm.app" || program == "WezTerm" {
            colors = .full
        } else {
            colors = Self.paletteDepth(term: term)
        }
        if let noColor = env("NO_COLOR"), !noColor.isEmpty { colors = .none }
        inTmux = env("TMUX") != nil
        if env("KITTY_WINDOW_ID") != nil || term == "xterm-kitty" || program == "ghostty" {
            graphics = .kitty
        } else if program == "iTerm.app" || program == "WezTerm" || env("WEZTERM_EXECUTABLE") != nil || env("WEZTERM_PANE") != nil {
            graphics = .iterm
        } else if ["mlterm", "foot", "yaft", "contour", "xterm-sixel"].contains(where: { term.hasPrefix($0) }) {
            graphics = .sixel
        }
        drawsSextants = Self.drawsSextants(term: term, program: program, env: env)
        background = env("COLORFGBG").flatMap(Self.background(colorfgbg:))
    }

    /// 256 colours unless TERM names fewer, as chafa decides (it picks 256 for `xterm`, `screen`,
    /// `vt220` and unknown names): every terminal emulator in use has the 256-colour palette; the
    /// Linux console and `*-16color`/`*-8color` entries get 16.
    static func paletteDepth(term: String) -> ColorDepth {
        term == "linux" || term.hasPrefix("linux-") || term.hasSuffix("-16color") || term.hasSuffix("-8color") ? .c16 : .c256
    }

    /// Terminals that draw the sextants themselves, whatever the font: kitty, foot, WezTerm
    /// (custom block glyphs, on by default) and Ghostty (its sprite font).
    static func drawsSextants(term: String, program: String, env: (String) -> String?) -> Bool {
        env("KITTY_WINDOW_ID") != nil || term == "xterm-kitty" || term.hasPrefix("foot") || program == "WezTerm"
            || env("WEZTERM_PANE") != nil || program == "ghostty" || term == "xterm-ghostty"
    }

    /// rxvt's and Konsole's `COLORFGBG=fg;bg` (sometimes `fg;default;bg`): the background as one
    /// of the 16 colours.
    static func background(colorfgbg: String) -> SIMD3<Int32>? {
        guard let last = colorfgbg.split(separator: ";").last, let index = Int(last), (0..<16).contains(index) else { return nil }
        return ColorDepth.sixteen[index]
    }

    /// Whether the background is light (relative luminance above one half), when known.
    public var lightBackground: Bool? {
        background.map { Double($0.x) * 0.2126 + Double($0.y) * 0.7152 + Double($0.z) * 0.0722 > 127.5 }
    }

    /// Folds in what the terminal answered to `TerminalProbe.query`.
    public mutating func apply(_ replies: ProbeReplies) {
        if replies.kitty { graphics = .kitty }
        // Through tmux there is no DA1 reply (tmux would keep it): a terminal that answers
        // XTSMGRAPHICS, the sixel graphics query, is taken to draw sixel.
        let sixel = replies.sixel || inTmux && tmuxPassthrough && replies.colorRegisters != nil
        if graphics == .none && sixel { graphics = .sixel }
        if let registers = replies.colorRegisters { sixelRegisters = min(max(registers, 2), 256) }
        if let (w, h) = replies.cellSize { cellWidth = w; cellHeight = h }
        if let colour = replies.background { background = colour }
    }
}
