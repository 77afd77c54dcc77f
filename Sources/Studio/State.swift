import Imaging

/// One installed style as the studio lists it.
public struct StyleEntry: Equatable, Sendable {
    public var name: String
    public var resolution: Int
    public var description: String
    /// The model card, one line per field, for the card overlay.
    public var card: [String]

    public init(name: String, resolution: Int, description: String, card: [String]) {
        self.name = name
        self.resolution = resolution
        self.description = description
        self.card = card
    }
}

/// What the current picture is: everything a recipe needs, and nothing else, so undo/redo is
/// just a stack of these.
public struct Picture: Equatable, Sendable {
    public var style: String
    public var seed: UInt64
    public var psi: Float = 1
    /// Amount along each SeFa direction, in standard deviations (−3…3).
    public var edits: [Float]

    public init(style: String, seed: UInt64, psi: Float = 1, edits: [Float]) {
        self.style = style
        self.seed = seed
        self.psi = psi
        self.edits = edits
    }
}

/// The panes that take keys, in Tab order.
public enum Pane: Int, CaseIterable, Sendable {
    case styles, preview, sliders
}

/// Overlays drawn over the main layout.
public enum Overlay: Equatable, Sendable {
    case none, help, card
}

/// The whole studio as a value. Every key, tick and finished job changes it through `reduce`.
public struct StudioState: Equatable, Sendable {
    public static let sliderCount = 8
    public static let editLimit: Float = 3

    public var styles: [StyleEntry]
    /// Cursor in the style list, and the style the picture uses.
    public var styleCursor = 0
    public var activeStyle = 0
    public var focus: Pane = .preview
    public var overlay: Overlay = .none
    public var picture: Picture
    /// Slider names (renamable); the last two rows of the slider pane are ψ and the seed.
    public var sliderNames: [String]
    public var sliderCursor = 0
    public var undo: [Picture] = []
    public var redo: [Picture] = []
    /// The newest render asked for, and the picture on screen (with the request that made it).
    public var requested = 0
    public var shown: RGBImage?
    public var shownRequest = 0
    public var busy = false
    public var status = ""
    public var quit = false
    /// Terminal size in cells (for mouse hit-testing).
    public var screen: (width: Int, height: Int) = (80, 24)
    var randomState: UInt64

    public static func == (a: StudioState, b: StudioState) -> Bool {
        a.styles == b.styles && a.styleCursor == b.styleCursor && a.activeStyle == b.activeStyle && a.focus == b.focus
            && a.overlay == b.overlay && a.picture == b.picture && a.sliderNames == b.sliderNames && a.sliderCursor == b.sliderCursor
            && a.undo == b.undo && a.redo == b.redo && a.requested == b.requested && a.shown == b.shown
            && a.shownRequest == b.shownRequest && a.busy == b.busy && a.status == b.status && a.quit == b.quit
            && a.screen == b.screen && a.randomState == b.randomState
    }

    public init(styles: [StyleEntry], activeStyle: Int = 0, seed: UInt64) {
        self.styles = styles
        self.activeStyle = activeStyle
        styleCursor = activeStyle
        picture = Picture(style: styles.isEmpty ? "" : styles[activeStyle].name, seed: seed,
                          edits: [Float](repeating: 0, count: Self.sliderCount))
        sliderNames = (1...Self.sliderCount).map { "dir \($0)" }
        randomState = seed
    }

    /// Rows of the slider pane: one per direction, then ψ, then the seed.
    public var sliderRows: Int { Self.sliderCount + 2 }
}
