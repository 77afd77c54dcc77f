import Foundation
import Imaging
import TermGraphics
import XCTest

final class SixelTests: XCTestCase {
    func testFewColoursDecodeExactly() throws {
        // Colours on the percent grid, so registers hold them exactly.
        let colours: [[UInt8]] = [[0, 0, 0], [255, 255, 255], [255, 0, 0], [0, 51, 102]]
        var pixels: [UInt8] = []
        for y in 0..<13 { for x in 0..<17 { pixels += colours[(x / 3 + y / 2) % colours.count] } }
        let image = RGBImage(width: 17, height: 13, pixels: pixels)
        let decoded = try SixelDecoder.decode(SixelGraphics.encode(image))
        XCTAssertEqual(decoded, image)
    }

    func testPhotographicPictureDecodesCloseToTheSource() throws {
        let image = Measure.picture(width: 96, height: 50)
        let sixel = SixelGraphics.encode(image)
        let decoded = try SixelDecoder.decode(sixel)
        XCTAssertEqual(decoded.width, 96)
        XCTAssertEqual(decoded.height, 50)
        XCTAssertGreaterThan(Measure.psnr(decoded, image), 30)
        // Run-length encoding pays: far fewer bytes than one per pixel per colour pass.
        XCTAssertLessThan(sixel.count, 96 * 50 * 2)
    }

    /// The studio's preview: a small picture scaled up, its palette chosen from the picture scaled
    /// only 2x (its blends, a ninth of the pixels), is as close to the big picture as a palette
    /// chosen from the big one (within half a dB).
    func testPaletteFromTheUnscaledPictureKeepsTheScaledOneClose() throws {
        let small = Measure.picture(width: 64, height: 64)
        let large = Resize.resize(small, width: 384, height: 384, filter: .smooth)
        let own = Measure.psnr(try SixelDecoder.decode(SixelGraphics.encode(large)), large)
        let source = Resize.resize(small, width: 128, height: 128, filter: .smooth)
        let borrowed = Measure.psnr(try SixelDecoder.decode(SixelGraphics.encode(large, options: .init(paletteSource: source))), large)
        XCTAssertGreaterThan(borrowed, 30)
        XCTAssertGreaterThan(borrowed, own - 0.5, "own palette \(own) dB, source palette \(borrowed) dB")
    }

    func testFewerRegistersStillDecode() throws {
        let image = Measure.picture(width: 40, height: 31)
        for registers in [2, 16] {
            let decoded = try SixelDecoder.decode(SixelGraphics.encode(image, options: .init(maxColors: registers)))
            XCTAssertLessThanOrEqual(Set(stride(from: 0, to: decoded.pixels.count, by: 3).map { decoded.pixels[$0..<$0 + 3] }).count,
                registers)
            XCTAssertGreaterThan(Measure.psnr(decoded, image), registers == 2 ? 8 : 18)
        }
    }
}

final class KittyAndITermTests: XCTestCase {
    /// Splits kitty APC chunks: every payload at most 4096 bytes, `m=1` on all but the last.
    func testKittyChunksReassembleToThePicture() throws {
        let image = Measure.picture(width: 120, height: 90)
        let bytes = try KittyGraphics.encode(image, id: 7, columns: 12, rows: 5, payload: .rgb)
        let text = String(decoding: bytes, as: UTF8.self)
        let chunks = text.components(separatedBy: "\u{1B}\\").filter { !$0.isEmpty }
        XCTAssertGreaterThan(chunks.count, 1)
        var payload = ""
        for (n, chunk) in chunks.enumerated() {
            XCTAssertTrue(chunk.hasPrefix("\u{1B}_G"))
            let parts = chunk.dropFirst(3).split(separator: ";", maxSplits: 1).map(String.init)
            XCTAssertLessThanOrEqual(parts[1].utf8.count, 4096)
            XCTAssertTrue(parts[0].hasSuffix(n == chunks.count - 1 ? "m=0" : "m=1"))
            if n == 0 { XCTAssertTrue(["a=T", "i=7", "c=12", "r=5", "f=24", "s=120", "v=90"].allSatisfy(parts[0].contains)) }
            payload += parts[1]
        }
        XCTAssertEqual([UInt8](try XCTUnwrap(Data(base64Encoded: payload))), image.pixels)
        // The PNG payload carries the same picture.
        let png = String(decoding: try KittyGraphics.encode(image), as: UTF8.self)
        let joined = png.components(separatedBy: "\u{1B}\\").filter { !$0.isEmpty }.map { String($0.split(separator: ";",
            maxSplits: 1)[1]) }.joined()
        XCTAssertEqual(try PNGCodec.decode([UInt8](Data(base64Encoded: joined)!)), image)
        XCTAssertEqual(String(decoding: KittyGraphics.delete(id: 7), as: UTF8.self), "\u{1B}_Ga=d,d=I,i=7,q=2\u{1B}\\")
    }

    func testITermCarriesThePNG() throws {
        let image = Measure.picture(width: 20, height: 10)
        let text = String(decoding: try ITermGraphics.encode(image), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("\u{1B}]1337;File=inline=1;"))
        XCTAssertTrue(text.hasSuffix("\u{07}"))
        let base64 = String(text.dropLast().split(separator: ":", maxSplits: 1)[1])
        XCTAssertEqual(try PNGCodec.decode([UInt8](Data(base64Encoded: base64)!)), image)
    }

    func testTmuxPassthroughDoublesEscapes() {
        XCTAssertEqual(TmuxPassthrough.wrap([0x1B, 0x41]), Array("\u{1B}Ptmux;\u{1B}\u{1B}A\u{1B}\\".utf8))
    }
}

final class TextCellTests: XCTestCase {
    /// A cell made of exactly two colours in a sextant pattern is reproduced exactly.
    func testCellFittingFindsThePatternAndColours() {
        let a: [UInt8] = [200, 30, 40], b: [UInt8] = [10, 90, 250]
        let mask = 0b010110
        var pixels: [UInt8] = [], fine: [UInt8] = []
        for y in 0..<3 { for x in 0..<2 { pixels += (mask >> (y * 2 + x)) & 1 == 1 ? a : b } }
        // Drawn on the fitting grid (8x24 samples a cell), so no resampling blurs the pattern.
        for y in 0..<24 { for x in 0..<8 { fine += (mask >> (y / 8 * 2 + x / 4)) & 1 == 1 ? a : b } }
        let grid = CellGrid(RGBImage(width: 8, height: 24, pixels: fine), columns: 1, rows: 1, mode: .sextants, depth: .full)
        let cell = grid.cells[0]
        let fgIsA = cell.foreground == SIMD3(200, 30, 40)
        XCTAssertEqual(fgIsA ? cell.mask : (~cell.mask & 63), mask)
        XCTAssertEqual(grid.rendered(cellWidth: 2, cellHeight: 3).pixels, pixels)
    }

    func testHalfBlocksAreExactInTrueColour() {
        let image = Measure.picture(width: 30, height: 20)
        let grid = CellGrid(image, columns: 30, rows: 10, mode: .halfblocks, depth: .full)
        XCTAssertEqual(grid.rendered(cellWidth: 1, cellHeight: 2), image)
    }

    func testFinerModesAreCloser() {
        let image = Measure.picture(width: 160, height: 120)
        func psnr(_ mode: TextMode) -> Double {
            let grid = CellGrid(image, columns: 40, rows: 15, mode: mode, depth: .full)
            return Measure.psnr(Resize.resize(grid.rendered(cellWidth: 4, cellHeight: 8), width: 160, height: 120, filter: .smooth), image)
        }
        XCTAssertGreaterThan(psnr(.sextants), psnr(.halfblocks))
    }

    func testSextantCharactersCoverEveryPattern() {
        let scalars = (0..<64).map { TextMode.sextants.character($0) }
        XCTAssertEqual(Set(scalars).count, 64)
        XCTAssertEqual(scalars[1], "\u{1FB00}")
        XCTAssertEqual(scalars[62], "\u{1FB3B}")
        XCTAssertEqual(scalars[21], "▌")
    }

    func testPaletteMappingAndSGR() {
        XCTAssertEqual(ColorDepth.c256.nearest([255, 0, 0]).code, 196)
        XCTAssertEqual(ColorDepth.c256.nearest([128, 128, 128]).code, 244)
        XCTAssertEqual(ColorDepth.c16.nearest([250, 250, 250]).code, 15)
        let grid = CellGrid(RGBImage(width: 2, height: 4, fill: 255), columns: 1, rows: 2, mode: .quadrants, depth: .c256)
        XCTAssertEqual(String(decoding: grid.ansi(), as: UTF8.self), "\u{1B}[48;5;231m \u{1B}[0m\n\u{1B}[48;5;231m \u{1B}[0m\n")
        let plain = CellGrid(RGBImage(width: 2, height: 2, fill: 255), columns: 1, rows: 1, mode: .quadrants, depth: .none)
        XCTAssertEqual(String(decoding: plain.ansi(), as: UTF8.self), "█\n")
    }

    /// A cell drawn exactly as one of the block elements (eighths, quadrants, halves) on the
    /// fitting grid is recognised as that glyph, with both colours exact.
    func testBlockElementsAreFoundExactly() {
        let ink: [UInt8] = [220, 180, 20], paper: [UInt8] = [20, 40, 90]
        let shapes: [(Unicode.Scalar, (Int, Int) -> Bool)] = [
            ("▃", { _, y in y >= 24 - 9 }), ("▁", { _, y in y >= 21 }), ("▇", { _, y in y >= 3 }),
            ("▄", { _, y in y >= 12 }), ("▎", { x, _ in x < 2 }), ("▋", { x, _ in x < 5 }),
            ("▝", { x, y in x >= 4 && y < 12 }), ("▚", { x, y in (x < 4) == (y < 12) }),
        ]
        for (scalar, inked) in shapes {
            var pixels: [UInt8] = []
            for y in 0..<24 { for x in 0..<8 { pixels += inked(x, y) ? ink : paper } }
            let image = RGBImage(width: 8, height: 24, pixels: pixels)
            let grid = CellGrid(image, columns: 1, rows: 1, mode: .sextants, depth: .full)
            XCTAssertEqual(TextMode.sextants.character(grid.cells[0].mask), scalar)
            XCTAssertEqual(grid.cells[0].foreground, SIMD3(220, 180, 20))
            XCTAssertEqual(grid.rendered(cellWidth: 8, cellHeight: 24), image, "\(scalar)")
        }
    }

    /// rendered() draws every glyph of the sextant mode with its true shape, as the Unicode
    /// block elements define it, at a terminal-like 24x48 cell.
    func testRenderedDrawsEachGlyphsTrueShape() {
        let w = 24, h = 48
        func reference(_ s: Unicode.Scalar, _ x: Int, _ y: Int) -> Bool? {
            let v = s.value
            switch v {
            case 0x2581...0x2588: return y >= h - Int(v - 0x2580) * h / 8          // lower n/8, █
            case 0x2589...0x258F: return x < (8 - Int(v - 0x2588)) * w / 8         // left (8-n)/8
            case 0x2590: return x >= w / 2
            case 0x2596...0x259F:
                let bits: [UInt32: Int] = [0x2596: 4, 0x2597: 8, 0x2598: 1, 0x2599: 13, 0x259A: 9, 0x259B: 7, 0x259C: 11, 0x259D: 2,
                    0x259E: 6, 0x259F: 14]
                return bits[v]! >> ((y < h / 2 ? 0 : 2) + (x < w / 2 ? 0 : 1)) & 1 == 1
            case 0x1FB00...0x1FB3B:
                var mask = Int(v - 0x1FB00) + 1
                if mask >= 21 { mask += 1 }
                if mask >= 42 { mask += 1 }
                return mask >> (y * 3 / h * 2 + x * 2 / w) & 1 == 1
            case 0x20: return false
            default: return nil
            }
        }
        for mask in 0..<TextMode.sextants.maskCount {
            let scalar = TextMode.sextants.character(mask)
            let cell = Cell(mask: mask, foreground: [255, 255, 255], background: .zero, foregroundCode: 0, backgroundCode: 0)
            let grid = CellGrid(columns: 1, rows: 1, mode: .sextants, depth: .full, cells: [cell])
            let image = grid.rendered(cellWidth: w, cellHeight: h)
            for y in 0..<h {
                for x in 0..<w {
                    guard let expected = reference(scalar, x, y) else { return XCTFail("no reference for \(scalar)") }
                    XCTAssertEqual(image.pixels[(y * w + x) * 3] == 255, expected, "\(scalar) at \(x),\(y)")
                }
            }
        }
    }

    func testSextantModeCharactersAreDistinct() {
        let scalars = (0..<TextMode.sextants.maskCount).map { TextMode.sextants.character($0) }
        XCTAssertEqual(Set(scalars).count, scalars.count)
        XCTAssertEqual(scalars.count, 64 + 18)
    }
}
