import TerminalText

/// How a cell is drawn; themes give each role its colours.
public enum Role: Int, CaseIterable, Sendable {
    case normal, dim, title, header, focusHeader, selected, active, bar, knob, status, accent, overlay
}

/// One screen's worth of text cells, plus where the picture goes. The curses layer only draws
/// frames; tests read them as plain text.
public struct Frame: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var characters: [Character]
    public private(set) var roles: [Role]
    /// The rectangle the picture fills (curses never writes there), if shown.
    public var preview: Rect?

    public init(width: Int, height: Int) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        characters = [Character](repeating: " ", count: self.width * self.height)
        roles = [Role](repeating: .normal, count: self.width * self.height)
    }

    /// Writes `text` from (x, y), clipped to `limit` cells and the screen; control and bidi
    /// characters (`TerminalText.isUnsafe`) are shown as '?', so nothing from data reaches the terminal raw.
    public mutating func put(_ text: String, x: Int, y: Int, role: Role = .normal, limit: Int = .max) {
        guard y >= 0, y < height else { return }
        var column = x
        for character in text {
            guard column < width, column - x < limit else { break }
            if column >= 0 {
                let safe = !character.unicodeScalars.contains(where: TerminalText.isUnsafe)
                characters[y * width + column] = safe ? character : "?"
                roles[y * width + column] = role
            }
            column += 1
        }
    }

    public mutating func fill(_ rect: Rect, role: Role, character: Character = " ") {
        for y in max(rect.y, 0)..<min(rect.y + rect.height, height) {
            for x in max(rect.x, 0)..<min(rect.x + rect.width, width) {
                characters[y * width + x] = character
                roles[y * width + x] = role
            }
        }
    }

    public func role(x: Int, y: Int) -> Role { roles[y * width + x] }

    /// Row `y` as a string (for tests and debugging).
    public func line(_ y: Int) -> String { String(characters[(y * width)..<((y + 1) * width)]) }

    public var text: String { (0..<height).map(line).joined(separator: "\n") }
}
