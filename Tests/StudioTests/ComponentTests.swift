import Imaging
import Studio
import Latent
import XCTest

/// The children, walk, gallery and mouse paths of the reducer, and whole frames of each mode.
final class ComponentTests: XCTestCase, StudioDriving {
    func item(_ n: Int, style: String = "emoji", date: Double, tags: [String] = [], favourite: Bool = false) -> GalleryItem {
        var item = GalleryItem(path: "/g/\(style)-\(n).png", name: "\(style)-\(n).png", summary: "\(style) · seed \(n)",
                               picture: Picture(style: style, seed: UInt64(n),
                                   edits: [Float](repeating: 0, count: 8)), favourite: favourite, thumbnail: nil)
        item.date = date
        item.tags = tags
        return item
    }

    func gallery(_ count: Int) -> (StudioState, [Effect]) {
        var state = fresh()
        XCTAssertEqual(press(&state, .char("g")), [.loadGallery])
        let items = (0..<count).map { item($0, style: $0 % 3 == 0 ? "glyphs" : "emoji", date: Double(1000 + $0),
            tags: $0 % 5 == 0 ? ["cat"] : []) }
        var random = SplitMix64(seed: 19)
        let effects = Reducer.reduce(&state, .galleryLoaded(items.shuffled(using: &random)))
        return (state, effects)
    }

    func testChildrenGridPicksAndChangesDifference() {
        var state = fresh()
        guard case .renderMany(_, let pictures)? = press(&state, .char("v")).first else { return XCTFail() }
        XCTAssertEqual(pictures.count, 9)
        XCTAssertEqual(state.mode, .children)
        press(&state, .char("+"))
        XCTAssertEqual(state.children?.difference ?? 0, 0.45, accuracy: 1e-6)
        press(&state, .right, .down)
        XCTAssertEqual(state.children?.selected, 8)
        let chosen = state.children!.picture(8, of: state.picture)
        press(&state, .enter)
        XCTAssertEqual(state.mode, .explore)
        XCTAssertEqual(state.picture, chosen)
        XCTAssertEqual(state.history.undo.count, 1)
    }

    /// `V`: the picture's shapes in nine other seeds' colours; +/- moves between palette and
    /// finish, `v` and `V` between blends and colours; the choice shows in the title, `x` and styles
    /// that cannot mix drop it.
    func testColourChildrenTakeOtherSeedsColours() {
        var state = fresh()
        guard case .renderMany(_, let pictures)? = press(&state, .char("V")).first else { return XCTFail("V rendered nothing") }
        let seeds = state.children!.seeds
        XCTAssertEqual(pictures.map(\.colours), seeds.map { Colours(seed: $0, level: 0) })
        XCTAssertTrue(pictures.allSatisfy { $0.mixes.isEmpty && $0.seed == state.picture.seed })
        press(&state, .char("+"), .char("+"))
        XCTAssertEqual(state.children?.colourLevel, 1, "emoji has two levels: 0 and 1")
        XCTAssertTrue(View.frame(state, width: 100, height: 30).text.contains("finish only"))
        guard case .renderMany(_, let blends)? = press(&state, .char("v")).first else { return XCTFail("v rendered nothing") }
        XCTAssertTrue(blends.allSatisfy { $0.colours == nil && $0.mixes.count == 1 })
        press(&state, .char("V"), .char("+"), .right)
        let chosen = state.children!.picture(5, of: state.picture)
        press(&state, .enter)
        XCTAssertEqual(state.picture, chosen)
        XCTAssertEqual(state.picture.colours?.level, 1)
        XCTAssertTrue(View.frame(state, width: 100, height: 30).text.contains("colours of seed \(chosen.colours!.seed) (finish)"))
        // The colours slider: how far from the picture's own colours towards the other's.
        XCTAssertEqual(state.currentSlider, .colours)
        press(&state, .left, .left)
        XCTAssertEqual(state.picture.colours?.t ?? 0, 0.9, accuracy: 1e-6)
        XCTAssertEqual(state.picture.recipe(modelSHA256: String(repeating: "0", count: 64), directions: 0, size: 64).colours?.t ?? 0, 0.9,
            accuracy: 1e-6)
        XCTAssertTrue(View.frame(state, width: 100, height: 30).text.contains("col \(chosen.colours!.seed % 100_000)"))
        press(&state, .char("x"))
        XCTAssertNil(state.picture.colours)
        press(&state, .char("u"))
        XCTAssertNotNil(state.picture.colours, "undo brings the colours back")
        XCTAssertEqual(state.sliderRows.last, .colours)
        state.focus = .styles
        press(&state, .down, .enter)
        XCTAssertEqual(state.picture.style, "glyphs")
        XCTAssertNil(state.picture.colours, "this glyphs cannot mix")
        XCTAssertTrue(press(&state, .char("V")).isEmpty)
        XCTAssertEqual(state.mode, .explore)
        XCTAssertTrue(state.status.contains("cannot take other colours"), state.status)
    }

    func testWalkScrubsPlaysExportsAndCancels() {
        var state = fresh()
        press(&state, .char("A"), .char("r"), .char("B"))
        guard case .render(_, .walk(let walk))? = press(&state, .char("w")).first else { return XCTFail() }
        XCTAssertEqual(walk.t, 0)
        press(&state, .right, .right)
        XCTAssertEqual(state.walk.t, 2 / 24, accuracy: 1e-6)
        press(&state, .char(" "))
        XCTAssertFalse(Reducer.reduce(&state, .tick).isEmpty)
        XCTAssertEqual(state.walk.t, 3 / 24, accuracy: 1e-6)
        guard case .exportWalk? = press(&state, .char("e")).first else { return XCTFail() }
        XCTAssertEqual(press(&state, .escape), [.cancel])
        XCTAssertEqual(state.mode, .walk, "the first Esc cancels the export only")
        press(&state, .escape)
        XCTAssertEqual(state.mode, .explore)
        XCTAssertFalse(state.walk.playing)
    }

    func testGalleryListsEverythingInAStableDateOrder() {
        var (state, effects) = gallery(2000)
        XCTAssertEqual(state.gallery.order.count, 2000, "every picture is listed")
        XCTAssertEqual(state.gallery.current?.name, "emoji-1999.png", "newest first")
        // Only the first page's thumbnails are asked for.
        guard case .loadThumbnails(let paths)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(paths.count, 12)
        // Favouriting keeps the order (no reload, the date stays).
        press(&state, .right)
        let second = state.gallery.current!.path
        _ = Reducer.reduce(&state, .favourited(path: second, favourite: true))
        XCTAssertEqual(state.gallery.current?.path, second)
        XCTAssertEqual(state.gallery.selected, 1)
        // Paging and ends.
        effects = press(&state, .pageDown)
        XCTAssertEqual(state.gallery.selected, 13)
        guard case .loadThumbnails(let next)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(next.count, 12)
        press(&state, .end)
        XCTAssertEqual(state.gallery.selected, 1999)
        XCTAssertEqual(state.gallery.current?.name, "glyphs-0.png")
        press(&state, .home, .pageUp)
        XCTAssertEqual(state.gallery.selected, 0)
        XCTAssertEqual(state.mode, .gallery, "Home and End no longer close the gallery")
    }

    func testGallerySortFilterAndMarks() {
        var (state, _) = gallery(30)
        press(&state, .char("o"))
        XCTAssertEqual(state.gallery.sort, .name)
        XCTAssertEqual(state.gallery.visible.first?.name, "emoji-1.png")
        XCTAssertEqual(state.gallery.current?.name, "emoji-29.png", "the selection stays on its picture")
        press(&state, .char("o"))
        XCTAssertEqual(state.gallery.sort, .style)
        XCTAssertEqual(state.gallery.visible.first?.style, "emoji")
        press(&state, .char("/"))
        for c in "cat" { press(&state, .char(c)) }
        press(&state, .enter)
        XCTAssertEqual(state.gallery.order.count, 6)
        XCTAssertTrue(state.gallery.visible.allSatisfy { $0.tags == ["cat"] })
        press(&state, .char("a"))
        XCTAssertEqual(state.gallery.marked.count, 6)
        press(&state, .char(" "), .char("i"))
        XCTAssertEqual(state.gallery.marked, [state.gallery.current!.path])
        guard case .exportPictures(let paths, _, _, let sheet)? = press(&state, .char("e")).first else { return XCTFail() }
        XCTAssertEqual(paths, [state.gallery.current!.path])
        XCTAssertFalse(sheet)
        press(&state, .char("/"), .backspace, .backspace, .backspace, .char("g"), .char("l"), .char("y"), .char("p"), .char("h"),
            .char("s"), .enter)
        XCTAssertEqual(state.gallery.order.count, 10)
        XCTAssertTrue(View.frame(state, width: 100, height: 30).text.contains("filter glyphs"))
    }

    func testGalleryTrashUndoAndOpen() {
        var (state, _) = gallery(3)
        let first = state.gallery.current!
        XCTAssertEqual(press(&state, .char("d")), [.trash(path: first.path)])
        _ = Reducer.reduce(&state, .trashed(from: first.path, to: "/g/trash/x.png"))
        XCTAssertEqual(state.gallery.order.count, 2)
        XCTAssertEqual(press(&state, .char("u")), [.restore(from: "/g/trash/x.png", to: first.path)])
        let opened = state.gallery.current!
        press(&state, .enter)
        XCTAssertEqual(state.mode, .explore)
        XCTAssertEqual(state.picture, opened.picture)
        XCTAssertFalse(state.hasUnsavedWork, "a picture opened from the gallery is saved already")
    }

    /// `c` on a gallery picture of the current style takes its colours (its latent fills the
    /// gates); a picture of another style is refused with a reason.
    func testGalleryPicturesColoursCanBeTaken() {
        var (state, _) = gallery(3)
        let item = state.gallery.current!
        XCTAssertEqual(item.style, "emoji")
        XCTAssertEqual(press(&state, .char("c")), [.loadPartner(path: item.path, style: "emoji", colours: true)])
        let z: [Float] = (0..<128).map { Float($0) / 100 }
        _ = Reducer.reduce(&state, .partner(name: item.name, latent: z, colours: true))
        XCTAssertEqual(state.mode, .explore)
        XCTAssertEqual(state.picture.colours, Colours(seed: 0, level: 0, latent: z))
        XCTAssertTrue(state.picture.mixes.isEmpty)
        XCTAssertTrue(View.frame(state, width: 100, height: 30).text.contains("colours of a picture"))
        press(&state, .char("g"))
        _ = Reducer.reduce(&state, .galleryLoaded([self.item(5, style: "glyphs", date: 5)]))
        XCTAssertTrue(press(&state, .char("c")).isEmpty)
        XCTAssertTrue(state.status.contains("needs a picture of the current style"), state.status)
    }

    func testMouseClicksPresetsAndGridTiles() throws {
        var state = fresh()
        state.presets = [try Preset(name: "p", text: "seed = 77")]
        let layout = Layout(width: 100, height: 30)
        // The preset row sits under the styles and the Presets header.
        press(&state, .click(x: 2, y: layout.styles.y + 1 + styles.count + 2))
        XCTAssertEqual(state.picture.seed, 77)
        // Children: a click selects a tile, a second click picks it.
        press(&state, .char("v"))
        _ = Reducer.reduce(&state, .placed(Rect(x: 30, y: 2, width: 30, height: 15)))
        press(&state, .click(x: 31, y: 3))
        XCTAssertEqual(state.children?.selected, 0)
        press(&state, .click(x: 58, y: 16))
        XCTAssertEqual(state.children?.selected, 8)
        let chosen = state.children!.picture(8, of: state.picture)
        press(&state, .click(x: 58, y: 16))
        XCTAssertEqual(state.picture, chosen)
        // Gallery: a click on the third tile of the second row.
        var (g, _) = gallery(12)
        _ = Reducer.reduce(&g, .placed(Rect(x: 30, y: 2, width: 40, height: 15)))
        press(&g, .click(x: 30 + 25, y: 2 + 7))
        XCTAssertEqual(g.gallery.selected, 6)
    }

    func testDraggingFollowsThePointerUntilRelease() {
        var state = fresh()
        let layout = Layout(width: 100, height: 30), bar = layout.sliderBar
        press(&state, .drag(x: bar.x, y: layout.sliders.y + 1))
        XCTAssertEqual(state.picture.edits[0], 0, "motion without a press on a slider moves nothing")
        press(&state, .click(x: bar.x + bar.width / 2, y: layout.sliders.y + 2))
        press(&state, .drag(x: bar.x + bar.width - 1, y: layout.sliders.y + 9))
        XCTAssertEqual(state.picture.edits[1], 3, "the pressed row follows, whatever row the pointer is on")
        press(&state, .release, .drag(x: bar.x, y: layout.sliders.y + 2))
        XCTAssertEqual(state.picture.edits[1], 3)
    }

    /// A style offers as many sliders as it has directions; on a short screen a click lands on
    /// the row drawn under it, however far the pane has scrolled.
    func testSliderRowsFollowTheStyleAndScroll() {
        var state = StudioState(styles: [StyleEntry(name: "small", resolution: 8, description: "", directions: 4, card: [])], seed: 1)
        XCTAssertEqual(state.sliderRows, [.direction(0), .direction(1), .direction(2), .direction(3), .psi, .seed])
        state = fresh()
        state.screen = ScreenSize(width: 80, height: 16)
        state.focus = .sliders
        state.sliderCursor = state.sliderRows.firstIndex(of: .psi)!
        let layout = Layout(width: 80, height: 16), bar = layout.sliderBar
        let frame = View.frame(state, width: 80, height: 16)
        let psiRow = (0..<16).first { frame.line($0).contains("ψ trunc") }!
        press(&state, .click(x: bar.x, y: psiRow))
        XCTAssertEqual(state.picture.psi, 0, "the click moved ψ, the row drawn there")
    }

    /// Whole frames: what a person sees in each mode, line by line where it matters.
    func testWholeFramesOfEachMode() {
        var state = fresh()
        state.focus = .sliders
        var frame = View.frame(state, width: 80, height: 24)
        XCTAssertEqual(frame.line(0).trimmingCharacters(in: .whitespaces), "Ganvas · emoji · seed 42 · ψ 1.00")
        XCTAssertTrue(frame.line(2).hasPrefix("● emoji"))
        XCTAssertTrue(frame.line(3).hasPrefix("  glyphs"))
        XCTAssertTrue(frame.line(2).contains("dir 1"))
        // Sixteen directions, ψ and the seed: at 24 rows the pane shows 21 of them, all here.
        XCTAssertTrue(frame.line(17).contains("dir 16"), frame.text)
        XCTAssertTrue(frame.line(19).contains("seed      42"), frame.text)
        // On a short terminal the pane scrolls with the cursor and says there is more.
        state.sliderCursor = state.sliderRows.firstIndex(of: .seed)!
        let short = View.frame(state, width: 80, height: 16)
        XCTAssertTrue(short.text.contains("seed      42"), short.text)
        XCTAssertFalse(short.text.contains("dir 1 "), "the first rows scrolled away")
        XCTAssertTrue(short.line(1).contains("↑"))
        state.sliderCursor = 0
        XCTAssertEqual(frame.line(23).trimmingCharacters(in: .whitespaces),
            "r new  v kids  b breed  A/B w walk  o open  s save  g gallery  ? help  q quit")

        press(&state, .char("v"))
        frame = View.frame(state, width: 80, height: 24)
        XCTAssertTrue(frame.line(1).contains("Children"))
        XCTAssertTrue(frame.text.contains("difference 0.35"))

        var (g, _) = gallery(5)
        g.screen = ScreenSize(width: 120, height: 30)
        frame = View.frame(g, width: 120, height: 30)
        XCTAssertTrue(frame.text.contains("1/5  by date"))
        XCTAssertTrue(frame.text.contains("emoji-4.png · emoji · seed 4"))
        XCTAssertTrue(frame.line(29).contains("o sort"))
    }
}
