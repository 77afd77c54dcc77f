import Foundation
import SafeFiles
import Studio
import Styles
import TUI

/// The names a person gave a style's directions, kept across sessions (Artbreeder keeps its
/// "genes" named): `$XDG_CONFIG_HOME/ganvas/names/STYLE.names`, the `name1 = …` lines of a preset.
enum DirectionNamesFile {
    static func folder(_ environment: [String: String]) -> String { ShippedFolders.userConfig("names", environment: environment) }

    /// The saved names of every style that has some; unreadable files are skipped.
    static func load(styles: [String], environment: [String: String]) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for style in styles {
            guard let text = try? ReadableFile.text(at: path(style, environment), limit: ConfigFile.maxBytes),
                  let preset = try? Preset(name: style, text: text) else { continue }
            result[style] = zip(preset.names, StudioState.defaultNames).map { $0 ?? $1 }
        }
        return result
    }

    static func save(_ names: [String], style: String, environment: [String: String]) throws {
        var preset = Preset(name: style)
        preset.names = zip(names, StudioState.defaultNames).map { $0 == $1 ? nil : $0 }
        try FileManager.default.createDirectory(atPath: folder(environment), withIntermediateDirectories: true)
        try AtomicWrite.write(Array(preset.text.utf8), to: path(style, environment))
    }

    /// Style names come from model cards: only [A-Za-z0-9._-] reaches the file name.
    static func path(_ style: String, _ environment: [String: String]) -> String {
        let stem = String(style.unicodeScalars.map { scalar -> Character in
            let kept = scalar.properties.isAlphabetic && scalar.isASCII || ("0"..."9").contains(scalar)
                || "._-".unicodeScalars.contains(scalar)
            return kept ? Character(scalar) : "_"
        })
        return folder(environment) + "/" + (stem.hasPrefix(".") ? "_" + stem.dropFirst() : stem) + ".names"
    }
}
