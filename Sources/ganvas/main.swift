#if canImport(Glibc)
import Glibc
#endif
import GanvasCLI

/// The environment straight from `environ`: Foundation's `ProcessInfo` costs more start-up, which
/// counts for quick verbs like `show` (DESIGN.md, Speed). Built only when a command asks for all of
/// it; single variables come from getenv.
@Sendable func processEnvironment() -> [String: String] {
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

@Sendable func variable(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

exit(Ganvas.run(Array(CommandLine.arguments.dropFirst()), console: .standard(environment: processEnvironment, variable: variable)))
