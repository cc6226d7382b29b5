import ArgumentParser
import DoctorCore
import DoctorMonitor

/// Why a command could not do its work, with what it was working on (the file, the flag, the
/// address): the one list of the tool's own failures, as opposed to diagnoses.
///
/// Commands throw these and never print them: ``CommandEdge`` writes ``message`` to standard
/// error and exits with ``exitCode``, the one mapping from a failure to what a person sees.
///
/// ```swift
/// throw CLIError.unreadableInput(path: "report.json", reason: "No such file or directory")
/// // stderr: openai-doctor: cannot read report.json: No such file or directory   (exit 66)
/// ```
public enum CLIError: Error, CustomStringConvertible {
    /// An input file cannot be read, or an output file written (exit 66).
    case unreadableInput(path: String, reason: String)
    /// A usage problem found after parsing (exit 64).
    case usage(String)
    /// `baseline save`: check found a problem, so the configuration is not saved (exit 1).
    case notAWorkingConfiguration(cause: CauseID?)
    /// `monitor`: `/metrics` cannot be served (exit 64 for an address this machine does not have, else 1).
    case metricsNotServed(MonitorError)
    /// `mock`: the server cannot start (an unset `--accept-key-env` variable, a port in use).
    ///
    /// Reported as ArgumentParser reports an unexpected error (`Error: …`, exit 1), as `mock` always did.
    case mockNotStarted(reason: String)
    /// `redact`: an input cannot be redacted (binary, unreadable); the other inputs still are (exit 66).
    case inputNotRedacted(any Error)
    /// `redact`: the `--output` file cannot be created (exit 66).
    case redactionOutputNotCreated(any Error)
    /// `redact`: writing or closing the output failed midway (exit 70).
    case redactionOutputFailed(any Error)
    /// `audit`: the `--output` report cannot be written (exit 70).
    case auditReportNotWritten(any Error)
    /// `audit`: a path named on the command line cannot be read, and no credential was found (exit 66).
    case namedPathsUnreadable
    /// `mcp`: `openai-doctor-mcp` is not beside this executable (exit 70); in a SwiftPM build
    /// folder of a checkout, `buildCommand` is the command that builds it there.
    case mcpServerMissing(buildCommand: String?)
    /// `mcp`: `openai-doctor-mcp` is there but cannot be started (exit 70).
    case mcpServerNotStarted(path: String, reason: String)
    /// `openai-doctor-mcp`: serving stopped on an error (exit 70).
    case mcpServerFailed(any Error)

    /// The failure in one line, without the tool's name (what the MCP server's `check` tool returns).
    public var description: String {
        switch self {
        case .unreadableInput(let path, let reason): return "cannot read \(path): \(reason)"
        case .usage(let message): return message
        case .notAWorkingConfiguration(let cause):
            return "check finds a problem (\(cause?.rawValue ?? "see check")): not a working configuration; "
                + "nothing saved (use --force to save anyway)"
        case .metricsNotServed(let error): return "\(error)"
        case .mockNotStarted(let reason): return reason
        case .inputNotRedacted(let error), .redactionOutputNotCreated(let error), .redactionOutputFailed(let error),
            .auditReportNotWritten(let error):
            return "\(error)"
        case .namedPathsUnreadable: return "a path given cannot be read"
        case .mcpServerMissing(let command?):
            return
                "mcp: the MCP server \(RootCommand.MCP.serverExecutable) is not built in this checkout; build it with: "
                + command
        case .mcpServerMissing(nil):
            return "mcp: \(RootCommand.MCP.serverExecutable) is not installed beside openai-doctor"
        case .mcpServerNotStarted(let path, let reason): return "mcp: cannot start \(path): \(reason)"
        case .mcpServerFailed(let error): return "mcp: \(Redactor.redact("\(error)"))"
        }
    }

    /// What standard error shows: `openai-doctor: ` and the description; `nil` when the command
    /// has shown it already (`audit` lists each unreadable path as it reports).
    public var message: String? {
        switch self {
        case .mockNotStarted(let reason): return "Error: \(reason)"
        case .namedPathsUnreadable: return nil
        default: return "openai-doctor: \(description)"
        }
    }

    /// The exit code docs/product.md assigns.
    public var exitCode: ExitCode {
        switch self {
        case .unreadableInput, .inputNotRedacted, .redactionOutputNotCreated, .namedPathsUnreadable:
            return ExitCodes.inputUnreadable
        case .usage: return ExitCodes.usage
        case .notAWorkingConfiguration: return ExitCodes.problem
        case .metricsNotServed(let error): return error.isUsageError ? ExitCodes.usage : ExitCodes.problem
        case .mockNotStarted: return ExitCodes.problem
        case .redactionOutputFailed, .auditReportNotWritten, .mcpServerMissing, .mcpServerNotStarted, .mcpServerFailed:
            return ExitCodes.internalError
        }
    }
}
