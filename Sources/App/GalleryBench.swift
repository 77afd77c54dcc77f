import Foundation
import Gallery
import Imaging
import Studio
import TermGraphics
import TUI

/// What opening the studio's gallery costs, through the studio's own code: list the folder, turn
/// entries into items, reduce, load the first page's thumbnails (cache under `cacheFolder`), lay
/// out the frame and encode the grid as sixel. For `ganvas bench --gallery`.
public enum GalleryBench {
    /// Milliseconds per open: the first with an empty cache, then `runs` with it warm; and how
    /// many items were listed.
    public static func run(directory: String, cacheHome: String, terminal: (columns: Int, rows: Int),
        runs: Int) throws -> (cold: Double, warm: [Double], items: Int) {
        let cache = ThumbnailCache(environment: ["XDG_CACHE_HOME": cacheHome], side: GalleryGrid.thumbnail)
        let rect = Layout(width: terminal.columns, height: terminal.rows).preview
        let target = PreviewTarget(format: .sixel, rect: rect, cellWidth: Placement.defaultCell.width,
                                   cellHeight: Placement.defaultCell.height, colors: .full, sixelRegisters: 256, inTmux: false)
        var items = 0
        func open() throws -> Double {
            let t0 = DispatchTime.now().uptimeNanoseconds
            var state = StudioState(styles: [StyleEntry(name: "bench", resolution: 64, description: "", card: [])], seed: 1)
            _ = Reducer.reduce(&state, .key(.char("g")))
            for effect in Reducer.reduce(&state, .galleryLoaded(GalleryLibrary.browse(directory).map(GalleryItems.item))) {
                guard case .loadThumbnails(let paths) = effect else { continue }
                var loaded: [String: RGBImage] = [:]
                for path in paths { loaded[path] = cache.thumbnail(path) }
                _ = Reducer.reduce(&state, .thumbnails(loaded))
            }
            _ = View.frame(state, width: terminal.columns, height: terminal.rows)
            if let image = Display.image(state) { _ = try PreviewDrawing.bytes(image, target: target) }
            items = state.gallery.items.count
            return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
        }
        let cold = try open()
        let warm = try (0..<runs).map { _ in try open() }
        return (cold, warm, items)
    }
}
