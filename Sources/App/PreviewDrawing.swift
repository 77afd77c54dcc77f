import Gallery
import Imaging
import PictureMaking
import Studio
import TermGraphics
import TUI

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
/// restored around it so curses' idea of the screen stays right. The new picture is drawn over
/// the old one, never after clearing it: a blank rectangle between the two showed as flicker
/// (sixel in xterm). Only the cells the new picture leaves uncovered are erased.
enum PreviewDrawing {
    static let kittyID = 1

    static func bytes(_ image: RGBImage, target: PreviewTarget) throws -> [UInt8] {
        let rect = target.rect
        guard rect.width > 0, rect.height > 0 else { return [] }
        let placement = self.placement(image, target: target)
        let covered = placedRect(placement, in: rect)
        var out = Array("\u{1B}7\u{1B}[0m".utf8) + eraseAround(covered, in: rect)
        if let mode = target.format.textMode {
            let grid = CellGrid(image, columns: covered.width, rows: covered.height, mode: mode, depth: target.colors)
            for row in 0..<grid.rows {
                out += cursor(x: covered.x, y: covered.y + row) + grid.ansiRow(row)
            }
        } else {
            if target.format == .kitty { out += KittyGraphics.delete(id: kittyID, inTmux: target.inTmux) }
            out += cursor(x: covered.x, y: covered.y)
            // Raw pixels for kitty, not PNG: deflating every slider step cost over 100 ms; the
            // terminal is local or the picture is a few hundred KB either way.
            let options = Renderer.Options(sixelRegisters: target.sixelRegisters, inTmux: target.inTmux, kittyID: kittyID,
                                           kittyPayload: .rgb, quick: true)
            out += try Renderer.graphics(image, format: target.format, placement: placement, options: options)
        }
        return out + Array("\u{1B}8".utf8)
    }

    /// The picture's size in the rectangle: as large as fits, keeping its aspect.
    static func placement(_ image: RGBImage, target: PreviewTarget) -> Placement {
        let rect = target.rect
        let screen = Placement.Screen(columns: rect.width, rows: rect.height + 1, cellWidth: target.cellWidth,
            cellHeight: target.cellHeight)
        return Placement.fit(width: image.width, height: image.height, format: target.format, columns: nil, rows: nil,
                             pixelWidth: nil, screen: screen)
    }

    /// ECH over the parts of `rect` outside `covered` (a smaller picture must not leave the last
    /// one's edges), nothing inside it.
    static func eraseAround(_ covered: Rect, in rect: Rect) -> [UInt8] {
        var out: [UInt8] = []
        func erase(_ x: Int, _ y: Int, _ width: Int) {
            if width > 0 { out += cursor(x: x, y: y) + Array("\u{1B}[\(width)X".utf8) }
        }
        for y in rect.y..<(rect.y + rect.height) {
            guard y >= covered.y && y < covered.y + covered.height else { erase(rect.x, y, rect.width); continue }
            erase(rect.x, y, covered.x - rect.x)
            erase(covered.x + covered.width, y, rect.x + rect.width - covered.x - covered.width)
        }
        return out
    }

    /// The cells the picture covers inside the preview rectangle (drawn there; mouse hit-testing).
    static func placedRect(_ image: RGBImage, target: PreviewTarget) -> Rect {
        placedRect(placement(image, target: target), in: target.rect)
    }

    static func placedRect(_ placement: Placement, in rect: Rect) -> Rect {
        Rect(x: rect.x + max((rect.width - placement.columns) / 2, 0), y: rect.y,
             width: min(placement.columns, rect.width), height: min(placement.rows, rect.height))
    }

    /// The picture to draw: through the style's upscaler when the preview shows it as graphics
    /// at least twice its pixels (text cells hold fewer pixels than the model makes).
    static func enhanced(_ image: RGBImage, upscaler: StyleUpscaler?, target: PreviewTarget?) -> RGBImage {
        guard let upscaler, let target, target.format.textMode == nil,
              placement(image, target: target).pixelWidth >= 2 * image.width,
              let enlarged = try? upscaler.upscale(image) else { return image }
        return enlarged
    }

    /// Erases every cell of `rect` (cursor saved and restored around it).
    static func erase(_ rect: Rect) -> [UInt8] {
        guard rect.width > 0 else { return [] }
        var out = Array("\u{1B}7\u{1B}[0m".utf8)
        for y in rect.y..<(rect.y + rect.height) { out += cursor(x: rect.x, y: y) + Array("\u{1B}[\(rect.width)X".utf8) }
        return out + Array("\u{1B}8".utf8)
    }

    /// Erases the cells of `old` outside `new`: the preview's rectangle moved or shrank (the
    /// gallery's is shorter), and curses takes those cells for blank, so text it writes there
    /// later kept the old picture's colours beside it (a white bar under the gallery).
    static func erase(_ old: Rect, outside new: Rect?) -> [UInt8] {
        guard old.width > 0, old.height > 0 else { return [] }
        let x0 = max(old.x, new?.x ?? 0), y0 = max(old.y, new?.y ?? 0)
        let x1 = min(old.x + old.width, new.map { $0.x + $0.width } ?? 0), y1 = min(old.y + old.height, new.map { $0.y + $0.height } ?? 0)
        let kept = x1 > x0 && y1 > y0 ? Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0) : Rect(x: old.x, y: old.y, width: 0, height: 0)
        let cells = eraseAround(kept, in: old)
        return cells.isEmpty ? [] : Array("\u{1B}7\u{1B}[0m".utf8) + cells + Array("\u{1B}8".utf8)
    }

    /// Erases the last cell row the picture covers (cursor saved and restored around it).
    static func clearLastRow(_ image: RGBImage, target: PreviewTarget) -> [UInt8] {
        let covered = placedRect(image, target: target)
        guard covered.height > 0 else { return [] }
        return erase(Rect(x: covered.x, y: covered.y + covered.height - 1, width: covered.width, height: 1))
    }

    static func cursor(x: Int, y: Int) -> [UInt8] { Array("\u{1B}[\(y + 1);\(x + 1)H".utf8) }
}
