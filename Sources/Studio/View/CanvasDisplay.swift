import Imaging

/// The canvas as one picture for the preview: the sketch (unpainted pixels as a checkerboard,
/// the brush cursor outlined), the style's picture beside it, and the palette under the sketch.
/// Mouse hit-testing maps cells back through the same geometry.
public enum CanvasDisplay {
    /// Sketch pixels are drawn as scale×scale blocks, so strokes stay crisp at any preview size.
    static let scale = 4, gap = 12, stripGap = 8, stripHeight = 24

    struct Geometry {
        var width: Int, height: Int
        var sketch: (x: Int, y: Int)?
        var picture: (x: Int, y: Int)?
        var strip: (y: Int, swatch: Int)?
        var side: Int
    }

    static func geometry(_ canvas: Canvas) -> Geometry {
        let big = canvas.side * scale, strip = stripGap + stripHeight
        let swatch = big / max(canvas.palette.count, 1)
        switch canvas.view {
        case .both:
            return Geometry(width: 2 * big + gap, height: big + strip, sketch: (0, 0), picture: (big + gap, 0),
                strip: (big + stripGap, swatch), side: big)
        case .sketch:
            return Geometry(width: big, height: big + strip, sketch: (0, 0), picture: nil, strip: (big + stripGap, swatch), side: big)
        case .picture:
            return Geometry(width: big, height: big, sketch: nil, picture: (0, 0), strip: nil, side: big)
        }
    }

    public static func image(_ canvas: Canvas) -> RGBImage {
        let g = geometry(canvas)
        var out = RGBImage(width: g.width, height: g.height, fill: 24)
        if let origin = g.sketch { drawSketch(canvas, into: &out, at: origin) }
        if let origin = g.picture, let followed = canvas.followed {
            out.paste(Resize.resize(followed.rgb(), width: g.side, height: g.side, filter: .nearest), x: origin.x, y: origin.y)
        }
        if let strip = g.strip {
            for (i, colour) in canvas.palette.enumerated() {
                let x = i * strip.swatch
                if canvas.tool != .eraser && colour == canvas.colour {
                    out.fill(x: x, y: strip.y - 4, width: strip.swatch, height: stripHeight + 4, colour: Sheet.highlight)
                }
                out.fill(x: x + 3, y: strip.y, width: strip.swatch - 6, height: stripHeight - 4,
                    colour: SIMD3(colour.red, colour.green, colour.blue))
            }
        }
        return out
    }

    static func drawSketch(_ canvas: Canvas, into out: inout RGBImage, at origin: (x: Int, y: Int)) {
        let sketch = canvas.sketch, side = canvas.side
        for y in 0..<side {
            for x in 0..<side {
                let p = (y * side + x) * 4, a = sketch.pixels[p + 3]
                let check = ((x / 2 + y / 2) % 2 == 0) ? 206 : 232  // unpainted: the style decides
                // Painted pixels as they are, those kept from the picture a little faded, unknown ones as a checkerboard.
                let share = a == 0 ? 0 : (a == 255 ? 255 : 200)
                let mixed = { (c: Int) in UInt8((Int(sketch.pixels[p + c]) * share + check * (255 - share)) / 255) }
                out.fill(x: origin.x + x * scale, y: origin.y + y * scale, width: scale, height: scale,
                    colour: SIMD3(mixed(0), mixed(1), mixed(2)))
            }
        }
        // The brush outline, two pixels wide, in the inverse of what it covers.
        let low = -(canvas.brushSize - 1) / 2, high = canvas.brushSize / 2
        let x0 = origin.x + (canvas.cursorX + low) * scale - 2, x1 = origin.x + (canvas.cursorX + high + 1) * scale + 1
        let y0 = origin.y + (canvas.cursorY + low) * scale - 2, y1 = origin.y + (canvas.cursorY + high + 1) * scale + 1
        for y in y0...y1 {
            for x in x0...x1 where x - x0 < 2 || x1 - x < 2 || y - y0 < 2 || y1 - y < 2 {
                guard x >= origin.x, y >= origin.y, x < origin.x + side * scale, y < origin.y + side * scale else { continue }
                let p = (y * out.width + x) * 3
                for c in 0..<3 { out.pixels[p + c] = out.pixels[p + c] > 127 ? 0 : 255 }
            }
        }
    }

    /// What a cell of the placed picture points at.
    public enum Target: Equatable, Sendable {
        case sketch(x: Int, y: Int)
        case swatch(Int)
        case nothing
    }

    /// The sketch pixel or palette swatch under cell (x, y), given where the picture was placed.
    public static func target(_ x: Int, _ y: Int, placed: Rect?, _ canvas: Canvas) -> Target {
        guard let placed, placed.contains(x, y) else { return .nothing }
        let g = geometry(canvas)
        let px = Int((Double(x - placed.x) + 0.5) / Double(max(placed.width, 1)) * Double(g.width))
        let py = Int((Double(y - placed.y) + 0.5) / Double(max(placed.height, 1)) * Double(g.height))
        if let origin = g.sketch, px >= origin.x, py >= origin.y, px < origin.x + g.side, py < origin.y + g.side {
            return .sketch(x: (px - origin.x) / scale, y: (py - origin.y) / scale)
        }
        if let strip = g.strip, py >= strip.y - 4, px < strip.swatch * canvas.palette.count, strip.swatch > 0,
                    g.sketch.map({ px >= $0.x }) ?? false {
            return .swatch(px / strip.swatch)
        }
        return .nothing
    }
}
