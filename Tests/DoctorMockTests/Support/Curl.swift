import DoctorCore
import DoctorTestSupport
import Foundation

/// Runs the real curl against the mock: the client whose exit codes name each transport failure.
struct Curl {
    /// What one curl run produced.
    struct Result {
        var exitCode: Int32
        var output: String
        var errorOutput: String

        /// The head and body of `-i` output, parsed by the suite's one parser.
        var head: HTTPHead { HTTPHead(output) }

        /// The status code of the first response, from `-i` output.
        var status: Int? { head.status }

        /// The body after the header block of `-i` output.
        var body: String { head.body }

        /// The header lines of `-i` output (not including the status line).
        var headerLines: [String] { head.lines }

        /// The first value of a header, name compared without case.
        func header(_ name: String) -> String? { head.fields[name] }
    }

    /// Runs `curl -sS ARGUMENTS` with a 20-second bound so that no test hangs. The wait sleeps
    /// on the clock rather than blocking one of Swift's cooperative threads (two on this machine).
    static func run(_ arguments: [String]) async throws -> Result {
        let run = try await ChildProcess.run("/usr/bin/curl", ["-sS", "--max-time", "20"] + arguments, timeout: 30)
        return Result(exitCode: run.status, output: run.stdout, errorOutput: run.stderr)
    }

    /// Runs blocking `work` on a dedicated thread and resumes with its result.
    static func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await onOwnThread(work)
    }

    static func runBlocking(_ arguments: [String]) throws -> Result {
        let run = try ChildProcess.runBlocking("/usr/bin/curl", ["-sS", "--max-time", "20"] + arguments, timeout: 30)
        return Result(exitCode: run.status, output: run.stdout, errorOutput: run.stderr)
    }

    /// `curl -i` a path of the server with optional headers and JSON body.
    static func request(
        _ base: String, _ path: String, method: String = "GET", headers: [String] = [], json: String? = nil,
        extra: [String] = []
    ) async throws -> Result {
        var arguments = ["-i", "-X", method]
        for header in headers { arguments += ["-H", header] }
        if let json { arguments += ["-H", "Content-Type: application/json", "--data-binary", json] }
        return try await run(arguments + extra + [base + path])
    }
}
