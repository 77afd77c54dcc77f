import Foundation
import Studio
import SafeFiles
import Styles

extension Theme {
    static let roleNames: [String: Role] = [
        "normal": .normal, "dim": .dim, "title": .title, "header": .header, "focus-header": .focusHeader,
        "selected": .selected, "active": .active, "bar": .bar, "knob": .knob, "status": .status,
        "accent": .accent, "overlay": .overlay,
    ]
    static let colourNames: [String: Int16] = [
        "default": -1, "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "grey": 8, "gray": 8, "bright-black": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11,
        "bright-blue": 12, "bright-magenta": 13, "bright-cyan": 14, "bright-white": 15,
    ]

    /// Reads a theme file: `ROLE = FG [on BG] [bold] [reverse]`, colours by name or 0-255.
    /// Roles not listed keep the standard theme's look; unknown roles and words are errors.
    public init(parsing text: String) throws {
        var entries = Theme.standard.entries
        for entry in try ConfigFile(parsing: text).entries {
            func fail(_ message: String) -> ConfigFile.Problem { ConfigFile.Problem(entry.line, message) }
            guard let role = Self.roleNames[entry.key] else {
                throw fail("unknown role '\(entry.key)' (known: \(Self.roleNames.keys.sorted().joined(separator: ", ")))")
            }
            var words = entry.value.lowercased().split(separator: " ").map(String.init)
            var style = Entry(foreground: -1, background: -1)
            style.bold = words.contains("bold")
            style.reverse = words.contains("reverse")
            words.removeAll { $0 == "bold" || $0 == "reverse" }
            func colour(_ word: String) throws -> Int16 {
                if let named = Self.colourNames[word] { return named }
                guard let n = Int16(word), (0...255).contains(n) else { throw fail("'\(word)' is not a colour (a name, or 0 to 255)") }
                return n
            }
            switch words.count {
            case 0: break
            case 1: style.foreground = try colour(words[0])
            case 3 where words[1] == "on":
                style.foreground = try colour(words[0])
                style.background = try colour(words[2])
            default: throw fail("expected 'FG [on BG] [bold] [reverse]'")
            }
            entries[role] = style
        }
        self.init(entries: entries)
    }

    /// A theme by name: the user's $XDG_CONFIG_HOME/ganvas/themes/NAME.theme first, then the
    /// shipped themes/. Errors are one line naming the file.
    public static func named(_ name: String, environment: [String: String]) throws -> Theme {
        try lookedUp(name, environment: environment).theme
    }

    /// The same, and a note when the user's config folder could not be read (a file where the
    /// folder should be, no permission): that is no theme of theirs, so the shipped one is used.
    public static func lookedUp(_ name: String, environment: [String: String]) throws -> (theme: Theme, note: String?) {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw ConfigFile.Problem(0, "theme name '\(name)' must be letters, digits, - and _")
        }
        let user = ShippedFolders.userConfig("themes", environment: environment)
        let folders = [user] + ShippedFolders.candidates("themes", environment: environment)
        var note: String?
        for folder in folders {
            let path = folder + "/" + name + ".theme"
            do {
                guard let text = try ReadableFile.text(at: path, limit: ConfigFile.maxBytes) else { continue }
                return (try Theme(parsing: text), note)
            } catch let error as FileError where folder == user && [ENOTDIR, EACCES, ELOOP, EISDIR].contains(error.code ?? 0) {
                note = "cannot read \(path) (\(error)); using the shipped theme"
            } catch {
                throw ConfigFile.Problem(0, "\(path): \(error)")
            }
        }
        throw ConfigFile.Problem(0, "no theme named '\(name)' in \(folders.joined(separator: " or "))")
    }
}
