import DoctorTestSupport
import Foundation

/// Runs the real `openai-doctor` binary that `swift build` put next to the test bundle.
///
/// Every CLI test goes through here, so exit codes, standard output and standard error are
/// observed exactly as a person or another tool sees them.
struct ToolProcess {
    /// What a run produced.
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The built executable.
    static let executable: URL = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        // On macOS the runner sits inside the .xctest bundle; on Linux beside it.
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("openai-doctor").path),
            directory.path != "/"
        {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("openai-doctor")
    }()

    /// Runs the tool with `arguments`, feeding `stdin`, in `environment` (default: a minimal one
    /// with no OpenAI or proxy variables, so the host's settings never leak into a test).
    ///
    /// The wait sleeps on the clock: blocking one of Swift's cooperative threads (two on a 2-core
    /// machine) would stall every other test's async work in the same process.
    static func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil,
        currentDirectory: URL? = nil, timeout: TimeInterval = 60
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
    static func runBlocking(
        _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil,
        currentDirectory: URL? = nil, timeout: TimeInterval = 60
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
    struct TimedOut: Error, CustomStringConvertible {
        let arguments: [String]
        var description: String { "openai-doctor \(arguments.joined(separator: " ")) did not finish in time" }
    }
}
