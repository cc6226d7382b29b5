import DoctorCore
import DoctorProbes
import Testing

/// A realistic failing check report: a region block answered by the API, with a trace, a TLS
/// chain, phase timings and a summary holding markup that must be escaped.
enum SampleCheckReports {
    static func regionBlocked() -> CheckReport {
        var evidence = EvidenceSummary()
        evidence.status = 403
        evidence.provider = .openai
        evidence.errorType = "request_forbidden"
        evidence.errorCode = "unsupported_country_region_territory"
        evidence.message = "Country, region, or territory not supported"
        evidence.requestID = "req_4f1c9a7e2b3d4c5e6f708192a3b4c5d6"
        evidence.cfRay = "9b9390aa0d78a7b0-DEL"
        let diagnosis = Diagnosis(
            cause: .regionUnsupported, confidence: .high, title: "Requests from this country or region are not served",
            explanation: "OpenAI refused the request because it leaves from a country it does not serve.",
            fixes: ["Run from a supported country.", "Check that no VPN exit moves you elsewhere."], evidence: evidence)
        let models = RequestTrace(
            label: "GET /v1/models", method: "GET", url: "https://api.openai.com/v1/models", startMS: 40, totalMS: 180,
            phases: [
                PhaseTiming(phase: .dns, startMS: 0, durationMS: 12),
                PhaseTiming(phase: .connect, startMS: 12, durationMS: 20),
                PhaseTiming(phase: .tls, startMS: 32, durationMS: 48),
                PhaseTiming(phase: .firstByte, startMS: 80, durationMS: 95),
                PhaseTiming(phase: .body, startMS: 175, durationMS: 5),
            ],
            dns: DNSTrace(host: "api.openai.com", source: "system", a: ["162.159.140.245"]),
            tls: TLSTrace(
                version: "TLSv1.3", alpn: "http/1.1", serverName: "api.openai.com",
                chain: [
                    CertificateSummary(
                        subject: "CN=api.openai.com", issuer: "C=US, O=Google Trust Services, CN=WE1",
                        notAfter: "2027-01-10T00:00:00Z"),
                    CertificateSummary(
                        subject: "C=US, O=Google Trust Services, CN=WE1",
                        issuer: "C=US, O=Google Trust Services LLC, CN=GTS Root R4"),
                ], trusted: true),
            status: 403, requestID: "req_4f1c9a7e2b3d4c5e6f708192a3b4c5d6",
            responseHeaders: [
                "cf-ray": "9b9390aa0d78a7b0-DEL", "x-request-id": "req_4f1c9a7e2b3d4c5e6f708192a3b4c5d6",
            ],
            bodyBytes: 210)
        let trace = RequestTrace(
            label: "GET /cdn-cgi/trace", method: "GET", url: "https://api.openai.com/cdn-cgi/trace", startMS: 0,
            totalMS: 60,
            phases: [
                PhaseTiming(phase: .dns, startMS: 0, durationMS: 10),
                PhaseTiming(phase: .firstByte, startMS: 10, durationMS: 50),
            ],
            status: 200)
        let stalled = RequestTrace(
            label: "status page", method: "GET", url: "https://status.openai.com/proxy/status.openai.com", startMS: 50,
            totalMS: 300, phases: [PhaseTiming(phase: .dns, startMS: 0, durationMS: 300)],
            failure: TransportFailure(phase: .dns, kind: .timedOut))
        return CheckReport(
            tool: ToolIdentity(name: "openai-doctor", version: "0.1.0"), startedAt: "2026-11-26T15:40:02.118+01:00",
            timeZone: "Europe/Berlin",
            target: CheckTarget(
                baseURL: "https://api.openai.com/v1", host: "api.openai.com", flavor: .openai, model: "gpt-4o-mini",
                organization: "org-AbCdEf123", key: "sk-proj-…a1B2", sources: ["key": "env OPENAI_API_KEY"]),
            checks: [
                CheckResult(
                    id: "config.key", title: "API key", status: .pass, durationMS: 0,
                    summary: "a project key, well formed"),
                CheckResult(
                    id: "edge.trace", title: "Egress country", status: .warn, durationMS: 60,
                    summary: "loc=RU <script>alert(1)</script>",
                    evidence: CheckEvidence(facts: ["loc": "RU", "ip": "203.0.113.7"], requests: [trace])),
                CheckResult(
                    id: "api.models", title: "List models", status: .fail, durationMS: 180,
                    summary: "403 unsupported_country_region_territory",
                    evidence: CheckEvidence(cause: .regionUnsupported, requests: [models], answer: evidence)),
                CheckResult(
                    id: "status.page", title: "Service status", status: .skip, durationMS: 300,
                    summary: "status page timed out",
                    evidence: CheckEvidence(requests: [stalled])),
            ],
            verdict: .problem, diagnosis: diagnosis,
            findings: [
                CheckFinding(check: "status.page", cause: nil, status: .warn, summary: "the status page did not answer")
            ])
    }
}

@Suite("Check report renderers")
struct CheckReportRenderersTests {
    @Test("HTML: self-contained, escaped, with one waterfall row per request and the TLS chain")
    func html() {
        let html = CheckReportHTMLRenderer.render(SampleCheckReports.regionBlocked())
        #expect(html.hasPrefix("<!doctype html>"))
        for external in ["<script", "src=", "href=", "url(", "@import", "<link", "<img"] {
            #expect(!html.contains(external), "found \(external)")
        }
        #expect(html.contains("loc=RU &lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.split(separator: "class=\"wf-row\"").count - 1 == 3)
        #expect(html.contains("ph-tls"))
        #expect(html.contains("ph-failed"))
        #expect(html.contains("region.unsupported"))
        #expect(html.contains("C=US, O=Google Trust Services, CN=WE1"))
        #expect(html.contains("req_4f1c9a7e2b3d4c5e6f708192a3b4c5d6"))
        #expect(html.contains("Europe/Berlin"))
    }

    @Test("HTML: bars sit on one axis — a request starting at 40 ms of 350 ms starts at 11.43 %")
    func waterfallGeometry() {
        let html = WaterfallHTML.render(SampleCheckReports.regionBlocked().checks.flatMap(\.evidence.requests))
        #expect(html.contains("left:11.43%;width:51.43%"))
        #expect(html.contains("<span>350 ms</span>"))
    }

    @Test("Markdown ticket: time and zone, product, model, versions, request ids, cf-ray, steps, request shape")
    func supportTicket() {
        let context = SupportTicketContext(
            operatingSystem: "Debian GNU/Linux 13", swiftVersion: "6.3.1", stepsTried: ["Switched off the VPN"])
        let ticket = SupportTicketRenderer.render(SampleCheckReports.regionBlocked(), context: context)
        for expected in [
            "| Local time | 2026-11-26T15:40:02.118+01:00 |", "| Time zone | Europe/Berlin |",
            "| Product | OpenAI API |",
            "| Model | gpt-4o-mini |", "| Tool | openai-doctor 0.1.0 |", "| OS | Debian GNU/Linux 13 |",
            "| Swift | 6.3.1 |",
            "| Egress country | RU |", "9b9390aa0d78a7b0-DEL", "req_4f1c9a7e2b3d4c5e6f708192a3b4c5d6",
            "- Switched off the VPN", "- List models: fail",
            "GET https://api.openai.com/v1/models\nAuthorization: Bearer sk-proj-…a1B2",
            "`region.unsupported`",
        ] {
            #expect(ticket.contains(expected), "missing \(expected)")
        }
        #expect(!ticket.contains("- Service status"))
    }
}
