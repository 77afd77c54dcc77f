#if canImport(Glibc)
import Glibc
#endif

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
        Console(out: { writeAll(Array(($0 + "\n").utf8), to: 1) }, err: { writeAll(Array(($0 + "\n").utf8), to: 2) },
                write: { writeAll($0, to: 1) }, environment: environment)
    }

    /// Unbuffered, so lines interleave correctly with other processes and survive a kill.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) {
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            done += n
        }
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
