import Imaging

/// Pictures side by side on a grid: `columns` wide (default: about square), in square cells as
/// large as the largest picture, every picture scaled to fill its cell (keeping its shape) and
/// centred there, on a dark grey sheet so that white pictures do not run together, each with
/// its label under it when labels are given. The sheet never passes `maxPixels`: with many or
/// huge pictures the cells shrink instead (a 1x65,536 picture beside an 8x8 one asked for 25 GB).
public enum ContactSheet {
    /// 4096², what the gallery, `show` and the studio read back comfortably.
    public static let maxPixels = 4096 * 4096
    /// The sheet and gutters, and the labels' ink.
    static let background: UInt8 = 48, ink = SIMD3<UInt8>(225, 225, 225)

    /// The largest cell side the sheet of `count` pictures may have under `maxPixels`.
    public static func cellLimit(count: Int, columns: Int? = nil, gutter: Int = 8, labelled: Bool = false) -> Int {
        let (columns, rows) = grid(count: count, columns: columns)
        let across = Int((Double(maxPixels) / Double(max(columns * rows, 1))).squareRoot())
        // Each side of the sheet is then at most columns (rows) · across: a label band is never
        // taller for a smaller cell.
        return max(across - 2 * gutter - (labelled ? labelHeight(cell: across) : 0), 1)
    }

    static func grid(count: Int, columns: Int?) -> (columns: Int, rows: Int) {
        let columns = max(1, min(columns ?? Int(Double(count).squareRoot().rounded(.up)), max(count, 1)))
        return (columns, max((count + columns - 1) / columns, 1))
    }

    /// The labels' font scale for a cell: about 21 characters across (a gallery name such as
    /// icons-3271764990 whole) from 128-pixel cells up, fewer in smaller cells.
    static func labelScale(cell: Int) -> Int { max(1, cell / 128) }

    /// The band under each picture that holds its label.
    static func labelHeight(cell: Int) -> Int { (PixelFont.glyphHeight + 4) * labelScale(cell: cell) }

    /// `image` shrunk, keeping its shape, to fit a `side`-pixel square (unchanged when it fits):
    /// what a caller keeps of each picture until the sheet is made.
    public static func fitted(_ image: RGBImage, side: Int) -> RGBImage {
        let rgb = image.rgb()
        guard rgb.width > side || rgb.height > side else { return rgb }
        return scaled(rgb, toFill: side)
    }

    /// `image` scaled up or down, keeping its shape, until its longer side is `side`: smooth
    /// when shrinking, sharp (nearest) when enlarging, as pixel art wants.
    static func scaled(_ image: RGBImage, toFill side: Int) -> RGBImage {
        let rgb = image.rgb()
        let longer = max(rgb.width, rgb.height)
        guard longer != side else { return rgb }
        let scale = Double(side) / Double(longer)
        return Resize.resize(rgb, width: max(1, min(side, Int((Double(rgb.width) * scale).rounded()))),
                             height: max(1, min(side, Int((Double(rgb.height) * scale).rounded()))),
                             filter: longer > side ? .smooth : .nearest)
    }

    public static func make(_ images: [RGBImage], labels: [String]? = nil, columns: Int? = nil, gutter: Int = 8) -> RGBImage {
        let labelled = labels != nil
        let (columns, rows) = grid(count: images.count, columns: columns)
        let largest = images.map { max($0.width, $0.height) }.max() ?? 1
        let cell = max(1, min(largest, cellLimit(count: images.count, columns: columns, gutter: gutter, labelled: labelled)))
        let band = labelled ? labelHeight(cell: cell) : 0
        var sheet = RGBImage(width: columns * (cell + gutter) + gutter, height: rows * (cell + band + gutter) + gutter, fill: background)
        for (i, image) in images.enumerated() {
            let left = gutter + (i % columns) * (cell + gutter), top = gutter + (i / columns) * (cell + band + gutter)
            let rgb = scaled(image, toFill: cell)
            sheet.paste(rgb, x: left + (cell - rgb.width) / 2, y: top + (cell - rgb.height) / 2)
            if let labels, i < labels.count { label(labels[i], into: &sheet, x: left, y: top + cell, cell: cell) }
        }
        return sheet
    }

    /// A label centred in the band under a cell, cut to the cell's width.
    static func label(_ text: String, into sheet: inout RGBImage, x: Int, y: Int, cell: Int) {
        let scale = labelScale(cell: cell)
        let fits = (cell / scale + 1) / PixelFont.advance
        let shown = PixelFont.fitted(text, characters: fits)
        let width = PixelFont.width(characters: shown.unicodeScalars.count, scale: scale)
        PixelFont.draw(shown, into: &sheet, x: x + max((cell - width) / 2, 0), y: y + 2 * scale, scale: scale, colour: ink)
    }
}
