import TermGraphics

/// Theme colours a terminal cannot show (a 256-colour index where terminfo offers 8 or 16, as
/// `TERM=xterm` does) become the nearest colour it can, by xterm's palette, never the colour of
/// the background they are drawn on: falling back to white made a light theme's title and
/// headers white on white.
enum ColourFallback {
    /// `index` as one of the terminal's `colours` (negative: the default, kept), skipping
    /// `avoiding` (the colours of what it is drawn on).
    static func nearest(_ index: Int16, colours: Int, avoiding: Set<Int16> = []) -> Int16 {
        guard index >= 0, Int(index) >= colours else { return index }
        let wanted = ColorDepth.rgb(ofCode: Int(index))
        let candidates = (0..<Int16(min(max(colours, 8), 16))).filter { !avoiding.contains($0) }
        return candidates.min { distance($0, wanted) < distance($1, wanted) } ?? index
    }

    static func distance(_ candidate: Int16, _ wanted: SIMD3<Int32>) -> Int32 {
        let d = ColorDepth.sixteen[Int(candidate)] &- wanted
        return (d &* d).wrappedSum()
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
            avoid = ColorDepth.rgb(ofCode: Int(normal.foreground)).wrappedSum() < 384 ? [7, 15] : [0, 8]
        }
        return (nearest(entry.foreground, colours: colours, avoiding: avoid), background)
    }
}
