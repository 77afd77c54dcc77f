@preconcurrency import CNCursesW
import Glibc
import Studio
import TermGraphics

/// The curses side of the studio: sets the terminal up, draws frames, reads keys. Every call
/// happens on the main thread (curses is not thread-safe).
public final class CursesScreen {
    private var screen: OpaquePointer?
    public private(set) var width = 0, height = 0
    private var wait: Int32 = 30
    /// Whether button 1 is down (a press was reported and its release not yet), and input
    /// already decoded but not yet handed out.
    private var buttonDown = false
    private var pending: [Input] = []

    /// Starts curses on the controlling terminal; nil when there is none.
    public init?(theme: Theme) {
        setlocale(LC_ALL, "")
        Self.limitClaimedSize()
        guard let s = newterm(nil, stdout, stdin) else { return nil }
        screen = s
        set_term(s)
        cbreak()
        noecho()
        nonl()
        keypad(ganvas_stdscr(), true)
        set_escdelay(25)
        wtimeout(ganvas_stdscr(), 30)
        curs_set(0)
        mousemask(ganvas_mouse_mask(), nil)
        mouseinterval(0)
        // ncurses asks for every motion (1003) to report drags; motion with a button held (1002)
        // is all the studio needs, and spares a report per cell the pointer crosses.
        fputs("\u{1B}[?1003l\u{1B}[?1002h", stdout)
        fflush(stdout)
        if has_colors() {
            start_color()
            use_default_colors()
            let normal = theme.entries[.normal] ?? Theme.Entry(foreground: -1, background: -1)
            for role in Role.allCases {
                let entry = theme.entries[role] ?? Theme.Entry(foreground: -1, background: -1)
                let (foreground, background) = ColourFallback.pair(entry, colours: Int(COLORS), normal: normal)
                init_pair(Int16(role.rawValue + 1), foreground, background)
            }
        }
        self.theme = theme
        updateSize()
    }

    let theme: Theme

    /// The most cells a side may have: curses allocates every cell of its screens.
    static let maxSide = 1000

    /// The terminal's own window size wins over LINES and COLUMNS (`LINES=5000 COLUMNS=5000` in
    /// an 80x24 terminal cost 2.5 GB); with no window size to ask, what they claim is capped.
    static func limitClaimedSize() {
        if TerminalProbe.windowSize(fd: 1) != nil {
            // (use_env(false) would not do: it takes terminfo's 80x24 over the window too.)
            unsetenv("LINES")
            unsetenv("COLUMNS")
            return
        }
        for name in ["LINES", "COLUMNS"] {
            if let value = getenv(name).map({ String(cString: $0) }), (Int(value) ?? 0) > maxSide { setenv(name, "\(maxSide)", 1) }
        }
    }

    func updateSize() {
        width = Int(getmaxx(ganvas_stdscr()))
        height = Int(getmaxy(ganvas_stdscr()))
    }

    /// Ends curses: the terminal goes back to how it was.
    public func end() {
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
    }

    /// Draws a frame; the preview rectangle is left blank for the picture.
    public func draw(_ frame: Frame) {
        werase(ganvas_stdscr())
        for y in 0..<min(frame.height, height) {
            var x = 0
            while x < min(frame.width, width) {
                let role = frame.role(x: x, y: y)
                var run: [wchar_t] = []
                let start = x
                while x < min(frame.width, width) && frame.role(x: x, y: y) == role {
                    if let preview = frame.preview, preview.contains(x, y) { break }
                    let character = frame.characters[y * frame.width + x]
                    run.append(wchar_t(bitPattern: character.unicodeScalars.first!.value))
                    x += 1
                }
                if run.isEmpty { x += 1; continue }
                // The last cell of the screen cannot be written without scrolling in some terminals.
                if y == height - 1 && x == width { run.removeLast() }
                let attributes = self.attributes(role)
                wattr_on(ganvas_stdscr(), attributes, nil)
                run.append(0)
                mvwaddnwstr(ganvas_stdscr(), Int32(y), Int32(start), run, Int32(run.count - 1))
                wattr_off(ganvas_stdscr(), attributes, nil)
            }
        }
        wnoutrefresh(ganvas_stdscr())
        doupdate()
    }

    func attributes(_ role: Role) -> attr_t {
        let entry = theme.entries[role] ?? Theme.Entry(foreground: -1, background: -1)
        var value = attr_t(bitPattern: ganvas_color_pair(Int32(role.rawValue + 1)))
        if entry.bold { value |= ganvas_a_bold() }
        if entry.reverse { value |= ganvas_a_reverse() }
        return value
    }

    /// Forces a full repaint on the next draw (after the picture was drawn over cells).
    public func invalidate() { clearok(ganvas_stdscr(), true) }

    public enum Input { case key(Key), resize, none }

    /// Button 1's reports as the studio's keys. A press and release that arrive together (a
    /// touchpad tap, `xdotool click 1`) reach curses as a release alone: a release with no press
    /// before it is a click, then its release.
    func button(pressed: Bool, released: Bool, x: Int, y: Int) -> Input {
        switch (pressed, released) {
        case (true, false):
            buttonDown = true
            return .key(.click(x: x, y: y))
        case (_, true) where !buttonDown || pressed:
            buttonDown = false
            pending.append(.key(.release))
            return .key(.click(x: x, y: y))
        case (_, true):
            buttonDown = false
            return .key(.release)
        default:
            return .none
        }
    }

    /// ESC, and whatever sequence follows it already (it arrives in one write), read without
    /// waiting; see `EscapeSequences`. A terminal report whose rest is late (a slow link) is
    /// waited for a little, then dropped whole: its bytes are never read as keys.
    func escapeSequence() -> Input {
        var bytes: [UInt8] = []
        wtimeout(ganvas_stdscr(), 0)
        defer { wtimeout(ganvas_stdscr(), wait) }
        while bytes.count < EscapeSequences.limit(bytes) {
            var code = wgetch(ganvas_stdscr())
            if code == ERR && EscapeSequences.awaitsMore(bytes) {
                wtimeout(ganvas_stdscr(), 200)
                code = wgetch(ganvas_stdscr())
                wtimeout(ganvas_stdscr(), 0)
            }
            guard code >= 0 && code < 256 else { break }
            if bytes.isEmpty && !EscapeSequences.starts(UInt8(code)) {
                ungetch(code)  // Esc, then a key typed right after it
                break
            }
            bytes.append(UInt8(code))
            if EscapeSequences.isComplete(bytes) { break }
        }
        return EscapeSequences.key(after: bytes).map { .key($0) } ?? .none
    }

    /// How long `read` waits for a key: short while a render is on its way, so its picture is
    /// drawn as soon as it lands; longer when idle, to spare the CPU.
    public func setWait(milliseconds: Int32) {
        wait = milliseconds
        wtimeout(ganvas_stdscr(), milliseconds)
    }

    /// Waits (30 ms unless `setWait` said otherwise) for input.
    /// Keys are read as characters (`wget_wch`), so "é" and "☺" reach a prompt whole; keys
    /// curses decodes (arrows, the mouse, a resize) come as its key codes.
    public func read() -> Input {
        if !pending.isEmpty { return pending.removeFirst() }
        var character: wint_t = 0
        let status = wget_wch(ganvas_stdscr(), &character)
        if status == ERR { return .none }
        let code = Int32(bitPattern: UInt32(character))
        if status == OK, code >= 128 {
            guard let scalar = Unicode.Scalar(UInt32(character)), !(0x80...0x9F).contains(scalar.value) else { return .none }
            return .key(.char(Character(scalar)))
        }
        return key(code: code, function: status == KEY_CODE_YES)
    }

    /// A key code: curses' function keys, or a character below 128.
    func key(code: Int32, function: Bool) -> Input {
        switch code {
        case KEY_RESIZE where function:
            updateSize()
            return .resize
        case KEY_MOUSE where function:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return .none }
            let x = Int(event.x), y = Int(event.y)
            if ganvas_is_wheel_up(event.bstate) != 0 { return .key(.wheel(x: x, y: y, up: true)) }
            if ganvas_is_wheel_down(event.bstate) != 0 { return .key(.wheel(x: x, y: y, up: false)) }
            if ganvas_is_motion(event.bstate) != 0 { return .key(.drag(x: x, y: y)) }
            return button(pressed: ganvas_is_button1(event.bstate) != 0, released: ganvas_is_release(event.bstate) != 0, x: x, y: y)
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_BTAB: return .key(.backTab)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_ENTER, 10, 13: return .key(.enter)
        case KEY_BACKSPACE, 127, 8: return .key(.backspace)
        case 9: return .key(.tab)
        case 27: return escapeSequence()
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(UInt8(code) + 96))))
        case 32...126: return .key(.char(Character(Unicode.Scalar(UInt8(code)))))
        default: return .none
        }
    }
}
