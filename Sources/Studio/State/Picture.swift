import Imaging

/// One installed style as the studio lists it.
public struct StyleEntry: Equatable, Sendable {
    public var name: String
    public var resolution: Int
    public var description: String
    /// The model card, one line per field, for the card overlay.
    public var card: [String]
    /// How many SeFa directions its sliders move along (up to `StudioState.sliderCount`).
    public var directions: Int

    /// Gate levels another seed's colours can fill (0: the style cannot mix colours).
    public var colourLevels: Int

    public init(name: String, resolution: Int, description: String, directions: Int = StudioState.sliderCount, colourLevels: Int = 0,
                card: [String]) {
        self.name = name
        self.resolution = resolution
        self.description = description
        self.card = card
        self.directions = min(max(directions, 0), StudioState.sliderCount)
        self.colourLevels = colourLevels
    }
}

/// Another seed whose colours a picture takes (style mixing): it fills the generator's channel
/// gates from `level` on (0: palette and finish; higher: finer gates only), `t` of the way from
/// the picture's own (the colours slider).
public struct Colours: Equatable, Sendable {
    public var seed: UInt64
    public var level: Int
    /// A gallery picture's latent, used instead of the seed when set.
    public var latent: [Float]?
    public var t: Float
    public init(seed: UInt64, level: Int = 0, latent: [Float]? = nil, t: Float = 1) {
        self.seed = seed
        self.level = level
        self.latent = latent
        self.t = t
    }
}

/// A second seed blended into a picture by slerp at weight `t` (crossbreeding, children).
public struct Mix: Equatable, Sendable {
    public var seed: UInt64
    public var t: Float
    /// A partner picture's final latent (crossbreeding with a gallery picture); when set, it is
    /// used instead of the seed.
    public var latent: [Float]?
    public init(seed: UInt64, t: Float, latent: [Float]? = nil) {
        self.seed = seed
        self.t = t
        self.latent = latent
    }
}

/// What the current picture is: everything a recipe needs, and nothing else, so undo/redo is
/// just a stack of these.
public struct Picture: Equatable, Sendable {
    public var style: String
    /// Changing the seed leaves an encoded picture for that seed's picture.
    public var seed: UInt64 { didSet { base = nil } }
    /// An encoded picture's latent (`o` opened a PNG into the style), used instead of the seed's.
    public var base: [Float]?
    public var psi: Float = 1
    /// Amount along each SeFa direction, in standard deviations (−3…3).
    public var edits: [Float]
    /// Blends applied in order after the seed; the last one is the live crossbreed.
    public var mixes: [Mix] = []
    /// Another seed's colours (absent: the picture's own).
    public var colours: Colours?

    public init(style: String, seed: UInt64, base: [Float]? = nil, psi: Float = 1, edits: [Float], mixes: [Mix] = [],
                colours: Colours? = nil) {
        self.style = style
        self.seed = seed
        self.base = base
        self.psi = psi
        self.edits = edits
        self.mixes = mixes
        self.colours = colours
    }
}

/// A walk between two keyframes, as one picture of the walk: slerp from `from` to `to` at `t`
/// between their final latents.
public struct Walk: Equatable, Sendable {
    public var from: Picture
    public var to: Picture
    public var t: Float
    public init(from: Picture, to: Picture, t: Float) {
        self.from = from
        self.to = to
        self.t = t
    }
}

/// What the engine is asked to draw.
public enum Subject: Equatable, Sendable {
    case picture(Picture)
    case walk(Walk)
}
