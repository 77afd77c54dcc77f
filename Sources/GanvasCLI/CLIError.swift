/// How a command fails: bad usage (exit 2) or a failure at run time (exit 1). One line each.
public enum CLIError: Error, Equatable {
    case usage(String)
    case failure(String)

    public var exitCode: Int32 {
        switch self {
        case .usage: return 2
        case .failure: return 1
        }
    }

    public var message: String {
        switch self {
        case .usage(let text), .failure(let text): return text
        }
    }
}
