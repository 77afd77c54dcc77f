import Imaging

/// The picture the preview shows in each mode, composed from state alone.
public enum Display {
    public static func image(_ state: StudioState) -> RGBImage? {
        switch state.mode {
        case .explore, .walk: return state.shown
        case .canvas: return state.canvas.map(CanvasDisplay.image)
        case .children:
            guard let children = state.children else { return nil }
            return Sheet.grid(children.images, columns: Children.columns, cell: children.images.compactMap { $0 }.first?.width ?? 64,
                              selected: children.selected, marked: [], favourites: [])
        case .gallery:
            let page = GalleryGrid.page(state.gallery)
            guard !page.items.isEmpty else { return nil }
            let items = state.gallery.items
            return Sheet.grid(page.items.map { items[$0].thumbnail }, columns: GalleryGrid.columns, cell: GalleryGrid.thumbnail,
                              selected: state.gallery.selected - page.first,
                              marked: Set(page.items.enumerated()
                                              .filter { state.gallery.marked.contains(items[$0.element].path) }.map(\.offset)),
                              favourites: Set(page.items.enumerated().filter { items[$0.element].favourite }.map(\.offset)))
        }
    }
}

/// The gallery browser shows pages of thumbnails.
public enum GalleryGrid {
    public static let columns = 4, rows = 3, thumbnail = 64

    /// The page holding the selection: its first position in the shown order, and the indices
    /// (into `items`) of what it shows.
    public static func page(_ gallery: GalleryView) -> (first: Int, items: [Int]) {
        let size = columns * rows
        let first = gallery.selected / size * size
        return (first, Array(gallery.order[first..<min(first + size, gallery.order.count)]))
    }
}

/// Grids of pictures with a highlight on the selected one.
public enum Sheet {
    /// Gutters and the highlight grow with the cell: a 3-pixel frame around a 64-pixel tile was
    /// under one text cell wide at 80x24, and the selected child could hardly be told.
    static func gutter(cell: Int) -> Int { max(4, cell / 6) }
    static let highlight = SIMD3<UInt8>(255, 196, 0), mark = SIMD3<UInt8>(40, 120, 255), star = SIMD3<UInt8>(255, 80, 160)

    public static func grid(_ images: [RGBImage?], columns: Int, cell: Int, selected: Int, marked: Set<Int>,
        favourites: Set<Int>) -> RGBImage {
        let rows = max((images.count + columns - 1) / columns, 1)
        let gutter = gutter(cell: cell), frame = gutter - 1
        let step = cell + gutter
        var sheet = RGBImage(width: columns * step + gutter, height: rows * step + gutter, fill: 24)
        for (i, image) in images.enumerated() {
            let x = gutter + (i % columns) * step, y = gutter + (i / columns) * step
            if i == selected { sheet.fill(x: x - frame, y: y - frame, width: cell + 2 * frame, height: cell + 2 * frame,
                colour: highlight) }
            if let image {
                sheet.paste(Resize.resize(image.rgb(), width: cell, height: cell, filter: .smooth), x: x, y: y)
            } else {
                sheet.fill(x: x, y: y, width: cell, height: cell, colour: SIMD3(60, 60, 60))
            }
            if marked.contains(i) { sheet.fill(x: x + 2, y: y + 2, width: cell / 6, height: cell / 6, colour: mark) }
            if favourites.contains(i) { sheet.fill(x: x + cell - cell / 6 - 2, y: y + 2, width: cell / 6, height: cell / 6,
                colour: star) }
        }
        return sheet
    }
}
