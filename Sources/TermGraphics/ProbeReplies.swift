/// What a terminal said back to the probe.
public struct ProbeReplies: Sendable, Equatable {
    /// DA1 listed attribute 4.
    public var sixel = false
    /// kitty answered its graphics query with OK.
    public var kitty = false
    public var colorRegisters: Int?
    public var cellSize: (Int, Int)?
    /// The background colour from the OSC 11 reply, 0–255 each.
    public var background: SIMD3<Int32>?
    /// The last reply arrived (DA1, or inside tmux DSR's): every earlier query has been answered
    /// or ignored.
    public var complete = false

    public static func == (a: ProbeReplies, b: ProbeReplies) -> Bool {
        a.sixel == b.sixel && a.kitty == b.kitty && a.colorRegisters == b.colorRegisters && a.complete == b.complete
            && a.cellSize?.0 == b.cellSize?.0 && a.cellSize?.1 == b.cellSize?.1 && a.background == b.background
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
            case UInt8(ascii: "]"):
                i = parseOSC(bytes, from: i + 2)
            default:
                i += 1
            }
        }
    }

    /// CSI replies: `?…c` (DA1), `?1;0;Ns` (XTSMGRAPHICS registers), `6;h;wt` (cell size),
    /// `0n` (DSR: the terminal is fine; the last reply inside tmux).
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
        case UInt8(ascii: "n") where !private_ && numbers.count == 1 && numbers[0] == 0:
            complete = true
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

    /// OSC replies: `11;rgb:R/G/B` (the background, 1 to 4 hex digits a channel), ended by BEL
    /// or ST. A reply longer than any real one is skipped unread.
    mutating func parseOSC(_ bytes: [UInt8], from start: Int) -> Int {
        var end = start
        while end < bytes.count && bytes[end] != 0x07 && bytes[end] != 0x1B && end - start < 64 { end += 1 }
        guard end < bytes.count, bytes[end] == 0x07 || bytes[end] == 0x1B else { return end }
        let body = String(decoding: bytes[start..<end], as: UTF8.self)
        if body.hasPrefix("11;") { background = Self.colour(body.dropFirst(3)) ?? background }
        return bytes[end] == 0x1B && end + 1 < bytes.count && bytes[end + 1] == UInt8(ascii: "\\") ? end + 2 : end + 1
    }

    /// `rgb:RRRR/GGGG/BBBB` (X11's form; `rgba:` with alpha as some terminals send) as 0–255.
    static func colour(_ text: Substring) -> SIMD3<Int32>? {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, parts[0] == "rgb" || parts[0] == "rgba" else { return nil }
        let channels = parts[1].split(separator: "/", omittingEmptySubsequences: false)
        guard channels.count == (parts[0] == "rgb" ? 3 : 4) else { return nil }
        var values: [Int32] = []
        for channel in channels.prefix(3) {
            guard (1...4).contains(channel.count), channel.allSatisfy(\.isHexDigit), let v = Int(channel, radix: 16) else { return nil }
            let top = (1 << (4 * channel.count)) - 1
            values.append(Int32((v * 255 + top / 2) / top))
        }
        return SIMD3(values[0], values[1], values[2])
    }
}
