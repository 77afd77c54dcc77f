#if canImport(Glibc)
import Glibc
#endif
import Gallery
import TUI

/// `ganvas` alone (or `ganvas studio`): the interactive studio.
enum StudioCommand {
    static let help = """
    usage: ganvas [studio] [--style NAME] [--theme NAME] [--gallery DIR]

    Opens the studio: pick a style, move latent sliders, save pictures to the gallery.
    Press ? inside for every key.

      --style NAME     start with this style (default: emoji)
      --theme NAME     colours: default, light, mono, or your own in ~/.config/ganvas/themes
                       (default: $GANVAS_THEME or 'default')
      --gallery DIR    save pictures here (default: $XDG_PICTURES_DIR/ganvas or ~/Pictures/ganvas)
    """

    static func run(_ args: [String], console: Console) throws {
        let arguments = try Arguments(args, verb: "studio", valued: ["--style", "--theme", "--gallery"], switches: [])
        if arguments.wantsHelp { return console.out(help) }
        _ = try arguments.positionals(max: 0, what: "")
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw CLIError.failure("ganvas: the studio needs a terminal; for scripts see 'ganvas --help'")
        }
        let gallery = arguments.string("--gallery").map { GalleryDirectory(path: $0) } ?? GalleryDirectory(environment: console.environment)
        if let message = StudioApp.run(.init(style: arguments.string("--style"), theme: arguments.string("--theme") ?? console.environment["GANVAS_THEME"] ?? "default",
                                                gallery: gallery, environment: console.environment)) {
            throw CLIError.failure("ganvas: \(message)")
        }
    }
}
