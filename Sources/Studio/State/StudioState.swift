import Imaging
import Latent

/// Which screen the middle of the studio shows.
public enum Mode: Equatable, Sendable {
    case explore, children, walk, gallery, canvas
}

/// The panes that take keys, in Tab order.
public enum Pane: Int, CaseIterable, Sendable {
    case styles, preview, sliders
}

/// Overlays drawn over the main layout; help scrolls when the terminal is short.
public enum Overlay: Equatable, Sendable {
    case none, help(offset: Int), card
}

/// The whole studio as a value. Every key, tick and finished job changes it through `reduce`.
public struct StudioState: Equatable, Sendable {
    /// The most SeFa directions a style offers as sliders (GANSpace-like explorers show more than
    /// eight; the slider pane scrolls).
    public static let sliderCount = 16
    public static let editLimit: Float = 3

    public var styles: [StyleEntry]
    /// Cursor in the style list (styles, then presets), and the style the picture uses.
    public var styleCursor = 0
    public var activeStyle = 0
    public var focus: Pane = .preview
    public var overlay: Overlay = .none
    public var picture: Picture
    public var mode: Mode = .explore
    public var children: Children?
    public var walk = WalkState()
    public var canvas: Canvas?
    public var gallery = GalleryView()
    public var presets: [Preset] = []
    /// A line being typed or a question being asked: every key goes there until it closes.
    public var prompt: Prompt?
    /// The folder the last opened PNG was in: the path prompt starts there.
    public var openFolder = ""
    /// Direction names a person gave, per style (a direction means something only in its model).
    public var directionNames: [String: [String]] = [:]
    public var sliderCursor = 0
    public var history = History()
    /// The picture last saved (or opened from the gallery): quitting asks only when this differs.
    public var savedPicture: Picture?
    /// The newest render asked for, and the picture on screen (with the request that made it).
    public var requested = 0
    public var shown: RGBImage?
    /// The terminal bytes that draw `shown`, when its render came with them.
    public var shownPreview: EncodedPreview?
    public var shownRequest = 0
    public var busy = false
    public var status = ""
    public var quit = false
    /// `s` at the quit question: quit once the save lands.
    public var quitAfterSave = false
    /// Terminal size in cells (for mouse hit-testing), and where the picture sits in the preview.
    public var screen = ScreenSize(width: 80, height: 24)
    public var placedPicture: Rect?
    /// The slider row a mouse press landed on; dragging moves it until the button is let go.
    public var draggedSlider: Int?
    var randomState: UInt64

    public init(styles: [StyleEntry], activeStyle: Int = 0, seed: UInt64) {
        self.styles = styles
        self.activeStyle = activeStyle
        styleCursor = activeStyle
        picture = Picture(style: styles.isEmpty ? "" : styles[activeStyle].name, seed: seed,
                          edits: [Float](repeating: 0, count: Self.sliderCount))
        randomState = seed
    }

    public var sliderRows: [SliderRow] {
        SliderRow.rows(for: picture, directions: styles.first { $0.name == picture.style }?.directions ?? 0)
    }
    public var currentSlider: SliderRow { sliderRows[min(sliderCursor, sliderRows.count - 1)] }

    /// Gate levels the named style can take another seed's colours into (0: none, or not installed).
    public func colourLevels(of style: String) -> Int { styles.first { $0.name == style }?.colourLevels ?? 0 }

    /// The slider names of the current style ("dir 1"… until renamed).
    public var sliderNames: [String] {
        directionNames[picture.style] ?? Self.defaultNames
    }
    public static let defaultNames = (1...sliderCount).map { "dir \($0)" }

    /// Unsaved work: the picture was changed and differs from what was last saved.
    public var hasUnsavedWork: Bool { !history.undo.isEmpty && picture != savedPicture }

    /// Seeds for `r` come from the state's own SplitMix64, so tests are deterministic.
    mutating func nextRandomSeed() -> UInt64 {
        var random = SplitMix64(seed: randomState)
        let seed = random.next() >> 32
        randomState = random.state
        return seed
    }
}

public struct ScreenSize: Equatable, Sendable {
    public var width: Int, height: Int
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}
