#if canImport(Glibc)
import Glibc
#endif
import GanvasCLI

/// The environment straight from `environ`: Foundation's `ProcessInfo` builds its dictionary
/// through generic metadata look-ups that cost about a millisecond of start-up, which counts for
/// quick verbs like `show` (DESIGN.md, Speed).
func processEnvironment() -> [String: String] {
    var environment: [String: String] = [:]
    var entry = environ
    while let pointer = entry.pointee {
        let text = String(cString: pointer)
        if let equals = text.firstIndex(of: "=") {
            let key = String(text[..<equals])
            // The first definition wins, as getenv(3) does.
            if environment[key] == nil { environment[key] = String(text[text.index(after: equals)...]) }
        }
        entry += 1
    }
    return environment
}

exit(Ganvas.run(Array(CommandLine.arguments.dropFirst()), console: .standard(environment: processEnvironment())))
