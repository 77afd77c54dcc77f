import Imaging
@testable import TermGraphics
import XCTest

/// Issue 13's terminal defects: colour depth under plain TERM names, sextants only where the
/// terminal draws them, the background colour reply, and probing through tmux.
final class TerminalFitTests: XCTestCase {
    /// chafa 1.12 picks 256 colours for TERM=xterm (and screen, tmux, unknown names); 16 only
    /// for the Linux console.
    func testPlainXtermGets256ColoursAsChafaPicks() {
        for term in ["xterm", "screen", "tmux", "rxvt", "vt220", "xterm-256color"] {
            XCTAssertEqual(TerminalProfile(environment: ["TERM": term]).colors, .c256, term)
        }
        for term in ["linux", "xterm-16color"] {
            XCTAssertEqual(TerminalProfile(environment: ["TERM": term]).colors, .c16, term)
        }
        XCTAssertEqual(TerminalProfile(environment: ["TERM": "xterm", "NO_COLOR": "1"]).colors, .none)
    }

    /// What `show` prints for a terminal without graphics, decoded: under xterm or tmux no
    /// sextant (DejaVu Sans Mono has none), only block elements; sextants where kitty, foot,
    /// WezTerm or Ghostty draw them, or when asked.
    func testSextantsOnlyWhereTheTerminalDrawsThem() throws {
        let image = Measure.picture(width: 64, height: 48)
        func scalars(_ env: [String: String], symbols: TextMode? = nil) throws -> Set<UInt32> {
            var profile = TerminalProfile(environment: env)
            profile.graphics = .none
            let format = ImageFormat.best(for: profile, symbols: symbols)
            let placement = Placement.fit(width: 64, height: 48, format: format, columns: 40, rows: nil, pixelWidth: nil, screen: nil)
            let text = String(decoding: try Renderer.render(image, format: format, placement: placement, colors: .full), as: UTF8.self)
            return Set(text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "",
                options: .regularExpression).unicodeScalars.map(\.value))
        }
        let sextants = UInt32(0x1FB00)...0x1FB3B, blockElements = UInt32(0x2580)...0x259F
        for env in [["TERM": "xterm"], ["TERM": "xterm-256color"], ["TERM": "tmux-256color", "TMUX": "/tmp/t,1,0"]] {
            let used = try scalars(env)
            XCTAssertTrue(used.allSatisfy { blockElements.contains($0) || $0 == 0x20 || $0 == 0x0A }, "\(env): \(used.sorted())")
            XCTAssertTrue(used.contains { (0x2581...0x2587).contains($0) || (0x2589...0x258F).contains($0) }, "eighths are used")
        }
        for env in [["TERM": "xterm-kitty"], ["TERM": "foot"], ["TERM_PROGRAM": "WezTerm", "TERM": "xterm-256color"],
            ["TERM": "xterm-ghostty"]] {
            XCTAssertTrue(try scalars(env).contains { sextants.contains($0) }, "\(env)")
        }
        XCTAssertTrue(try scalars(["TERM": "xterm"], symbols: .sextants).contains { sextants.contains($0) })
        XCTAssertEqual(try scalars(["TERM": "xterm"],
            symbols: .halfblocks).subtracting([0x20, 0x0A]).subtracting([0x2580, 0x2584, 0x2588]), [])
    }

    /// The blocks set: quadrants and eighths only, each found exactly when a cell is drawn as it
    /// (▚ as ▞ with the colours swapped: one of each complementary pair is tried).
    func testBlocksSetFitsQuadrantsAndEighthsExactly() {
        let all = (0..<TextMode.blocks.maskCount).map { TextMode.blocks.character($0).value }
        XCTAssertEqual(Set(all).count, all.count)
        XCTAssertTrue(all.allSatisfy { $0 == 0x20 || (0x2580...0x259F).contains($0) })
        let ink: [UInt8] = [220, 180, 20], paper: [UInt8] = [20, 40, 90]
        let shapes: [(Unicode.Scalar, (Int, Int) -> Bool)] = [
            ("▃", { _, y in y >= 24 - 9 }), ("▎", { x, _ in x < 2 }), ("▝", { x, y in x >= 4 && y < 12 }), ("▚", { x,
                y in (x < 4) == (y < 12) }),
        ]
        for (scalar, inked) in shapes {
            var pixels: [UInt8] = []
            for y in 0..<24 { for x in 0..<8 { pixels += inked(x, y) ? ink : paper } }
            let image = RGBImage(width: 8, height: 24, pixels: pixels)
            let grid = CellGrid(image, columns: 1, rows: 1, mode: .blocks, depth: .full)
            if scalar != "▚" { XCTAssertEqual(TextMode.blocks.character(grid.cells[0].mask), scalar) }
            XCTAssertEqual(grid.rendered(cellWidth: 8, cellHeight: 24), image, "\(scalar)")
        }
        let plain = CellGrid(RGBImage(width: 2, height: 2, fill: 255), columns: 1, rows: 1, mode: .blocks, depth: .none)
        XCTAssertEqual(String(decoding: plain.ansi(), as: UTF8.self), "█\n")
    }

    /// OSC 11 replies as terminals send them: xterm (4 digits, BEL or ST), rxvt and others with
    /// 2 or 1 digits, alpha; junk and cut-off replies leave the background unknown.
    func testBackgroundColourReplies() {
        func background(_ reply: String) -> SIMD3<Int32>? { ProbeReplies(parsing: Array(reply.utf8)).background }
        XCTAssertEqual(background("\u{1B}]11;rgb:ffff/ffff/ffff\u{07}"), SIMD3(255, 255, 255))
        XCTAssertEqual(background("\u{1B}]11;rgb:0000/0000/0000\u{1B}\\"), SIMD3(0, 0, 0))
        XCTAssertEqual(background("\u{1B}]11;rgb:30/0a/24\u{1B}\\"), SIMD3(48, 10, 36))
        XCTAssertEqual(background("\u{1B}]11;rgb:f/8/0\u{07}"), SIMD3(255, 136, 0))
        XCTAssertEqual(background("\u{1B}]11;rgba:fdfd/f6f6/e3e3/ffff\u{1B}\\"), SIMD3(253, 246, 227))
        for junk in ["\u{1B}]11;rgb:ffff/ffff\u{07}", "\u{1B}]11;rgb:fffff/0/0\u{07}", "\u{1B}]11;rgb:gg/00/00\u{07}",
            "\u{1B}]11;rgb:ff/ff/ff",
                     "\u{1B}]11;cmyk:0/0/0/0\u{07}", "\u{1B}]10;rgb:ff/ff/ff\u{07}", "\u{1B}]11;rgb:" + String(repeating: "f",
                         count: 5000) + "\u{07}",
                     "\u{1B}]11;rgb:/ff/ff\u{07}", "\u{1B}]11;rgb:-1/ff/ff\u{07}", "\u{1B}]", "\u{1B}]11;?\u{07}"] {
            XCTAssertNil(background(junk), junk.debugDescription)
        }
        // Among the other replies, in the order the probe asks.
        let xterm = ProbeReplies(parsing: Array(("\u{1B}[?1;0;1024S\u{1B}[6;20;10t\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\"
            + "\u{1B}[?63;1;2;4;6;9;15;16;22;28c").utf8))
        XCTAssertTrue(xterm.complete && xterm.sixel)
        XCTAssertEqual(xterm.cellSize?.0, 10)
        var profile = TerminalProfile(environment: ["TERM": "xterm"])
        XCTAssertNil(profile.lightBackground)
        profile.apply(xterm)
        XCTAssertEqual(profile.lightBackground, true)
        profile.apply(ProbeReplies(parsing: Array("\u{1B}]11;rgb:1e1e/1e1e/2e2e\u{07}\u{1B}[?62c".utf8)))
        XCTAssertEqual(profile.lightBackground, false)
        XCTAssertTrue(String(decoding: TerminalProbe.query(.direct), as: UTF8.self).contains("\u{1B}]11;?\u{1B}\\\u{1B}[c"))
        XCTAssertEqual(TerminalProfile(environment: ["TERM": "rxvt", "COLORFGBG": "0;15"]).lightBackground, true)
        XCTAssertEqual(TerminalProfile(environment: ["TERM": "rxvt", "COLORFGBG": "15;default;0"]).lightBackground, false)
        XCTAssertNil(TerminalProfile(environment: ["TERM": "rxvt", "COLORFGBG": "junk"]).lightBackground)
    }

    /// Inside tmux with passthrough on, every query goes to the outer terminal wrapped; tmux
    /// keeps a DA1 reply (and the replies before it), so DSR's ends the wait. Replies recorded
    /// from tmux 3.3a.
    func testProbeThroughTmuxPassthrough() {
        let wrapped = String(decoding: TerminalProbe.query(.tmuxPassthrough), as: UTF8.self)
        XCTAssertTrue(wrapped.hasPrefix("\u{1B}Ptmux;") && wrapped.hasSuffix("\u{1B}\\"))
        XCTAssertEqual(wrapped.components(separatedBy: "\u{1B}Ptmux;").count, 2, "one passthrough")
        XCTAssertTrue(wrapped.contains("\u{1B}\u{1B}[5n"))
        XCTAssertFalse(wrapped.contains("\u{1B}\u{1B}[c"), "tmux swallows the replies before a DA1 reply")
        // Without passthrough tmux would show an unknown APC as the pane title: no kitty query.
        XCTAssertFalse(String(decoding: TerminalProbe.query(.tmux), as: UTF8.self).contains("\u{1B}_G"))

        let kittyOuter = ProbeReplies(parsing: Array(("\u{1B}_Gi=31;OK\u{1B}\\\u{1B}[6;36;17t"
            + "\u{1B}]11;rgb:0000/0000/0000\u{1B}\\\u{1B}[0n").utf8))
        XCTAssertTrue(kittyOuter.complete && kittyOuter.kitty)
        let sixelOuter = ProbeReplies(parsing: Array("\u{1B}[?1;0;1024S\u{1B}[6;20;10t\u{1B}]11;rgb:ffff/ffff/ffff\u{1B}\\\u{1B}[0n".utf8))
        XCTAssertTrue(sixelOuter.complete && !sixelOuter.sixel)

        var profile = TerminalProfile(environment: ["TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0"])
        profile.tmuxPassthrough = true
        XCTAssertEqual(TerminalProbe.route(for: profile), .tmuxPassthrough)
        var sixel = profile
        sixel.apply(sixelOuter)
        XCTAssertEqual(sixel.graphics, .sixel)
        profile.apply(kittyOuter)
        XCTAssertEqual(profile.graphics, .kitty)
        var closed = TerminalProfile(environment: ["TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0"])
        XCTAssertEqual(TerminalProbe.route(for: closed), .tmux)
        closed.apply(ProbeReplies(parsing: Array("\u{1B}[?1;2c".utf8)))
        XCTAssertEqual(closed.graphics, .none)

        // tmux 3.3a's `display -p '#{allow-passthrough} #{escape-time}'`, and junk.
        XCTAssertEqual(TmuxQuery.parse("1 500\n"), TmuxQuery.Settings(passthrough: true, escapeTime: 500))
        XCTAssertEqual(TmuxQuery.parse("0 10\n"), TmuxQuery.Settings(passthrough: false, escapeTime: 10))
        XCTAssertEqual(TmuxQuery.parse("all 99999999\n"), TmuxQuery.Settings(passthrough: true, escapeTime: 5000))
        for junk in ["", "1\n", "1 -5\n", "on off\n", "1 2 3\n", "\u{1B}[31m 1\n"] { XCTAssertNil(TmuxQuery.parse(junk), junk) }
    }

    /// One encoding path for `show` and the studio: every graphics format inside tmux travels in
    /// passthrough (sixel was sent bare, and tmux 3.3 dropped it), and the same bytes unwrapped.
    func testGraphicsAreWrappedForTmuxInEveryFormat() throws {
        let image = Measure.picture(width: 16, height: 12)
        let placement = Placement(pixelWidth: 16, pixelHeight: 12, columns: 2, rows: 1)
        for format in [ImageFormat.sixel, .iterm] {
            let bare = try Renderer.graphics(image, format: format, placement: placement, options: .init())
            let wrapped = try Renderer.graphics(image, format: format, placement: placement, options: .init(inTmux: true))
            XCTAssertEqual(wrapped, TmuxPassthrough.wrap(bare), "\(format)")
        }
        let kitty = String(decoding: try Renderer.graphics(image, format: .kitty, placement: placement, options: .init(inTmux: true)),
            as: UTF8.self)
        XCTAssertTrue(kitty.hasPrefix("\u{1B}Ptmux;\u{1B}\u{1B}_G"))
        XCTAssertEqual(try SixelDecoder.decode(try Renderer.graphics(image, format: .sixel, placement: placement,
            options: .init())).width, 16)
    }
}
