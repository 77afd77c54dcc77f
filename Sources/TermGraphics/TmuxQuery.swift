#if canImport(Glibc)
import Glibc
#endif

/// Asks the tmux we run in (found through `$TMUX`, as the tmux command does) for an option.
/// Bounded: a short wait and a few hundred bytes at most, so a stuck tmux cannot hold us up.
public enum TmuxQuery {
    /// Whether tmux passes DCS passthrough from this pane (`allow-passthrough` on or all; the
    /// pane's own value, else the inherited one).
    public static func passthroughAllowed(timeoutMilliseconds: Int = 300) -> Bool {
        output(["show", "-Apv", "allow-passthrough"], timeoutMilliseconds: timeoutMilliseconds).map(allows) ?? false
    }

    /// `show -v`'s answer: "on" or "all" let passthrough through.
    static func allows(_ value: String) -> Bool {
        let word = value.split(whereSeparator: { $0 == "\n" || $0 == " " }).first ?? ""
        return word == "on" || word == "all"
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

/// The terminal's profile as `show` and the studio see it: the environment, then inside tmux
/// whether passthrough is on (without it no picture reaches the outer terminal), then the probe
/// (when asked), then the cell size from the window size if the probe did not say.
public enum TerminalDetection {
    public static func detect(fd: Int32, variable: (String) -> String?, probe: Bool) -> TerminalProfile {
        var profile = TerminalProfile(variable: variable)
        guard probe else { return profile }
        if profile.inTmux {
            profile.tmuxPassthrough = TmuxQuery.passthroughAllowed()
            if !profile.tmuxPassthrough { profile.graphics = .none }
        }
        profile.apply(TerminalProbe.run(fd: fd, route: TerminalProbe.route(for: profile)))
        // Many terminals ignore CSI 16 t but report pixels with the window size.
        if profile.cellWidth == nil, let size = TerminalProbe.windowSize(fd: fd), size.width > 0, size.height > 0 {
            profile.cellWidth = size.width / size.columns
            profile.cellHeight = size.height / size.rows
        }
        return profile
    }
}
