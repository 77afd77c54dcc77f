import Latent
import Recipes

/// The two ends of a walk as the frames need them: each keyframe's final latent and, when either
/// keyframe takes another latent's colours (style mixing), both ends' colour latents at one gate
/// level, so the first and last frames are drawn as the keyframes are and the colours move too.
public struct WalkEnds: Equatable, Sendable {
    /// The colour latents the gates take from `level` on, at each end.
    public struct Colours: Equatable, Sendable {
        public var from: [Float], to: [Float]
        public var level: Int
    }

    public var from: [Float], to: [Float]
    public var colours: Colours?

    public init(from: [Float], to: [Float], colours: Colours? = nil) {
        self.from = from
        self.to = to
        self.colours = colours
    }

    /// The colour latent at `t` of the way, nil when neither keyframe takes other colours.
    public func colourLatent(at t: Float) -> [Float]? { colours.map { Interpolation.slerp($0.from, $0.to, t) } }
}

extension LoadedStyle {
    /// The ends of a walk from recipe `a` to recipe `b` of this style. An end without colours of
    /// its own keeps them by lending its own latent; the level is `a`'s where it has colours, else
    /// `b`'s (a `b` at another level is drawn at `a`'s).
    public func walkEnds(_ a: Recipe, _ b: Recipe) throws -> WalkEnds {
        let from = try latent(a), to = try latent(b)
        guard let level = a.colours?.level ?? b.colours?.level else { return WalkEnds(from: from, to: to) }
        let colours = WalkEnds.Colours(from: try RecipeRenderer.colourLatent(for: a, own: from) ?? from,
                                       to: try RecipeRenderer.colourLatent(for: b, own: to) ?? to, level: level)
        return WalkEnds(from: from, to: to, colours: colours)
    }
}
