import Imaging

/// A picture (or an export or a walk) in the gallery folder, as the browser shows it.
public struct GalleryItem: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case picture, export, walk }
    public var path: String
    public var name: String
    public var summary: String
    public var picture: Picture?
    public var favourite: Bool
    public var tags: [String] = []
    public var thumbnail: RGBImage?
    public var kind: Kind = .picture
    /// False for a PNG Ganvas did not make (Enter encodes it into the current style).
    public var hasRecipe = true
    /// When the file was made (seconds since 1970, to the nanosecond): the date order, which
    /// edits don't change.
    public var date: Double = 0
    public var style: String? { picture?.style ?? summary.split(separator: " ").first.map(String.init) }

    public init(path: String, name: String, summary: String, picture: Picture?, favourite: Bool, thumbnail: RGBImage?) {
        self.path = path
        self.name = name
        self.summary = summary
        self.picture = picture
        self.favourite = favourite
        self.thumbnail = thumbnail
    }
}

public enum GallerySort: String, CaseIterable, Sendable {
    case date, name, style, favourite
}

/// The gallery browser's state: every item, and the order and filter they are shown in.
public struct GalleryView: Equatable, Sendable {
    public struct Trashed: Equatable, Sendable { public var from: String, to: String }
    public var items: [GalleryItem] = []
    /// Indices into `items`, in the order shown, after the filter.
    public var order: [Int] = []
    /// Position in `order`.
    public var selected = 0
    public var marked: Set<String> = []
    /// Deleted pictures, newest last, for undo.
    public var trashed: [Trashed] = []
    public var loading = true
    public var sort = GallerySort.date
    /// A tag, a style or part of a name; empty shows everything.
    public var filter = ""
    /// Thumbnails asked for, so a page is asked once.
    public var thumbnailsAsked: Set<String> = []

    public var current: GalleryItem? { order.indices.contains(selected) ? items[order[selected]] : nil }
    public var visible: [GalleryItem] { order.map { items[$0] } }
}

/// `g`: the gallery, a grid of pages like lf or sxiv.
enum GalleryMode {
    static let hints = "Enter open  f fav  t tags  d trash  o sort  / filter  a/i mark  e export  Esc back"
    static var pageSize: Int { GalleryGrid.columns * GalleryGrid.rows }

    static func open(_ state: inout StudioState) -> [Effect] {
        state.mode = .gallery
        state.gallery.loading = true
        return [.loadGallery]
    }

    /// The two lines under the grid: position, order and filter; then the selected file in full.
    static func info(_ state: StudioState) -> [String] {
        let g = state.gallery
        if g.loading { return ["loading…"] }
        if g.items.isEmpty { return ["the gallery is empty: press Esc, then s to save"] }
        let filter = g.filter.isEmpty ? "" : "  filter \(g.filter)"
        let marked = g.marked.isEmpty ? "" : "  \(g.marked.count) marked"
        // Always two lines, so the lines under the grid stay where they are.
        guard let item = g.current else {
            return ["0/\(g.items.count)  by \(g.sort.rawValue)\(filter)", "nothing matches: / changes the filter (empty shows all)"]
        }
        let tags = item.tags.isEmpty ? "" : "#" + item.tags.joined(separator: " #") + " "
        return ["\(g.selected + 1)/\(g.order.count)  by \(g.sort.rawValue)\(filter)\(marked)",
                "\(item.favourite ? "★ " : "")\(tags)\(item.name) · \(item.summary)"]
    }

    static func loaded(_ items: [GalleryItem], _ state: inout StudioState) -> [Effect] {
        let keep = state.gallery.current?.path
        state.gallery.items = items
        state.gallery.loading = false
        state.gallery.thumbnailsAsked = []
        state.gallery.marked.formIntersection(items.map(\.path))
        return arrange(&state, keeping: keep)
    }

    /// Recomputes the order (sort and filter), keeps the selection on `path` when it is still
    /// shown, and asks for the thumbnails of the page.
    static func arrange(_ state: inout StudioState, keeping path: String?) -> [Effect] {
        var g = state.gallery
        let needle = g.filter.lowercased()
        let shown = g.items.indices.filter { i in
            let item = g.items[i]
            return needle.isEmpty || item.tags.contains { $0.lowercased() == needle } || item.style?.lowercased() == needle
                || item.name.lowercased().contains(needle)
        }
        g.order = shown.sorted { before(g.items[$0], g.items[$1], by: g.sort) }
        g.selected = path.flatMap { p in g.order.firstIndex { g.items[$0].path == p } } ?? min(g.selected, max(g.order.count - 1, 0))
        state.gallery = g
        return thumbnails(&state)
    }

    static func before(_ a: GalleryItem, _ b: GalleryItem, by sort: GallerySort) -> Bool {
        switch sort {
        // Newest first, ties last name first: the order of `ganvas gallery list` (GalleryLibrary.list).
        case .date: return (a.date, a.name) > (b.date, b.name)
        case .name: return a.name.lowercased() < b.name.lowercased()
        case .style: return ((a.style ?? "~").lowercased(), b.date, a.name) < ((b.style ?? "~").lowercased(), a.date, b.name)
        case .favourite: return (a.favourite ? 0 : 1, b.date, a.name) < (b.favourite ? 0 : 1, a.date, b.name)
        }
    }

    /// Asks for the thumbnails of the page on screen that are missing (loaded lazily).
    static func thumbnails(_ state: inout StudioState) -> [Effect] {
        let page = GalleryGrid.page(state.gallery)
        let paths = page.items.map { state.gallery.items[$0].path }.filter { !state.gallery.thumbnailsAsked.contains($0) }
        guard !paths.isEmpty else { return [] }
        state.gallery.thumbnailsAsked.formUnion(paths)
        return [.loadThumbnails(paths: paths)]
    }

    static func filter(_ text: String, _ state: inout StudioState) -> [Effect] {
        state.gallery.filter = text
        state.status = text.isEmpty ? "showing everything" : "showing pictures tagged, styled or named \(text)"
        return arrange(&state, keeping: state.gallery.current?.path)
    }

    static func key(_ key: Key, _ state: inout StudioState) -> [Effect] {
        let count = state.gallery.order.count, columns = GalleryGrid.columns
        let last = max(count - 1, 0), selected = state.gallery.selected
        switch key {
        case .left, .char("h"): return select(max(selected - 1, 0), &state)
        case .right, .char("l"): return select(min(selected + 1, last), &state)
        case .up, .char("k"): return select(max(selected - columns, 0), &state)
        case .down, .char("j"): return select(min(selected + columns, last), &state)
        case .pageUp: return select(max(selected - pageSize, 0), &state)
        case .pageDown: return select(min(selected + pageSize, last), &state)
        case .home: return select(0, &state)
        case .end: return select(last, &state)
        case .click(let x, let y):
            let page = GalleryGrid.page(state.gallery)
            guard let tile = Mouse.tile(x, y, columns: columns, count: page.items.count, state) else { return [] }
            let index = page.first + tile
            return index == selected ? openSelected(&state) : select(index, &state)
        case .wheel(_, _, let up): return select(up ? max(selected - columns, 0) : min(selected + columns, last), &state)
        case .char("o"):
            let all = GallerySort.allCases
            state.gallery.sort = all[(all.firstIndex(of: state.gallery.sort)! + 1) % all.count]
            state.status = "sorted by \(state.gallery.sort.rawValue)"
            return arrange(&state, keeping: state.gallery.current?.path)
        case .char("/"):
            TextEntry.open(.galleryFilter, "show only (a tag, a style or part of a name; empty shows all): ",
                text: state.gallery.filter, &state)
            return []
        case .char(" "):
            guard let item = state.gallery.current else { return [] }
            if state.gallery.marked.contains(item.path) {
                state.gallery.marked.remove(item.path) } else { state.gallery.marked.insert(item.path)
            }
        case .char("a"): state.gallery.marked.formUnion(state.gallery.visible.map(\.path))
        case .char("i"): state.gallery.marked = Set(state.gallery.visible.map(\.path)).subtracting(state.gallery.marked)
        case .escape, .backspace, .char("g"), .char("q"):
            state.mode = .explore
            return [Editing.requestRender(&state)]
        default: return itemKey(key, &state)
        }
        return []
    }

    /// Keys that act on the selected item (or the marked ones).
    static func itemKey(_ key: Key, _ state: inout StudioState) -> [Effect] {
        guard let item = state.gallery.current else {
            if key == .char("u") { return undoTrash(&state) }
            return []
        }
        switch key {
        case .char("f"): return [.setFavourite(path: item.path, favourite: !item.favourite)]
        case .char("b"), .char("c"):
            // b crossbreeds with the picture, c takes its colours: both need its latent, in the current style.
            let colours = key == .char("c")
            guard item.kind != .walk, let style = item.style, style == state.picture.style else {
                let doing = colours ? "taking colours" : "crossbreeding"
                state.status = "\(doing) needs a picture of the current style (\(state.picture.style))"
                return []
            }
            if colours && ChildrenMode.refusesColours(style, &state) { return [] }
            state.status = colours ? "taking the colours of \(item.name)…" : "crossbreeding with \(item.name)…"
            return [.loadPartner(path: item.path, style: style, colours: colours)]
        case .char("t"):
            TextEntry.open(.tags(path: item.path), "tags for \(item.name) (space-separated): ", text: item.tags.joined(separator: " "),
                &state)
            return []
        case .char("d"), .char("x"): return [.trash(path: item.path)]
        case .char("u"): return undoTrash(&state)
        case .char("e"), .char("E"):
            let marked = state.gallery.visible.map(\.path).filter(state.gallery.marked.contains)
            let walks = Set(state.gallery.items.filter { $0.kind == .walk }.map(\.path))
            let paths = (marked.isEmpty ? [item.path] : marked).filter { !walks.contains($0) }
            guard !paths.isEmpty else { state.status = "walks are exported already (their frames are PNGs)"; return [] }
            state.status = "exporting \(paths.count) picture\(paths.count == 1 ? "" : "s")…"
            return [.exportPictures(paths: paths, scale: 4, smooth: key == .char("E"), sheet: paths.count > 1)]
        case .enter: return openSelected(&state)
        default: return []
        }
    }

    static func select(_ index: Int, _ state: inout StudioState) -> [Effect] {
        state.gallery.selected = index
        return thumbnails(&state)
    }

    static func undoTrash(_ state: inout StudioState) -> [Effect] {
        guard let last = state.gallery.trashed.popLast() else { state.status = "nothing to undo"; return [] }
        return [.restore(from: last.to, to: last.from)]
    }

    /// Enter: the picture becomes the studio's picture (its recipe, in its style).
    static func openSelected(_ state: inout StudioState) -> [Effect] {
        guard let item = state.gallery.current else { return [] }
        if item.kind == .picture && !item.hasRecipe {
            state.mode = .explore
            return PictureOpening.open(path: item.path, &state)
        }
        guard let picture = item.picture, let index = state.styles.firstIndex(where: { $0.name == picture.style }) else {
            state.status = item.kind == .walk ? "\(item.name) is a walk: its frames are in the folder of the same name"
                : "cannot open \(item.name): its recipe or style is not available"
            return []
        }
        state.mode = .explore
        state.styleCursor = index
        state.status = "opened \(item.name)"
        let effects = Editing.edit(&state) { $0 = picture }
        state.savedPicture = picture
        return effects.isEmpty ? [Editing.requestRender(&state)] : effects
    }

    // Results from the gallery jobs.

    static func trashed(from: String, to: String, _ state: inout StudioState) -> [Effect] {
        state.gallery.trashed.append(.init(from: from, to: to))
        state.gallery.items.removeAll { $0.path == from }
        state.gallery.marked.remove(from)
        state.status = "moved to trash (u undoes)"
        return arrange(&state, keeping: nil)
    }

    static func update(_ path: String, _ state: inout StudioState, _ change: (inout GalleryItem) -> Void) {
        if let i = state.gallery.items.firstIndex(where: { $0.path == path }) { change(&state.gallery.items[i]) }
    }
}
