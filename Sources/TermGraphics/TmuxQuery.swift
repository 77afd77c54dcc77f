#if canImport(Glibc)
import Glibc
#endif

/// Asks the tmux we run in (found through `$TMUX`, as the tmux command does) for its settings.
/// Bounded: a short wait and a few hundred bytes at most, so a stuck tmux cannot hold us up.
public enum TmuxQuery {
    public struct Settings: Sendable, Equatable {
        /// Whether tmux passes DCS passthrough from this pane (`allow-passthrough`).
        public var passthrough: Bool
        /// tmux holds replies from the outer terminal this long (`escape-time`, milliseconds)
        /// before passing them on: a probe through tmux waits that much longer.
        public var escapeTime: Int
    }

    /// This pane's settings, or nil when tmux cannot be asked.
    public static func settings(timeoutMilliseconds: Int = 300) -> Settings? {
        output(["display-message", "-p", "#{allow-passthrough} #{escape-time}"], timeoutMilliseconds: timeoutMilliseconds).flatMap(parse)
    }

    /// `display -p`'s answer: passthrough as a flag (1, or on/all as some versions print it)
    /// and escape-time in milliseconds (kept to 0...5000).
    static func parse(_ text: String) -> Settings? {
        let words = text.split(whereSeparator: { $0 == "\n" || $0 == " " })
        guard words.count == 2, ["0", "1", "off", "on", "all"].contains(words[0]), let time = Int(words[1]), time >= 0 else { return nil }
        return Settings(passthrough: ["1", "on", "all"].contains(words[0]), escapeTime: min(time, 5000))
    }

    /// What `tmux ARGS` prints, or nil when it cannot run, fails or is too slow.
    static func output(_ args: [String], timeoutMilliseconds: Int) -> String? {
        var pipe: [Int32] = [0, 0]
        guard Glibc.pipe(&pipe) == 0 else { return nil }
        defer { close(pipe[0]) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        posix_spawn_file_actions_addclose(&actions, pipe[1])
        let argv = (["tmux"] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "tmux", &actions, nil, argv, environ)
        close(pipe[1])
        guard spawned == 0 else { return nil }
        let (bytes, finished) = read(pipe[0], limit: 512, timeoutMilliseconds: timeoutMilliseconds)
        if !finished { kill(pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard finished, status == 0 else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads until end of file, `limit` bytes or the deadline; `finished` when end of file came.
    static func read(_ fd: Int32, limit: Int, timeoutMilliseconds: Int) -> (bytes: [UInt8], finished: Bool) {
        let deadline = TerminalProbe.monotonicMilliseconds() + timeoutMilliseconds
        var out: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 256)
        while out.count < limit {
            let left = deadline - TerminalProbe.monotonicMilliseconds()
            guard left > 0 else { return (out, false) }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, Int32(left))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { return (out, false) }
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return (out, n == 0) }
            out += buffer[0..<n]
        }
        return (out, false)
    }
}
