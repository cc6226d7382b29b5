import DoctorCore
import DoctorMock
import DoctorTestSupport
import Foundation
import Testing

/// Faults over real sockets, judged by curl's own exit codes (curl(1), "EXIT CODES").
@Suite struct TransportFaultTests {
    static let key = TestKey.project()

    func get(
        _ server: MockServer, scenario: String, path: String = "/v1/models", extra: [String] = []
    ) async throws -> Curl.Result {
        try await Curl.request(
            server.baseURL, path, headers: ["Authorization: Bearer \(Self.key)", "X-Mock-Scenario: \(scenario)"],
            extra: extra)
    }

    @Test func resetIsAConnectionResetByPeer() async throws {
        try await withMockServer { server in
            let result = try await get(server, scenario: "fault:reset")
            #expect(result.exitCode == 56)  // "Failure in receiving network data"
            #expect(result.errorOutput.contains("reset by peer"))
            #expect(server.journal.entries().last?.fault == .reset)
        }
    }

    @Test func resetOnConnectResetsBeforeAnyRequestThenTheSequenceGoesOn() async throws {
        var configuration = MockConfiguration()
        configuration.plan = try #require(ScenarioPlan("fault:reset-on-connect*1,ok"))
        try await withMockServer(configuration) { server in
            let first = try await Curl.request(
                server.baseURL, "/v1/models", headers: ["Authorization: Bearer \(Self.key)"])
            // Depending on timing curl sees the RST as a failed connect (7) or a reset read (56).
            #expect(first.exitCode == 7 || (first.exitCode == 56 && first.errorOutput.contains("reset")))
            let second = try await Curl.request(
                server.baseURL, "/v1/models", headers: ["Authorization: Bearer \(Self.key)"])
            #expect(second.status == 200)
            #expect(server.journal.entries().first?.fault == .resetOnConnect)
        }
    }

    @Test func stoppingTheServerEndsOpenConnectionsToo() async throws {
        let server = try await MockServer.start()
        let process = try ChildProcess(
            "/usr/bin/curl",
            ["-sS", "--max-time", "20", "-H", "X-Mock-Scenario: fault:blackhole", server.baseURL + "/v1/models"],
            stdout: .null, stderr: .null)
        for _ in 0..<200 where server.openConnections == 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(server.openConnections == 1)
        let stoppedAt = ContinuousClock.now
        try await server.stop()
        let ended = await process.wait(seconds: 15)
        #expect(ContinuousClock.now - stoppedAt < .seconds(15))
        // The server closed (empty reply 52, or a reset read 56); curl did not wait for its timeout (28).
        #expect(
            ended == .exited(52) || ended == .exited(56),
            "curl: \(ended.map(String.init(describing:)) ?? "still running")")
    }

    @Test func closeIsAnEmptyReply() async throws {
        try await withMockServer { server in
            let result = try await get(server, scenario: "fault:close")
            #expect(result.exitCode == 52)  // "Empty reply from server"
        }
    }

    @Test func blackholeNeverAnswers() async throws {
        try await withMockServer { server in
            let result = try await get(server, scenario: "fault:blackhole", extra: ["--max-time", "1"])
            #expect(result.exitCode == 28)  // timeout
            #expect(result.output.isEmpty)
        }
    }

    @Test func refusedComesFromAPortNobodyListensOn() async throws {
        let port = try MockServer.refusingPort()
        let result = try await Curl.run(["http://127.0.0.1:\(port)/v1/models"])
        #expect(result.exitCode == 7)  // "Failed to connect"
    }

    @Test func truncatedBodyIsAPartialFile() async throws {
        try await withMockServer { server in
            let result = try await get(server, scenario: "fault:truncated", extra: ["-i"])
            #expect(result.exitCode == 18)  // "Partial file"
            #expect(result.status == 200)
        }
    }

    @Test func malformedChunkedIsRejectedByTheClient() async throws {
        try await withMockServer { server in
            let result = try await get(server, scenario: "fault:malformed-chunked")
            #expect(result.exitCode == 56)
            #expect(result.errorOutput.lowercased().contains("chunk"))
        }
    }

    @Test func garbageIsNotHTTP() async throws {
        try await withMockServer { server in
            let result = try await get(server, scenario: "fault:garbage")
            #expect(result.exitCode != 0)
            #expect(result.status == nil)
        }
    }

    @Test func slowHeadersAndDribbleDeliverEverythingSlowly() async throws {
        try await withMockServer { server in
            let slow = try await get(server, scenario: "fault:slow-headers", extra: ["-i"])
            #expect(slow.exitCode == 0 && slow.status == 200 && slow.body.contains("\"object\": \"list\""))
            let impatient = try await get(server, scenario: "fault:slow-headers", extra: ["--max-time", "0.5"])
            #expect(impatient.exitCode == 28)
            let dribble = try await get(server, scenario: "fault:dribble", path: "/v1/models/gpt-4o", extra: ["-i"])
            #expect(dribble.exitCode == 0 && dribble.body.contains("\"id\": \"gpt-4o\""))
        }
    }

    @Test func sseCutEndsTheStreamMidEventAndSseStallStopsSending() async throws {
        try await withMockServer { server in
            let body = #"{"model":"gpt-4o","stream":true,"messages":[]}"#
            let cut = try await Curl.request(
                server.baseURL, "/v1/chat/completions", method: "POST",
                headers: ["Authorization: Bearer \(Self.key)", "X-Mock-Scenario: fault:sse-cut"], json: body)
            #expect(cut.exitCode == 18)  // transfer closed with outstanding read data remaining
            #expect(cut.output.contains("data: {") && !cut.output.contains("[DONE]"))
            let stall = try await Curl.request(
                server.baseURL, "/v1/chat/completions", method: "POST",
                headers: ["Authorization: Bearer \(Self.key)", "X-Mock-Scenario: fault:sse-stall"], json: body,
                extra: ["--max-time", "1"])
            #expect(stall.exitCode == 28)
            #expect(stall.output.contains("chat.completion.chunk") && !stall.output.contains("[DONE]"))
        }
    }

    @Test func latencyIsAddedBeforeTheAnswer() async throws {
        var configuration = MockConfiguration()
        configuration.latency = [LatencyRule(.fixed(milliseconds: 300), routePrefix: "/v1/models")]
        try await withMockServer(configuration) { server in
            let timed = try await Curl.request(
                server.baseURL, "/v1/models", headers: ["Authorization: Bearer \(Self.key)"],
                extra: ["-o", "/dev/null", "-w", "%{time_starttransfer}"])
            #expect((Double(timed.output) ?? 0) >= 0.3)
        }
        var random = SeededRandom(seed: 1)
        let draws = (0..<2000).map { _ in
            LatencyDistribution.lognormal(medianMilliseconds: 100, sigma: 0.5).draw(&random)
        }
        let median = draws.sorted()[1000]
        #expect(median > 85 && median < 115)
        let uniform = (0..<500).map { _ in
            LatencyDistribution.uniform(minimumMilliseconds: 10, maximumMilliseconds: 20).draw(&random)
        }
        #expect(uniform.allSatisfy { $0 >= 10 && $0 <= 20 })
    }

    @Test func dnsFailureHasAReservedName() async throws {
        let result = try await Curl.run(["http://\(MockServer.unresolvableHost)/v1/models"])
        #expect(result.exitCode == 6)  // "Could not resolve host"
    }
}
