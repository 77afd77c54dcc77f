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

/// glibc's mallopt(3), declared in <malloc.h>, which the Glibc module leaves out.
@_silgen_name("mallopt") func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
let M_TRIM_THRESHOLD: Int32 = -1, M_MMAP_THRESHOLD: Int32 = -3

// Arguments as their bytes (a file name need not be UTF-8; see FileNames).
let arguments = (1..<Int(CommandLine.argc)).map { systemArgument(CommandLine.unsafeArgv[$0]!) }

// `show` is over in milliseconds: its big buffers come from the heap, not one mmap each, so a
// freed one is reused by the next (decode, palette, encode) instead of each costing fresh zeroed
// pages; 3-5 % of `ganvas show` on a small picture. Long-running commands keep glibc's adaptive
// threshold, which rises by itself after the first big buffer is freed.
if arguments.first == "show" {
    _ = mallopt(M_MMAP_THRESHOLD, 256 << 20)
    _ = mallopt(M_TRIM_THRESHOLD, 512 << 20)
}

exit(Ganvas.run(arguments, console: .standard(environment: processEnvironment, variable: variable)))
