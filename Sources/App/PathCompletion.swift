import Foundation
import SafeFiles
import TUI

/// Tab in the studio's path prompt: completes the last part of a typed path against the folder it
/// names, as a shell does (folders and PNG files only).
enum PathCompletion {
    /// The text completed as far as every match agrees, and the matches' names (folders end in /).
    static func complete(_ text: String, home: String) -> (text: String, choices: [String]) {
        let slash = text.lastIndex(of: "/")
        let folder = slash.map { String(text[...$0]) } ?? ""
        let partial = slash.map { String(text[text.index(after: $0)...]) } ?? text
        let listed = expand(folder.isEmpty ? "." : folder, home: home)
        // Names as FileNames keeps them, so a name that is not UTF-8 completes to its real bytes.
        guard let names = FileNames.contents(ofDirectory: listed) else { return (text, []) }
        let choices = names.filter { $0.hasPrefix(partial) && (partial.hasPrefix(".") || !$0.hasPrefix(".")) }
            .compactMap { name -> String? in
                var info = stat()
                guard FileNames.withSystemPath(listed + "/" + name, { stat($0, &info) }) == 0 else { return nil }
                if info.st_mode & S_IFMT == S_IFDIR { return name + "/" }
                return name.lowercased().hasSuffix(".png") ? name : nil
            }
            .sorted()
        guard let first = choices.first else { return (text, []) }
        let common = choices.dropFirst().reduce(first) { String($0.commonPrefix(with: $1)) }
        return (folder + common, choices)
    }

    /// `~` and `~/…` as the home folder (the studio's path prompts: open and save-to).
    static func expand(_ path: String, home: String) -> String {
        path == "~" || path.hasPrefix("~/") ? home + path.dropFirst() : path
    }
}
