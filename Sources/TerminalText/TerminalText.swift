/// The one sanitiser for text that reaches a terminal: names, cards, recipes, tags, error
/// messages. Control characters would let a file send escape sequences (C0 and C1 controls, DEL)
/// or reorder what the reader sees (the bidirectional and line-separator format characters).
public enum TerminalText {
    /// Whether `scalar` must never reach a terminal raw.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F..<0xA0: return true            // C0, DEL, C1
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true  // bidi controls
        case 0x2028, 0x2029: return true                        // line and paragraph separators
        default: return false
        }
    }

    /// `text` with each unsafe scalar written out as `\u{…}` (tab and newline as `\t` and `\n`):
    /// one line, nothing a terminal acts on.
    public static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: result += "\\t"
            case 0x0A: result += "\\n"
            case _ where isUnsafe(scalar): result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// JSON text with the unsafe scalars JSON encoders leave raw (DEL, C1, bidi controls) written
    /// as `\uXXXX` escapes; they can only sit inside strings, where the escape means the same.
    public static func jsonSafe(_ json: String) -> String {
        var result = ""
        for scalar in json.unicodeScalars {
            if isUnsafe(scalar) {
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
