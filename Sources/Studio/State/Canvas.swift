import Imaging

/// A colour on the canvas.
public struct Colour: Equatable, Hashable, Sendable {
    public var red: UInt8, green: UInt8, blue: UInt8
    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }
    public var hex: String { "#" + [red, green, blue].map { String($0, radix: 16).leftPadded(2) }.joined() }
}

/// What the brush does: paint a colour, erase (pixels become unknown again: the style decides
/// them), or flood-fill a region of one colour.
public enum Tool: String, Equatable, Sendable {
    case brush, eraser, fill
}

/// Which pictures the canvas shows: both side by side, or one at a time where the preview is narrow.
public enum CanvasView: Equatable, Sendable {
    case both, sketch, picture
}

/// The canvas (`d`): a sketch at the style's resolution that the style follows. The sketch is
/// RGBA: painted pixels are matched; alpha 0 marks pixels the eraser left to the style (a hole);
/// a blank canvas is paper, the style's background held lightly (`paperAlpha`), and a canvas on
/// a picture holds the picture's pixels lightly (`keptAlpha`). Undo and redo hold whole
/// sketches, one per stroke.
public struct Canvas: Equatable, Sendable {
    public static let brushSizes = [1, 2, 3, 5, 8, 12]
    /// Alpha of the pixels kept from the picture the canvas opened on: they count this much
    /// (of 255) against a painted pixel, so a stroke moves the picture while the rest holds it.
    public static let keptAlpha: UInt8 = 16
    /// Alpha of a blank canvas's paper. With nothing known around a stroke the style drew what
    /// matched it best, however large (glyphs turned a painted T into a black mass); held at
    /// 32/255 the paper keeps a T a T, a small disc small, and still lets the style add detail.
    public static let paperAlpha: UInt8 = 32
    public static let historyLimit = 100

    /// The style the canvas paints for, and the picture it opened on (Esc goes back to it).
    public var style: String
    public var sketch: RGBImage
    /// The latent edits are pulled towards (the picture it opened on; nil for a blank or a PNG).
    public var anchor: [Float]?
    public var palette: [Colour]
    public var colour: Colour
    /// The style's background: what `n` clears the canvas to, as paper.
    public var paper: Colour
    public var tool: Tool = .brush
    public var brush = 2
    /// The brush cursor, in sketch pixels.
    public var cursorX: Int, cursorY: Int
    public var view: CanvasView = .both
    public var undo: [RGBImage] = []
    public var redo: [RGBImage] = []
    /// The sketch as the current stroke began (a stroke is one undo step), and its last point.
    public var strokeStart: RGBImage?
    public var lastX: Int?, lastY: Int?
    /// The style's picture as it follows: its latent and pixels, the request that made them,
    /// and whether the refinement (not only the encoder's guess) is in.
    public var followed: RGBImage?
    public var latent: [Float]?
    public var request = 0
    public var shownRequest = 0
    public var refined = true

    public init(style: String, sketch: RGBImage, anchor: [Float]?, followed: RGBImage?, palette: [Colour],
                paper: Colour = Colour(255, 255, 255)) {
        self.style = style
        self.paper = paper
        self.sketch = sketch.channels == 4 ? sketch : Painting.opaque(sketch, alpha: Self.keptAlpha)
        self.anchor = anchor
        self.followed = followed
        latent = anchor
        self.palette = palette.isEmpty ? [Colour(0, 0, 0), Colour(255, 255, 255)] : palette
        colour = self.palette[0]
        cursorX = sketch.width / 2
        cursorY = sketch.height / 2
    }

    public var side: Int { sketch.width }
    public var brushSize: Int { Self.brushSizes[min(max(brush, 0), Self.brushSizes.count - 1)] }

    /// The colour of the sketch under the cursor, nil where nothing is painted.
    public var colourUnderCursor: Colour? {
        let p = (cursorY * sketch.width + cursorX) * 4
        guard sketch.pixels.indices.contains(p + 3), sketch.pixels[p + 3] > 0 else { return nil }
        return Colour(sketch.pixels[p], sketch.pixels[p + 1], sketch.pixels[p + 2])
    }

    /// Whether the sketch holds anything to follow: something known beyond a blank page of paper.
    public var hasPaint: Bool { Painting.knowsAnything(sketch) && sketch != Painting.paper(side: side, colour: paper) }
}
