import DoctorCore
import DoctorTestSupport
import Foundation
import Testing

@testable import DoctorMock

/// The state a mock keeps between requests, driven in process: the admin API's changes and
/// bad requests, sequences per test id, the journal and its verdict, the seeded fault choice
/// and the planned latency.
@Suite struct AdminAndSequenceTests {
    static let auth = ("Authorization", "Bearer \(TestKey.project())")

    @Test func adminSwitchesTheScenarioAndRejectsBadRequestsWithJSON() throws {
        let mock = InProcessMock()
        #expect(mock.post("/__mock/scenario", json: #"{"scenario":"billing.quota_exceeded"}"#).status == 200)
        let quota = mock.send("/v1/models", headers: [Self.auth])
        #expect(quota.status == 429 && quota.body.contains("\"type\": \"insufficient_quota\""))

        for (body, fragment) in [
            (#"{"scenario":"no.such"}"#, "unknown scenario no.such"),
            ("not json", "not a JSON object"),
            (#"{"test_id":"x"}"#, "is required"),
        ] {
            let bad = mock.post("/__mock/scenario", json: body)
            #expect(bad.status == 400, "\(body)")
            let object = try JSONSerialization.jsonObject(with: Data(bad.body.utf8)) as? [String: [String: String]]
            #expect(object?["error"]?["type"] == "mock_admin_error")
            #expect(bad.body.contains(fragment), "\(body)")
        }
        #expect(mock.send("/__mock/nothing").status == 404)
        #expect(mock.post("/__mock/faults", json: #"{"faults":["explode"]}"#).status == 400)

        #expect(mock.send("/__mock/reset", method: "POST").status == 200)
        #expect(mock.send("/v1/models", headers: [Self.auth]).status == 200)
        // The admin API is never journaled.
        #expect(mock.journal.entries().allSatisfy { !$0.path.hasPrefix("/__mock") })
    }

    /// Issue 20: `{"latency":[""]}` once killed the running mock, and every test sharing it.
    @Test func malformedLatencyRulesAreA400AndTheMockKeepsServing() {
        let mock = InProcessMock()
        for rule in ["", "@", "@/v1", "fixed:5@", "fixed:inf", "uniform:0-inf"] {
            let bad = mock.post("/__mock/latency", json: #"{"latency":[""# + rule + #""]}"#)
            #expect(bad.status == 400, "\(rule)")
            #expect(bad.body.contains("bad latency rule"), "\(rule)")
        }
        #expect(mock.post("/__mock/latency", json: #"{"latency":["fixed:1@/v1/models"]}"#).status == 200)
        #expect(mock.send("/v1/models", headers: [Self.auth]).status == 200)
    }

    @Test func sequencesAdvancePerTestIdAndParallelTestsDoNotMix() throws {
        let mock = InProcessMock()
        mock.core.state.setPlan(try #require(ScenarioPlan("rate_limit.exceeded*2,ok")), testID: "a")
        mock.core.state.setPlan(try #require(ScenarioPlan("ok*1,server.overloaded")), testID: "b")
        func call(_ test: String) -> Int {
            mock.send("/v1/models", headers: [Self.auth, ("X-Mock-Test-Id", test)]).status
        }
        #expect(call("a") == 429)
        #expect(call("b") == 200)
        #expect(call("a") == 429)
        #expect(call("b") == 503)
        #expect(call("a") == 200)
        #expect(call("b") == 503)
        #expect(call("other") == 200)
        // The header form needs no admin call at all.
        let headers = [Self.auth, ("X-Mock-Test-Id", "c"), ("X-Mock-Scenario", "fault:close*1,ok")]
        #expect(mock.send("/v1/models", headers: headers).fault == .close)
        let second = mock.send("/v1/models", headers: headers)
        #expect(second.fault == nil && second.status == 200)
        #expect(mock.journal.entries(testID: "c").map(\.served) == ["fault:close", "ok"])
    }

    @Test func theJournalKeepsFingerprintsAndTheVerdictJudgesTheClient() {
        var configuration = MockConfiguration()
        configuration.journalCapacity = 3
        let mock = InProcessMock(configuration)
        let key = TestKey.project()
        for _ in 0..<2 {
            _ = mock.send(
                "/v1/models",
                headers: [
                    ("Authorization", "Bearer \(key)"), ("X-Mock-Test-Id", "q"),
                    ("X-Mock-Scenario", "billing.quota_exceeded"), ("User-Agent", "retrying-client/1.0"),
                ])
        }
        let journal = mock.send("/__mock/journal?test_id=q")
        #expect(journal.status == 200)
        #expect(!journal.body.contains(key))
        #expect(journal.body.contains(KeyFingerprint.fingerprint(key)))
        #expect(journal.body.contains("\"stopped_on_non_retryable\":{\"detail\""))
        let entries = mock.journal.entries(testID: "q")
        #expect(entries.count == 2)
        #expect(entries.allSatisfy { $0.cause == .billingQuotaExceeded && $0.userAgent == "retrying-client/1.0" })
        #expect(mock.verdict(testID: "q").stoppedOnNonRetryable.outcome == .fail)
        for _ in 0..<5 { _ = mock.send("/v1/models") }
        #expect(mock.journal.entries().count == 3)
    }

    @Test func probabilisticFaultsRepeatWithTheSeedAndKeepToTheirRoute() {
        func outcomes(seed: UInt64) -> [TransportFault?] {
            var configuration = MockConfiguration()
            configuration.faults = [FaultRule(.close, probability: 0.5, routePrefix: "/v1/models")]
            configuration.seed = seed
            let mock = InProcessMock(configuration)
            return (0..<24).map { _ in mock.send("/v1/models", headers: [Self.auth]).fault }
        }
        let first = outcomes(seed: 42)
        #expect(first.contains(nil) && first.contains(.close))
        #expect(outcomes(seed: 42) == first)
        // Other routes are untouched.
        var configuration = MockConfiguration()
        configuration.faults = [FaultRule(.reset, probability: 1, routePrefix: "/v1/chat")]
        let mock = InProcessMock(configuration)
        #expect(mock.send("/v1/models", headers: [Self.auth]).fault == nil)
        #expect(mock.post("/v1/chat/completions", headers: [Self.auth], json: ServedAnswerTests.chat).fault == .reset)
    }

    @Test func latencyIsPlannedPerRoute() {
        var configuration = MockConfiguration()
        configuration.latency = [LatencyRule(.fixed(milliseconds: 300), routePrefix: "/v1/models")]
        let mock = InProcessMock(configuration)
        #expect(mock.send("/v1/models", headers: [Self.auth]).planned.delayMilliseconds == 300)
        #expect(mock.send("/cdn-cgi/trace").planned.delayMilliseconds == nil)
        #expect(mock.send("/__mock/health").planned.delayMilliseconds == nil)
    }
}
