import Imaging
import Studio
import TermGraphics
@testable import App
@testable import TUI
import XCTest

/// The preview's bytes read back as a terminal would: where the cursor goes, what is erased.
final class PreviewRedrawTests: XCTestCase {
    /// Erases (ECH) in the bytes, as (column, row, width) from the last cursor position (CUP),
    /// and where the picture starts (the cursor position before its first graphics or text).
    struct Decoded {
        var erased: [(x: Int, y: Int, width: Int)] = []
        var drawnAt: [(x: Int, y: Int)] = []
    }

    static func decode(_ bytes: [UInt8]) -> Decoded {
        let text = String(decoding: bytes, as: UTF8.self)
        var decoded = Decoded()
        var x = 0, y = 0
        let csi = try! NSRegularExpression(pattern: "\u{1B}\\[([0-9;]*)([A-Za-z])")
        var last = text.startIndex
        func drawn(_ upTo: String.Index) {
            let between = text[last..<upTo]
            if !between.isEmpty && between != "\u{1B}7" && between != "\u{1B}8" { decoded.drawnAt.append((x, y)) }
        }
        for match in csi.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let range = Range(match.range, in: text)!
            drawn(range.lowerBound)
            last = range.upperBound
            let params = text[Range(match.range(at: 1), in: text)!].split(separator: ";").map { Int($0) ?? 1 }
            switch text[Range(match.range(at: 2), in: text)!] {
            case "H": (y, x) = ((params.first ?? 1) - 1, (params.count > 1 ? params[1] : 1) - 1)
            case "X": decoded.erased.append((x, y, params.first ?? 1))
            default: break
            }
        }
        drawn(text.endIndex)
        return decoded
    }

    func target(_ format: ImageFormat, inTmux: Bool = false) -> PreviewTarget {
        PreviewTarget(format: format, rect: Rect(x: 3, y: 2, width: 40, height: 12), cellWidth: 10, cellHeight: 20,
                      colors: .full, sixelRegisters: 256, inTmux: inTmux)
    }

    /// Stepping a slider redraws over the old picture: no erase touches a cell the new picture
    /// covers (xterm showed the blank rectangle in 4 of 11 screenshots), while the strips beside
    /// and below it are erased, so a larger old picture leaves no edges.
    func testRedrawNeverErasesUnderTheNewPicture() throws {
        let image = RGBImage(width: 32, height: 32, pixels: (0..<(32 * 32 * 3)).map { UInt8($0 % 251) })
        for format in [ImageFormat.sixel, .blocks, .sextants] {
            let t = target(format)
            let placement = PreviewDrawing.placement(image, target: t)
            let decoded = Self.decode(try PreviewDrawing.bytes(image, target: t))
            let left = t.rect.x + (t.rect.width - placement.columns) / 2
            let picture = Rect(x: left, y: t.rect.y, width: placement.columns, height: min(placement.rows, t.rect.height))
            XCTAssertLessThan(picture.width, t.rect.width, "the test needs strips beside the picture")
            var erased = Set<Int>()
            for e in decoded.erased {
                for x in e.x..<(e.x + e.width) {
                    XCTAssertFalse(picture.contains(x, e.y), "\(format): erased (\(x), \(e.y)) under the new picture")
                    XCTAssertTrue(t.rect.contains(x, e.y), "\(format): erased (\(x), \(e.y)) outside the preview")
                    erased.insert(e.y * 1000 + x)
                }
            }
            let uncovered = (t.rect.y..<(t.rect.y + t.rect.height)).flatMap { y in
                (t.rect.x..<(t.rect.x + t.rect.width)).filter { !picture.contains($0, y) }.map { y * 1000 + $0 }
            }
            XCTAssertEqual(erased, Set(uncovered), "\(format): every cell beside the picture is erased")
            XCTAssertEqual(decoded.drawnAt.first?.x, picture.x, "\(format)")
            XCTAssertEqual(decoded.drawnAt.first?.y, picture.y, "\(format)")
        }
    }

    /// The studio shares `show`'s encoding: inside tmux its sixel preview goes through
    /// passthrough too (it went bare, and tmux dropped it).
    func testPreviewInTmuxIsWrappedLikeShow() throws {
        let image = RGBImage(width: 8, height: 8, pixels: (0..<192).map { UInt8(($0 * 37) % 256) })
        for format in [ImageFormat.sixel, .kitty, .iterm] {
            let text = String(decoding: try PreviewDrawing.bytes(image, target: target(format, inTmux: true)), as: UTF8.self)
            XCTAssertTrue(text.contains("\u{1B}Ptmux;"), "\(format)")
            let outside = text.replacingOccurrences(of: "\u{1B}Ptmux;(\u{1B}\u{1B}|[^\u{1B}])*\u{1B}\\\\", with: "",
                options: .regularExpression)
            XCTAssertFalse(outside.contains("\u{1B}P") || outside.contains("\u{1B}_") || outside.contains("\u{1B}]"),
                "\(format): graphics outside passthrough")
        }
    }

    /// `y` walks graphics (when the terminal has them), then each text set from the chosen or
    /// fitting one, and round again.
    func testSymbolKeyWalksTheFormats() {
        var sixel = TerminalProfile(environment: ["TERM": "xterm-256color"])
        sixel.graphics = .sixel
        let formats = PreviewFormats(profile: sixel, symbols: nil)
        XCTAssertEqual(formats.all, [.sixel, .blocks, .quadrants, .halfblocks, .sextants])
        var format = formats.first
        var names: [String] = []
        for _ in 0..<5 {
            format = formats.next(after: format)
            names.append(PreviewFormats.name(format))
        }
        XCTAssertEqual(format, .sixel)
        XCTAssertEqual(names, ["blocks (quadrants and eighths)", "quadrants", "half blocks", "sextants and blocks", "off (sixel graphics)"])
        XCTAssertEqual(PreviewFormats(profile: TerminalProfile(environment: ["TERM": "xterm"]), symbols: .sextants).all,
                       [.sextants, .blocks, .quadrants, .halfblocks])
        var foot = TerminalProfile(environment: ["TERM": "foot"])
        foot.graphics = .none
        XCTAssertEqual(PreviewFormats(profile: foot, symbols: nil).first, .sextants)
    }

    /// A light background (from the terminal's OSC 11 reply) picks the light theme unless one was
    /// chosen; the light theme's greys and tracks are dark enough to read on white.
    func testLightBackgroundPicksTheLightTheme() throws {
        var profile = TerminalProfile(environment: ["TERM": "xterm"])
        profile.apply(ProbeReplies(parsing: Array("\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\\u{1B}[?63;1;2;4c".utf8)))
        XCTAssertEqual(Theme.choice(nil, lightBackground: profile.lightBackground), "light")
        XCTAssertEqual(Theme.choice("mono", lightBackground: profile.lightBackground), "mono")
        XCTAssertEqual(Theme.choice(nil, lightBackground: false), "default")
        XCTAssertEqual(Theme.choice(nil, lightBackground: nil), "default")
        let light = try Theme.named("light", environment: ["HOME": "/nonexistent"])
        for role in [Role.dim, .bar] {
            let grey = try XCTUnwrap(light.entries[role]?.foreground)
            XCTAssertTrue((232...245).contains(grey), "\(role) is grey \(grey), too pale on white")
        }
    }
}
