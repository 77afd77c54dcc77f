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
    public var seed: UInt64
    public var psi: Float = 1
    /// Amount along each SeFa direction, in standard deviations (−3…3).
    public var edits: [Float]
    /// Blends applied in order after the seed; the last one is the live crossbreed.
    public var mixes: [Mix] = []

    public init(style: String, seed: UInt64, psi: Float = 1, edits: [Float], mixes: [Mix] = []) {
        self.style = style
        self.seed = seed
        self.psi = psi
        self.edits = edits
        self.mixes = mixes
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

/// The children grid: variations of the current picture, `difference` of the way to a random
/// partner each.
public struct Children: Equatable, Sendable {
    public static let count = 9
    public var seeds: [UInt64]
    public var difference: Float
    public var images: [RGBImage?]
    public var selected = 4
    public var request = 0

    public func picture(_ index: Int, of parent: Picture) -> Picture {
        var child = parent
        child.mixes.append(Mix(seed: seeds[index], t: difference))
        return child
    }
}

/// A picture in the gallery folder, as the browser shows it.
public struct GalleryItem: Equatable, Sendable {
    public var path: String
    public var name: String
    public var summary: String
    public var picture: Picture?
    public var favourite: Bool
    public var tags: [String] = []
    public var thumbnail: RGBImage?
    public init(path: String, name: String, summary: String, picture: Picture?, favourite: Bool, thumbnail: RGBImage?) {
        self.path = path
        self.name = name
        self.summary = summary
        self.picture = picture
        self.favourite = favourite
        self.thumbnail = thumbnail
    }
}

/// The gallery browser's state.
public struct GalleryView: Equatable, Sendable {
    public var items: [GalleryItem] = []
    public var selected = 0
    public var marked: Set<String> = []
    /// Deleted pictures (original path, path in trash), newest last, for undo.
    public var trashed: [(from: String, to: String)] = []
    public var loading = true

    public static func == (a: GalleryView, b: GalleryView) -> Bool {
        a.items == b.items && a.selected == b.selected && a.marked == b.marked && a.loading == b.loading
            && a.trashed.map(\.from) == b.trashed.map(\.from) && a.trashed.map(\.to) == b.trashed.map(\.to)
    }
}

/// A line of text being typed (slider name, preset name).
public struct TextInput: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable { case renameSlider(Int), savePreset, tags(path: String), saveTo }
    public var purpose: Purpose
    public var prompt: String
    public var text: String
}

/// Which screen the middle of the studio shows.
public enum Mode: Equatable, Sendable {
    case explore, children, walk, gallery
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
    public var mode: Mode = .explore
    public var children: Children?
    /// Walk keyframes and the scrub position.
    public var keyA: Picture?
    public var keyB: Picture?
    public var walkT: Float = 0
    public var playing = false
    /// Batch work in flight (walk export), as done/total.
    public var progress: (done: Int, total: Int)?
    public var gallery = GalleryView()
    public var presets: [Preset] = []
    public var input: TextInput?
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
        a.presets == b.presets && a.input == b.input && a.mode == b.mode && a.children == b.children && a.keyA == b.keyA && a.keyB == b.keyB && a.walkT == b.walkT
            && a.playing == b.playing && a.progress?.done == b.progress?.done && a.progress?.total == b.progress?.total
            && a.gallery == b.gallery &&
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

    /// Rows of the slider pane: one per direction, then ψ, the seed, and the live mix if any.
    public var sliderRows: Int { Self.sliderCount + (picture.mixes.isEmpty ? 2 : 3) }
}
