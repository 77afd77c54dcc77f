/// How a command fails: bad usage (exit 2) or a failure at run time (exit 1). One line each.
public enum CLIError: Error, Equatable {
    case usage(String)
    case failure(String)
    /// A signal stopped the work (after it cleaned up): the shell's 128 + SIGINT.
    case interrupted(String)

    public var exitCode: Int32 {
        switch self {
        case .usage: return 2
        case .failure: return 1
        case .interrupted: return 130
        }
    }

    /// `body`'s value; an error it throws that is not already a CLIError becomes a one-line
    /// failure, "`prefix`the error".
    static func failing<T>(_ prefix: String = "ganvas: ", _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as CLIError { throw error } catch { throw CLIError.failure("\(prefix)\(error)") }
    }

    public var message: String {
        switch self {
        case .usage(let text), .failure(let text), .interrupted(let text): return text
        }
    }
}
