import Imaging

/// Unicode block modes: each cell shows a pattern of sub-pixels in two colours.
public enum TextMode: String, Sendable, CaseIterable {
    /// ▀ — 1x2 sub-pixels per cell.
    case halfblocks
    /// ▘▝▖▗… — 2x2.
    case quadrants
    /// Quadrants and eighths (▁▂▃… ▏▎▍…): chafa's default set, in every common font.
    case blocks
    /// Symbols for Legacy Computing (Unicode 13) — 2x3.
    case sextants

    public var subpixels: (width: Int, height: Int) {
        switch self {
        case .halfblocks: return (1, 2)
        case .quadrants, .blocks: return (2, 2)
        case .sextants: return (2, 3)
        }
    }

    /// How many masks `character(_:)` knows: every sub-pixel pattern, and in the sextant and
    /// blocks modes the block elements after them.
    public var maskCount: Int {
        switch self {
        case .sextants: return 64 + BlockGlyphs.extras.count
        case .blocks: return 16 + BlockGlyphs.eighths.count
        default: return 1 << (subpixels.width * subpixels.height)
        }
    }

    /// Whether cells are fitted on the fine glyph grid (`BlockGlyphs`) rather than per sub-pixel.
    var usesGlyphGrid: Bool { self == .sextants || self == .blocks }

    static let quadrantCharacters: [Unicode.Scalar] = [
        " ", "▘", "▝", "▀", "▖", "▌", "▞", "▛", "▗", "▚", "▐", "▜", "▄", "▙", "▟", "█",
    ]

    /// The character whose ink covers exactly the sub-pixels in `mask` (bit i = sub-pixel i,
    /// row-major from the top left); in the sextant mode, masks from 64 on are the block
    /// elements of `BlockGlyphs.extras`, in the blocks mode masks from 16 on are its eighths.
    public func character(_ mask: Int) -> Unicode.Scalar {
        switch self {
        case .halfblocks: return [" ", "▀", "▄", "█"][mask]
        case .quadrants: return Self.quadrantCharacters[mask]
        case .blocks: return mask < 16 ? Self.quadrantCharacters[mask] : BlockGlyphs.extras[BlockGlyphs.eighths[mask - 16]].scalar
        case .sextants:
            switch mask {
            case 0: return " "
            case 63: return "█"
            case 21: return "▌"
            case 42: return "▐"
            case 64...: return BlockGlyphs.extras[mask - 64].scalar
            default: return Unicode.Scalar(0x1FB00 + UInt32(mask - 1 - (mask > 21 ? 1 : 0) - (mask > 42 ? 1 : 0)))!
            }
        }
    }
}

/// One character cell: a pattern and its two colours (as the terminal will show them).
public struct Cell: Sendable, Equatable {
    public var mask: Int
    public var foreground: SIMD3<Int32>
    public var background: SIMD3<Int32>
    public var foregroundCode: Int
    public var backgroundCode: Int

    public init(mask: Int, foreground: SIMD3<Int32>, background: SIMD3<Int32>, foregroundCode: Int, backgroundCode: Int) {
        self.mask = mask
        self.foreground = foreground
        self.background = background
        self.foregroundCode = foregroundCode
        self.backgroundCode = backgroundCode
    }
}

/// A picture as a grid of cells.
public struct CellGrid: Sendable {
    public let columns: Int
    public let rows: Int
    public let mode: TextMode
    public let depth: ColorDepth
    public var cells: [Cell]

    /// A grid of cells already fitted (or made by hand, as tests do).
    public init(columns: Int, rows: Int, mode: TextMode, depth: ColorDepth, cells: [Cell]) {
        guard cells.count == columns * rows else { fatalError("one cell per column and row") }
        self.columns = columns
        self.rows = rows
        self.mode = mode
        self.depth = depth
        self.cells = cells
    }

    /// Fits each cell: for every way to split its sub-pixels in two, both groups take their mean
    /// colour (as the terminal can show it); the split with the least squared error wins. The
    /// sextant and blocks modes also try block elements (eighths, halves, quadrants) on a finer grid.
    public init(_ image: RGBImage, columns: Int, rows: Int, mode: TextMode, depth: ColorDepth) {
        self.columns = columns
        self.rows = rows
        self.mode = mode
        self.depth = depth
        if mode.usesGlyphGrid {
            cells = Self.fitBlocks(image, columns: columns, rows: rows, mode: mode, depth: depth)
            return
        }
        let (sw, sh) = mode.subpixels
        let picture = Resize.resize(image.rgb(), width: columns * sw, height: rows * sh, filter: .smooth)
        let n = sw * sh
        var cells: [Cell] = []
        cells.reserveCapacity(columns * rows)
        var pixels = [SIMD3<Int32>](repeating: .zero, count: n)
        for row in 0..<rows {
            for column in 0..<columns {
                for i in 0..<n {
                    let x = column * sw + i % sw, y = row * sh + i / sw
                    let p = (y * picture.width + x) * 3
                    pixels[i] = SIMD3(Int32(picture.pixels[p]), Int32(picture.pixels[p + 1]), Int32(picture.pixels[p + 2]))
                }
                cells.append(depth == .none ? Self.threshold(pixels) : Self.fit(pixels, depth: depth))
            }
        }
        self.cells = cells
    }

    static func fitBlocks(_ image: RGBImage, columns: Int, rows: Int, mode: TextMode, depth: ColorDepth) -> [Cell] {
        // Catmull-Rom onto the glyph grid: against a box (area) resample it measured 0.03-0.13 dB
        // better on the bench's pictures, its slight sharpening outweighing its blur.
        let picture = Resize.resize(image.rgb(), width: columns * BlockGlyphs.gridWidth, height: rows * BlockGlyphs.gridHeight,
            filter: .smooth)
        let fitter = BlockFitter(picture), candidates = BlockGlyphs.candidates(mode)
        var cells: [Cell] = []
        cells.reserveCapacity(columns * rows)
        for row in 0..<rows {
            for column in 0..<columns {
                cells.append(depth == .none ? threshold(fitter.means(column: column, row: row, mode))
                                            : fitter.fit(column: column, row: row, depth: depth, candidates: candidates))
            }
        }
        return cells
    }

    /// The plain fit over a cell's sub-pixels (halfblocks and quadrants).
    static func fit(_ pixels: [SIMD3<Int32>], depth: ColorDepth) -> Cell {
        let n = pixels.count
        var best = Cell(mask: 0, foreground: .zero, background: .zero, foregroundCode: 0, backgroundCode: 0)
        var bestError = Int32.max
        // Masks with the last sub-pixel in the background cover every split once.
        for mask in 0..<(1 << (n - 1)) {
            var fgSum = SIMD3<Int32>.zero, bgSum = SIMD3<Int32>.zero
            var fgCount: Int32 = 0
            for i in 0..<n {
                if mask >> i & 1 == 1 { fgSum &+= pixels[i]; fgCount += 1 } else { bgSum &+= pixels[i] }
            }
            let bgCount = Int32(n) - fgCount
            let fg = depth.nearest(fgCount > 0 ? (fgSum &+ fgCount / 2) / fgCount : .zero)
            let bg = depth.nearest((bgSum &+ bgCount / 2) / bgCount)
            var error: Int32 = 0
            for i in 0..<n {
                let d = pixels[i] &- (mask >> i & 1 == 1 ? fg.shown : bg.shown)
                error &+= (d &* d).wrappedSum()
            }
            if error < bestError {
                bestError = error
                best = Cell(mask: mask, foreground: fg.shown, background: bg.shown, foregroundCode: fg.code, backgroundCode: bg.code)
            }
        }
        return best
    }

    /// Without colour: sub-pixels brighter than middle grey are ink.
    static func threshold(_ pixels: [SIMD3<Int32>]) -> Cell {
        var mask = 0
        for (i, p) in pixels.enumerated() where (p.x * 299 + p.y * 587 + p.z * 114) / 1000 >= 128 { mask |= 1 << i }
        return Cell(mask: mask, foreground: [255, 255, 255], background: .zero, foregroundCode: 15, backgroundCode: 0)
    }

    /// The grid as text with SGR colours; each line ends with a reset.
    public func ansi() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(columns * rows * 24)
        for row in 0..<rows {
            out += ansiRow(row)
            out.append(0x0A)
        }
        return out
    }

    /// One row of cells with its colours, ending with a reset (no newline).
    public func ansiRow(_ row: Int) -> [UInt8] {
        var out: [UInt8] = []
        var fg: (SIMD3<Int32>, Int)? = nil, bg: (SIMD3<Int32>, Int)? = nil
        for column in 0..<columns {
            let cell = cells[row * columns + column]
            let scalar = mode.character(cell.mask)
            if depth != .none {
                var params: [String] = []
                if scalar != " " && (fg.map { $0.0 != cell.foreground || $0.1 != cell.foregroundCode } ?? true) {
                    params.append(depth.sgr(cell.foreground, code: cell.foregroundCode, background: false))
                    fg = (cell.foreground, cell.foregroundCode)
                }
                if bg.map({ $0.0 != cell.background || $0.1 != cell.backgroundCode }) ?? true {
                    params.append(depth.sgr(cell.background, code: cell.backgroundCode, background: true))
                    bg = (cell.background, cell.backgroundCode)
                }
                if !params.isEmpty { out += Array("\u{1B}[\(params.joined(separator: ";"))m".utf8) }
            }
            out += Array(String(Character(scalar)).utf8)
        }
        if depth != .none { out += Array("\u{1B}[0m".utf8) }
        return out
    }

    /// Whether pixel (x, y) of a `cellWidth`x`cellHeight` cell is ink. The sextant mode's glyphs
    /// (and the blocks mode's) are looked up at the pixel's centre on the glyph grid, so thirds and
    /// eighths fall where a terminal draws them whenever the cell size allows.
    func inked(_ mask: Int, x: Int, y: Int, cellWidth: Int, cellHeight: Int) -> Bool {
        if mode.usesGlyphGrid {
            return BlockGlyphs.covers(mask, (2 * x + 1) * BlockGlyphs.gridWidth / (2 * cellWidth),
                (2 * y + 1) * BlockGlyphs.gridHeight / (2 * cellHeight), mode)
        }
        let (sw, sh) = mode.subpixels
        return mask >> ((y * sh / cellHeight) * sw + x * sw / cellWidth) & 1 == 1
    }

    /// What the cells show, as a picture with `cellWidth`x`cellHeight` pixels per cell (each
    /// glyph drawn with its true shape). Used to measure fidelity.
    public func rendered(cellWidth: Int, cellHeight: Int) -> RGBImage {
        var image = RGBImage(width: columns * cellWidth, height: rows * cellHeight)
        for row in 0..<rows {
            for column in 0..<columns {
                let cell = cells[row * columns + column]
                for y in 0..<cellHeight {
                    for x in 0..<cellWidth {
                        let c = inked(cell.mask, x: x, y: y, cellWidth: cellWidth,
                            cellHeight: cellHeight) ? cell.foreground : cell.background
                        let p = ((row * cellHeight + y) * image.width + column * cellWidth + x) * 3
                        image.pixels[p] = UInt8(c.x); image.pixels[p + 1] = UInt8(c.y); image.pixels[p + 2] = UInt8(c.z)
                    }
                }
            }
        }
        return image
    }
}
