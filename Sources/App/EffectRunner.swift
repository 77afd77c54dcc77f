import Foundation
import Gallery
import Imaging
import Latent
import Neural
import PictureMaking
import Recipes
import SafeFiles
import Studio
import Styles
import TUI

/// Runs the studio's effects on a background thread, so input never waits on the engine.
/// Renders: the newest request wins and stale ones are dropped unstarted. Everything else
/// (saves, gallery changes, exports) runs in order. Results wait in `drain()`.
final class EffectRunner: @unchecked Sendable {
    private let condition = NSCondition()
    private var latestRender: Effect?
    /// The canvas's newest follow request: like renders, the newest wins.
    private var latestFollow: Effect?
    private var jobs: [Effect] = []
    private var results: [Action] = []
    private var stopped = false
    private var cancelled = false
    private var loadedStyles: [String: LoadedStyle] = [:]
    /// Exports made again through the style's upscaler, as the CLI's `export` makes them.
    private lazy var enhancedExport = EnhancedExport(catalog: StyleCatalog(environment: environment))
    private let styles: [Style]
    private let gallery: GalleryDirectory
    let environment: [String: String]
    private let thumbnails: ThumbnailCache
    /// Where the preview goes, and the terminal side's number for it; renders are encoded for
    /// it here, off the input thread.
    private var previewTarget: (target: PreviewTarget, id: Int)?

    init(styles: [Style], gallery: GalleryDirectory, environment: [String: String]) {
        self.styles = styles
        self.gallery = gallery
        self.environment = environment
        thumbnails = ThumbnailCache(environment: environment, side: GalleryGrid.thumbnail)
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "ganvas-worker"
        thread.start()
    }

    func submit(_ effect: Effect) {
        condition.lock()
        switch effect {
        case .render, .renderMany: latestRender = effect
        case .follow: latestFollow = effect
        case .cancel: cancelled = true
        default: jobs.append(effect)
        }
        condition.signal()
        condition.unlock()
    }

    /// Sets the rectangle and format that renders are encoded for, and its number (frames carry
    /// it, so the terminal side knows which target their bytes were made for).
    func setPreviewTarget(_ target: PreviewTarget, id: Int) {
        condition.lock()
        previewTarget = (target, id)
        condition.unlock()
    }

    func drain() -> [Action] {
        condition.lock()
        defer { condition.unlock() }
        let done = results
        results.removeAll()
        return done
    }

    func stop() {
        condition.lock()
        stopped = true
        cancelled = true
        condition.signal()
        condition.unlock()
    }

    func post(_ action: Action) {
        condition.lock()
        results.append(action)
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while !stopped && latestRender == nil && latestFollow == nil && jobs.isEmpty { condition.wait() }
            if stopped { condition.unlock(); return }
            let job: Effect
            if !jobs.isEmpty {
                job = jobs.removeFirst()
                if case .exportWalk = job { cancelled = false }
            } else if let follow = latestFollow {
                job = follow
                latestFollow = nil
            } else {
                job = latestRender!
                latestRender = nil
            }
            condition.unlock()
            run(job)
        }
    }

    private var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    private func run(_ effect: Effect) {
        switch effect {
        case .render(let request, let subject):
            do {
                let image = try render(subject)
                publish(image, request: request)
                // Then, unless a newer render is waiting, the same picture through the style's
                // upscaler: a held slider shows each step at once, the settled one sharp.
                if let sharp = try enhancedForPreview(image, subject), !hasNewerRender { publish(sharp, request: request) }
            } catch {
                post(.failed(request: request, message: "cannot render: \(error)"))
            }
        case .renderMany(let request, let pictures):
            do { post(.renderedMany(request: request, images: try pictures.map { try render(.picture($0)) })) } catch {
                post(.failed(request: request, message: "cannot render: \(error)"))
            }
        case .save(let picture):
            save(picture, into: gallery)
        case .saveTo(let picture, let directory):
            save(picture, into: GalleryDirectory(path: PathCompletion.expand(directory, home: environment["HOME"] ?? "")))
        case .exportWalk(let walk, let frames):
            exportWalk(walk, frames: frames)
        case .loadGallery:
            post(.galleryLoaded(GalleryLibrary.browse(gallery.path).map(GalleryItems.item)))
        case .loadThumbnails(let paths):
            var loaded: [String: RGBImage] = [:]
            for path in paths { loaded[path] = thumbnails.thumbnail(path) }
            post(.thumbnails(loaded))
        case .trash(let path):
            do { post(.trashed(from: path, to: try GalleryLibrary.trash(path))) } catch { post(.reported("not deleted: \(error)")) }
        case .restore(let from, let to):
            do { post(.restored(path: try GalleryLibrary.move(from, into: AtomicWrite.directory(of: to)))) } catch {
                post(.reported("not restored: \(error)"))
            }
        case .setFavourite(let path, let favourite):
            do {
                try GalleryLibrary.setFavourite(favourite, path: path)
                post(.favourited(path: path, favourite: favourite))
            } catch { post(.reported("not changed: \(error)")) }
        case .exportPictures(let paths, let scale, let smooth, let sheet):
            do {
                // As `ganvas export` does by default: Ganvas pictures made again through their style's upscaler.
                let written = try PictureExport.export(paths, to: gallery.path + "/exports", scale: scale,
                    filter: smooth ? .smooth : .nearest,
                                                        sheet: sheet, enhanced: enhancedExport)
                post(.reported("exported \(written.count) file\(written.count == 1 ? "" : "s") to \(gallery.path)/exports"))
            } catch { post(.reported("export failed: \(error)")) }
        case .loadPartner(let path, let style, let colours):
            do {
                let loaded = try loadedStyle(style)
                let recipe = try Provenance.recipe(in: try PNGCodec.read(path: path).text)
                guard recipe.modelSHA256 == loaded.sha256 else { throw RecipeError("it was made with another version of \(style)") }
                let z = try loaded.latent(recipe)
                post(.partner(name: (path as NSString).lastPathComponent, latent: z, colours: colours))
            } catch { post(.reported("cannot \(colours ? "take its colours" : "crossbreed"): \(error)")) }
        case .setTags(let path, let tags):
            do {
                try GalleryLibrary.setTags(tags, path: path)
                post(.tagged(path: path, tags: (try? GalleryLibrary.tags(of: path)) ?? tags))
            } catch { post(.reported("tags not saved: \(error)")) }
        case .savePreset(let preset):
            let folder = PresetLibrary.userFolder(environment)
            let path = folder + "/" + preset.name + ".preset"
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try AtomicWrite.write(Array(preset.text.utf8), to: path)
                post(.presetSaved(preset, path: path))
            } catch { post(.reported("preset not saved: \(error)")) }
        case .saveDirectionNames(let style, let names):
            do { try DirectionNamesFile.save(names, style: style, environment: environment) } catch {
                post(.reported("names not kept for next time: \(error)"))
            }
        case .encode(let source, let style):
            encode(source, into: style)
        case .openCanvas(let source):
            openCanvas(source)
        case .follow(let request, let style, let sketch, let anchor, let refine):
            follow(request: request, style: style, sketch: sketch, anchor: anchor, refine: refine)
        case .cancel, .cycleSymbols, .completePath:
            break  // .cycleSymbols and .completePath belong to the terminal side (StudioApp.Loop), not the worker thread
        }
    }

    private func save(_ picture: Picture, into folder: GalleryDirectory) {
        do {
            let loaded = try loadedStyle(picture.style)
            let recipe = recipe(picture, loaded)
            let image = try loaded.render([recipe])[0]
            post(.saved(picture: picture,
                path: try folder.save(try Provenance.png(image, recipe: recipe),
                stem: "\(picture.style)-\(picture.base == nil ? "\(picture.seed)" : "encoded")")))
        } catch {
            post(.saveFailed(message: "\(error)"))
        }
    }

    func loadedStyle(_ name: String) throws -> LoadedStyle {
        if let loaded = loadedStyles[name] { return loaded }
        guard let style = styles.first(where: { $0.name == name }) else { throw StyleError("style \(name) is not installed") }
        let loaded = try LoadedStyle(style)
        loadedStyles[name] = loaded
        return loaded
    }

    /// The recipe that remakes a picture with a loaded style (directions solved only for edits).
    func recipe(_ picture: Picture, _ loaded: LoadedStyle) -> Recipe {
        let edited = picture.edits.contains { $0 != 0 }
        return picture.recipe(modelSHA256: loaded.sha256, directions: edited ? loaded.directions.count : 0,
                              size: loaded.generator.resolution)
    }

    /// The final latent of a picture (mixes, edits and truncation applied).
    func latent(_ picture: Picture, _ loaded: LoadedStyle) throws -> [Float] {
        try loaded.latent(recipe(picture, loaded))
    }

    func walkEnds(_ walk: Walk, _ loaded: LoadedStyle) throws -> WalkEnds {
        try loaded.walkEnds(recipe(walk.from, loaded), recipe(walk.to, loaded))
    }

    /// Encodes a render for the preview (off the input thread) and reports both in one frame.
    private func publish(_ image: RGBImage, request: Int) {
        condition.lock()
        let target = previewTarget
        condition.unlock()
        let preview = target.flatMap { target in
            (try? PreviewDrawing.bytes(image, target: target.target)).map { EncodedPreview(target: target.id, bytes: $0) }
        }
        post(.rendered(request: request, frame: RenderedFrame(image: image, preview: preview)))
    }

    /// A newer canvas request is waiting: the running search gives up for it.
    var hasNewerFollow: Bool {
        condition.lock()
        defer { condition.unlock() }
        return latestFollow != nil
    }

    private var hasNewerRender: Bool {
        condition.lock()
        defer { condition.unlock() }
        return latestRender != nil
    }

    /// The render enlarged by the style's upscaler, when the preview shows it large enough as
    /// graphics for that to show; nil otherwise.
    private func enhancedForPreview(_ image: RGBImage, _ subject: Subject) throws -> RGBImage? {
        guard !hasNewerRender else { return nil }
        condition.lock()
        let target = previewTarget?.target
        condition.unlock()
        let style: String
        switch subject {
        case .picture(let picture): style = picture.style
        case .walk(let walk): style = walk.from.style
        }
        let enhanced = PreviewDrawing.enhanced(image, upscaler: try? loadedStyle(style).upscaler(), target: target)
        return enhanced.width == image.width ? nil : enhanced
    }

    private func render(_ subject: Subject) throws -> RGBImage {
        switch subject {
        case .picture(let picture):
            let loaded = try loadedStyle(picture.style)
            return try loaded.render([recipe(picture, loaded)])[0]
        case .walk(let walk):
            let loaded = try loadedStyle(walk.from.style)
            let frame = WalkExport.frameRecipe(try walkEnds(walk, loaded), t: walk.t, style: walk.from.style,
                                               modelSHA256: loaded.sha256, size: loaded.generator.resolution)
            return try loaded.render([frame])[0]
        }
    }

    private func exportWalk(_ walk: Walk, frames: Int) {
        do {
            let loaded = try loadedStyle(walk.from.style)
            let files = try WalkExport.write(try walkEnds(walk, loaded), frames: frames,
                                             style: walk.from.style, modelSHA256: loaded.sha256, generator: loaded.generator,
                                             formats: .both, directory: gallery.path) { done in
                post(.progress(done: done, total: frames))
                return !isCancelled
            }
            post(.reported(files.map { "walk saved: \($0.gif ?? "") (and .apng) and its frames" } ?? "export cancelled"))
        } catch {
            post(.reported("walk export failed: \(error)"))
        }
    }
}
