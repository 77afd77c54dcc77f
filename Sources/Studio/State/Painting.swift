import Imaging

/// Pixel operations on an RGBA sketch: dabs, lines of dabs, flood fill.
public enum Painting {
    /// A square dab of `size` pixels centred on (x, y): a colour, or nil to erase.
    public static func dab(_ sketch: inout RGBImage, x: Int, y: Int, size: Int, colour: Colour?) {
        let low = -(size - 1) / 2, high = size / 2
        let round = size >= 5  // larger brushes are discs
        let radius = Double(size) / 2
        for dy in low...high {
            for dx in low...high {
                if round && Double(dx * dx + dy * dy) > radius * radius { continue }
                set(&sketch, x: x + dx, y: y + dy, colour)
            }
        }
    }

    /// Dabs every pixel step along the line from (x0, y0) to (x1, y1).
    public static func line(_ sketch: inout RGBImage, from x0: Int, _ y0: Int, to x1: Int, _ y1: Int, size: Int, colour: Colour?) {
        let steps = max(abs(x1 - x0), abs(y1 - y0), 1)
        for i in 0...steps {
            let x = x0 + (x1 - x0) * i / steps, y = y0 + (y1 - y0) * i / steps
            dab(&sketch, x: x, y: y, size: size, colour: colour)
        }
    }

    /// Fills the 4-connected region of (x, y)'s exact colour (or of unpainted pixels) with `colour`.
    public static func flood(_ sketch: inout RGBImage, x: Int, y: Int, colour: Colour) {
        guard inside(sketch, x, y) else { return }
        func key(_ pixels: [UInt8], _ p: Int) -> [UInt8] { pixels[p + 3] == 0 ? [0, 0, 0, 0] : Array(pixels[p..<(p + 3)]) + [1] }
        let start = key(sketch.pixels, (y * sketch.width + x) * 4)
        if start == [colour.red, colour.green, colour.blue, 1] { return }
        var stack = [(x, y)], seen = [Bool](repeating: false, count: sketch.width * sketch.height)
        while let (cx, cy) = stack.popLast() {
            guard inside(sketch, cx, cy), !seen[cy * sketch.width + cx], key(sketch.pixels,
                (cy * sketch.width + cx) * 4) == start else { continue }
            seen[cy * sketch.width + cx] = true
            set(&sketch, x: cx, y: cy, colour)
            stack += [(cx + 1, cy), (cx - 1, cy), (cx, cy + 1), (cx, cy - 1)]
        }
    }

    static func set(_ sketch: inout RGBImage, x: Int, y: Int, _ colour: Colour?) {
        guard inside(sketch, x, y) else { return }
        let p = (y * sketch.width + x) * 4
        if let colour {
            sketch.pixels[p] = colour.red; sketch.pixels[p + 1] = colour.green
            sketch.pixels[p + 2] = colour.blue; sketch.pixels[p + 3] = 255
        } else {
            sketch.pixels[p] = 0; sketch.pixels[p + 1] = 0; sketch.pixels[p + 2] = 0; sketch.pixels[p + 3] = 0
        }
    }

    static func inside(_ image: RGBImage, _ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < image.width && y < image.height }

    /// An RGB picture as an RGBA sketch known everywhere, each pixel counting `alpha` of 255.
    public static func opaque(_ image: RGBImage, alpha: UInt8 = 255) -> RGBImage {
        var pixels = [UInt8](repeating: alpha, count: image.width * image.height * 4)
        for i in 0..<(image.width * image.height) {
            for c in 0..<3 { pixels[i * 4 + c] = image.pixels[i * image.channels + c] }
        }
        return RGBImage(width: image.width, height: image.height, channels: 4, pixels: pixels)
    }

    /// A sketch as what the search matches: its colours, and how much each pixel counts (its
    /// alpha, 0…1: unknown 0, paper and the picture's pixels a little, painted fully). Unknown
    /// pixels count for nothing and show `background` here, not the black an erased pixel stores;
    /// the encoder's first guess sees their surroundings continued instead (`HoleContinuation`).
    public static func matched(_ sketch: RGBImage, background: Colour) -> (colours: RGBImage, weights: [Float]) {
        let count = sketch.width * sketch.height
        var pixels = [UInt8](repeating: 0, count: count * 3)
        for i in 0..<count {
            let known = sketch.pixels[i * 4 + 3] > 0
            pixels[i * 3] = known ? sketch.pixels[i * 4] : background.red
            pixels[i * 3 + 1] = known ? sketch.pixels[i * 4 + 1] : background.green
            pixels[i * 3 + 2] = known ? sketch.pixels[i * 4 + 2] : background.blue
        }
        let colours = RGBImage(width: sketch.width, height: sketch.height, pixels: pixels)
        return (colours, stride(from: 3, to: sketch.pixels.count, by: 4).map { Float(sketch.pixels[$0]) / 255 })
    }

    /// Whether any pixel of an RGBA sketch is known (its alpha above 0).
    public static func knowsAnything(_ sketch: RGBImage) -> Bool {
        stride(from: 3, to: sketch.pixels.count, by: 4).contains { sketch.pixels[$0] > 0 }
    }

    /// A sketch with nothing known: every pixel left to the style.
    public static func blank(side: Int) -> RGBImage { RGBImage(width: side, height: side, channels: 4, fill: 0) }

    /// `sketch` laid on paper: its unknown (fully transparent) pixels become the paper's colour at
    /// `Canvas.paperAlpha`, as a PNG opened onto a blank page shows the page where it is clear.
    public static func onPaper(_ sketch: RGBImage, colour: Colour) -> RGBImage {
        var laid = sketch
        for p in stride(from: 0, to: laid.pixels.count, by: 4) where laid.pixels[p + 3] == 0 {
            laid.pixels[p] = colour.red; laid.pixels[p + 1] = colour.green
            laid.pixels[p + 2] = colour.blue; laid.pixels[p + 3] = Canvas.paperAlpha
        }
        return laid
    }

    /// A blank page: every pixel the paper's colour, held at `Canvas.paperAlpha`.
    public static func paper(side: Int, colour: Colour) -> RGBImage { onPaper(blank(side: side), colour: colour) }
}
