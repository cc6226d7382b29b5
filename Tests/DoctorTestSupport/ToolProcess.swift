#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Runs the real `openai-doctor` binary that `swift build` put beside the test runner: the one
/// runner of the end-to-end tests.
///
/// Exit codes, standard output and standard error are observed exactly as a person or another
/// tool sees them. The child gets ``ChildProcess/minimalEnvironment`` unless told otherwise, so
/// the host's OpenAI and proxy settings never leak into a test.
public enum ToolProcess {
    /// What a run produced.
    public struct Result: Sendable {
        /// The exit code (128 + the signal for a signalled child).
        public let status: Int32
        /// Standard output, decoded as UTF-8.
        public let stdout: String
        /// Standard error, decoded as UTF-8.
        public let stderr: String
    }

    /// The built `openai-doctor`.
    public static let executable = BuiltExecutable.openaiDoctor

    /// Runs the tool with `arguments`, feeding `stdin`, in `environment` (default: a minimal one
    /// with no OpenAI or proxy variables).
    ///
    /// The wait sleeps on the clock: blocking one of Swift's cooperative threads (two on a 2-core
    /// machine) would stall every other test's async work in the same process.
    public static func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil,
        currentDirectory: URL? = nil, timeout: Double = 60
    ) async throws -> Result {
        do {
            let run = try await ChildProcess.run(
                executable.path, arguments, environment: environment ?? ChildProcess.minimalEnvironment,
                currentDirectory: currentDirectory?.path, stdin: stdin.map(ChildProcess.Input.text) ?? .bytes([]),
                timeout: timeout)
            return Result(status: run.status, stdout: run.stdout, stderr: run.stderr)
        } catch is ChildProcess.TimedOut {
            throw TimedOut(arguments: arguments)
        }
    }

    /// The blocking run behind ``run(_:stdin:environment:currentDirectory:timeout:)``.
    public static func runBlocking(
        _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil,
        currentDirectory: URL? = nil, timeout: Double = 60
    ) throws -> Result {
        do {
            let run = try ChildProcess.runBlocking(
                executable.path, arguments, environment: environment ?? ChildProcess.minimalEnvironment,
                currentDirectory: currentDirectory?.path, stdin: stdin.map(ChildProcess.Input.text) ?? .bytes([]),
                timeout: timeout)
            return Result(status: run.status, stdout: run.stdout, stderr: run.stderr)
        } catch is ChildProcess.TimedOut {
            throw TimedOut(arguments: arguments)
        }
    }

    /// The tool did not finish in time.
    public struct TimedOut: Error, CustomStringConvertible {
        /// The arguments it was started with.
        public let arguments: [String]
        /// Names the run.
        public var description: String { "openai-doctor \(arguments.joined(separator: " ")) did not finish in time" }
    }
}
