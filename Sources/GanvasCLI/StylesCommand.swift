import Styles

/// `ganvas styles`: the installed styles, one per line, name first.
enum StylesCommand {
    static let help = """
    usage: ganvas styles [--paths]

    Lists the installed styles, one per line: name, resolution, the colour levels that
    --colours-from takes (colours 0-1; "-" where the style cannot mix colours), description.
    Styles are found in $GANVAS_MODELS, ~/.local/share/ganvas/models and the models Ganvas ships
    with (PREFIX/share/ganvas/models beside PREFIX/bin/ganvas, or a checkout's models/).

      --paths    add each style's file path
    """

    static func run(_ args: [String], console: Console) throws {
        let arguments = try Arguments(args, verb: "styles", valued: [], switches: ["--paths"])
        if arguments.wantsHelp { return console.out(help) }
        _ = try arguments.positionals(max: 0, what: "")
        let (styles, refused) = StyleCatalog(environment: console.environment).list()
        for (path, reason) in refused { console.err("ganvas: skipped \(printable(path)): \(printable(reason))") }
        guard !styles.isEmpty else { throw CLIError.failure("ganvas: no styles are installed") }
        let width = styles.map(\.name.count).max() ?? 0
        for style in styles {
            let name = style.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let size = "\(style.card.resolution)px".padding(toLength: 7, withPad: " ", startingAt: 0)
            let colours = colourLevels(style.mixingLevels).padding(toLength: 13, withPad: " ", startingAt: 0)
            var line = "\(name)  \(size)\(colours)\(printable(style.card.description))"
            if arguments.has("--paths") { line += "  (\(printable(style.path)))" }
            console.out(line)
        }
    }

    /// `colours 0-1` for a style whose gates give two levels, `colours -` for one with none.
    static func colourLevels(_ count: Int) -> String {
        switch count {
        case 0: "colours -"
        case 1: "colours 0"
        default: "colours 0-\(count - 1)"
        }
    }
}
