/// A key press as the studio sees it, independent of curses.
public enum Key: Equatable, Sendable {
    case char(Character)
    case up, down, left, right
    case tab, backTab, enter, escape, backspace
    case pageUp, pageDown, home, end
    case ctrl(Character)
    /// A mouse click (button 1) or wheel step at a cell.
    case click(x: Int, y: Int)
    case wheel(x: Int, y: Int, up: Bool)
    /// The mouse moved with button 1 held (after a click), and the button let go.
    case drag(x: Int, y: Int)
    case release

    var isDrag: Bool { if case .drag = self { return true } else { return false } }
}
