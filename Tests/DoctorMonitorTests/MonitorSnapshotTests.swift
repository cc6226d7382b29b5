import DoctorCore
import DoctorMonitor
import DoctorProbes
import DoctorTestSupport
import Testing

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reading a CheckReport once, and exporting what was read — without sockets.
@Suite struct MonitorSnapshotTests {
    static func request(
        status: Int, headers: HeaderFields = HeaderFields(), phases: [(PhaseTiming.Phase, Int)]
    ) -> RequestTrace {
        RequestTrace(
            label: "GET /v1/models", method: "GET", url: "https://api.openai.com/v1/models",
            phases: phases.map { PhaseTiming(phase: $0.0, startMS: 0, durationMS: $0.1) }, status: status,
            responseHeaders: headers)
    }

    static func report(
        loc: String = "DE", indicator: String? = "none", modelsStatus: CheckStatus = .pass, modelsCause: CauseID? = nil,
        modelsRequest: RequestTrace = request(
            status: 200, phases: [(.dns, 3), (.connect, 12), (.tls, 30), (.firstByte, 80), (.body, 2)])
    ) -> CheckReport {
        var checks = [
            CheckResult(
                id: "egress.trace", title: "t", status: .pass, durationMS: 40, summary: "egress in \(loc)",
                evidence: CheckEvidence(facts: ["loc": loc, "colo": "FRA", "ip": "203.0.113.7"])),
            CheckResult(
                id: "api.models", title: "t", status: modelsStatus, durationMS: 90, summary: "models",
                evidence: CheckEvidence(cause: modelsCause, requests: [modelsRequest])),
            CheckResult(id: "api.model", title: "t", status: .skip, durationMS: 0, summary: "no --model"),
        ]
        if let indicator {
            checks.append(
                CheckResult(
                    id: "service.status", title: "t", status: indicator == "none" ? .pass : .warn, durationMS: 20,
                    summary: "status", evidence: CheckEvidence(facts: ["indicator": indicator])))
        }
        var diagnosis: Diagnosis?
        if let modelsCause {
            diagnosis = Diagnoser.diagnosis(
                of: Evidence(form: .probe),
                classification: Classification(cause: modelsCause, confidence: .high, reasons: []))
        }
        return CheckReport(
            tool: ToolIdentity(name: "openai-doctor", version: "test"), startedAt: "2026-11-26T16:00:00.000+00:00",
            timeZone: "UTC",
            target: CheckTarget(baseURL: "https://api.openai.com/v1", host: "api.openai.com", flavor: .openai),
            checks: checks, verdict: modelsCause == nil ? .ok : .problem, diagnosis: diagnosis, findings: [])
    }

    @Test func readsChecksPhasesEgressAndStatus() {
        let snapshot = MonitorSnapshot(report: Self.report())
        #expect(snapshot.checks.map(\.id) == ["egress.trace", "api.models", "api.model", "service.status"])
        #expect(snapshot.checks[2].observation.health == .skipped)
        #expect(snapshot.verdict == CheckObservation(health: .up))
        #expect(snapshot.primaryCause == nil)
        // body is not an exported phase
        #expect(snapshot.phases.map(\.phase) == [.dns, .connect, .tls, .firstByte])
        #expect(snapshot.phases.last?.duration == .milliseconds(80))
        #expect(snapshot.egress == MonitorSnapshot.Egress(country: "DE", colo: "FRA"))
        #expect(snapshot.statusIndicator == "none")
        #expect(snapshot.pacing == .normal)
        #expect(snapshot.rateLimits.isEmpty)
    }

    @Test func rateLimitedRunsCarryTheServersWaitAndTheWindows() {
        let headers: HeaderFields = [
            "x-ratelimit-limit-requests": "500", "x-ratelimit-limit-tokens": "30000",
            "x-ratelimit-remaining-requests": "499", "x-ratelimit-remaining-tokens": "0",
            "x-ratelimit-reset-tokens": "644ms", "retry-after": "20", "x-ratelimit-limit-bogus": "lots",
        ]
        let report = Self.report(
            modelsStatus: .fail, modelsCause: .rateLimitExceeded,
            modelsRequest: Self.request(status: 429, headers: headers, phases: [(.connect, 1), (.firstByte, 5)]))
        let snapshot = MonitorSnapshot(report: report)
        #expect(snapshot.pacing == .rateLimited(serverWait: .seconds(20)))
        #expect(snapshot.primaryCause == .rateLimitExceeded)
        #expect(
            snapshot.rateLimits == [
                .init(window: "requests", limit: 500, remaining: 499),
                .init(window: "tokens", limit: 30000, remaining: 0),
            ])
    }

    /// Issue 20: one broken relay's answer once killed the monitor on its second run.
    @Test(
        arguments: [
            ["retry-after": "Sun, 06 Nov 999999999999 08:49:37 GMT"],
            ["retry-after-ms": "9999999999999999999999999"],
            ["x-ratelimit-remaining-tokens": "0", "x-ratelimit-reset-tokens": "99999999999999999999ns"],
        ] as [HeaderFields])
    func anAbsurdStatedWaitIsCappedAndTheNextRunIsScheduled(headers: HeaderFields) {
        let report = Self.report(
            modelsStatus: .fail, modelsCause: .rateLimitExceeded,
            modelsRequest: Self.request(status: 429, headers: headers, phases: []))
        let snapshot = MonitorSnapshot(report: report)
        guard case .rateLimited(let wait) = snapshot.pacing else {
            Issue.record("not rate limited: \(snapshot.pacing)")
            return
        }
        #expect((wait ?? .zero) <= ServerWait.longest)
        var schedule = MonitorSchedule(interval: .seconds(60))
        for _ in 0..<3 {
            let decision = schedule.next(after: snapshot.pacing, randomUnit: 0.999)
            #expect(decision.delay <= .seconds(3600 * 1.5))
        }
    }

    @Test(arguments: ["99999999999999999999", "99999999999999999999h", "99999999999999999999ns"])
    func anAbsurdDurationFlagIsCappedNotAnOverflow(text: String) throws {
        let duration = try #require(DurationText.parse(text))
        #expect(duration <= ServerWait.longest)
        #expect(!DurationText.format(duration).isEmpty)
    }

    @Test func aRateLimitWithoutAStatedWaitStillBacksOff() {
        let report = Self.report(
            modelsStatus: .fail, modelsCause: .rateLimitExceeded,
            modelsRequest: Self.request(status: 429, phases: []))
        #expect(MonitorSnapshot(report: report).pacing == .rateLimited(serverWait: nil))
    }

    @Test func metricsFollowSnapshotsAndKeepOneEgressSeries() throws {
        let metrics = MonitorMetrics()
        metrics.record(MonitorSnapshot(report: Self.report(loc: "DE", indicator: "none")))
        metrics.record(
            MonitorSnapshot(
                report: Self.report(loc: "FR", indicator: "major", modelsStatus: .fail, modelsCause: .keyInvalid)))
        let text = try PrometheusText(String(decoding: metrics.exposition(), as: UTF8.self))
        #expect(text.all("openai_doctor_egress_info").map(\.labels) == [["country": "FR", "colo": "FRA"]])
        #expect(text.value("openai_doctor_status_page_indicator") == 2)
        #expect(text.value("openai_doctor_up") == 0)
        #expect(text.value("openai_doctor_check_success", ["check": "api.models"]) == 0)
        #expect(text.value("openai_doctor_check_success", ["check": "egress.trace"]) == 1)
        // A skipped check exports no success value at all.
        #expect(text.all("openai_doctor_check_success").allSatisfy { $0.labels["check"] != "api.model" })
        #expect(text.value("openai_doctor_cause_total", ["cause": "key.invalid"]) == 1)
        #expect(text.all("openai_doctor_cause_total").count == CauseID.allCases.count)
        #expect(text.value("openai_doctor_phase_duration_seconds_count", ["check": "api.models", "phase": "tls"]) == 2)
        #expect(
            text.value("openai_doctor_phase_duration_seconds_sum", ["check": "api.models", "phase": "tls"]) == 0.06)
        #expect(
            text.value(
                "openai_doctor_phase_duration_seconds_bucket", ["check": "api.models", "phase": "tls", "le": "0.025"])
                == 0)
        #expect(
            text.value(
                "openai_doctor_phase_duration_seconds_bucket", ["check": "api.models", "phase": "tls", "le": "0.05"])
                == 2)
        // Every exported family has HELP and TYPE, and is one this type documents.
        for sample in text.samples {
            let family = text.family(of: sample)
            #expect(MonitorMetrics.familyNames.contains(family), "\(family)")
            #expect(text.types[family] != nil && text.helps[family] != nil, "\(family)")
        }
    }

    @Test(arguments: [("none", 0.0), ("minor", 1.0), ("major", 2.0), ("critical", 3.0), ("maintenance", -1.0)])
    func statusIndicatorValues(indicator: String, value: Double) {
        #expect(MonitorMetrics.indicatorValue(indicator) == value)
    }
}
