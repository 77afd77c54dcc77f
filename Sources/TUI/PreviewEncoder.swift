import Imaging
import Studio
import TermGraphics

/// Where and how the preview is drawn.
struct PreviewTarget: Equatable, Sendable {
    var format: ImageFormat
    var rect: Rect
    var cellWidth: Int, cellHeight: Int
    var colors: ColorDepth
    var sixelRegisters: Int
    var inTmux: Bool
}

/// Turns a picture into the bytes that draw it inside the preview rectangle, cursor saved and
/// restored around it so curses' idea of the screen stays right.
enum PreviewEncoder {
    static let kittyID = 1

    static func bytes(_ image: RGBImage, target: PreviewTarget) throws -> [UInt8] {
        let rect = target.rect
        guard rect.width > 0, rect.height > 0 else { return [] }
        let screen = Placement.Screen(columns: rect.width, rows: rect.height + 1, cellWidth: target.cellWidth, cellHeight: target.cellHeight)
        let placement = Placement.fit(width: image.width, height: image.height, format: target.format, columns: nil, rows: nil,
                                      pixelWidth: nil, screen: screen)
        let x = rect.x + max((rect.width - placement.columns) / 2, 0), y = rect.y
        // Blank the whole rectangle first: a smaller picture must not leave the last one's edges.
        var out = Array("\u{1B}7\u{1B}[0m".utf8)
        for row in 0..<rect.height { out += cursor(x: rect.x, y: rect.y + row) + Array("\u{1B}[\(rect.width)X".utf8) }
        if let mode = target.format.textMode {
            let grid = CellGrid(image, columns: min(placement.columns, rect.width), rows: min(placement.rows, rect.height), mode: mode, depth: target.colors)
            for row in 0..<grid.rows {
                out += cursor(x: x, y: y + row) + grid.ansiRow(row)
            }
        } else {
            if target.format == .kitty { out += KittyEncoder.delete(id: kittyID) }
            out += cursor(x: x, y: y)
            let sized = Resize.resize(image, width: placement.pixelWidth, height: placement.pixelHeight, filter: .smooth)
            switch target.format {
            // Raw pixels, not PNG: deflating every slider step cost over 100 ms; the terminal is local
            // or the picture is a few hundred KB either way.
            case .kitty: out += try KittyEncoder.encode(sized, id: kittyID, payload: .rgb, inTmux: target.inTmux)
            case .iterm: out += try ITermEncoder.encode(sized)
            default: out += SixelEncoder.encode(sized, options: .init(maxColors: target.sixelRegisters, paletteSource: paletteSource(image, sized)))
            }
        }
        return out + Array("\u{1B}8".utf8)
    }

    /// For a picture scaled up more than twice: the same picture scaled only 2x, whose colours (the
    /// source's and the blends between them) give the palette from a fraction of the pixels.
    /// A palette from the unscaled picture lacked the blends (2.7 dB worse in the test).
    static func paletteSource(_ image: RGBImage, _ sized: RGBImage) -> RGBImage? {
        guard sized.width > 2 * image.width, sized.height > 2 * image.height else { return nil }
        return Resize.resize(image, width: 2 * image.width, height: 2 * image.height, filter: .smooth)
    }

    /// The cells the picture covers inside the preview rectangle (for mouse hit-testing).
    static func placedRect(_ image: RGBImage, target: PreviewTarget) -> Rect {
        let rect = target.rect
        let screen = Placement.Screen(columns: rect.width, rows: rect.height + 1, cellWidth: target.cellWidth, cellHeight: target.cellHeight)
        let placement = Placement.fit(width: image.width, height: image.height, format: target.format, columns: nil, rows: nil,
                                      pixelWidth: nil, screen: screen)
        let columns = min(placement.columns, rect.width), rows = min(placement.rows, rect.height)
        return Rect(x: rect.x + max((rect.width - placement.columns) / 2, 0), y: rect.y, width: columns, height: rows)
    }

    static func cursor(x: Int, y: Int) -> [UInt8] { Array("\u{1B}[\(y + 1);\(x + 1)H".utf8) }
}
