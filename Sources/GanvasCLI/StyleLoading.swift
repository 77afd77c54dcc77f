import Gallery
import Styles
import PictureMaking

/// Loading styles for commands: failures become one line naming the style and its file.
extension LoadedStyle {
    static func forCommand(_ style: Style) throws -> LoadedStyle {
        do {
            return try LoadedStyle(style)
        } catch {
            throw CLIError.failure("ganvas: cannot load style '\(style.name)' from \(printable(style.path)): \(error)")
        }
    }

    /// Finds a style by name or path and loads it.
    static func forCommand(nameOrPath: String?, catalog: StyleCatalog) throws -> LoadedStyle {
        let style: Style
        do { style = try catalog.style(nameOrPath) } catch { throw CLIError.failure("ganvas: \(error)") }
        return try forCommand(style)
    }
}
