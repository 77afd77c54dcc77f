#if canImport(Glibc)
import Glibc
#endif

/// Asks the terminal what it can do, once, with a short timeout, leaving nothing on screen:
/// kitty's graphics query, XTSMGRAPHICS (sixel colour registers), CSI 16 t (cell size in
/// pixels), OSC 11 (background colour), and DA1 last — every terminal answers DA1, so its reply
/// ends the wait early.
public enum TerminalProbe {
    static let kittyQueryID = 31

    /// Where the probe goes: straight to the terminal, to tmux itself, or through tmux.
    public enum Route: Sendable, Equatable {
        case direct
        /// tmux without passthrough: only tmux answers (DA1); the kitty query is left out, as
        /// tmux would show an unknown APC as the pane's title.
        case tmux
        /// Every query wrapped for the outer terminal, DSR (`CSI 5n`) last instead of DA1: tmux
        /// passes DSR's reply on but takes a DA1 reply for itself, together with every reply
        /// before it up to its `c` (tmux 3.3a lost XTSMGRAPHICS, CSI 16 t and OSC 11 that way).
        /// tmux holds the replies for its escape-time before passing them on.
        case tmuxPassthrough
    }

    public static func query(_ route: Route) -> [UInt8] {
        let kitty = "\u{1B}_Gi=\(kittyQueryID),s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\"
        let rest = "\u{1B}[?1;1;0S\u{1B}[16t\u{1B}]11;?\u{1B}\\"
        switch route {
        case .direct: return Array((kitty + rest + "\u{1B}[c").utf8)
        case .tmux: return Array((rest + "\u{1B}[c").utf8)
        case .tmuxPassthrough: return TmuxPassthrough.wrap(Array((kitty + rest + "\u{1B}[5n").utf8))
        }
    }

    public static func route(for profile: TerminalProfile) -> Route {
        profile.inTmux ? (profile.tmuxPassthrough ? .tmuxPassthrough : .tmux) : .direct
    }

    /// Probes the terminal on `fd` (a tty), returning its replies; empty if it is not a tty.
    public static func run(fd: Int32, route: Route, timeoutMilliseconds: Int = 1000) -> ProbeReplies {
        guard isatty(fd) == 1 else { return ProbeReplies() }
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { return ProbeReplies() }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(fd, TCSANOW, &raw) == 0 else { return ProbeReplies() }
        defer { tcsetattr(fd, TCSANOW, &saved) }
        let request = query(route)
        guard request.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == request.count else { return ProbeReplies() }
        var received: [UInt8] = []
        var replies = ProbeReplies()
        let deadline = monotonicMilliseconds() + timeoutMilliseconds
        var buffer = [UInt8](repeating: 0, count: 512)
        // Real replies are a few hundred bytes; a terminal that floods input is not read forever.
        while !replies.complete && received.count < 4096 {
            let left = deadline - monotonicMilliseconds()
            guard left > 0 else { break }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, Int32(left)) > 0 else { break }
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            received += buffer[0..<n]
            replies = ProbeReplies(parsing: received)
        }
        return replies
    }

    /// TIOCGWINSZ: the terminal's size in cells, and in pixels when it reports them.
    public static func windowSize(fd: Int32) -> (columns: Int, rows: Int, width: Int, height: Int)? {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row), Int(size.ws_xpixel), Int(size.ws_ypixel))
    }

    /// The cell size in pixels from the window size, when the terminal reports a plausible one:
    /// a window of fewer pixels than cells (100x30 cells in 40x100 px) says nothing, and would
    /// make a zero cell that sizes divide by.
    public static func cellSize(fd: Int32) -> (width: Int, height: Int)? {
        guard let size = windowSize(fd: fd) else { return nil }
        return plausibleCell(width: size.width / size.columns, height: size.height / size.rows)
    }

    /// A cell size a terminal could have (1 to 512 pixels each way), or nil.
    public static func plausibleCell(width: Int, height: Int) -> (width: Int, height: Int)? {
        (1...512).contains(width) && (1...512).contains(height) ? (width, height) : nil
    }

    static func monotonicMilliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
    }
}
