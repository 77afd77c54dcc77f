#if canImport(Glibc)
import Glibc
#endif
import Imaging
import TermGraphics

/// `ganvas show`: a picture on the terminal, in the best way the terminal offers.
enum ShowCommand {
    static let help = """
    usage: ganvas show FILE.png [--format auto|sixel|kitty|iterm|sextants|quadrants|halfblocks]
                                [--colors auto|full|256|16|none] [--cols N] [--rows N] [--width PX]

    Prints the picture on standard output.

      --format F     how to draw it (default auto: asks the terminal; sextants when it has no graphics)
      --colors C     colour depth for text modes (default auto: from the terminal; NO_COLOR gives none)
      --cols N       width in character cells     --rows N   height in cells
      --width PX     width in pixels for sixel/kitty/iterm
    Without a size, it fits the terminal; when output is not a terminal, graphics keep the
    picture's own pixel size and text modes are 80 columns wide.
    """

    static func run(_ args: [String], console: Console) throws {
        let arguments = try Arguments(args, verb: "show", valued: ["--format", "--colors", "--cols", "--rows", "--width"], switches: [])
        if arguments.wantsHelp { return console.out(help) }
        guard let file = try arguments.positionals(max: 1, what: "").first else { throw arguments.usage("needs a PNG file") }
        let format = try choice(arguments, "--format", ImageFormat.allCases.map(\.rawValue) + ["auto"])
        let colors = try choice(arguments, "--colors", ColorDepth.allCases.map(\.rawValue) + ["auto"])
        let columns = try arguments.int("--cols", in: 1...4000), rows = try arguments.int("--rows", in: 1...4000)
        let width = try arguments.int("--width", in: 1...8192)

        let image: RGBImage
        do { image = try PNGCodec.readImage(path: file) } catch {
            throw CLIError.failure("ganvas: \(printable(file)): \(error)")
        }
        let onTerminal = isatty(1) == 1
        var profile = TerminalProfile(variable: console.variable)
        if onTerminal && format == "auto" {
            profile.apply(TerminalProbe.run(fd: 1, inTmux: profile.inTmux))
        }
        let screen = onTerminal ? TerminalProbe.windowSize(fd: 1).map { size in
            Placement.Screen(columns: size.columns, rows: size.rows,
                             cellWidth: profile.cellWidth ?? (size.width > 0 ? size.width / size.columns : Placement.defaultCell.width),
                             cellHeight: profile.cellHeight ?? (size.height > 0 ? size.height / size.rows : Placement.defaultCell.height))
        } : nil
        let chosen = format == "auto" ? ImageFormat.best(for: profile) : ImageFormat(rawValue: format)!
        // Piped output has no terminal to ask: full colour, unless NO_COLOR says otherwise.
        let noColor = !(console.variable("NO_COLOR") ?? "").isEmpty
        let depth = colors != "auto" ? ColorDepth(rawValue: colors)! : onTerminal ? profile.colors : noColor ? .none : .full
        let placement = Placement.fit(width: image.width, height: image.height, format: chosen, columns: columns, rows: rows,
                                      pixelWidth: width, screen: screen)
        var bytes = try Renderer.render(image, format: chosen, placement: placement, colors: depth,
                                        sixelRegisters: profile.sixelRegisters, inTmux: profile.inTmux)
        if chosen.textMode == nil && onTerminal { bytes.append(0x0A) }
        console.write(bytes)
    }

    static func choice(_ arguments: Arguments, _ name: String, _ allowed: [String]) throws -> String {
        guard let value = arguments.string(name) else { return "auto" }
        guard allowed.contains(value) else {
            throw arguments.usage("\(name) must be one of \(allowed.joined(separator: ", ")), got '\(printable(value))'")
        }
        return value
    }
}
