import Foundation
import Glibc

/// A terminal for tmux to attach to: a pty whose master side answers the queries a real
/// terminal answers (as kitty or as a sixel terminal does) and records everything tmux sends
/// it, so a test can see what reached the outer terminal through passthrough.
final class FakeOuterTerminal: @unchecked Sendable {
    enum Kind { case kitty, sixel }

    private let master: Int32
    private let kind: Kind
    private let cell: (width: Int, height: Int)
    private var pid: pid_t = 0
    private let lock = NSLock()
    private var received: [UInt8] = []
    private var nextSearch: [Int]
    private var stopped = false

    /// Query (as tmux passes it on) and the reply.
    private var answers: [(query: [UInt8], reply: [UInt8])] {
        var list: [(String, String)] = [
            ("\u{1B}[c", kind == .sixel ? "\u{1B}[?62;4;22c" : "\u{1B}[?62;22c"),
            ("\u{1B}[16t", "\u{1B}[6;\(cell.height);\(cell.width)t"), ("\u{1B}]11;?",
                "\u{1B}]11;rgb:0000/0000/0000\u{1B}\\"), ("\u{1B}[5n", "\u{1B}[0n"),
        ]
        switch kind {
        case .kitty: list.append(("\u{1B}_Gi=31,", "\u{1B}_Gi=31;OK\u{1B}\\"))
        case .sixel: list.append(("\u{1B}[?1;1;0S", "\u{1B}[?1;0;256S"))
        }
        return list.map { (Array($0.0.utf8), Array($0.1.utf8)) }
    }

    /// Attaches a tmux client to `session` on a new pty of 100x30 cells, 10x20 pixels each as
    /// the window size says; asked (CSI 16 t), it answers `cell`.
    init(kind: Kind, socket: String, session: String, cell: (width: Int, height: Int) = (10, 20)) throws {
        self.kind = kind
        self.cell = cell
        // posix_openpt and friends are hidden from Swift: /dev/ptmx, unlock (TIOCSPTLCK) and the
        // pty's number (TIOCGPTN) by hand, as they do.
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard master >= 0, ioctl(master, UInt(0x4004_5431), &unlock) == 0, ioctl(master, UInt(0x8004_5430), &number) == 0 else {
            throw SetupFailure("no pty")
        }
        var size = winsize(ws_row: 30, ws_col: 100, ws_xpixel: 1000, ws_ypixel: 600)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        nextSearch = []
        nextSearch = answers.map { _ in 0 }
        let slave = "/dev/pts/\(number)"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd in [Int32(0), 1, 2] { posix_spawn_file_actions_addopen(&actions, fd, slave, O_RDWR, 0) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(0x80))  // POSIX_SPAWN_SETSID: the pty becomes its terminal
        let words: [String] = ["tmux", "-L", socket, "attach", "-t", session]
        let variables: [String] = ["TERM=xterm-256color", "PATH=/usr/bin:/bin", "HOME=" + NSTemporaryDirectory()]
        let argv = words.map { strdup($0) } + [nil], env = variables.map { strdup($0) } + [nil]
        defer { (argv + env).forEach { free($0) } }
        let spawned = posix_spawn(&pid, "/usr/bin/tmux", &actions, &attributes, argv, env)
        guard spawned == 0 else { throw SetupFailure("cannot attach tmux (posix_spawn \(spawned))") }
        Thread.detachNewThread { [self] in serve() }
    }

    /// Everything tmux has sent so far.
    var output: [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// Waits until the output contains `text` (60 s at most: a loaded 2-core machine took over 10 s
    /// to attach).
    func waitFor(_ text: String) -> Bool {
        let needle = Array(text.utf8)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if Self.find(needle, in: output, from: 0) != nil { return true }
            usleep(100_000)
        }
        return false
    }

    /// Ends the tmux client. SIGKILL, not SIGTERM: once nothing reads the pty, a client blocked
    /// writing to it never gets to its signal handler, and waiting for it hung the test run.
    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        close(master)
    }

    private func serve() {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let answers = self.answers
        while true {
            var pfd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, 100) >= 0 else { return }
            lock.lock()
            let done = stopped
            lock.unlock()
            if done { return }
            guard pfd.revents & Int16(POLLIN) != 0 else { if pfd.revents != 0 { return }; continue }
            let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            guard n > 0 else { return }
            lock.lock()
            received += buffer[0..<n]
            // Answered in the order asked, as a terminal does (the probe's last reply ends its wait).
            var found: [(at: Int, reply: [UInt8])] = []
            for (i, answer) in answers.enumerated() {
                while let at = Self.find(answer.query, in: received, from: nextSearch[i]) {
                    found.append((at, answer.reply))
                    nextSearch[i] = at + 1
                }
                nextSearch[i] = max(nextSearch[i], received.count - answer.query.count + 1)
            }
            lock.unlock()
            let replies = found.sorted { $0.at < $1.at }.flatMap(\.reply)
            if !replies.isEmpty { _ = replies.withUnsafeBytes { write(master, $0.baseAddress, $0.count) } }
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        return haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                var i = max(start, 0)
                while i <= h.count - n.count {
                    if h[i] == n[0] {
                        var j = 1
                        while j < n.count && h[i + j] == n[j] { j += 1 }
                        if j == n.count { return i }
                    }
                    i += 1
                }
                return nil
            }
        }
    }
}
