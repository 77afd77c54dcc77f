/// tmux passes escape sequences it does not know to the outer terminal only when wrapped in its
/// DCS passthrough, with every ESC inside doubled.
public enum TmuxPassthrough {
    public static func wrap(_ sequence: [UInt8]) -> [UInt8] {
        var out = Array("\u{1B}Ptmux;".utf8)
        out.reserveCapacity(sequence.count + 16)
        for byte in sequence {
            if byte == 0x1B { out.append(0x1B) }
            out.append(byte)
        }
        return out + Array("\u{1B}\\".utf8)
    }

    /// A picture (already wrapped) placed inline, `rows` cells tall, with tmux's cursor below it.
    /// Passthrough moves the outer terminal's cursor but not tmux's, so the next prompt would be
    /// printed over the picture; and a picture drawn near the bottom would scroll the outer
    /// terminal behind tmux's back. So the rows are made first (newlines scroll both alike), the
    /// cursor goes back up to draw, then down past the picture.
    public static func inline(_ picture: [UInt8], rows: Int) -> [UInt8] {
        let n = max(1, rows)
        let down = [UInt8](repeating: 0x0A, count: n)
        return down + Array("\u{1B}[\(n)A\r".utf8) + picture + [0x0D] + down
    }
}
