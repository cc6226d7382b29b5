import DoctorCore
import DoctorMock
import DoctorProbes
import DoctorTestSupport
import Foundation
import Testing

/// Issue 16: the Realtime WebSocket handshake probe, against the mock.
@Suite("check: the Realtime WebSocket handshake")
struct CheckRealtimeTests {
    static func lines(_ report: CheckReport) -> String {
        report.checks.map { "\($0.id) \($0.status) \($0.summary)" }.joined(separator: "\n")
    }

    /// The run ended by its bound, not by the mock's 30-second hold: every request by the deadline
    /// as the run measured it, and the call itself, with two seconds of slack for the parallel
    /// suite on two shared cores (the binary's own bound, unloaded, is in the README: `check
    /// --timeout 3` against a black-holed handshake ends in 2.9 s).
    static func expectBounded(_ report: CheckReport, elapsed: Duration, timeout: Duration) {
        let slack = Duration.seconds(2)
        let ends = report.checks.flatMap(\.evidence.requests).map { $0.startMS + $0.totalMS }
        let bound = Int((timeout + slack).components.seconds) * 1000
        #expect(ends.allSatisfy { $0 <= bound }, "request ends (ms): \(ends)")
        #expect(elapsed < timeout + slack, "the run took \(elapsed)")
    }

    @Test("a working handshake: 101, session.created, closed; the mock journals the 101")
    func passes() async throws {
        let key = TestKey.project()
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
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": TestKey.project()],
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
        configuration.acceptedKeys = [TestKey.project()]  // not the key the check sends
        try await withMockServer(configuration) { server in
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": TestKey.project()])
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
            let timeout = Duration.seconds(4)
            let started = ContinuousClock.now
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": TestKey.project()],
                timeout: timeout, statusURL: server.baseURL)
            let elapsed = ContinuousClock.now - started
            Self.expectBounded(report, elapsed: elapsed, timeout: timeout)
            let realtime = try #require(report.check("api.realtime"))
            #expect(realtime.status == .fail)
            #expect(realtime.evidence.facts["stage"] == "no_answer")
            #expect(realtime.summary.hasPrefix("no 101"), "\(realtime.summary)")
            #expect(realtime.evidence.cause == .networkTimeout, "\(Self.lines(report))")
            #expect(realtime.evidence.answer?.markers.contains("realtime:no_101") == true)
        }
    }

    @Test("--no-realtime skips the handshake and sends nothing to /v1/realtime")
    func skipped() async throws {
        try await withMockServer { server in
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": TestKey.project()], realtimeModel: nil)
            #expect(report.check("api.realtime")?.status == .skip)
            #expect(!server.journal.entries().contains { $0.path == "/v1/realtime" })
        }
    }

    @Test("--realtime-model names the model in the handshake; an unknown one is model.not_found")
    func modelChoice() async throws {
        try await withMockServer { server in
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": TestKey.project()],
                realtimeModel: "gpt-realtime-nope")
            let realtime = try #require(report.check("api.realtime"))
            #expect(realtime.evidence.cause == .modelNotFound, "\(realtime.summary)")
            #expect(realtime.evidence.requests.first?.url.hasSuffix("model=gpt-realtime-nope") == true)
        }
    }
    @Test(
        "a 101 whose session.created never comes (a middlebox holding frames): named, and the run ends within --timeout"
    )
    func switchedButSilent() async throws {
        var configuration = MockConfiguration()
        configuration.faults = [FaultRule(.sseStall, routePrefix: "/v1/realtime")]
        configuration.holdLimit = .seconds(30)
        try await withMockServer(configuration) { server in
            let timeout = Duration.seconds(4)
            let started = ContinuousClock.now
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": TestKey.project()], timeout: timeout)
            Self.expectBounded(report, elapsed: ContinuousClock.now - started, timeout: timeout)
            let realtime = try #require(report.check("api.realtime"))
            #expect(realtime.status == .fail)
            #expect(realtime.evidence.facts["stage"] == "opened_without_event")
            #expect(realtime.evidence.requests.first?.status == 101)
            #expect(
                realtime.summary.hasPrefix("101, but no session.created before the deadline"), "\(realtime.summary)")
            #expect(realtime.evidence.cause == .networkTimeout)
        }
    }

    @Test(
        "something answering the upgrade itself with its own 101: a wrong accept value, or no Upgrade header, is named",
        arguments: [
            (
                "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: bm90IHRoZSBzZXJ2ZXI=\r\n\r\n",
                "accept_mismatch"
            ),
            ("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n\r\n", "upgrade_header_missing"),
        ])
    func foreign101(answer: String, stage: String) async throws {
        let fake = try CannedAnswerer(answer)
        defer { fake.stop() }
        let report = await CheckSupport.run(
            baseURL: "http://127.0.0.1:\(fake.port)/v1", environment: ["OPENAI_API_KEY": TestKey.project()],
            timeout: .seconds(5))
        let realtime = try #require(report.check("api.realtime"))
        #expect(realtime.status == .fail)
        #expect(realtime.evidence.facts["stage"] == stage, "\(realtime.summary)")
        #expect(realtime.evidence.cause == .proxyBlocked)
        #expect(realtime.evidence.requests.first?.status == 101)
    }
}

/// A loopback server that answers every request with the same bytes and keeps the connection
/// open: what a middlebox answering the upgrade itself looks like to the client.
final class CannedAnswerer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let answer: [UInt8]

    init(_ answer: String) throws {
        self.answer = Array(answer.utf8)
        guard let (fd, port) = LoopbackSocket.listener(backlog: 16) else { throw ProxyTestError.notListening(0) }
        listener = fd
        self.port = port
        let bytes = self.answer
        Thread.detachNewThread {
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }
                Thread.detachNewThread {
                    var buffer = [UInt8](repeating: 0, count: 8192)
                    var seen: [UInt8] = []
                    // Read the request head, answer, then hold until the peer closes.
                    while true {
                        let n = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
                        if n <= 0 { break }
                        seen += buffer[0..<n]
                        if String(decoding: seen, as: UTF8.self).contains("\r\n\r\n") {
                            _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                            seen = []
                        }
                    }
                    close(client)
                }
            }
        }
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }
}
