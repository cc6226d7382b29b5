import DoctorCore
import DoctorProbes
import Testing

/// A working snapshot to change one thing at a time.
private func workingSnapshot() -> BaselineSnapshot {
    BaselineSnapshot(
        savedAt: "2026-11-20T09:00:00.000+01:00", timeZone: "Europe/Berlin",
        tool: ToolIdentity(name: "openai-doctor", version: "0.1.0"),
        os: "Debian GNU/Linux 12 (bookworm), Linux 6.1", swift: "6.3", key: "sk-proj-…a1B2",
        keySource: "env OPENAI_API_KEY",
        baseURL: "https://api.openai.com/v1", egressIP: "203.0.113.x", egressCountry: "DE",
        tlsIssuer: "C=US, O=Google Trust Services, CN=WE1", addresses: ["162.159.140.245", "172.66.0.243"],
        modelCount: 80,
        modelsDigest: BaselineSnapshot.digest(["gpt-4o", "gpt-4o-mini"]), model: "gpt-4o-mini", modelListed: true,
        rateLimits: ["requests": "500", "tokens": "30000"],
        latencyMS: ["dns": 10, "connect": 20, "tls": 40, "first_byte": 100, "total": 180],
        verdict: .ok)
}

/// One change each, with the field and severity compare must report.
struct BaselineChangeCase: Sendable, CustomTestStringConvertible {
    let name: String
    let change: @Sendable (inout BaselineSnapshot) -> Void
    let field: String
    let severity: BaselineChange.Severity
    let meaningContains: String

    var testDescription: String { name }
}

private let cases: [BaselineChangeCase] = [
    .init(
        name: "new egress country, supported", change: { $0.egressCountry = "FR" }, field: "egress_country",
        severity: .warn, meaningContains: "FR"),
    .init(
        name: "new egress country, unsupported", change: { $0.egressCountry = "RU" }, field: "egress_country",
        severity: .fail, meaningContains: "region.unsupported"),
    .init(
        name: "new TLS issuer: an inspection product",
        change: { $0.tlsIssuer = "O=Zscaler Inc., CN=Zscaler Intermediate Root CA" },
        field: "tls_issuer", severity: .fail, meaningContains: "Zscaler"),
    .init(
        name: "new TLS issuer: another CA", change: { $0.tlsIssuer = "C=US, O=Let's Encrypt, CN=R11" },
        field: "tls_issuer", severity: .warn, meaningContains: "rotation"),
    .init(
        name: "a proxy appeared", change: { $0.proxy = "http://proxy.corp:3128" }, field: "proxy", severity: .warn,
        meaningContains: "proxy appeared"),
    .init(
        name: "the key changed", change: { $0.key = "sk-proj-…Zz99" }, field: "key", severity: .warn,
        meaningContains: "key changed"),
    .init(
        name: "the key source changed", change: { $0.keySource = ".env" }, field: "key_source", severity: .warn,
        meaningContains: "elsewhere"),
    .init(
        name: "a model missing (count)", change: { $0.modelCount = 78 }, field: "model_count", severity: .warn,
        meaningContains: "2 model(s) missing"),
    .init(
        name: "the configured model no longer listed", change: { $0.modelListed = false }, field: "model_listed",
        severity: .fail, meaningContains: "gpt-4o-mini"),
    .init(
        name: "same count, other ids", change: { $0.modelsDigest = BaselineSnapshot.digest(["gpt-4o", "o3"]) },
        field: "models_digest", severity: .info, meaningContains: "changed"),
    .init(
        name: "latency tripled", change: { $0.latencyMS["first_byte"] = 320 }, field: "latency_ms.first_byte",
        severity: .warn, meaningContains: "tripled"),
    .init(
        name: "addresses outside the API's ranges", change: { $0.addresses = ["104.244.46.63"] }, field: "addresses",
        severity: .fail, meaningContains: "dns_poisoned"),
    .init(
        name: "addresses within the ranges", change: { $0.addresses = ["104.18.7.192"] }, field: "addresses",
        severity: .info, meaningContains: "CDN"),
    .init(
        name: "rate limit changed", change: { $0.rateLimits["tokens"] = "150000" }, field: "rate_limits.tokens",
        severity: .info, meaningContains: "tier"),
    .init(
        name: "organization changed", change: { $0.organization = "org-Other" }, field: "organization", severity: .warn,
        meaningContains: "organization"),
    .init(
        name: "tool updated", change: { $0.tool.version = "0.2.0" }, field: "tool", severity: .info,
        meaningContains: "recheck"),
    .init(
        name: "today's check fails", change: { $0.verdict = .problem }, field: "verdict", severity: .fail,
        meaningContains: "problem"),
]

@Suite("Baseline comparison")
struct BaselineComparisonTests {
    @Test("no change: nothing flagged, verdict ok")
    func unchanged() {
        let comparison = BaselineComparison(baseline: workingSnapshot(), today: workingSnapshot())
        #expect(comparison.changes.isEmpty)
        #expect(comparison.verdict == .ok)
    }

    @Test("each listed change is flagged with its likely meaning", arguments: cases)
    func flagged(_ c: BaselineChangeCase) throws {
        var today = workingSnapshot()
        c.change(&today)
        let comparison = BaselineComparison(baseline: workingSnapshot(), today: today)
        #expect(comparison.changes.count == 1, "\(comparison.changes.map(\.field))")
        let change = try #require(comparison.changes.first { $0.field == c.field })
        #expect(change.severity == c.severity)
        #expect(change.meaning.contains(c.meaningContains), "\(change.meaning)")
        #expect(comparison.verdict == (c.severity == .fail ? .problem : .ok))
    }

    @Test("latency within the noise floor is not flagged, even when tripled")
    func latencyNoise() {
        var today = workingSnapshot()
        today.latencyMS["dns"] = 30
        #expect(BaselineComparison(baseline: workingSnapshot(), today: today).changes.isEmpty)
    }

    @Test("most serious first")
    func ordering() {
        var today = workingSnapshot()
        today.tool.version = "0.2.0"
        today.proxy = "http://proxy:3128"
        today.egressCountry = "RU"
        let severities = BaselineComparison(baseline: workingSnapshot(), today: today).changes.map(\.severity)
        #expect(severities == [.fail, .warn, .info])
    }

    @Test("capture masks the egress address and digests the model ids independent of order")
    func capture() {
        #expect(BaselineSnapshot.maskAddress("203.0.113.7") == "203.0.113.x")
        #expect(BaselineSnapshot.maskAddress("2001:db8:85a3:8d3:1319:8a2e:370:7348") == "2001:db8:85a3:…")
        #expect(BaselineSnapshot.digest(["b", "a"]) == BaselineSnapshot.digest(["a", "b", "a"]))
        #expect(BaselineSnapshot.digest(["a"]) != BaselineSnapshot.digest(["b"]))
        #expect(BaselineSnapshot.digest([]).hasPrefix("fnv1a64:"))
    }

    @Test("the snapshot's JSON has every key, snake_case, and nothing secret")
    func json() {
        let text = JSONOutput.encode(workingSnapshot())
        for key in [
            "\"schema_version\"", "\"saved_at\"", "\"time_zone\"", "\"key_source\"", "\"egress_country\"",
            "\"tls_issuer\"",
            "\"models_digest\"", "\"rate_limits\"", "\"latency_ms\"", "\"proxy\" : null",
        ] {
            #expect(text.contains(key), "missing \(key)")
        }
        #expect(!Redactor.containsSecret(text))
    }
}
