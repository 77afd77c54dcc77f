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
        } else if colorterm == "truecolor" || colorterm == "24bit" || env("KITTY_WINDOW_ID") != nil || program == "iTerm.app" || program == "WezTerm" {
            colors = .full
        } else if term.contains("256color") {
            colors = .c256
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
    }

    /// Folds in what the terminal answered to `TerminalProbe.query`.
    public mutating func apply(_ replies: ProbeReplies) {
        if replies.kitty { graphics = .kitty }
        if graphics == .none && replies.sixel { graphics = .sixel }
        if let registers = replies.colorRegisters { sixelRegisters = min(max(registers, 2), 256) }
        if let (w, h) = replies.cellSize { cellWidth = w; cellHeight = h }
    }
}

/// What a terminal said back to the probe.
public struct ProbeReplies: Sendable, Equatable {
    /// DA1 listed attribute 4.
    public var sixel = false
    /// kitty answered its graphics query with OK.
    public var kitty = false
    public var colorRegisters: Int?
    public var cellSize: (Int, Int)?
    /// The DA1 reply arrived: every earlier query has been answered or ignored.
    public var complete = false

    public static func == (a: ProbeReplies, b: ProbeReplies) -> Bool {
        a.sixel == b.sixel && a.kitty == b.kitty && a.colorRegisters == b.colorRegisters && a.complete == b.complete
            && a.cellSize?.0 == b.cellSize?.0 && a.cellSize?.1 == b.cellSize?.1
    }

    public init() {}

    /// Parses whatever bytes came back; unknown or broken sequences are skipped.
    public init(parsing bytes: [UInt8]) {
        var i = 0
        while i < bytes.count {
            guard bytes[i] == 0x1B, i + 1 < bytes.count else { i += 1; continue }
            switch bytes[i + 1] {
            case UInt8(ascii: "["):
                i = parseCSI(bytes, from: i + 2)
            case UInt8(ascii: "_"):
                i = parseAPC(bytes, from: i + 2)
            default:
                i += 1
            }
        }
    }

    /// CSI replies: `?…c` (DA1), `?1;0;Ns` (XTSMGRAPHICS registers), `6;h;wt` (cell size).
    mutating func parseCSI(_ bytes: [UInt8], from start: Int) -> Int {
        var end = start
        while end < bytes.count, (0x20...0x3F).contains(bytes[end]) { end += 1 }
        guard end < bytes.count else { return end }
        let body = String(decoding: bytes[start..<end], as: UTF8.self)
        let private_ = body.hasPrefix("?")
        let numbers = (private_ ? String(body.dropFirst()) : body).split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        switch bytes[end] {
        case UInt8(ascii: "c") where private_:
            complete = true
            if numbers.dropFirst().contains(4) { sixel = true }
        case UInt8(ascii: "S") where private_ && numbers.count == 3:
            if numbers[0] == 1, numbers[1] == 0, let n = numbers[2], n > 0 { colorRegisters = n }
        case UInt8(ascii: "t") where !private_ && numbers.count == 3:
            if numbers[0] == 6, let h = numbers[1], let w = numbers[2], (1...512).contains(h), (1...512).contains(w) { cellSize = (w, h) }
        default:
            break
        }
        return end + 1
    }

    /// APC replies: kitty's `_Gi=31;OK ESC \`.
    mutating func parseAPC(_ bytes: [UInt8], from start: Int) -> Int {
        var end = start
        while end < bytes.count && bytes[end] != 0x1B && bytes[end] != 0x07 { end += 1 }
        let body = String(decoding: bytes[start..<end], as: UTF8.self)
        if body.hasPrefix("Gi=\(TerminalProbe.kittyQueryID)") && body.hasSuffix(";OK") { kitty = true }
        return end + 1
    }
}
