import ArgumentParser

/// Errors of the command-line tool itself (not diagnoses), each with its exit code.
public enum CLIError: Error, CustomStringConvertible {
    /// An input file cannot be read (exit 66).
    case unreadableInput(path: String, reason: String)
    /// A command that is not built yet (exit 70).
    case notBuiltYet(String)
    /// A usage problem found after parsing (exit 64).
    case usage(String)

    /// A one-line message for standard error.
    public var description: String {
        switch self {
        case .unreadableInput(let path, let reason): return "cannot read \(path): \(reason)"
        case .notBuiltYet(let name): return "\(name) is not built yet"
        case .usage(let message): return message
        }
    }

    /// The exit code product.md assigns.
    public var exitCode: ExitCode {
        switch self {
        case .unreadableInput: return ExitCodes.inputUnreadable
        case .notBuiltYet: return ExitCodes.internalError
        case .usage: return ExitCodes.usage
        }
    }
}
