import Imaging

/// The glyph sets fitted on a fine grid. The sextant mode: the 64 sextant patterns (masks
/// 0...63) plus the block elements that are not sextants (masks 64...): eighths, the horizontal
/// halves and quadrants — chafa's block+sextant set. The blocks mode: the 16 quadrant patterns
/// (masks 0...15) plus the eighths (masks 16...) — chafa's default `block` set, which every
/// common monospace font (DejaVu Sans Mono included) draws. Each glyph's ink is a union of
/// rectangles on a grid of `gridWidth` x `gridHeight` samples per cell, the smallest grid on which
/// thirds, halves and eighths all fall on sample edges.
enum BlockGlyphs {
    static let gridWidth = 8, gridHeight = 24

    /// A rectangle of samples, `x0..<x1` by `y0..<y1`.
    struct Rect: Sendable, Equatable {
        var x0, y0, x1, y1: Int
        func contains(_ x: Int, _ y: Int) -> Bool { x >= x0 && x < x1 && y >= y0 && y < y1 }
        var area: Int { (x1 - x0) * (y1 - y0) }
    }

    /// Glyphs beyond the sextants. Only one of each complementary pair is listed (▀ is ▄ with
    /// the colours swapped, ▟ is ▘, ▉ is ▕…): the fit chooses both colours, so one is enough.
    static let extras: [(scalar: Unicode.Scalar, rects: [Rect])] = {
        var list: [(Unicode.Scalar, [Rect])] = []
        for n in 1...7 {  // ▁▂▃▄▅▆▇: lower n/8
            list.append((Unicode.Scalar(0x2580 + UInt32(n))!, [Rect(x0: 0, y0: gridHeight - 3 * n, x1: gridWidth, y1: gridHeight)]))
        }
        for n in 1...7 where n != 4 {  // ▉▊▋ ▍▎▏: left (8-n)/8; ▌ is a sextant already
            list.append((Unicode.Scalar(0x2588 + UInt32(n))!, [Rect(x0: 0, y0: 0, x1: 8 - n, y1: gridHeight)]))
        }
        let ul = Rect(x0: 0, y0: 0, x1: 4, y1: 12), ur = Rect(x0: 4, y0: 0, x1: 8, y1: 12)
        let ll = Rect(x0: 0, y0: 12, x1: 4, y1: 24), lr = Rect(x0: 4, y0: 12, x1: 8, y1: 24)
        list += [("▘", [ul]), ("▝", [ur]), ("▖", [ll]), ("▗", [lr]), ("▚", [ul, lr])]
        return list
    }()

    /// The blocks mode's glyphs after its quadrants: the eighths among the extras, less ▄
    /// (lower 4/8), which is a quadrant pattern already.
    static let eighths = (0..<13).filter { $0 != 3 }

    /// The ink of sextant sub-pixel `i` (row-major from the top left, 2x3).
    static func sextantRect(_ i: Int) -> Rect {
        Rect(x0: i % 2 * 4, y0: i / 2 * 8, x1: i % 2 * 4 + 4, y1: i / 2 * 8 + 8)
    }

    /// The ink of quadrant `i` (row-major from the top left, 2x2).
    static func quadrantRect(_ i: Int) -> Rect {
        Rect(x0: i % 2 * 4, y0: i / 2 * 12, x1: i % 2 * 4 + 4, y1: i / 2 * 12 + 12)
    }

    /// The first mask that is an extra in `mode` (sextants or blocks).
    static func firstExtra(_ mode: TextMode) -> Int { mode == .sextants ? 64 : 16 }

    static func rects(_ mask: Int, _ mode: TextMode) -> [Rect] {
        if mode == .sextants && mask >= 64 { return extras[mask - 64].rects }
        if mode == .blocks && mask >= 16 { return extras[eighths[mask - 16]].rects }
        return mode == .sextants ? (0..<6).filter { mask >> $0 & 1 == 1 }.map(sextantRect)
                                 : (0..<4).filter { mask >> $0 & 1 == 1 }.map(quadrantRect)
    }

    /// Whether sample (x, y) of the grid is ink.
    static func covers(_ mask: Int, _ x: Int, _ y: Int, _ mode: TextMode) -> Bool {
        if mode == .sextants && mask < 64 { return mask >> (y / 8 * 2 + x / 4) & 1 == 1 }
        return rects(mask, mode).contains { $0.contains(x, y) }
    }

    typealias Candidate = (mask: Int, rects: [Rect], area: Int)

    /// Every split of a cell in two, once: patterns with the bottom-right sub-pixel in the
    /// background, then the extras. Ties keep the earlier, so a pattern wins over an equal block.
    static func candidates(_ mode: TextMode) -> [Candidate] {
        mode == .sextants ? sextantCandidates : blockCandidates
    }

    static let sextantCandidates = makeCandidates(patterns: 32, extras: extras.count, .sextants)
    static let blockCandidates = makeCandidates(patterns: 8, extras: eighths.count, .blocks)

    static func makeCandidates(patterns: Int, extras count: Int, _ mode: TextMode) -> [Candidate] {
        ((0..<patterns).map { $0 } + (0..<count).map { firstExtra(mode) + $0 }).map { mask in
            let r = rects(mask, mode)
            return (mask, r, r.reduce(0) { $0 + $1.area })
        }
    }
}

/// Fits each cell of the sextant mode from sums alone: the picture is resampled to the glyph
/// grid, and an integral image gives any rectangle's colour sum in four look-ups; a candidate's
/// error with its two colours c (as shown) over region R is Σ|p|² − 2 c·S_R + n_R |c|², and
/// Σ|p|² is the same for every candidate, so no pixel is visited per candidate.
struct BlockFitter {
    let width: Int
    /// Integral image, (width + 1) x (height + 1), of the colours (w unused). Wrapping sums are
    /// fine: a rectangle's difference is exact modulo 2³², and every rectangle's sum fits.
    var sums: [SIMD4<Int32>]

    init(_ picture: RGBImage) {
        width = picture.width
        let w = width + 1
        sums = [SIMD4<Int32>](repeating: .zero, count: w * (picture.height + 1))
        picture.pixels.withUnsafeBufferPointer { p in
            sums.withUnsafeMutableBufferPointer { s in
                for y in 0..<picture.height {
                    var row = SIMD4<Int32>.zero
                    for x in 0..<picture.width {
                        let i = (y * picture.width + x) * 3
                        let r = Int32(p[i]), g = Int32(p[i + 1]), b = Int32(p[i + 2])
                        row &+= SIMD4(r, g, b, 0)
                        s[(y + 1) * w + x + 1] = s[y * w + x + 1] &+ row
                    }
                }
            }
        }
    }

    /// Sums over a rectangle of the cell whose top-left sample is (left, top).
    @inline(__always)
    func sum(_ r: BlockGlyphs.Rect, left: Int, top: Int) -> SIMD4<Int32> {
        let w = width + 1
        let x0 = left + r.x0, x1 = left + r.x1, y0 = top + r.y0, y1 = top + r.y1
        return sums[y1 * w + x1] &- sums[y0 * w + x1] &- sums[y1 * w + x0] &+ sums[y0 * w + x0]
    }

    func fit(column: Int, row: Int, depth: ColorDepth, candidates: [BlockGlyphs.Candidate]) -> Cell {
        let left = column * BlockGlyphs.gridWidth, top = row * BlockGlyphs.gridHeight
        let n = BlockGlyphs.gridWidth * BlockGlyphs.gridHeight
        let all = sum(BlockGlyphs.Rect(x0: 0, y0: 0, x1: BlockGlyphs.gridWidth, y1: BlockGlyphs.gridHeight), left: left, top: top)
        let total = SIMD3(all.x, all.y, all.z)
        var best = Cell(mask: 0, foreground: .zero, background: .zero, foregroundCode: 0, backgroundCode: 0)
        var bestError = Int.max
        for candidate in candidates {
            var ink = SIMD3<Int32>.zero
            for r in candidate.rects {
                let s = sum(r, left: left, top: top)
                ink &+= SIMD3(s.x, s.y, s.z)
            }
            let fgCount = Int32(candidate.area), bgCount = Int32(n) - fgCount
            let paper = total &- ink
            let fg = depth.nearest(fgCount > 0 ? (ink &+ fgCount / 2) / fgCount : .zero)
            let bg = depth.nearest((paper &+ bgCount / 2) / bgCount)
            let error = Self.error(fg.shown, ink, Int(fgCount)) + Self.error(bg.shown, paper, Int(bgCount))
            if error < bestError {
                bestError = error
                best = Cell(mask: candidate.mask, foreground: fg.shown, background: bg.shown, foregroundCode: fg.code,
                    backgroundCode: bg.code)
            }
        }
        return best
    }

    /// n|c|² − 2 c·S: a region's squared error with colour c, less its Σ|p|².
    @inline(__always)
    static func error(_ c: SIMD3<Int32>, _ s: SIMD3<Int32>, _ n: Int) -> Int {
        let c = SIMD3<Int>(truncatingIfNeeded: c), s = SIMD3<Int>(truncatingIfNeeded: s)
        return n * (c &* c).wrappedSum() - 2 * (c &* s).wrappedSum()
    }

    /// The mean colour of each sub-pixel, sextants (2x3) or quadrants (2x2), for the colourless threshold.
    func means(column: Int, row: Int, _ mode: TextMode) -> [SIMD3<Int32>] {
        let (count, rect) = mode == .sextants ? (6, BlockGlyphs.sextantRect) : (4, BlockGlyphs.quadrantRect)
        return (0..<count).map { i in
            let r = rect(i), s = sum(r, left: column * BlockGlyphs.gridWidth, top: row * BlockGlyphs.gridHeight)
            let n = Int32(r.area)
            return (SIMD3(s.x, s.y, s.z) &+ n / 2) / n
        }
    }
}
