#if canImport(Glibc)
import Glibc
#endif
import SafeFiles

/// Where a command writes. The real one goes to stdout/stderr; tests capture lines.
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void
    /// Raw bytes to standard output (pictures, escape sequences).
    public var write: @Sendable ([UInt8]) -> Void
    public var environment: [String: String]

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
                write: @escaping @Sendable ([UInt8]) -> Void, environment: [String: String]) {
        self.out = out
        self.err = err
        self.write = write
        self.environment = environment
    }

    public static func standard(environment: [String: String]) -> Console {
        // Unbuffered, so lines interleave correctly with other processes and survive a kill.
        Console(out: { writeAll(Array(($0 + "\n").utf8), to: 1) }, err: { writeAll(Array(($0 + "\n").utf8), to: 2) },
                write: { writeAll($0, to: 1) }, environment: environment)
    }
}

/// Text from files (names, cards, recipes) shown with control characters escaped, so no data
/// can send escape sequences to the terminal.
public func printable(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x20..<0x7F, 0xA0...: result.unicodeScalars.append(scalar)
        case 0x09: result += "\\t"
        case 0x0A: result += "\\n"
        default: result += "\\u{\(String(scalar.value, radix: 16))}"
        }
    }
    return result
}
