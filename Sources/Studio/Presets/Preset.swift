/// A saved starting point: style, seed, ψ, slider values and names, the seed mixes (crossbreeds)
/// and another seed's colours.
public struct Preset: Equatable, Sendable {
    public static let maxMixes = 16
    public var name: String
    public var style: String?
    public var seed: UInt64?
    public var psi: Float?
    /// Crossbreeds with seeds, in order (a preset remakes the picture, mixes included).
    public var mixes: [Mix] = []
    /// Another seed's colours (style mixing).
    public var colours: Colours?
    public var values: [Float?] = [Float?](repeating: nil, count: StudioState.sliderCount)
    public var names: [String?] = [String?](repeating: nil, count: StudioState.sliderCount)

    public init(name: String) { self.name = name }

    /// Reads `presets/NAME.preset`: keys style, seed, psi, dir1…dir16 (values −3…3),
    /// name1…name16 (slider names), mix (`SEED:WEIGHT`, one line per mix, in order) and colours
    /// (`SEED:LEVEL:WEIGHT`).
    /// Unknown keys are errors, with their line.
    public init(name: String, text: String) throws {
        var problems: [ConfigFile.Problem] = []
        try self.init(name: name, text: text, problems: &problems)
        if let first = problems.first { throw first }
    }

    /// The same, keeping every good line: each bad line is skipped and added to `problems`.
    public init(name: String, text: String, problems: inout [ConfigFile.Problem]) throws {
        self.name = name
        for entry in try ConfigFile(parsing: text, problems: &problems).entries {
            do { try apply(entry) } catch let problem as ConfigFile.Problem { problems.append(problem) }
        }
        problems.sort { $0.line < $1.line }
    }

    /// One `key = value` line into the preset.
    mutating func apply(_ entry: ConfigFile.Entry) throws {
        func fail(_ message: String) -> ConfigFile.Problem { ConfigFile.Problem(entry.line, message) }
        switch entry.key {
        case "style":
            guard !entry.value.isEmpty, entry.value.count <= 40 else { throw fail("style must be a style name") }
            style = entry.value
        case "seed":
            guard let value = UInt64(entry.value) else { throw fail("seed must be a whole number from 0 to \(UInt64.max)") }
            seed = value
        case "psi":
            guard let value = Float(entry.value), value.isFinite, (0...2).contains(value) else {
                throw fail("psi must be a number from 0 to 2")
            }
            psi = value
        case "mix":
            let parts = entry.value.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let seed = UInt64(parts[0]), let t = Float(parts[1]), t.isFinite, (0...1).contains(t) else {
                throw fail("mix must be SEED:WEIGHT, a whole number and a weight from 0 to 1")
            }
            guard mixes.count < Self.maxMixes else { throw fail("at most \(Self.maxMixes) mixes") }
            mixes.append(Mix(seed: seed, t: t))
        case "colours":
            let parts = entry.value.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 3, let seed = UInt64(parts[0]), let level = Int(parts[1]), (0...15).contains(level),
                  let t = Float(parts[2]), t.isFinite, (0...1).contains(t) else {
                throw fail("colours must be SEED:LEVEL:WEIGHT, a whole number, a level from 0 to 15 and a weight from 0 to 1")
            }
            colours = Colours(seed: seed, level: level, t: t)
        default:
            if let i = Self.index(entry.key, prefix: "dir") {
                guard let value = Float(entry.value), value.isFinite, abs(value) <= StudioState.editLimit else {
                    throw fail("\(entry.key) must be a number from -3 to 3")
                }
                values[i] = value
            } else if let i = Self.index(entry.key, prefix: "name") {
                guard !entry.value.isEmpty else { throw fail("\(entry.key) is empty") }
                names[i] = String(entry.value.prefix(12))
            } else {
                throw fail("unknown key '\(entry.key)' (known: style, seed, psi, mix, colours, dir1-dir\(StudioState.sliderCount), " +
                    "name1-name\(StudioState.sliderCount))")
            }
        }
    }

    static func index(_ key: String, prefix: String) -> Int? {
        guard key.hasPrefix(prefix), let n = Int(key.dropFirst(prefix.count)), (1...StudioState.sliderCount).contains(n) else { return nil }
        return n - 1
    }

    /// The file text, which `init(name:text:)` reads back to the same preset.
    public var text: String {
        var lines = ["# Ganvas preset '\(name)'"]
        if let style, !style.isEmpty { lines.append("style = \(style)") }  // none when no style was installed
        if let seed { lines.append("seed = \(seed)") }
        if let psi { lines.append("psi = \(psi)") }
        for mix in mixes { lines.append("mix = \(mix.seed):\(mix.t)") }
        if let colours { lines.append("colours = \(colours.seed):\(colours.level):\(colours.t)") }
        for (i, value) in values.enumerated() { if let value { lines.append("dir\(i + 1) = \(value)") } }
        for (i, name) in names.enumerated() { if let name { lines.append("name\(i + 1) = \(name)") } }
        return lines.joined(separator: "\n") + "\n"
    }
}
