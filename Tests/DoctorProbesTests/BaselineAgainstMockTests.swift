import DoctorCore
import DoctorMock
import DoctorProbes
import DoctorTestSupport
import Foundation
import Testing

/// Baseline compare, end to end: a snapshot of a working setup against the mock, then the mock
/// (or the path to it) changes the way the real world does, and compare must say so.
@Suite("baseline compare against the mock", .serialized)
struct BaselineAgainstMockTests {
    static func options(baseURL: String, key: String, caPEM: String? = nil, proxy: String? = nil) -> CheckOptions {
        let inputs = LiveInputs(baseURL: baseURL, model: "gpt-4o-mini", proxy: proxy)
        let configuration = LiveConfiguration.resolve(inputs, environment: ["OPENAI_API_KEY": key])
        return CheckOptions(
            configuration: configuration, timeout: .seconds(8), statusURL: EndpointURL(baseURL)?.origin,
            transport: TransportSettings(extraCAPEM: caPEM.map { [$0] } ?? []),
            tool: ToolIdentity(name: "openai-doctor", version: "test"), startedAtSeconds: 1_764_171_602.5,
            utcOffsetSeconds: 3600, timeZone: "Europe/Berlin")
    }

    static func snapshot(_ options: CheckOptions) async -> BaselineSnapshot {
        await BaselineCapture.take(options, os: "test OS", swift: "6.3").0
    }

    @Test("a working setup: a complete, sanitized snapshot, and comparing it with itself finds nothing")
    func workingSnapshot() async throws {
        var configuration = MockConfiguration()
        configuration.tls = .localCA
        try await withMockServer(configuration) { server in
            let key = TestKey.project()
            let options = Self.options(
                baseURL: server.baseURL + "/v1", key: key, caPEM: server.certificates?.caCertificatePEM)
            let baseline = await Self.snapshot(options)
            #expect(baseline.verdict == .ok)
            #expect(baseline.egressCountry == "US")
            #expect(baseline.egressIP == "203.0.113.x")
            #expect(baseline.tlsIssuer?.isEmpty == false)
            #expect(baseline.modelCount == MockConfiguration.defaultModels.count)
            #expect(baseline.modelsDigest == BaselineSnapshot.digest(MockConfiguration.defaultModels))
            #expect(baseline.modelListed == true)
            #expect(baseline.key?.hasSuffix(String(key.suffix(4))) == true)
            #expect(baseline.latencyMS["total"] != nil)
            let text = JSONOutput.encode(baseline)
            #expect(!text.contains(key))
            #expect(!Redactor.containsSecret(text))

            #expect(BaselineComparison(baseline: baseline, today: baseline).changes.isEmpty)
            // A second capture of the same setup differs only in timings (loopback latency under a
            // loaded test run can triple by chance; latency drift has its own test).
            let again = await Self.snapshot(options)
            let comparison = BaselineComparison(baseline: baseline, today: again)
            let nonTiming = comparison.changes.filter { $0.severity != .info && !$0.field.hasPrefix("latency_ms.") }
            #expect(nonTiming.isEmpty, "\(comparison.changes)")
        }
    }

    @Test("the trace's loc changes to an unsupported country: egress_country, fail")
    func traceLocChanges() async throws {
        try await withMockServer { server in
            let options = Self.options(baseURL: server.baseURL + "/v1", key: TestKey.project())
            let baseline = await Self.snapshot(options)
            var trace = TraceSettings()
            trace.loc = "RU"
            trace.ip = "198.51.100.23"
            server.setTrace(trace)
            let comparison = BaselineComparison(baseline: baseline, today: await Self.snapshot(options))
            let change = try #require(comparison.changes.first { $0.field == "egress_country" })
            #expect(change.before == "US" && change.after == "RU")
            #expect(change.severity == .fail)
            #expect(comparison.changes.contains { $0.field == "egress_ip" && $0.after == "198.51.100.x" })
            #expect(comparison.verdict == .problem)
        }
    }

    @Test("the certificate issuer becomes an inspection product: tls_issuer, fail, naming it")
    func certificateIssuerChanges() async throws {
        let key = TestKey.project()
        var publicTLS = MockConfiguration()
        publicTLS.tls = .localCA
        let baseline = try await withMockServer(publicTLS) { server in
            await Self.snapshot(
                Self.options(baseURL: server.baseURL + "/v1", key: key, caPEM: server.certificates?.caCertificatePEM))
        }
        var intercepting = MockConfiguration()
        intercepting.tls = .intercepting
        let today = try await withMockServer(intercepting) { server in
            // The inspection CA is trusted here, as it is on a managed machine.
            await Self.snapshot(
                Self.options(baseURL: server.baseURL + "/v1", key: key, caPEM: server.certificates?.caCertificatePEM))
        }
        let comparison = BaselineComparison(baseline: baseline, today: today)
        let change = try #require(comparison.changes.first { $0.field == "tls_issuer" })
        #expect(change.after?.contains("Zscaler") == true)
        #expect(change.severity == .fail)
        #expect(change.meaning.contains("Zscaler"))
    }

    @Test("the model list shrinks and drops the configured model: model_count and model_listed")
    func modelListChanges() async throws {
        let key = TestKey.project()
        let baseline = try await withMockServer { server in
            await Self.snapshot(Self.options(baseURL: server.baseURL + "/v1", key: key))
        }
        var fewer = MockConfiguration()
        fewer.models = MockConfiguration.defaultModels.filter { $0 != "gpt-4o-mini" && $0 != "gpt-4" }
        let today = try await withMockServer(fewer) { server in
            await Self.snapshot(Self.options(baseURL: server.baseURL + "/v1", key: key))
        }
        let comparison = BaselineComparison(baseline: baseline, today: today)
        let count = try #require(comparison.changes.first { $0.field == "model_count" })
        #expect(count.meaning.contains("2 model(s) missing"))
        #expect(comparison.changes.contains { $0.field == "model_listed" && $0.severity == .fail })
    }

    @Test("a proxy appears in the path (a real squid): proxy, warn", .enabled(if: ExternalProxy.usable("squid")))
    func proxyAppears() async throws {
        try await withMockServer { server in
            let key = TestKey.project()
            let baseline = await Self.snapshot(Self.options(baseURL: server.baseURL + "/v1", key: key))
            let squid = try ExternalProxy.squid(["http_access allow localhost", "http_access deny all"])
            defer { squid.stop() }
            let today = await Self.snapshot(Self.options(baseURL: server.baseURL + "/v1", key: key, proxy: squid.url))
            let comparison = BaselineComparison(baseline: baseline, today: today)
            let change = try #require(comparison.changes.first { $0.field == "proxy" })
            #expect(change.before == nil && change.after == squid.url)
            #expect(change.meaning.contains("proxy appeared"))
        }
    }
}
