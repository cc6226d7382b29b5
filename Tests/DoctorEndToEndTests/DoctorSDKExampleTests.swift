import DoctorCore
import DoctorMock
import DoctorTestSupport
import Foundation
import Testing

/// The mock's journal once `count` entries are in: it journals a request when its answer has
/// been written, a moment after the client may already hold it.
private func journal(_ server: MockServer, testID: String? = nil, count: Int = 1) async -> [JournalEntry] {
    let deadline = ContinuousClock.now + .seconds(2)
    while server.journal.entries(testID: testID).count < count, ContinuousClock.now < deadline {
        try? await Task.sleep(for: .milliseconds(10))
    }
    return server.journal.entries(testID: testID)
}

/// The example executable, run as a process against the mock.
@Suite("doctor-sdk-example against the mock", .serialized, .timeLimit(.minutes(1)))
struct DoctorSDKExampleTests {
    /// The built example.
    static let executable = BuiltExecutable.sdkExample

    /// Runs the example (the suite's one process runner, on posix_spawn).
    static func run(
        _ arguments: [String], environment: [String: String]
    ) async throws -> (status: Int32, stdout: String, stderr: String) {
        let result = try await ChildProcess.run(executable.path, arguments, environment: environment, timeout: 50)
        return (result.status, result.stdout, result.stderr)
    }

    @Test("a quota failure: exactly one JSON line with cause, request_id and status; exit 1; the key nowhere")
    func quotaOneLine() async throws {
        try await withMockServer { server in
            server.setScenario(try #require(ScenarioName("billing.quota_exceeded")))
            let key = TestKey.project()
            let result = try await Self.run(
                ["--base-url", server.baseURL + "/v1"], environment: ["OPENAI_API_KEY": key, "PATH": "/usr/bin:/bin"])
            #expect(result.status == 1)
            let lines = result.stdout.split(separator: "\n")
            try #require(lines.count == 1, "stdout: \(result.stdout)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
            #expect(object["cause"] as? String == "billing.quota_exceeded")
            #expect(object["status"] as? Int == 429)
            #expect((object["request_id"] as? String)?.hasPrefix("req_") == true)
            #expect(Set(object.keys) == ["cause", "request_id", "status"])
            let entries = await journal(server)
            try? await Task.sleep(for: .milliseconds(50))  // a second request would be in by now
            #expect(entries.count == 1 && server.journal.entries().count == 1)
            #expect(result.stderr.contains("billing.quota_exceeded"), "the swift-log line: \(result.stderr)")
            #expect(!result.stdout.contains(key) && !result.stderr.contains(key))
            #expect(!result.stderr.contains(String(key.suffix(30))))
        }
    }

    @Test("success: nothing printed, exit 0")
    func successSilent() async throws {
        try await withMockServer { server in
            server.setScenario(try #require(ScenarioName("ok")))
            let result = try await Self.run(
                ["--base-url", server.baseURL + "/v1"],
                environment: ["OPENAI_API_KEY": TestKey.project(), "PATH": "/usr/bin:/bin"])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(await journal(server).first?.path == "/v1/chat/completions")
        }
    }

    @Test("nothing listening: one line naming network.connect with null status and request id")
    func refusedOneLine() async throws {
        let port = try MockServer.refusingPort()
        let result = try await Self.run(
            ["--base-url", "http://127.0.0.1:\(port)/v1"],
            environment: ["OPENAI_API_KEY": TestKey.project(), "PATH": "/usr/bin:/bin"])
        #expect(result.status == 1)
        #expect(result.stdout == #"{"cause":"network.connect","request_id":null,"status":null}"# + "\n")
    }
}
