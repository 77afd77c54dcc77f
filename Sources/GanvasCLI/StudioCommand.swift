#if canImport(Glibc)
import Glibc
#endif
import Gallery
import TermGraphics
import TUI
import App

/// `ganvas` alone (or `ganvas studio`): the interactive studio.
enum StudioCommand {
    static let help = """
    usage: ganvas [studio] [--style NAME] [--theme NAME] [--symbols S] [--gallery DIR]

    Opens the studio: pick a style, move latent sliders, save pictures to the gallery.
    Press ? inside for every key.

      --style NAME     start with this style (default: emoji)
      --theme NAME     colours: default, light, mono, or your own in ~/.config/ganvas/themes
                       (default: $GANVAS_THEME, else 'light' when the terminal says its
                       background is light, else 'default')
      --symbols S      the preview's symbols when it is drawn as text: blocks, quadrants,
                       halfblocks or sextants (default auto: sextants where the terminal draws
                       them itself, as kitty, foot, WezTerm and Ghostty do; blocks elsewhere,
                       as fonts lack sextants). Graphics (sixel, kitty) come first when the
                       terminal has them; the y key switches between graphics and each set.
      --gallery DIR    save pictures here (default: $XDG_PICTURES_DIR/ganvas or ~/Pictures/ganvas)
    """

    /// The studio's options, declared once: `ganvas --symbols sextants` opens the studio as
    /// `ganvas studio --symbols sextants` does.
    static let options = ["--style", "--theme", "--symbols", "--gallery"]

    /// Whether a first argument is one of the studio's options (so `ganvas OPTION…` is the studio).
    static func isOption(_ argument: String) -> Bool { options.contains(Arguments.split(argument).0) }

    static func run(_ args: [String], console: Console) throws {
        let arguments = try Arguments(args, verb: "studio", valued: options, switches: [])
        if arguments.wantsHelp { return console.out(help) }
        _ = try arguments.positionals(max: 0, what: "")
        let symbols = try ShowCommand.symbols(arguments)
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw CLIError.failure("ganvas: the studio needs a terminal; for scripts see 'ganvas --help'")
        }
        let gallery = arguments.string("--gallery").map { GalleryDirectory(path: $0) } ?? GalleryDirectory(environment: console.environment)
        let theme = arguments.string("--theme") ?? console.environment["GANVAS_THEME"]
        if let message = StudioApp.run(.init(style: arguments.string("--style"), theme: theme, symbols: symbols,
                                             gallery: gallery, environment: console.environment)) {
            throw CLIError.failure("ganvas: \(message)")
        }
    }
}
