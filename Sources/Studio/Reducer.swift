/// The studio's behaviour: a pure function from state and action to new state and effects.
/// Keys go to whatever holds them (a prompt, an overlay, then the mode's component); results of
/// jobs go to the component that asked for them.
public enum Reducer {
    public static func reduce(_ state: inout StudioState, _ action: Action) -> [Effect] {
        switch action {
        case .start: return state.styles.isEmpty ? [] : [Editing.requestRender(&state)]
        case .key(let key): return handle(key, &state)
        case .resize(let width, let height):
            state.screen = ScreenSize(width: width, height: height)
            return []
        case .placed(let rect):
            state.placedPicture = rect
            return []
        case .tick: return WalkMode.tick(&state)
        case .symbolsChanged(let name):
            state.status = "text preview: \(name)"
            return []
        default: return jobResult(action, &state)
        }
    }

    static func handle(_ key: Key, _ state: inout StudioState) -> [Effect] {
        if state.prompt != nil { return TextEntry.key(key, &state) }
        if state.mode == .canvas && state.overlay == .none && key != .char("?") {
            if key != .release, !key.isDrag { state.status = "" }  // a message answers the key before
            return CanvasMode.key(key, &state)
        }
        if key == .release {
            state.draggedSlider = nil
            return []
        }
        if case .drag = key, state.draggedSlider == nil { return [] }  // motion without a press on a slider
        if state.overlay != .none { return Overlays.key(key, &state) }
        // A message answers the key before; the next key starts afresh.
        state.status = ""
        switch key {
        case .char("?"): state.overlay = .help(offset: 0); return []
        case .char("c") where state.mode != .gallery && state.mode != .canvas:
            if !state.styles.isEmpty { state.overlay = .card }
            return []
        default: break
        }
        switch state.mode {
        case .explore: return ExploreMode.key(key, &state)
        case .children: return ChildrenMode.key(key, &state)
        case .walk: return WalkMode.key(key, &state)
        case .gallery: return GalleryMode.key(key, &state)
        case .canvas: return CanvasMode.key(key, &state)
        }
    }

    /// What the engine and file jobs report back.
    static func jobResult(_ action: Action, _ state: inout StudioState) -> [Effect] {
        switch action {
        case .rendered(let request, let frame):
            // A result older than what is on screen is stale: the newest request wins.
            guard request >= state.shownRequest else { return [] }
            state.shown = frame.image
            state.shownPreview = frame.preview
            state.shownRequest = request
            state.busy = request < state.requested
        case .renderedMany(let request, let images):
            guard var children = state.children, request == children.request else { return [] }
            children.images = images.map { Optional($0) }
            state.children = children
            state.busy = false
        case .failed(let request, let message):
            if request == state.requested { state.busy = false }
            state.status = message
        case .saved(let picture, let path):
            state.savedPicture = picture
            state.status = "saved \(path)"
            if state.quitAfterSave { state.quit = true }
        case .saveFailed(let message):
            state.quitAfterSave = false
            state.status = "not saved: \(message) (the picture stays here; S saves elsewhere)"
        case .progress(let done, let total):
            state.walk.progress = done < total ? Progress(done: done, total: total) : nil
            state.status = "exporting walk \(done)/\(total)… (Esc cancels)"
        case .reported(let summary):
            state.walk.progress = nil
            state.status = summary
        case .galleryLoaded(let items): return GalleryMode.loaded(items, &state)
        case .encoded(let picture, let summary): return PictureOpening.encoded(picture, summary: summary, &state)
        case .encodeFailed(let message): return PictureOpening.failed(message, &state)
        case .pathCompleted(let text, let choices): return PictureOpening.completed(text, choices: choices, &state)
        case .canvasOpened(let canvas, let follow): return CanvasMode.opened(canvas, follow: follow, &state)
        case .followed(let request, let latent, let image, let refined):
            return CanvasMode.followed(request: request, latent: latent, image: image, refined: refined, &state)
        case .canvasFailed(let message): return CanvasMode.failed(message, &state)
        case .thumbnails(let loaded):
            for (path, image) in loaded { GalleryMode.update(path, &state) { $0.thumbnail = image } }
        case .trashed(let from, let to): return GalleryMode.trashed(from: from, to: to, &state)
        case .restored(let path):
            state.status = "restored \(path)"
            return [.loadGallery]
        case .favourited(let path, let favourite):
            GalleryMode.update(path, &state) { $0.favourite = favourite }
            return GalleryMode.arrange(&state, keeping: state.gallery.current?.path)
        case .tagged(let path, let tags):
            GalleryMode.update(path, &state) { $0.tags = tags }
            return GalleryMode.arrange(&state, keeping: state.gallery.current?.path)
        case .partner(let name, let latent, true):
            state.mode = .explore
            let effects = Editing.edit(&state) { $0.colours = Colours(seed: 0, level: 0, latent: latent) }
            SlidersPane.focus(.colours, &state)
            state.status = "the colours of \(name): the colours slider sets how much (x resets)"
            return effects
        case .partner(let name, let latent, false):
            state.mode = .explore
            let effects = Editing.edit(&state) { $0.mixes.append(Mix(seed: 0, t: 0.5, latent: latent)) }
            SlidersPane.focusMix(&state)
            state.status = "crossbreeding with \(name): move the mix slider"
            return effects
        case .presetSaved(let preset, let path):
            state.presets.removeAll { $0.name == preset.name }
            state.presets.append(preset)
            state.status = "preset saved: \(path)"
        case .start, .key, .resize, .placed, .tick, .symbolsChanged:
            break
        }
        return []
    }
}

/// Keys while help or the card is open: help scrolls when it doesn't fit; any other key closes.
enum Overlays {
    static func key(_ key: Key, _ state: inout StudioState) -> [Effect] {
        guard case .help(let offset) = state.overlay else { state.overlay = .none; return [] }
        let page = View.boxRows(state.screen.height), most = max(View.boxLines(Help.lines(state.mode),
            screenWidth: state.screen.width).count - page, 0)
        let step: Int
        switch key {
        case .down, .char("j"): step = 1
        case .pageDown, .char(" "): step = page
        case .up, .char("k"): step = -1
        case .pageUp: step = -page
        default: step = 0
        }
        // Help that fits closes on any key, as does any key but scrolling.
        state.overlay = step == 0 || most == 0 ? .none : .help(offset: min(max(offset + step, 0), most))
        return []
    }
}
