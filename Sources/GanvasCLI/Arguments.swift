/// A verb's command line, parsed against the options it declares.
///
/// Arrays, not a dictionary and sets: a handful of options is searched as fast, and the first
/// `Set<String>` or `[String: String]` makes the Swift runtime scan every protocol conformance in
/// the binary (about 0.2 ms of a quick verb like `show`).
struct Arguments {
    let verb: String
    private(set) var values: [(name: String, value: String)] = []
    private(set) var flags: [String] = []
    private(set) var positionals: [String] = []

    /// `valued`: options that take a value (`--seed 7` or `--seed=7`); `switches`: bare flags.
    init(_ args: [String], verb: String, valued: [String], switches: [String]) throws {
        self.verb = verb
        var i = 0
        var onlyPositionals = false
        while i < args.count {
            let arg = args[i]
            i += 1
            if onlyPositionals || !arg.hasPrefix("-") || arg == "-" {
                positionals.append(arg)
                continue
            }
            if arg == "--" { onlyPositionals = true; continue }
            if arg == "-h" || arg == "--help" { flags.append("--help"); continue }
            let (name, inline) = Self.split(arg)
            if valued.contains(name) {
                guard string(name) == nil else { throw usage("\(name) is given twice") }
                if let inline {
                    values.append((name, inline))
                } else {
                    guard i < args.count else { throw usage("\(name) needs a value") }
                    values.append((name, args[i]))
                    i += 1
                }
            } else if switches.contains(name), inline == nil {
                if !flags.contains(name) { flags.append(name) }
            } else {
                throw usage("unknown option '\(printable(arg))'")
            }
        }
    }

    static func split(_ arg: String) -> (String, String?) {
        guard arg.hasPrefix("--"), let eq = arg.firstIndex(of: "=") else { return (arg, nil) }
        return (String(arg[..<eq]), String(arg[arg.index(after: eq)...]))
    }

    func usage(_ message: String) -> CLIError {
        .usage("ganvas \(verb): \(message) (see 'ganvas \(verb) --help')")
    }

    var wantsHelp: Bool { flags.contains("--help") }
    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// `--enhance on|off` (default on): whether pictures larger than the model's pixels go
    /// through the style's learned upscaler, or are plain resamplings.
    func enhance() throws -> Bool {
        switch string("--enhance") ?? "on" {
        case "on": return true
        case "off": return false
        case let other: throw usage("--enhance must be on or off, got '\(printable(other))'")
        }
    }
    func string(_ name: String) -> String? { values.first { $0.name == name }?.value }

    func uint64(_ name: String) throws -> UInt64? {
        guard let text = string(name) else { return nil }
        guard let value = UInt64(text) else {
            throw usage("\(name) must be a whole number from 0 to \(UInt64.max), got '\(printable(text))'")
        }
        return value
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw usage("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(printable(text))'")
        }
        return value
    }

    func float(_ name: String, in range: ClosedRange<Float>) throws -> Float? {
        guard let text = string(name) else { return nil }
        guard let value = Float(text), value.isFinite, range.contains(value) else {
            throw usage("\(name) must be a number from \(range.lowerBound) to \(range.upperBound), got '\(printable(text))'")
        }
        return value
    }

    /// Refuses positionals beyond `max`.
    func positionals(max: Int, what: String) throws -> [String] {
        guard positionals.count <= max else { throw usage("unexpected argument '\(printable(positionals[max]))'") }
        return positionals
    }
}
