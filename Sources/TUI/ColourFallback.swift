/// Theme colours a terminal cannot show (a 256-colour index where terminfo offers 8 or 16, as
/// `TERM=xterm` does) become the nearest colour it can, by xterm's palette, never the colour of
/// the background they are drawn on: falling back to white made a light theme's title and
/// headers white on white.
enum ColourFallback {
    /// The first 16 colours as xterm draws them.
    static let system: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// RGB of a 256-colour index: the 16 system colours, the 6x6x6 cube, the 24 greys.
    static func rgb(_ index: Int) -> (Int, Int, Int) {
        switch index {
        case 0..<16: return system[index]
        case 16..<232:
            let levels = [0, 95, 135, 175, 215, 255], i = index - 16
            return (levels[i / 36], levels[i / 6 % 6], levels[i % 6])
        default:
            let grey = 8 + 10 * (min(index, 255) - 232)
            return (grey, grey, grey)
        }
    }

    /// `index` as one of the terminal's `colours` (negative: the default, kept), skipping
    /// `avoiding` (the colours of what it is drawn on).
    static func nearest(_ index: Int16, colours: Int, avoiding: Set<Int16> = []) -> Int16 {
        guard index >= 0, Int(index) >= colours else { return index }
        let (r, g, b) = rgb(Int(index))
        let candidates = (0..<Int16(min(max(colours, 8), 16))).filter { !avoiding.contains($0) }
        return candidates.min { distance($0, r, g, b) < distance($1, r, g, b) } ?? index
    }

    static func distance(_ candidate: Int16, _ r: Int, _ g: Int, _ b: Int) -> Int {
        let (cr, cg, cb) = system[Int(candidate)]
        return (cr - r) * (cr - r) + (cg - g) * (cg - g) + (cb - b) * (cb - b)
    }

    /// A role's pair on a terminal of `colours`: a background it cannot show becomes the nearest
    /// one; a foreground the nearest that is not that background, nor (on the default
    /// background) the colour the theme's normal text says the background is far from.
    static func pair(_ entry: Theme.Entry, colours: Int, normal: Theme.Entry) -> (foreground: Int16, background: Int16) {
        let background = nearest(entry.background, colours: colours)
        var avoid: Set<Int16> = []
        if background >= 0 {
            avoid = [background]
        } else if normal.foreground >= 0 {
            // Dark normal text means a light background, and the other way round.
            let (r, g, b) = rgb(Int(normal.foreground))
            avoid = r + g + b < 384 ? [7, 15] : [0, 8]
        }
        return (nearest(entry.foreground, colours: colours, avoiding: avoid), background)
    }
}
