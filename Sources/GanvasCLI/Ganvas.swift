import CTempFiles
import Gallery
import Styles
import TerminalText

/// The `ganvas` command line: dispatches verbs and turns errors into one line and an exit code.
public enum Ganvas {
    public static let version = Provenance.version

    public static let usage = """
    ganvas \(version) — a terminal art studio for GAN-generated pictures

    usage: ganvas [--style NAME] [--theme NAME] [--gallery DIR]     open the studio
           ganvas <command> [options]

    commands:
      studio     the interactive studio (the same as 'ganvas' alone)
      generate   make pictures from seeds and save them as PNG
      regen      make a picture again from the recipe inside its PNG
      styles     list the installed styles
      show       print a picture on the terminal (sixel, kitty, iTerm2 or Unicode blocks)
      interpolate  walk from one seed or picture to another: a GIF and PNG frames
      gallery    list the gallery (gallery list [--json])
      export     copy pictures scaled x1-x8, with a contact sheet
      enhance    enlarge a picture with a style's learned upscaler
      encode     turn any PNG into a style's closest picture (then slide, breed, walk it)
      bench      time the generator engine

    options:
      -h, --help     show help (also after a command: ganvas generate --help)
      --version      print the version
    """

    /// Runs one command line (without the program name); returns the exit status.
    public static func run(_ args: [String], console: Console) -> Int32 {
        do {
            try dispatch(args, console: console)
            return 0
        } catch let error as CLIError {
            console.err(TerminalText.escaped(error.message))  // errors are one line; data inside them is not trusted
            return error.exitCode
        } catch {
            console.err("ganvas: " + TerminalText.escaped("\(error)"))
            return 1
        }
    }

    static func dispatch(_ args: [String], console: Console) throws {
        guard let verb = args.first, !StudioCommand.isOption(verb) else {
            return try StudioCommand.run(args, console: console)
        }
        let rest = Array(args.dropFirst())
        // A command killed by SIGINT, SIGTERM or SIGHUP leaves no partial temp file behind.
        if verb != "studio" { ganvas_temp_install() }
        switch verb {
        case "studio": try StudioCommand.run(rest, console: console)
        case "generate": try GenerateCommand.run(rest, console: console)
        case "regen": try RegenCommand.run(rest, console: console)
        case "styles": try StylesCommand.run(rest, console: console)
        case "show": try ShowCommand.run(rest, console: console)
        case "bench": try BenchCommand.run(rest, console: console)
        case "gallery": try GalleryCommand.run(rest, console: console)
        case "export": try ExportCommand.run(rest, console: console)
        case "enhance": try EnhanceCommand.run(rest, console: console)
        case "encode": try EncodeCommand.run(rest, console: console)
        case "interpolate": try InterpolateCommand.run(rest, console: console)
        case "-h", "--help", "help": console.out(usage)
        case "--version", "version": console.out("ganvas \(version)")
        default:
            throw CLIError.usage("ganvas: unknown command '\(printable(verb))' (see 'ganvas --help')")
        }
    }
}
