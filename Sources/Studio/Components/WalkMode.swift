/// Walk keyframes, the scrub position, playback and the export in flight.
public struct WalkState: Equatable, Sendable {
    public static let frames = 24
    public var keyA: Picture?
    public var keyB: Picture?
    public var t: Float = 0
    public var playing = false
    /// Frames written of the walk being exported, when one is.
    public var progress: Progress?
}

public struct Progress: Equatable, Sendable {
    public var done: Int, total: Int
}

/// `A`, `B` and `w`: a walk between two pictures, scrubbed, played and exported.
enum WalkMode {
    static let hints = "←/→ scrub  space play  e export GIF  Esc back"

    static func info(_ state: StudioState, width: Int) -> String {
        scrubBar(state.walk.t, width: width) + (state.walk.playing ? "  playing" : "")
    }

    static func scrubBar(_ t: Float, width: Int) -> String {
        let inner = max(width - 16, 4)
        let knob = Int((t * Float(inner - 1)).rounded())
        return "A " + (0..<inner).map { $0 == knob ? "●" : "━" }.joined() + " B  t=\(View.format(t, digits: 2))"
    }

    static func mark(_ isA: Bool, _ state: inout StudioState) -> [Effect] {
        if isA {
            state.walk.keyA = state.picture
            state.status = "keyframe A set" + (state.walk.keyB == nil ? "; move on and press B for the other end" : "")
        } else {
            state.walk.keyB = state.picture
            state.status = "keyframe B set" + (state.walk.keyA == nil ? "; press A on the other end" : "; w walks between them")
        }
        return []
    }

    /// Opens the walk from A to B (or to the current picture when B is not set).
    static func open(_ state: inout StudioState) -> [Effect] {
        guard let a = state.walk.keyA else {
            state.status = "mark keyframe A first (A), then B on another picture"
            return []
        }
        let b = state.walk.keyB ?? state.picture
        guard b != a else {
            state.status = "the walk needs two different ends: change the picture, then B (or w from there)"
            return []
        }
        guard a.style == b.style else {
            state.status = "keyframes A and B must use the same style"
            return []
        }
        state.walk.keyB = b
        state.mode = .walk
        state.walk.t = 0
        state.status = "walk: ←/→ scrub, space plays, e exports a GIF and frames, Esc returns"
        return render(&state)
    }

    static func render(_ state: inout StudioState) -> [Effect] {
        guard let a = state.walk.keyA, let b = state.walk.keyB else { return [] }
        state.requested += 1
        state.busy = true
        return [.render(request: state.requested, subject: .walk(Walk(from: a, to: b, t: state.walk.t)))]
    }

    /// A playback tick: the next frame, looping.
    static func tick(_ state: inout StudioState) -> [Effect] {
        guard state.mode == .walk, state.walk.playing else { return [] }
        state.walk.t = state.walk.t >= 1 ? 0 : min(state.walk.t + 1 / Float(WalkState.frames), 1)
        return render(&state)
    }

    static func key(_ key: Key, _ state: inout StudioState) -> [Effect] {
        let frames = Float(WalkState.frames)
        switch key {
        case .left, .char("h"), .right, .char("l"):
            let step: Float = key == .left || key == .char("h") ? -1 : 1
            state.walk.t = min(max(((state.walk.t * frames).rounded() + step) / frames, 0), 1)
            return render(&state)
        case .home, .end:
            state.walk.t = key == .home ? 0 : 1
            return render(&state)
        case .char(" "), .char("p"):
            state.walk.playing.toggle()
            return []
        case .char("e"):
            guard state.walk.progress == nil, let a = state.walk.keyA, let b = state.walk.keyB else { return [] }
            state.walk.progress = Progress(done: 0, total: WalkState.frames)
            state.status = "exporting walk…"
            return [.exportWalk(Walk(from: a, to: b, t: 0), frames: WalkState.frames)]
        case .escape, .backspace, .char("w"), .char("q"):
            if state.walk.progress != nil {
                state.walk.progress = nil
                state.status = "export cancelled"
                return [.cancel]
            }
            state.mode = .explore
            state.walk.playing = false
            return [Editing.requestRender(&state)]
        default:
            return []
        }
    }
}
