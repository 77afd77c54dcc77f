import Imaging
import Latent

/// The studio's behaviour: a pure function from state and action to new state and effects.
public enum Reducer {
    public static let undoLimit = 500
    public static let walkFrames = 24

    public static func reduce(_ state: inout StudioState, _ action: Action) -> [Effect] {
        switch action {
        case .start:
            return state.styles.isEmpty ? [] : [requestRender(&state)]
        case .resize(let width, let height):
            state.screen = (width, height)
            return []
        case .rendered(let request, let image):
            // A result older than what is on screen is stale: the newest request wins.
            guard request >= state.shownRequest else { return [] }
            state.shown = image
            state.shownRequest = request
            state.busy = request < state.requested
            return []
        case .renderedMany(let request, let images):
            guard var children = state.children, request == children.request else { return [] }
            children.images = images.map { Optional($0) }
            state.children = children
            state.busy = false
            return []
        case .failed(let request, let message):
            if request == state.requested { state.busy = false }
            state.status = message
            return []
        case .saved(let path):
            state.status = "saved \(path)"
            return []
        case .saveFailed(let message):
            state.status = "not saved: \(message) (the picture stays here; S saves elsewhere)"
            return []
        case .tick:
            guard state.mode == .walk, state.playing else { return [] }
            state.walkT = state.walkT >= 1 ? 0 : min(state.walkT + 1 / Float(walkFrames), 1)
            return walkRender(&state)
        case .progress(let done, let total):
            state.progress = done < total ? (done, total) : nil
            state.status = "exporting walk \(done)/\(total)… (Esc cancels)"
            return []
        case .exported(let summary):
            state.progress = nil
            state.status = summary
            return []
        case .galleryLoaded(let items):
            state.gallery.items = items
            state.gallery.loading = false
            state.gallery.selected = min(state.gallery.selected, max(items.count - 1, 0))
            return []
        case .trashed(let from, let to):
            state.gallery.trashed.append((from, to))
            state.gallery.items.removeAll { $0.path == from }
            state.gallery.selected = min(state.gallery.selected, max(state.gallery.items.count - 1, 0))
            state.status = "moved to trash (u undoes)"
            return []
        case .restored(let path):
            state.status = "restored \(path)"
            return [.loadGallery]
        case .partner(let name, let latent):
            state.mode = .explore
            let effects = edit(&state) { $0.mixes.append(Mix(seed: 0, t: 0.5, latent: latent)) }
            state.focus = .sliders
            state.sliderCursor = StudioState.sliderCount + 2
            state.status = "crossbreeding with \(name): move the mix slider"
            return effects
        case .tagged(let path, let tags):
            if let i = state.gallery.items.firstIndex(where: { $0.path == path }) { state.gallery.items[i].tags = tags }
            return []
        case .presetSaved(let preset, let path):
            state.presets.removeAll { $0.name == preset.name }
            state.presets.append(preset)
            state.status = "preset saved: \(path)"
            return []
        case .favourited(let path, let favourite):
            if let i = state.gallery.items.firstIndex(where: { $0.path == path }) { state.gallery.items[i].favourite = favourite }
            return []
        case .symbolsChanged(let name):
            state.status = "text preview: \(name)"
            return []
        case .key(let key):
            return handle(key, &state)
        }
    }

    static func handle(_ key: Key, _ state: inout StudioState) -> [Effect] {
        if state.overlay != .none {
            state.overlay = .none
            return []
        }
        if state.input != nil { return typing(key, &state) }
        switch key {
        case .char("q"), .ctrl("c"): state.quit = true; return []
        case .char("?"): state.overlay = .help; return []
        case .char("c") where state.mode != .gallery: if !state.styles.isEmpty { state.overlay = .card }; return []
        default: break
        }
        switch state.mode {
        case .explore: return exploreKey(key, &state)
        case .children: return childrenKey(key, &state)
        case .walk: return walkKey(key, &state)
        case .gallery: return galleryKey(key, &state)
        }
    }

    // MARK: explore

    static func exploreKey(_ key: Key, _ state: inout StudioState) -> [Effect] {
        switch key {
        case .tab: state.focus = Pane(rawValue: (state.focus.rawValue + 1) % Pane.allCases.count)!; return []
        case .backTab: state.focus = Pane(rawValue: (state.focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!; return []
        case .char("r"):
            let seed = state.nextRandomSeed()
            return edit(&state) { $0.seed = seed; $0.mixes = [] }
        case .char("s"):
            state.status = "saving…"
            return [.save(picture: state.picture)]
        case .char("S"):
            state.input = TextInput(purpose: .saveTo, prompt: "save into folder: ", text: "")
            return []
        case .char("u"): return undo(&state)
        case .char("U"), .ctrl("r"): return redo(&state)
        case .char("x"): return edit(&state) { $0.edits = $0.edits.map { _ in 0 }; $0.mixes = [] }
        case .char("v"): return openChildren(&state)
        case .char("b"):
            let partner = state.nextRandomSeed()
            let effects = edit(&state) { $0.mixes.append(Mix(seed: partner, t: 0.5)) }
            state.focus = .sliders
            state.sliderCursor = StudioState.sliderCount + 2
            state.status = "crossbreeding with seed \(partner): move the mix slider"
            return effects
        case .char("A"):
            state.keyA = state.picture
            state.status = "keyframe A set" + (state.keyB == nil ? "; move on and press B for the other end" : "")
            return []
        case .char("B"):
            state.keyB = state.picture
            state.status = "keyframe B set" + (state.keyA == nil ? "; press A on the other end" : "; w walks between them")
            return []
        case .char("w"): return openWalk(&state)
        case .char("y"): return [.cycleSymbols]
        case .char("P"):
            state.input = TextInput(purpose: .savePreset, prompt: "save preset as: ", text: "")
            return []
        case .char("g"):
            state.mode = .gallery
            state.gallery.loading = true
            return [.loadGallery]
        case .click(let x, let y): return click(x, y, &state)
        case .wheel(let x, let y, let up): return wheel(x, y, up, &state)
        default: break
        }
        switch state.focus {
        case .styles: return stylesKey(key, &state)
        case .sliders: return slidersKey(key, &state)
        case .preview: return previewKey(key, &state)
        }
    }

    /// The left pane lists styles, then presets; one cursor moves through both.
    static func stylesKey(_ key: Key, _ state: inout StudioState) -> [Effect] {
        let last = max(state.styles.count + state.presets.count - 1, 0)
        switch key {
        case .up, .char("k"): state.styleCursor = max(state.styleCursor - 1, 0)
        case .down, .char("j"): state.styleCursor = min(state.styleCursor + 1, last)
        case .home: state.styleCursor = 0
        case .end: state.styleCursor = last
        case .enter, .char(" "), .right, .char("l"):
            if state.styleCursor >= state.styles.count { return applyPreset(state.styleCursor - state.styles.count, &state) }
            return chooseStyle(state.styleCursor, &state)
        default: break
        }
        return []
    }

    static func applyPreset(_ index: Int, _ state: inout StudioState) -> [Effect] {
        guard state.presets.indices.contains(index) else { return [] }
        let preset = state.presets[index]
        if let style = preset.style {
            guard let styleIndex = state.styles.firstIndex(where: { $0.name == style }) else {
                state.status = "preset \(preset.name) needs the style \(style), which is not installed"
                return []
            }
            state.activeStyle = styleIndex
        }
        for (i, name) in preset.names.enumerated() { if let name { state.sliderNames[i] = name } }
        state.status = "preset \(preset.name)"
        return edit(&state) { picture in
            if let style = preset.style, style != picture.style { picture.style = style; picture.mixes = [] }
            if let seed = preset.seed { picture.seed = seed; picture.mixes = [] }
            if let psi = preset.psi { picture.psi = psi }
            for (i, value) in preset.values.enumerated() { picture.edits[i] = value ?? 0 }
        }
    }

    /// Keys while a line of text is typed: Enter confirms, Esc cancels.
    static func typing(_ key: Key, _ state: inout StudioState) -> [Effect] {
        guard var input = state.input else { return [] }
        switch key {
        case .char(let c) where input.text.count < 200 && (c.isLetter || c.isNumber || "-_".contains(c) || (c == " " && input.purpose != .savePreset)
                                                          || (input.purpose == .saveTo && "/.~".contains(c))):
            input.text.append(c)
        case .backspace: if !input.text.isEmpty { input.text.removeLast() }
        case .escape, .ctrl("c"):
            state.input = nil
            return []
        case .enter:
            state.input = nil
            let text = input.text.trimmedSpaces()
            if case .tags(let path) = input.purpose {
                return [.setTags(path: path, tags: text.split(separator: " ").map(String.init))]
            }
            guard !text.isEmpty else { return [] }
            switch input.purpose {
            case .tags: return []
            case .saveTo:
                state.status = "saving…"
                return [.saveTo(picture: state.picture, directory: text)]
            case .renameSlider(let i):
                state.sliderNames[i] = String(text.prefix(10))
                return []
            case .savePreset:
                var preset = Preset(name: text)
                preset.style = state.picture.style
                preset.seed = state.picture.seed
                preset.psi = state.picture.psi
                preset.values = state.picture.edits.map { $0 == 0 ? nil : $0 }
                preset.names = state.sliderNames.enumerated().map { $0.element == "dir \($0.offset + 1)" ? nil : $0.element }
                return [.savePreset(preset)]
            }
        default: break
        }
        state.input = input
        return []
    }

    static func chooseStyle(_ index: Int, _ state: inout StudioState) -> [Effect] {
        guard state.styles.indices.contains(index), index != state.activeStyle else { return [] }
        state.activeStyle = index
        let name = state.styles[index].name
        state.status = "style \(name)"
        // Directions belong to a model: another style starts from a clean slate, same seed.
        return edit(&state) { $0.style = name; $0.edits = $0.edits.map { _ in 0 }; $0.mixes = [] }
    }

    static func slidersKey(_ key: Key, _ state: inout StudioState) -> [Effect] {
        switch key {
        case .up, .char("k"): state.sliderCursor = max(state.sliderCursor - 1, 0)
        case .down, .char("j"): state.sliderCursor = min(state.sliderCursor + 1, state.sliderRows - 1)
        case .left, .char("h"): return nudge(state.sliderCursor, by: -1, &state)
        case .right, .char("l"): return nudge(state.sliderCursor, by: 1, &state)
        case .char("H"): return nudge(state.sliderCursor, by: -4, &state)
        case .char("L"): return nudge(state.sliderCursor, by: 4, &state)
        case .char("0"): return setSlider(state.sliderCursor, fraction: 0.5, &state)
        case .char("n") where state.sliderCursor < StudioState.sliderCount:
            state.input = TextInput(purpose: .renameSlider(state.sliderCursor), prompt: "name for \(state.sliderNames[state.sliderCursor]): ", text: "")
        default: break
        }
        return []
    }

    static func previewKey(_ key: Key, _ state: inout StudioState) -> [Effect] {
        switch key {
        case .left, .char("h"): return edit(&state) { $0.seed &-= 1; $0.mixes = [] }
        case .right, .char("l"), .char(" "): return edit(&state) { $0.seed &+= 1; $0.mixes = [] }
        case .up, .char("k"): return nudge(StudioState.sliderCount, by: 1, &state)
        case .down, .char("j"): return nudge(StudioState.sliderCount, by: -1, &state)
        default: return []
        }
    }

    /// Moves slider `row`: 0.25σ per step for directions, 0.05 for ψ and the mix, 1 for the seed.
    static func nudge(_ row: Int, by steps: Int, _ state: inout StudioState) -> [Effect] {
        edit(&state) { picture in
            if row < StudioState.sliderCount {
                picture.edits[row] = min(max(picture.edits[row] + 0.25 * Float(steps), -StudioState.editLimit), StudioState.editLimit)
            } else if row == StudioState.sliderCount {
                picture.psi = min(max(((picture.psi + 0.05 * Float(steps)) * 100).rounded() / 100, 0), 2)
            } else if row == StudioState.sliderCount + 1 {
                picture.seed = steps < 0 ? picture.seed &- UInt64(-steps) : picture.seed &+ UInt64(steps)
            } else if !picture.mixes.isEmpty {
                let t = picture.mixes[picture.mixes.count - 1].t
                picture.mixes[picture.mixes.count - 1].t = min(max(((t + 0.05 * Float(steps)) * 100).rounded() / 100, 0), 1)
            }
        }
    }

    /// Sets a slider from a position along its bar (0…1).
    static func setSlider(_ row: Int, fraction: Float, _ state: inout StudioState) -> [Effect] {
        let f = min(max(fraction, 0), 1)
        return edit(&state) { picture in
            if row < StudioState.sliderCount {
                picture.edits[row] = ((f * 2 - 1) * StudioState.editLimit * 4).rounded() / 4
            } else if row == StudioState.sliderCount {
                picture.psi = (f * 2 * 20).rounded() / 20
            } else if row == StudioState.sliderCount + 2 && !picture.mixes.isEmpty {
                picture.mixes[picture.mixes.count - 1].t = (f * 20).rounded() / 20
            }
        }
    }

    static func click(_ x: Int, _ y: Int, _ state: inout StudioState) -> [Effect] {
        let layout = Layout(width: state.screen.width, height: state.screen.height)
        if layout.styles.contains(x, y) {
            state.focus = .styles
            let index = y - layout.styles.y - 1
            guard state.styles.indices.contains(index) else { return [] }
            state.styleCursor = index
            return chooseStyle(index, &state)
        }
        if layout.sliders.contains(x, y), let row = layout.sliderRow(atScreenRow: y), row < state.sliderRows {
            state.focus = .sliders
            state.sliderCursor = row
            let bar = layout.sliderBar
            if x >= bar.x && x < bar.x + bar.width && row != StudioState.sliderCount + 1 {
                return setSlider(row, fraction: Float(x - bar.x) / Float(max(bar.width - 1, 1)), &state)
            }
            return []
        }
        if layout.preview.contains(x, y) { state.focus = .preview }
        return []
    }

    static func wheel(_ x: Int, _ y: Int, _ up: Bool, _ state: inout StudioState) -> [Effect] {
        let layout = Layout(width: state.screen.width, height: state.screen.height)
        if layout.styles.contains(x, y) {
            state.styleCursor = min(max(state.styleCursor + (up ? -1 : 1), 0), max(state.styles.count - 1, 0))
            return []
        }
        if layout.sliders.contains(x, y), let row = layout.sliderRow(atScreenRow: y), row < state.sliderRows {
            state.sliderCursor = row
            return nudge(row, by: up ? 1 : -1, &state)
        }
        return []
    }

    // MARK: children

    static func openChildren(_ state: inout StudioState) -> [Effect] {
        guard !state.styles.isEmpty else { return [] }
        let seeds = (0..<Children.count).map { _ in state.nextRandomSeed() }
        state.children = Children(seeds: seeds, difference: state.children?.difference ?? 0.35,
                                  images: [RGBImageSlot](repeating: nil, count: Children.count))
        state.mode = .children
        return renderChildren(&state)
    }

    static func renderChildren(_ state: inout StudioState) -> [Effect] {
        guard var children = state.children else { return [] }
        state.requested += 1
        children.request = state.requested
        children.images = [RGBImageSlot](repeating: nil, count: Children.count)
        state.children = children
        state.busy = true
        return [.renderMany(request: children.request, pictures: (0..<Children.count).map { children.picture($0, of: state.picture) })]
    }

    static func childrenKey(_ key: Key, _ state: inout StudioState) -> [Effect] {
        guard var children = state.children else { state.mode = .explore; return [] }
        switch key {
        case .left, .char("h"): children.selected = max(children.selected - 1, 0)
        case .right, .char("l"): children.selected = min(children.selected + 1, Children.count - 1)
        case .up, .char("k"): children.selected = max(children.selected - 3, children.selected % 3)
        case .down, .char("j"): children.selected = min(children.selected + 3, Children.count - 1)
        case .char("+"), .char("="):
            children.difference = min(children.difference + 0.1, 1)
            state.children = children
            return renderChildren(&state)
        case .char("-"):
            children.difference = max(children.difference - 0.1, 0.05)
            state.children = children
            return renderChildren(&state)
        case .char("r"), .char("v"):
            return openChildren(&state)
        case .enter, .char(" "):
            let child = children.picture(children.selected, of: state.picture)
            state.mode = .explore
            state.status = "child \(children.selected + 1) chosen"
            return edit(&state) { $0 = child }
        case .escape, .backspace:
            state.mode = .explore
            return []
        default: return []
        }
        state.children = children
        return []
    }

    // MARK: walk

    static func openWalk(_ state: inout StudioState) -> [Effect] {
        guard let a = state.keyA else {
            state.status = "mark keyframe A first (A), then B on another picture"
            return []
        }
        if state.keyB == nil { state.keyB = state.picture }
        guard let b = state.keyB, a.style == b.style else {
            state.status = "keyframes A and B must use the same style"
            return []
        }
        state.mode = .walk
        state.walkT = 0
        state.status = "walk: ←/→ scrub, space plays, e exports a GIF and frames, Esc returns"
        return walkRender(&state)
    }

    static func walkRender(_ state: inout StudioState) -> [Effect] {
        guard let a = state.keyA, let b = state.keyB else { return [] }
        state.requested += 1
        state.busy = true
        return [.render(request: state.requested, subject: .walk(Walk(from: a, to: b, t: state.walkT)))]
    }

    static func walkKey(_ key: Key, _ state: inout StudioState) -> [Effect] {
        switch key {
        case .left, .char("h"):
            state.walkT = max(((state.walkT * Float(walkFrames)).rounded() - 1) / Float(walkFrames), 0)
            return walkRender(&state)
        case .right, .char("l"):
            state.walkT = min(((state.walkT * Float(walkFrames)).rounded() + 1) / Float(walkFrames), 1)
            return walkRender(&state)
        case .char(" "), .char("p"):
            state.playing.toggle()
            return []
        case .char("e"):
            guard state.progress == nil, let a = state.keyA, let b = state.keyB else { return [] }
            state.progress = (0, walkFrames)
            state.status = "exporting walk…"
            return [.exportWalk(Walk(from: a, to: b, t: 0), frames: walkFrames)]
        case .escape, .backspace, .char("w"):
            if state.progress != nil {
                state.progress = nil
                state.status = "export cancelled"
                return [.cancel]
            }
            state.mode = .explore
            state.playing = false
            return [requestRender(&state)]
        default:
            return []
        }
    }

    // MARK: gallery

    static func galleryKey(_ key: Key, _ state: inout StudioState) -> [Effect] {
        var gallery = state.gallery
        let count = gallery.items.count, columns = GalleryGrid.columns
        defer { state.gallery = gallery }
        switch key {
        case .left, .char("h"): gallery.selected = max(gallery.selected - 1, 0)
        case .right, .char("l"): gallery.selected = min(gallery.selected + 1, max(count - 1, 0))
        case .up, .char("k"): gallery.selected = max(gallery.selected - columns, 0)
        case .down, .char("j"): gallery.selected = min(gallery.selected + columns, max(count - 1, 0))
        case .char(" "):
            guard count > 0 else { return [] }
            let path = gallery.items[gallery.selected].path
            if gallery.marked.contains(path) { gallery.marked.remove(path) } else { gallery.marked.insert(path) }
        case .char("f"):
            guard count > 0 else { return [] }
            let item = gallery.items[gallery.selected]
            return [.setFavourite(path: item.path, favourite: !item.favourite)]
        case .char("b"):
            guard count > 0 else { return [] }
            let item = gallery.items[gallery.selected]
            guard let style = item.picture?.style ?? item.summary.split(separator: " ").first.map(String.init), style == state.picture.style else {
                state.status = "crossbreeding needs a picture of the current style (\(state.picture.style))"
                return []
            }
            state.status = "crossbreeding with \(item.name)…"
            return [.loadPartner(path: item.path, style: style)]
        case .char("t"):
            guard count > 0 else { return [] }
            let item = gallery.items[gallery.selected]
            state.input = TextInput(purpose: .tags(path: item.path), prompt: "tags for \(item.name) (space-separated): ", text: item.tags.joined(separator: " "))
            return []
        case .char("d"), .char("x"):
            guard count > 0 else { return [] }
            return [.trash(path: gallery.items[gallery.selected].path)]
        case .char("u"):
            guard let last = gallery.trashed.popLast() else { state.status = "nothing to undo"; return [] }
            return [.restore(from: last.to, to: last.from)]
        case .char("e"), .char("E"):
            let paths = gallery.marked.isEmpty ? (count > 0 ? [gallery.items[gallery.selected].path] : []) : gallery.items.map(\.path).filter(gallery.marked.contains)
            guard !paths.isEmpty else { return [] }
            state.status = "exporting \(paths.count) picture\(paths.count == 1 ? "" : "s")…"
            return [.exportPictures(paths: paths, scale: 4, smooth: key == .char("E"), sheet: paths.count > 1)]
        case .enter:
            guard count > 0 else { return [] }
            let item = gallery.items[gallery.selected]
            guard let picture = item.picture, let index = state.styles.firstIndex(where: { $0.name == picture.style }) else {
                state.status = "cannot open \(item.name): its recipe or style is not available"
                return []
            }
            state.mode = .explore
            state.activeStyle = index
            state.styleCursor = index
            state.status = "opened \(item.name)"
            return edit(&state) { $0 = picture }
        case .escape, .backspace, .char("g"):
            state.mode = .explore
            return [requestRender(&state)]
        default: break
        }
        return []
    }

    // MARK: undo

    /// Changes the picture as one undoable step and asks for a render.
    static func edit(_ state: inout StudioState, _ change: (inout Picture) -> Void) -> [Effect] {
        guard !state.styles.isEmpty else { return [] }
        var next = state.picture
        change(&next)
        guard next != state.picture else { return [] }
        state.undo.append(state.picture)
        if state.undo.count > undoLimit { state.undo.removeFirst() }
        state.redo.removeAll()
        state.picture = next
        state.sliderCursor = min(state.sliderCursor, state.sliderRows - 1)
        return [requestRender(&state)]
    }

    static func undo(_ state: inout StudioState) -> [Effect] {
        guard let previous = state.undo.popLast() else { state.status = "nothing to undo"; return [] }
        state.redo.append(state.picture)
        state.picture = previous
        syncStyle(&state)
        return [requestRender(&state)]
    }

    static func redo(_ state: inout StudioState) -> [Effect] {
        guard let next = state.redo.popLast() else { state.status = "nothing to redo"; return [] }
        state.undo.append(state.picture)
        state.picture = next
        syncStyle(&state)
        return [requestRender(&state)]
    }

    static func syncStyle(_ state: inout StudioState) {
        if let index = state.styles.firstIndex(where: { $0.name == state.picture.style }) { state.activeStyle = index }
        state.sliderCursor = min(state.sliderCursor, state.sliderRows - 1)
    }

    static func requestRender(_ state: inout StudioState) -> Effect {
        state.requested += 1
        state.busy = true
        return .render(request: state.requested, subject: .picture(state.picture))
    }
}

typealias RGBImageSlot = RGBImage?

extension StudioState {
    /// Seeds for `r` come from the state's own SplitMix64, so tests are deterministic.
    mutating func nextRandomSeed() -> UInt64 {
        var random = SplitMix64(seed: randomState)
        let seed = random.next() >> 32
        randomState = random.state
        return seed
    }
}
