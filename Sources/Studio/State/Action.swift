import Imaging

/// Everything that can happen to the studio.
public enum Action: Sendable {
    case start
    case key(Key)
    case resize(width: Int, height: Int)
    /// The engine finished request `request`: its picture, and the bytes that draw it.
    case rendered(request: Int, frame: RenderedFrame)
    case failed(request: Int, message: String)
    /// `picture` was saved as `path`.
    case saved(picture: Picture, path: String)
    case saveFailed(message: String)
    /// Children thumbnails for `request`.
    case renderedMany(request: Int, images: [RGBImage])
    /// A timer tick while a walk plays (about 12 per second).
    case tick
    case progress(done: Int, total: Int)
    /// How a job on files ended (an export, a walk, trash, tags, a preset): one line for the status.
    case reported(String)
    case galleryLoaded([GalleryItem])
    /// Thumbnails for gallery items, by path.
    case thumbnails([String: RGBImage])
    /// Where the preview's picture landed on screen, in cells (mouse hit-testing of grids).
    case placed(Rect)
    case trashed(from: String, to: String)
    case restored(path: String)
    case favourited(path: String, favourite: Bool)
    case presetSaved(Preset, path: String)
    case tagged(path: String, tags: [String])
    /// A gallery picture's latent, to crossbreed the current picture with, or (`colours`) to
    /// take its colours.
    case partner(name: String, latent: [Float], colours: Bool)
    /// The text preview now draws with this symbol set (after `cycleSymbols`).
    case symbolsChanged(name: String)
    /// A picture encoded into a style (`encode`), with a line saying how close it came.
    case encoded(Picture, summary: String)
    case encodeFailed(message: String)
    /// The path prompt's text completed (`completePath`), and the names it could go on with.
    case pathCompleted(text: String, choices: [String])
    /// The canvas is ready (`openCanvas`); `follow`: ask the style to follow its sketch at once.
    case canvasOpened(Canvas, follow: Bool)
    /// The style's picture for canvas request `request`: the encoder's guess, then refined.
    case followed(request: Int, latent: [Float], image: RGBImage, refined: Bool)
    case canvasFailed(message: String)
}

/// Work the reducer asks the runtime to do; results come back as actions.
public enum Effect: Equatable, Sendable {
    /// Render a picture or a walk frame; newer requests supersede older ones.
    case render(request: Int, subject: Subject)
    /// Render several small pictures at once (children).
    case renderMany(request: Int, pictures: [Picture])
    case save(picture: Picture)
    /// Save into another folder (when the gallery cannot be written, say).
    case saveTo(picture: Picture, directory: String)
    /// Write a walk as an animated GIF and PNG frames into the gallery; cancellable.
    case exportWalk(Walk, frames: Int)
    case cancel
    case loadGallery
    /// Thumbnails for these gallery items (from the cache when it has them).
    case loadThumbnails(paths: [String])
    case trash(path: String)
    case restore(from: String, to: String)
    case setFavourite(path: String, favourite: Bool)
    case exportPictures(paths: [String], scale: Int, smooth: Bool, sheet: Bool)
    case savePreset(Preset)
    case setTags(path: String, tags: [String])
    /// Find the final latent of a gallery picture (for crossbreeding with it or taking its colours).
    case loadPartner(path: String, style: String, colours: Bool)
    /// Keep a style's direction names for later sessions.
    case saveDirectionNames(style: String, names: [String])
    /// Switch the text preview to the next symbol set (half blocks, quadrants, sextants, …).
    case cycleSymbols
    /// Encode a PNG file, or another style's picture, into the style `style`.
    case encode(EncodeSource, style: String)
    /// Complete a typed path as far as the file system allows.
    case completePath(String)
    /// Make a canvas (sketch, palette, anchor) for painting.
    case openCanvas(CanvasSource)
    /// The style's picture closest to a sketch: the encoder's guess at once, then (`refine`) a
    /// short search; a newer request supersedes an older one, even mid-search.
    case follow(request: Int, style: String, sketch: RGBImage, anchor: [Float]?, refine: Bool)
}

/// What a canvas opens on.
public enum CanvasSource: Equatable, Sendable {
    /// The picture on screen: painted everywhere, edits pulled towards its latent.
    case picture(Picture)
    /// Nothing painted; the picture shows until the first stroke.
    case blank(Picture)
    /// A PNG, fitted to the style's size; its transparent pixels stay unpainted.
    case file(path: String, picture: Picture)

    /// The studio's picture when the canvas opened (its style is the canvas's).
    public var picture: Picture {
        switch self {
        case .picture(let picture), .blank(let picture), .file(_, let picture): return picture
        }
    }

    /// A PNG opened onto the canvas: the style follows it at once.
    public var isFile: Bool { if case .file = self { return true } else { return false } }
}

/// What `encode` turns into a style's picture.
public enum EncodeSource: Equatable, Sendable {
    case file(path: String)
    /// A picture of another style, as it looks now (carried into the new style).
    case picture(Picture)
}
