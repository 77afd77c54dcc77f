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

    /// Whether a sequence starts with this byte after an ESC (`[` or `O`); any other byte is a
    /// key of its own, typed right after Esc.
    static func starts(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "[") || byte == UInt8(ascii: "O") }

    /// Whether the bytes after an ESC make a whole sequence: `[`, parameters and a final byte,
    /// or `O` and one byte.
    static func isComplete(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first else { return false }
        switch first {
        case UInt8(ascii: "O"): return bytes.count >= 2
        case UInt8(ascii: "["): return bytes.count >= 2 && (0x40...0x7E).contains(bytes[bytes.count - 1])
        default: return false
        }
    }

    /// The key for what followed an ESC: `.escape` when nothing did, nil for a sequence the
    /// studio has no use for (dropped, never read as Esc plus keys).
    static func key(after bytes: [UInt8]) -> Key? {
        if bytes.isEmpty { return .escape }
        return known[String(decoding: bytes, as: UTF8.self)]
    }
}
