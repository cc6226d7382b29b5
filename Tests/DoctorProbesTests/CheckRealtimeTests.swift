import DoctorCore
import DoctorMock
import DoctorProbes
import Testing

/// Issue 16: the Realtime WebSocket handshake probe, against the mock.
@Suite("check: the Realtime WebSocket handshake")
struct CheckRealtimeTests {
    static func lines(_ report: CheckReport) -> String {
        report.checks.map { "\($0.id) \($0.status) \($0.summary)" }.joined(separator: "\n")
    }

    @Test("a working handshake: 101, session.created, closed; the mock journals the 101")
    func passes() async throws {
        let key = CheckSupport.projectKey()
        var configuration = MockConfiguration()
        configuration.acceptedKeys = [key]
        try await withMockServer(configuration) { server in
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": key], statusURL: server.baseURL)
            #expect(report.verdict == .ok, "\(Self.lines(report))")
            let realtime = try #require(report.check("api.realtime"))
            #expect(realtime.status == .pass, "\(realtime.summary)")
            #expect(realtime.evidence.facts["first_event"] == "session.created")
            #expect(realtime.evidence.facts["model"] == "gpt-realtime")
            let request = try #require(realtime.evidence.requests.first)
            #expect(request.status == 101)
            #expect(request.url.hasSuffix("/v1/realtime?model=gpt-realtime"))
            let entry = try #require(server.journal.entries().last { $0.path == "/v1/realtime" })
            #expect(entry.status == 101)
            #expect(entry.keyFingerprint == KeyFingerprint.fingerprint(key))
            #expect(!JSONOutput.encode(report).contains(key))
        }
    }

    @Test("the handshake over TLS: the same TLS path as the other probes, then the upgrade")
    func passesOverTLS() async throws {
        var configuration = MockConfiguration()
        configuration.tls = .localCA
        try await withMockServer(configuration) { server in
            let ca = try #require(server.certificates?.caCertificatePEM)
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": CheckSupport.projectKey()],
                transport: TransportSettings(extraCAPEM: [ca]))
            let realtime = try #require(report.check("api.realtime"))
            #expect(realtime.status == .pass, "\(Self.lines(report))")
            let request = try #require(realtime.evidence.requests.first)
            #expect(request.tls?.trusted == true)
            #expect(request.phases.map(\.phase).contains(.tls))
        }
    }

    @Test("a refused handshake is classified like any HTTP answer: 401 invalid_api_key is key.invalid")
    func refusedWithItsCause() async throws {
        var configuration = MockConfiguration()
        configuration.acceptedKeys = [CheckSupport.projectKey()]  // not the key the check sends
        try await withMockServer(configuration) { server in
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": CheckSupport.projectKey()])
            let realtime = try #require(report.check("api.realtime"))
            #expect(realtime.status == .fail)
            #expect(realtime.evidence.cause == .keyInvalid, "\(realtime.summary)")
            #expect(realtime.evidence.facts["stage"] == "refused")
            #expect(realtime.evidence.requests.first?.status == 401)
            #expect(realtime.summary.hasPrefix("handshake refused: 401 invalid_api_key"))
        }
    }

    @Test("a handshake that stalls past the deadline: named as no 101, and the run still ends within --timeout")
    func stallEndsWithinTimeout() async throws {
        var configuration = MockConfiguration()
        configuration.faults = [FaultRule(.blackhole, routePrefix: "/v1/realtime")]
        configuration.holdLimit = .seconds(30)
        try await withMockServer(configuration) { server in
            let timeout = Duration.seconds(3)
            let started = ContinuousClock.now
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": CheckSupport.projectKey()],
                timeout: timeout, statusURL: server.baseURL)
            let elapsed = ContinuousClock.now - started
            #expect(elapsed < timeout, "the run took \(elapsed)")
            let realtime = try #require(report.check("api.realtime"))
            #expect(realtime.status == .fail)
            #expect(realtime.evidence.facts["stage"] == "no_answer")
            #expect(realtime.summary.hasPrefix("no 101"), "\(realtime.summary)")
            #expect(report.check("api.models")?.status == .pass)
            #expect(report.diagnosis?.cause == .networkTimeout, "\(Self.lines(report))")
            #expect(report.diagnosis?.evidence.markers.contains("realtime:no_101") == true)
        }
    }

    @Test("--no-realtime skips the handshake and sends nothing to /v1/realtime")
    func skipped() async throws {
        try await withMockServer { server in
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": CheckSupport.projectKey()], realtimeModel: nil)
            #expect(report.check("api.realtime")?.status == .skip)
            #expect(!server.journal.entries().contains { $0.path == "/v1/realtime" })
        }
    }

    @Test("--realtime-model names the model in the handshake; an unknown one is model.not_found")
    func modelChoice() async throws {
        try await withMockServer { server in
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": CheckSupport.projectKey()],
                realtimeModel: "gpt-realtime-nope")
            let realtime = try #require(report.check("api.realtime"))
            #expect(realtime.evidence.cause == .modelNotFound, "\(realtime.summary)")
            #expect(realtime.evidence.requests.first?.url.hasSuffix("model=gpt-realtime-nope") == true)
        }
    }
}
