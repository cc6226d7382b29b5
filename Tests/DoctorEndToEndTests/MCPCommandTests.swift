import DoctorTestSupport
import Foundation
import Testing

/// `openai-doctor mcp` as a client starts it: the real binary, which execs `openai-doctor-mcp`,
/// spoken to in JSON-RPC over a pipe. (The full client run is Tests/mcp/test_mcp_client.py.)
@Suite("mcp command")
struct MCPCommandTests {
    /// The built `openai-doctor`.
    static let executable = BuiltExecutable.openaiDoctor

    /// Writes `lines` to `openai-doctor mcp`, closes its input, and returns what it printed.
    static func exchange(
        _ lines: [String], arguments: [String] = []
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let run = try ChildProcess.runBlocking(
            executable.path, ["mcp"] + arguments,
            environment: ["PATH": "/usr/bin:/bin", "HOME": ChildProcess.temporaryDirectory],
            stdin: .text(lines.map { $0 + "\n" }.joined()), timeout: 60)
        return (run.status, run.stdout, run.stderr)
    }

    /// Runs `body` on a thread of its own: a blocking wait on one of Swift's cooperative threads
    /// (two on a 2-core machine) would stall the other tests' async work.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await onOwnThread(body)
    }

    @Test("mcp starts the server: it answers initialize and lists the five tools, then exits 0 on end of input")
    func startsTheServer() async throws {
        let result = try await Self.onThread {
            try Self.exchange(
                [
                    #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#,
                    #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
                    #"{"jsonrpc":"2.0","id":2,"method":"tools/list"}"#,
                ], arguments: ["--allow-host", "gateway.example.net"])
        }
        #expect(result.status == 0, "\(result.stderr)")
        let messages = result.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(
            messages.count == result.stdout.split(separator: "\n").count, "stdout holds JSON-RPC only: \(result.stdout)"
        )
        let initialize = messages.first { $0["id"] as? Int == 1 }?["result"] as? [String: Any]
        #expect((initialize?["serverInfo"] as? [String: Any])?["name"] as? String == "openai-doctor")
        let tools =
            ((messages.first { $0["id"] as? Int == 2 }?["result"] as? [String: Any])?["tools"] as? [[String: Any]])
            ?? []
        #expect(
            tools.compactMap { $0["name"] as? String }.sorted() == [
                "audit", "check", "describe_cause", "explain", "redact",
            ])
    }

    @Test("mcp with a bad flag is a usage error (64)")
    func badFlag() async throws {
        let result = try await Self.onThread { try Self.exchange([], arguments: ["--no-such-flag"]) }
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
    }
}
