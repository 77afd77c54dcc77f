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
        public init(_ line: Int, _ message: String) { description = "line \(line): \(message)" }
    }

    public let entries: [Entry]
    /// The largest theme or preset read.
    public static let maxBytes = 1 << 20

    public init(parsing text: String) throws {
        guard text.utf8.count <= Self.maxBytes else { throw Problem(0, "file is larger than 1 MiB") }
        var entries: [Entry] = [], seen: Set<String> = []  // a set: a 1 MiB file of 183k keys took 30 s with a list
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let trimmed = line.trimmedSpaces()
            if trimmed.isEmpty { continue }
            guard let eq = trimmed.firstIndex(of: "=") else { throw Problem(index + 1, "expected 'key = value'") }
            let key = trimmed[..<eq].trimmedSpaces(), value = trimmed[trimmed.index(after: eq)...].trimmedSpaces()
            guard !key.isEmpty else { throw Problem(index + 1, "missing key before '='") }
            guard seen.insert(key).inserted else { throw Problem(index + 1, "'\(key)' is set twice") }
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
