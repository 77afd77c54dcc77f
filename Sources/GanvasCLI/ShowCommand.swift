#if canImport(Glibc)
import Glibc
#endif
import Imaging
import TermGraphics

/// `ganvas show`: a picture on the terminal, in the best way the terminal offers.
enum ShowCommand {
    static let help = """
    usage: ganvas show FILE.png [--format auto|sixel|kitty|iterm|text] [--symbols auto|blocks|quadrants|halfblocks|sextants]
                                [--colors auto|full|256|16|none] [--cols N] [--rows N] [--width PX]

    Prints the picture on standard output.

      --format F     how to draw it (default auto: asks the terminal; text when it has no graphics);
                     text draws Unicode symbols from --symbols. The names of the symbol sets
                     work here too: --format quadrants is --format text --symbols quadrants.
      --symbols S    the symbols for text (default auto: sextants where the terminal draws them
                     itself, as kitty, foot, WezTerm and Ghostty do; else blocks, which every
                     font has: quadrants and eighths). Ignored when the picture goes as graphics.
      --colors C     colour depth for text modes (default auto: from the terminal; NO_COLOR gives none)
      --cols N       width in character cells     --rows N   height in cells
      --width PX     width in pixels for sixel/kitty/iterm
    Without a size, it fits the terminal; when output is not a terminal, graphics keep the
    picture's own pixel size and text modes are 80 columns wide.
    """

    static func run(_ args: [String], console: Console) throws {
        let arguments = try Arguments(args, verb: "show", valued: ["--format", "--symbols", "--colors", "--cols", "--rows", "--width"],
            switches: [])
        if arguments.wantsHelp { return console.out(help) }
        guard let file = try arguments.positionals(max: 1, what: "").first else { throw arguments.usage("needs a PNG file") }
        var format = try choice(arguments, "--format", ImageFormat.allCases.map(\.rawValue) + ["auto", "text"])
        var symbols = try Self.symbols(arguments)
        if let named = TextMode(rawValue: format) {
            if let symbols, symbols != named { throw arguments.usage("--format \(format) and --symbols \(symbols.rawValue) disagree") }
            (format, symbols) = ("text", named)
        }
        let colors = try choice(arguments, "--colors", ColorDepth.allCases.map(\.rawValue) + ["auto"])
        let columns = try arguments.int("--cols", in: 1...4000), rows = try arguments.int("--rows", in: 1...4000)
        let width = try arguments.int("--width", in: 1...8192)

        let image: RGBImage
        do { image = try PNGCodec.readImage(path: file) } catch {
            throw CLIError.failure("ganvas: \(printable(file)): \(error)")
        }
        let onTerminal = isatty(1) == 1
        let profile = TerminalDetection.detect(fd: 1, variable: console.variable, probe: onTerminal && format == "auto")
        let cell = TerminalProbe.cellSize(fd: 1)
        let screen = onTerminal ? TerminalProbe.windowSize(fd: 1).map { size in
            Placement.Screen(columns: size.columns, rows: size.rows,
                             cellWidth: profile.cellWidth ?? cell?.width ?? Placement.defaultCell.width,
                             cellHeight: profile.cellHeight ?? cell?.height ?? Placement.defaultCell.height)
        } : nil
        let chosen = format == "auto" ? ImageFormat.best(for: profile, symbols: symbols)
            : format == "text" ? ImageFormat(symbols ?? TextMode.best(for: profile)) : ImageFormat(rawValue: format)!
        // Piped output has no terminal to ask: full colour, unless NO_COLOR says otherwise.
        let noColor = !(console.variable("NO_COLOR") ?? "").isEmpty
        let depth = colors != "auto" ? ColorDepth(rawValue: colors)! : onTerminal ? profile.colors : noColor ? .none : .full
        let placement = Placement.fit(width: image.width, height: image.height, format: chosen, columns: columns, rows: rows,
                                      pixelWidth: width, screen: screen)
        var bytes = try Renderer.render(image, format: chosen, placement: placement, colors: depth,
                                        options: .init(sixelRegisters: profile.sixelRegisters, inTmux: profile.inTmux))
        if chosen.textMode == nil && onTerminal {
            // The terminal leaves its cursor on the picture's last row; inside tmux, tmux's
            // cursor has not moved at all.
            if profile.inTmux { bytes = TmuxPassthrough.inline(bytes, rows: placement.rows) } else { bytes.append(0x0A) }
        }
        console.write(bytes)
    }

    /// `--symbols`: a text symbol set, or nil for auto.
    static func symbols(_ arguments: Arguments) throws -> TextMode? {
        let names = ["blocks", "quadrants", "halfblocks", "sextants"]
        return TextMode(rawValue: try choice(arguments, "--symbols", names + ["auto"]))
    }

    static func choice(_ arguments: Arguments, _ name: String, _ allowed: [String]) throws -> String {
        guard let value = arguments.string(name) else { return "auto" }
        guard allowed.contains(value) else {
            throw arguments.usage("\(name) must be one of \(allowed.joined(separator: ", ")), got '\(printable(value))'")
        }
        return value
    }
}
