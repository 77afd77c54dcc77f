/// The terminal's profile as `show` and the studio see it: the environment, then inside tmux
/// whether passthrough is on (without it no picture reaches the outer terminal), then the probe
/// (when asked), then the cell size from the window size if the probe did not say.
public enum TerminalDetection {
    /// The probe's time limit; through tmux, plus tmux's escape-time (at most a second more).
    /// Every terminal in use answers DA1 (DSR through tmux), and that answer ends the wait, so
    /// the limit is only reached by one that never answers. It is long because a terminal that
    /// has just started answers late: `xterm -e ganvas` replied after its window was up, and a
    /// limit of 150 ms gave the dark theme on xterm's white background in 6 of 9 starts.
    static let probeMilliseconds = 1000

    public static func detect(fd: Int32, variable: (String) -> String?, probe: Bool) -> TerminalProfile {
        var profile = TerminalProfile(variable: variable)
        guard probe else { return profile }
        var limit = probeMilliseconds
        if profile.inTmux {
            let tmux = TmuxQuery.settings()
            profile.tmuxPassthrough = tmux?.passthrough ?? false
            if !profile.tmuxPassthrough { profile.graphics = .none }
            if profile.tmuxPassthrough { limit += min(tmux?.escapeTime ?? 0, 1000) }
        }
        profile.apply(TerminalProbe.run(fd: fd, route: TerminalProbe.route(for: profile), timeoutMilliseconds: limit))
        // Many terminals ignore CSI 16 t but report pixels with the window size.
        if profile.cellWidth == nil, let cell = TerminalProbe.cellSize(fd: fd) {
            profile.cellWidth = cell.width
            profile.cellHeight = cell.height
        }
        return profile
    }
}
