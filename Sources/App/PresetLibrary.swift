import Foundation
import Studio
import SafeFiles
import Styles
import TUI

/// Presets from the shipped presets/ and the user's $XDG_CONFIG_HOME/ganvas/presets (which wins
/// on equal names). A bad line is reported, with its file and line, and the rest of the preset
/// loads; only an unreadable file is skipped whole.
enum PresetLibrary {
    static func load(environment: [String: String]) -> (presets: [Preset], problems: [String]) {
        var byName: [String: Preset] = [:]
        var problems: [String] = []
        for folder in ShippedFolders.candidates("presets", environment: environment).reversed() + [userFolder(environment)] {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for file in names.sorted() where file.hasSuffix(".preset") {
                let name = String(file.dropLast(".preset".count))
                do {
                    guard let text = try ReadableFile.text(at: folder + "/" + file, limit: ConfigFile.maxBytes) else { continue }
                    var bad: [ConfigFile.Problem] = []
                    byName[name] = try Preset(name: name, text: text, problems: &bad)
                    problems += bad.map { "\(folder)/\(file): \($0)" }
                } catch {
                    problems.append("\(folder)/\(file): \(error)")
                }
            }
        }
        return (byName.values.sorted { $0.name < $1.name }, problems)
    }

    static func userFolder(_ environment: [String: String]) -> String { ShippedFolders.userConfig("presets", environment: environment) }
}
