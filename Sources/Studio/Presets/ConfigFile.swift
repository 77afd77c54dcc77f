/// The `key = value` files people edit (themes, presets): `#` starts a comment, blank lines are
/// skipped, and every problem names its line.
public struct ConfigFile: Sendable {
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: String
        public var line: Int
    }

    public struct Problem: Error, CustomStringConvertible, Equatable {
        public let description: String
        public let line: Int
        public init(_ line: Int, _ message: String) {
            self.line = line
            description = "line \(line): \(message)"
        }
    }

    public let entries: [Entry]
    /// The largest theme or preset read.
    public static let maxBytes = 1 << 20

    /// Reads every line; the first bad one is thrown.
    public init(parsing text: String) throws {
        var problems: [Problem] = []
        try self.init(parsing: text, problems: &problems)
        if let first = problems.first { throw first }
    }

    /// Reads every good line; each bad one (no `=`, no key, a key set twice) is skipped and
    /// added to `problems`. Only a file over the size limit throws.
    public init(parsing text: String, problems: inout [Problem]) throws {
        guard text.utf8.count <= Self.maxBytes else { throw Problem(0, "file is larger than 1 MiB") }
        var entries: [Entry] = [], seen: Set<String> = []  // a set: a 1 MiB file of 183k keys took 30 s with a list
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let trimmed = line.trimmedSpaces()
            if trimmed.isEmpty { continue }
            guard let eq = trimmed.firstIndex(of: "=") else { problems.append(Problem(index + 1, "expected 'key = value'")); continue }
            let key = trimmed[..<eq].trimmedSpaces(), value = trimmed[trimmed.index(after: eq)...].trimmedSpaces()
            guard !key.isEmpty else { problems.append(Problem(index + 1, "missing key before '='")); continue }
            guard seen.insert(key).inserted else { problems.append(Problem(index + 1, "'\(key)' is set twice")); continue }
            entries.append(Entry(key: key, value: value, line: index + 1))
        }
        self.entries = entries
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and carriage returns.
    func trimmedSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
