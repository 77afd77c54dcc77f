import Studio

/// Keys that curses did not recognise: when the terminal sends a key as another terminal type
/// would (tmux sends Home as ESC [ 1 ~ while TERM=xterm-256color expects ESC O H), curses passes
/// the bytes on one by one, and the leading ESC used to close whatever view was open. These are
/// the common encodings of the keys the studio uses.
enum EscapeSequences {
    static let known: [String: Key] = [
        "[A": .up, "[B": .down, "[C": .right, "[D": .left, "OA": .up, "OB": .down, "OC": .right, "OD": .left,
        "[H": .home, "[F": .end, "OH": .home, "OF": .end, "[1~": .home, "[4~": .end, "[7~": .home, "[8~": .end,
        "[5~": .pageUp, "[6~": .pageDown, "[Z": .backTab, "[3~": .backspace, "OM": .enter,
    ]

    /// Whether a sequence starts with this byte after an ESC: `[` (CSI) or `O` (SS3) for keys,
    /// and `]`, `P`, `_`, `^` for the strings terminals answer with (OSC colours, DCS replies,
    /// APC for kitty graphics). Any other byte is a key of its own, typed right after Esc.
    static func starts(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "[") || byte == UInt8(ascii: "O") || isString(byte) }

    /// OSC, DCS, APC and PM: terminal reports that run to a terminator, never keys.
    static func isString(_ byte: UInt8) -> Bool { "]P_^".utf8.contains(byte) }

    /// The most bytes a sequence may run to before it is dropped as broken: a key or a CSI
    /// report (DA1 lists many attributes) is short, a string report (an OSC colour) longer.
    static func limit(_ bytes: [UInt8]) -> Int {
        guard let first = bytes.first else { return 16 }
        return isString(first) ? 4096 : first == UInt8(ascii: "[") ? 64 : 16
    }

    /// Whether the bytes after an ESC make a whole sequence: `[`, parameters and a final byte,
    /// `O` and one byte, or a string ended by BEL or ST (ESC \).
    static func isComplete(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first else { return false }
        switch first {
        case UInt8(ascii: "O"): return bytes.count >= 2
        case UInt8(ascii: "["): return bytes.count >= 2 && (0x40...0x7E).contains(bytes[bytes.count - 1])
        case let byte where isString(byte):
            return bytes.count >= 2 && (bytes.last == 0x07 || bytes.suffix(2) == [0x1B, 0x5C])
        default: return false
        }
    }

    /// Whether an unfinished sequence is surely a terminal's, so its rest is worth waiting for
    /// (a reply split on a slow link): a string, or a CSI that has begun its parameters.
    static func awaitsMore(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, !isComplete(bytes) else { return false }
        return isString(first) || (first == UInt8(ascii: "[") && bytes.count >= 2)
    }

    /// The key for what followed an ESC: `.escape` when nothing did, nil for a sequence the
    /// studio has no use for (dropped, never read as Esc plus keys): terminal reports (strings,
    /// and CSI ones such as DA1's `c`, a cursor report's `R`, a window report's `t`) among them.
    static func key(after bytes: [UInt8]) -> Key? {
        if bytes.isEmpty { return .escape }
        guard isComplete(bytes), !isString(bytes[0]) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        return known[text] ?? mouse(text)
    }

    /// An SGR (1006) mouse report, `[<B;X;YM` or `…m`, when curses did not take it whole (its
    /// bytes arrived apart): button 1 press, drag and release, and the wheel.
    static func mouse(_ text: String) -> Key? {
        guard text.hasPrefix("[<"), let last = text.last, last == "M" || last == "m" else { return nil }
        let numbers = text.dropFirst(2).dropLast().split(separator: ";").compactMap { Int($0) }
        guard numbers.count == 3, numbers[1] >= 1, numbers[2] >= 1, numbers[1] <= 10_000, numbers[2] <= 10_000 else { return nil }
        let (button, x, y) = (numbers[0], numbers[1] - 1, numbers[2] - 1)
        if last == "m" { return button & 3 == 0 ? .release : nil }
        switch button {
        case 0: return .click(x: x, y: y)
        case 32: return .drag(x: x, y: y)
        case 64, 65: return .wheel(x: x, y: y, up: button == 64)
        default: return nil
        }
    }
}
