import DoctorCore
import DoctorMock
import DoctorProbes
import DoctorTestSupport
import Testing

/// Issue 13, item 2: the status page's two documents are asked at once, and the status page
/// (which never decides the cause) does not hold the verdict.
@Suite("check: the status page off the critical path")
struct CheckStatusPageTests {
    @Test("both status documents are asked at once: a slow first document does not hold a readable fallback")
    func fallbackIsConcurrent() async throws {
        var configuration = MockConfiguration()
        // The incident.io document answers late; the Statuspage shim at once.
        configuration.latency = [LatencyRule(try #require(LatencyDistribution("fixed:2500")), routePrefix: "/proxy/")]
        try await withMockServer(configuration) { server in
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": TestKey.project()],
                timeout: .seconds(20), statusURL: server.baseURL, realtimeModel: nil)
            let status = try #require(report.check("service.status"))
            #expect(status.status == .pass, "\(status.summary)")
            // Asked one after the other, the first document's 200 would have been read.
            #expect(status.evidence.facts["format"] == "statuspage")
            #expect(status.evidence.requests.count == 2)
            #expect(server.journal.entries().contains { $0.path == "/api/v2/status.json" })
        }
    }

    @Test("a status page slower than every other check is cut and skipped: it does not hold the verdict")
    func statusDoesNotHoldTheVerdict() async throws {
        var configuration = MockConfiguration()
        let slow = try #require(LatencyDistribution("fixed:10000"))
        configuration.latency = [LatencyRule(slow, routePrefix: "/proxy/"), LatencyRule(slow, routePrefix: "/api/v2/")]
        try await withMockServer(configuration) { server in
            let started = ContinuousClock.now
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": TestKey.project()],
                timeout: .seconds(20), statusURL: server.baseURL)
            let elapsed = ContinuousClock.now - started
            let status = try #require(report.check("service.status"))
            #expect(status.status == .skip)
            #expect(status.summary.contains("cut at"), "\(status.summary)")
            #expect(report.verdict == .ok, "\(report.checks.map { "\($0.id) \($0.status) \($0.summary)" })")
            // Bounded by the injected delay, not a timing goal: the run did not wait for the page.
            #expect(elapsed < .seconds(10), "the run took \(elapsed)")
        }
    }
}
