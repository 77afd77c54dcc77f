#if canImport(Glibc)
import Glibc
#endif
import SafeFiles
import TerminalText

/// Where a command writes. The real one goes to stdout/stderr; tests capture lines.
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void
    /// Raw bytes to standard output (pictures, escape sequences).
    public var write: @Sendable ([UInt8]) -> Void
    /// The environment, built when asked for: a `[String: String]`'s first use makes the Swift
    /// runtime scan every protocol conformance in the binary (about 0.2 ms), which quick verbs
    /// like `show` skip by asking `variable` for the few names they need.
    public var environment: [String: String] { makeEnvironment() }
    /// One environment variable, without building the dictionary.
    public var variable: @Sendable (String) -> String?
    private var makeEnvironment: @Sendable () -> [String: String]

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
                write: @escaping @Sendable ([UInt8]) -> Void, environment: [String: String]) {
        self.init(out: out, err: err, write: write, environment: { environment }, variable: { environment[$0] })
    }

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
                write: @escaping @Sendable ([UInt8]) -> Void,
                environment: @escaping @Sendable () -> [String: String], variable: @escaping @Sendable (String) -> String?) {
        self.out = out
        self.err = err
        self.write = write
        self.makeEnvironment = environment
        self.variable = variable
    }

    public static func standard(environment: [String: String]) -> Console {
        standard(environment: { environment }, variable: { environment[$0] })
    }

    /// The process's own streams and environment (`variable` reads it with getenv).
    public static func standard(environment: @escaping @Sendable () -> [String: String],
        variable: @escaping @Sendable (String) -> String?) -> Console {
        // Unbuffered, so lines interleave correctly with other processes and survive a kill.
        Console(out: { writeAll(Array(($0 + "\n").utf8), to: 1) }, err: { writeAll(Array(($0 + "\n").utf8), to: 2) },
                write: { writeAll($0, to: 1) }, environment: environment, variable: variable)
    }
}

/// Text from files (names, cards, recipes) shown with control characters escaped, so no data
/// can send escape sequences to the terminal.
public func printable(_ text: String) -> String { TerminalText.escaped(FileNames.display(text)) }

/// A command-line argument kept byte for byte, so a file name that isn't UTF-8 still opens.
public func systemArgument(_ argument: UnsafePointer<CChar>) -> String {
    FileNames.string(fromSystem: UnsafeRawBufferPointer(start: argument, count: strlen(argument)))
}
