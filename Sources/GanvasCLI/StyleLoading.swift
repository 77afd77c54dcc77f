import Neural
import Styles

/// A style ready to draw with: its file, its loaded generator, and the digest recipes cite.
struct LoadedStyle {
    let style: Style
    let generator: Generator
    let sha256: String

    init(_ style: Style) throws {
        self.style = style
        do {
            (generator, sha256) = try style.loadWithDigest()
        } catch {
            throw CLIError.failure("ganvas: cannot load style '\(style.name)' from \(printable(style.path)): \(error)")
        }
    }

    /// Finds a style by name or path and loads it.
    init(nameOrPath: String?, catalog: StyleCatalog) throws {
        let style: Style
        do { style = try catalog.style(nameOrPath) } catch { throw CLIError.failure("ganvas: \(error)") }
        try self.init(style)
    }
}
