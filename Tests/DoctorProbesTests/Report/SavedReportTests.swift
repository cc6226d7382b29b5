import DoctorCore
import DoctorProbes
import Testing

/// A verify report with one fixed re-run, a clean controlled failure and a held retry limit.
private func sampleVerifyReport(rerunOutcome: VerifyStep.Outcome = .fixed) -> VerifyReport {
    let check = SampleCheckReports.regionBlocked()
    // Safe: the test's own fixture: SampleCheckReports.regionBlocked() holds a 403 request
    // swift-format-ignore: NeverForceUnwrap
    let request = check.checks.flatMap(\.evidence.requests).first { $0.status == 403 }!
    let rerunStatus: CheckStatus = rerunOutcome == .fixed ? .pass : .fail
    return VerifyReport(
        tool: check.tool, startedAt: "2026-11-26T16:00:00.000+01:00", timeZone: "Europe/Berlin", from: "check.json",
        target: check.target, inputsChanged: [],
        steps: [
            VerifyStep(
                id: "rerun.api.models", kind: .rerun, title: "Re-run: List models", status: rerunStatus,
                outcome: rerunOutcome,
                expectedCause: .regionUnsupported, observedCause: rerunOutcome == .fixed ? nil : .regionUnsupported,
                summary: "GET /v1/models now answers 200", durationMS: 180, requests: [request],
                diagnosis: rerunOutcome == .fixed ? nil : check.diagnosis),
            VerifyStep(
                id: "known_good.models", kind: .knownGood, title: "Known-good request", status: .pass, outcome: .ok,
                summary: "200, 80 models"),
            VerifyStep(
                id: "known_bad.model", kind: .knownBad, title: "Controlled failure", status: .pass,
                outcome: .cleanFailure,
                expectedCause: .modelNotFound, observedCause: .modelNotFound,
                summary: "404 model.not_found, message sanitized"),
            VerifyStep(
                id: "retry_limit", kind: .retryLimit, title: "Retry limit", status: .pass, outcome: .held,
                summary: "3 requests, then stopped"),
        ])
}

@Suite("Saved reports and the verify renderers")
struct SavedReportTests {
    @Test("a check report and a verify report round-trip through their JSON")
    func roundTrip() throws {
        let check = SampleCheckReports.regionBlocked()
        #expect(try SavedReport.decode(Array(JSONOutput.encode(check).utf8)) == .check(check))
        let verify = sampleVerifyReport()
        #expect(try SavedReport.decode(Array(JSONOutput.encode(verify).utf8)) == .verify(verify))
    }

    @Test(
        "what is not a report is refused with a reason",
        arguments: [
            ("not json", "not a JSON report"), (#"{"hello": 1}"#, "no schema_version"),
            (#"{"schema_version": 2, "checks": []}"#, "newer"),
            (#"{"schema_version": 1, "kind": "baseline"}"#, "baseline"),
            (#"{"schema_version": 1, "checks": [{"id": 3}]}"#, "damaged"),
        ])
    func refused(text: String, reason: String) {
        #expect {
            _ = try SavedReport.decode(Array(text.utf8))
        } throws: { error in
            (error as? SavedReport.DecodingFailure)?.reason.contains(reason) == true
        }
    }

    @Test("verify's verdict: ok only when every step that ran passed")
    func verdict() {
        #expect(sampleVerifyReport().verdict == .ok)
        #expect(sampleVerifyReport(rerunOutcome: .stillFailing).verdict == .problem)
    }

    @Test("verify text: fixed / still failing headline, one line per step, the diagnosis of a failing step")
    func text() {
        let fixed = VerifyReportRenderer.text(sampleVerifyReport())
        #expect(fixed.hasPrefix("openai-doctor verify: fixed\n"))
        #expect(fixed.contains("✓ rerun.api.models"))
        #expect(fixed.contains("inputs  held constant"))
        let still = VerifyReportRenderer.text(sampleVerifyReport(rerunOutcome: .stillFailing))
        #expect(still.hasPrefix("openai-doctor verify: still failing\n"))
        #expect(still.contains("✗ rerun.api.models"))
        #expect(still.contains("region.unsupported"))
    }

    @Test("verify Markdown and HTML: steps, request ids, no external asset")
    func markdownAndHTML() {
        let report = sampleVerifyReport()
        let markdown = VerifyReportRenderer.markdown(
            report, context: SupportTicketContext(stepsTried: ["Restarted the VPN client"]))
        #expect(markdown.contains("| pass | Re-run: List models | fixed |"))
        #expect(markdown.contains("req_4f1c9a7e2b3d4c5e6f708192a3b4c5d6"))
        #expect(markdown.contains("- Restarted the VPN client"))
        let html = VerifyReportRenderer.html(report)
        #expect(html.hasPrefix("<!doctype html>"))
        for external in ["<script", "src=", "href=", "url(", "@import"] { #expect(!html.contains(external)) }
        #expect(html.contains("class=\"wf-row\""))
        #expect(html.contains("clean_failure"))
    }
}
