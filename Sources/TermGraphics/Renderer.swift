import Imaging

/// One way to put a picture on a terminal.
public enum ImageFormat: String, Sendable, CaseIterable {
    case sixel, kitty, iterm, sextants, blocks, quadrants, halfblocks

    public var textMode: TextMode? { TextMode(rawValue: rawValue) }

    public init(_ mode: TextMode) { self.init(rawValue: mode.rawValue)! }

    /// The best format a terminal profile offers; `symbols` overrides the text symbol set.
    public static func best(for profile: TerminalProfile, symbols: TextMode? = nil) -> ImageFormat {
        switch profile.graphics {
        case .sixel: return .sixel
        case .kitty: return .kitty
        case .iterm: return .iterm
        case .none: return ImageFormat(symbols ?? TextMode.best(for: profile))
        }
    }
}

extension TextMode {
    /// Sextants only where the terminal draws them itself (fonts lack them); otherwise the block
    /// elements every font has; quadrants without colour (a threshold has no use for eighths).
    public static func best(for profile: TerminalProfile) -> TextMode {
        profile.drawsSextants ? .sextants : profile.colors == .none ? .quadrants : .blocks
    }

    /// The order the studio's `y` key walks through.
    public var next: TextMode {
        let all: [TextMode] = [.blocks, .quadrants, .halfblocks, .sextants]
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }

    /// How the set is named to a person.
    public var title: String {
        switch self {
        case .halfblocks: return "half blocks"
        case .quadrants: return "quadrants"
        case .blocks: return "blocks (quadrants and eighths)"
        case .sextants: return "sextants and blocks"
        }
    }
}

/// Where and how large a picture goes: pixels for graphics formats, cells for all.
public struct Placement: Sendable, Equatable {
    public var pixelWidth: Int
    public var pixelHeight: Int
    public var columns: Int
    public var rows: Int

    public init(pixelWidth: Int, pixelHeight: Int, columns: Int, rows: Int) {
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
        self.columns = columns
        self.rows = rows
    }

    /// The terminal's size, when drawing to one.
    public struct Screen: Sendable, Equatable {
        public var columns: Int, rows: Int, cellWidth: Int, cellHeight: Int
        /// An impossible cell size (zero or negative, which sizes divide by) counts as unknown.
        public init(columns: Int, rows: Int, cellWidth: Int, cellHeight: Int) {
            self.columns = columns
            self.rows = rows
            let cell = TerminalProbe.plausibleCell(width: cellWidth, height: cellHeight) ?? Placement.defaultCell
            self.cellWidth = cell.width
            self.cellHeight = cell.height
        }
    }

    public static let defaultCell = (width: 10, height: 20)
    public static let defaultTextColumns = 80

    /// Sizes a `width`x`height` picture. Explicit sizes win; then the screen (leaving a line for
    /// the prompt); with neither, graphics keep the picture's own pixels and text fits 80 columns.
    public static func fit(width: Int, height: Int, format: ImageFormat, columns: Int?, rows: Int?, pixelWidth: Int?,
                           screen: Screen?, cell: (width: Int, height: Int)? = nil) -> Placement {
        let cw = cell?.width ?? screen?.cellWidth ?? defaultCell.width, ch = cell?.height ?? screen?.cellHeight ?? defaultCell.height
        let aspect = Double(height) / Double(width)
        if format.textMode != nil {
            var cols = columns ?? pixelWidth.map { max(1, $0 / cw) } ?? screen?.columns ?? defaultTextColumns
            var lines = rows ?? max(1, Int((Double(cols) * aspect / 2).rounded()))
            if columns == nil, rows != nil { cols = max(1, Int((Double(lines) * 2 / aspect).rounded())) }
            if let screen, columns == nil, rows == nil, pixelWidth == nil, lines > screen.rows - 1 {
                lines = max(1, screen.rows - 1)
                cols = max(1, min(screen.columns, Int((Double(lines) * 2 / aspect).rounded())))
            }
            (cols, lines) = capped(cols, lines, side: maxTextSide, area: maxCells)
            return Placement(pixelWidth: cols * cw, pixelHeight: lines * ch, columns: cols, rows: lines)
        }
        var w = width, h = height
        if let pixelWidth {
            w = pixelWidth
            h = max(1, Int((Double(w) * aspect).rounded()))
        } else if columns != nil || rows != nil || screen != nil {
            let boxW = Double(columns.map { $0 * cw } ?? (rows != nil ? Int.max / 4 : screen!.columns * cw))
            let boxH = Double(rows.map { $0 * ch } ?? (columns != nil ? Int.max / 4 : max(1, screen!.rows - 1) * ch))
            let scale = min(boxW / Double(width), boxH / Double(height))
            w = max(1, Int((Double(width) * scale).rounded()))
            h = max(1, Int((Double(height) * scale).rounded()))
        }
        (w, h) = capped(w, h, side: maxPixelSide, area: maxPixels)
        return Placement(pixelWidth: w, pixelHeight: h, columns: (w + cw - 1) / cw, rows: (h + ch - 1) / ch)
    }

    /// Output limits, whatever the picture's aspect or the options ask (a 1x1,000,000 PNG would
    /// otherwise ask for gigabytes): text at most 4,000 cells a side and 64 Ki cells (more than a
    /// 4K screen holds; the block fitter keeps 192 samples a cell), graphics at most 16,384 pixels
    /// a side and 16 Mi pixels.
    public static let maxTextSide = 4000, maxCells = 1 << 16, maxPixelSide = 16384, maxPixels = 16 << 20

    /// (a, b) scaled down together, keeping their ratio as far as whole numbers allow, until each
    /// side is at most `side` and their product at most `area`.
    static func capped(_ a: Int, _ b: Int, side: Int, area: Int) -> (Int, Int) {
        let (x, y) = (Double(a), Double(b))
        let scale = min(1, Double(side) / x, Double(side) / y, (Double(area) / (x * y)).squareRoot())
        guard scale < 1 else { return (a, b) }
        return (min(side, max(1, Int(x * scale))), min(side, max(1, Int(y * scale))))
    }
}

/// Encodes a picture for the terminal in any format: the one path `ganvas show` and the
/// studio's preview share, so both wrap graphics for tmux alike.
public enum Renderer {
    /// How graphics are sent.
    public struct Options: Sendable {
        public var sixelRegisters = 256
        /// Every graphics sequence goes inside tmux's passthrough.
        public var inTmux = false
        public var kittyID = 1
        public var kittyPayload = KittyGraphics.Payload.png
        /// Sixel palettes from a 2x scaled copy when the picture is scaled up more, and iTerm2's
        /// PNG deflated at the fastest level (both faster, for the studio's preview).
        public var quick = false
        public init(sixelRegisters: Int = 256, inTmux: Bool = false, kittyID: Int = 1,
                    kittyPayload: KittyGraphics.Payload = .png, quick: Bool = false) {
            self.sixelRegisters = sixelRegisters
            self.inTmux = inTmux
            self.kittyID = kittyID
            self.kittyPayload = kittyPayload
            self.quick = quick
        }
    }

    public static func render(_ image: RGBImage, format: ImageFormat, placement: Placement, colors: ColorDepth,
                              options: Options = Options()) throws -> [UInt8] {
        if let mode = format.textMode {
            return CellGrid(image, columns: placement.columns, rows: placement.rows, mode: mode, depth: colors).ansi()
        }
        return try graphics(image, format: format, placement: placement, options: options)
    }

    /// The picture scaled to the placement's pixels in a graphics format (sixel, kitty, iterm).
    public static func graphics(_ image: RGBImage, format: ImageFormat, placement: Placement, options: Options) throws -> [UInt8] {
        let picture = image.rgb()
        let sized = Resize.resize(picture, width: placement.pixelWidth, height: placement.pixelHeight, filter: .smooth)
        let bytes: [UInt8]
        switch format {
        case .kitty: return try KittyGraphics.encode(sized, id: options.kittyID, payload: options.kittyPayload, inTmux: options.inTmux)
        case .iterm: bytes = try ITermGraphics.encode(sized, quick: options.quick)
        case .sixel:
            let source = options.quick ? paletteSource(picture, sized) : nil
            bytes = SixelGraphics.encode(sized, options: .init(maxColors: options.sixelRegisters, paletteSource: source))
        default: fatalError("text modes have no graphics")
        }
        return options.inTmux ? TmuxPassthrough.wrap(bytes) : bytes
    }

    /// For a picture scaled up more than twice: the same picture scaled only 2x, whose colours (the
    /// source's and the blends between them) give the palette from a fraction of the pixels.
    /// A palette from the unscaled picture lacked the blends (2.7 dB worse in the test).
    static func paletteSource(_ image: RGBImage, _ sized: RGBImage) -> RGBImage? {
        guard sized.width > 2 * image.width, sized.height > 2 * image.height else { return nil }
        return Resize.resize(image, width: 2 * image.width, height: 2 * image.height, filter: .smooth)
    }
}
