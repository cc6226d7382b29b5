import DoctorCore
import DoctorMock
import DoctorProbes
import DoctorTestSupport
import Testing

@Suite("check against the mock")
struct CheckAgainstMockTests {
    /// Every cause an HTTP answer can show, as the mock serves it.
    static let httpCauses: [CauseID] = CauseID.allCases.filter { cause in
        cause.isShownByHTTPAnswer && ScenarioName(cause.rawValue) != nil
    }

    @Test("a working API: verdict ok, every API check passes, nothing secret in the JSON")
    func healthy() async throws {
        let key = TestKey.project()
        var configuration = MockConfiguration()
        configuration.acceptedKeys = [key]
        try await withMockServer(configuration) { server in
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": key],
                inputs: LiveInputs(model: "gpt-4o-mini"), statusURL: server.baseURL)
            #expect(report.verdict == .ok, "\(report.checks.map { "\($0.id) \($0.status) \($0.summary)" })")
            #expect(report.diagnosis == nil)
            #expect(report.check("api.models")?.status == .pass)
            #expect(report.check("api.model")?.status == .pass)
            #expect(report.check("api.scopes")?.status == .pass)
            #expect(report.check("egress.trace")?.summary.contains("US") == true)
            #expect(report.check("service.status")?.status == .pass)
            #expect(report.check("api.spend")?.status == .skip)
            let models = try #require(report.check("api.models"))
            let request = try #require(models.evidence.requests.first)
            #expect(request.phases.map(\.phase).contains(.firstByte))
            #expect(request.dns?.source == "literal")
            #expect(request.connects.first?.error == nil)
            let json = JSONOutput.encode(report)
            #expect(!json.contains(key))
            #expect(json.contains("\"schema_version\" : 1"))
            #expect(report.target.key == KeyFingerprint.fingerprint(key))
        }
    }

    @Test("each HTTP cause the mock serves is the primary cause", arguments: httpCauses)
    func httpCause(_ cause: CauseID) async throws {
        try await CheckSupport.againstScenario(cause) { report, _ in
            #expect(report.verdict == .problem)
            #expect(report.diagnosis?.cause == cause, "\(report.checks.map { "\($0.id): \($0.summary)" })")
        }
    }

    @Test("an organization refusal is isolated by repeating without the header")
    func organizationIsolation() async throws {
        let key = TestKey.project()
        var configuration = MockConfiguration()
        configuration.organization = "org-" + String(repeating: "A", count: 24)
        try await withMockServer(configuration) { server in
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1",
                environment: ["OPENAI_API_KEY": key, "OPENAI_ORG_ID": "org-" + String(repeating: "B", count: 24)])
            #expect(report.diagnosis?.cause == .orgMismatch)
            let facts = report.check("api.models")?.evidence.facts ?? [:]
            #expect(facts["without_organization"]?.hasPrefix("200") == true)
            #expect(report.target.sources["organization"] == "env OPENAI_ORG_ID")
        }
    }

    @Test("an unsupported egress country in the trace is reported with the list's date")
    func traceCountry() async throws {
        let key = TestKey.project()
        var configuration = MockConfiguration()
        configuration.trace.loc = "CN"
        try await withMockServer(configuration) { server in
            let report = await CheckSupport.run(baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": key])
            let trace = try #require(report.check("egress.trace"))
            #expect(trace.status == .fail)
            #expect(trace.evidence.markers.contains("trace:loc_unsupported=CN"))
            // The API itself answered 200: the side check is the primary only because nothing else failed.
            #expect(report.diagnosis?.cause == .regionUnsupported)
            #expect(report.diagnosis?.confidence == .medium)
        }
    }

    @Test("a region refusal from the API outranks a failing status page")
    func apiOutranksSideChecks() async throws {
        let key = TestKey.project()
        var configuration = MockConfiguration()
        configuration.plan = ScenarioPlan(ScenarioName(cause: .regionUnsupported))
        try await withMockServer(configuration) { server in
            let closed = try MockServer.refusingPort()
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": key],
                statusURL: "http://127.0.0.1:\(closed)")
            #expect(report.check("service.status")?.status == .skip)
            #expect(report.diagnosis?.cause == .regionUnsupported)
        }
    }

    @Test("no key: key.missing, and the authenticated probes say why they did not run")
    func noKey() async throws {
        try await withMockServer { server in
            let report = await CheckSupport.run(baseURL: server.baseURL + "/v1", environment: [:])
            #expect(report.diagnosis?.cause == .keyMissing)
            #expect(report.check("api.models")?.status == .skip)
            #expect(report.check("api.models")?.summary.contains("OPENAI_API_KEY") == true)
        }
    }

    @Test("a damaged key is key.malformed even though the cleaned key works")
    func malformedKey() async throws {
        let key = TestKey.project()
        var configuration = MockConfiguration()
        configuration.acceptedKeys = [key]
        try await withMockServer(configuration) { server in
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": "\"\(key)\"\n"])
            #expect(report.diagnosis?.cause == .keyMalformed)
            #expect(report.check("api.models")?.status == .pass)
        }
    }

    @Test("--spend makes one generation and reports billing")
    func spend() async throws {
        let key = TestKey.project()
        var configuration = MockConfiguration()
        configuration.acceptedKeys = [key]
        try await withMockServer(configuration) { server in
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": key],
                inputs: LiveInputs(model: "gpt-4o-mini"),
                spend: true)
            #expect(report.check("api.spend")?.status == .pass)
            #expect(server.journal.entries().contains { $0.path == "/v1/chat/completions" })
        }
    }
}

@Suite("check: Azure mode and address families")
struct CheckModesTests {
    @Test("an Azure endpoint: api-key header, api-version, the deployment probe, azure.* causes")
    func azure() async throws {
        let key = TestKey.make(.azure)
        var configuration = MockConfiguration()
        configuration.plan = ScenarioPlan(ScenarioName(cause: .azureDeploymentNotFound))
        try await withMockServer(configuration) { server in
            let host = "doctor-test.openai.azure.com"
            let report = await CheckSupport.run(
                baseURL: "http://\(host):\(server.port)",
                environment: ["AZURE_OPENAI_API_KEY": key, "AZURE_OPENAI_ENDPOINT": "http://\(host):\(server.port)"],
                inputs: LiveInputs(model: "my-deployment"),
                transport: TransportSettings(resolve: [
                    ResolveOverride(host: host, port: server.port, addresses: ["127.0.0.1"])
                ]))
            #expect(report.target.flavor == .azure)
            #expect(report.target.apiVersion == LiveConfiguration.defaultAzureAPIVersion)
            #expect(
                report.diagnosis?.cause == .azureDeploymentNotFound,
                "\(report.checks.map { "\($0.id): \($0.summary)" })")
            #expect(report.check("egress.trace")?.status == .skip)
            let urls = report.check("api.models")?.evidence.requests.map(\.url) ?? []
            #expect(urls.contains { $0.contains("/openai/models?api-version=") })
            #expect(!JSONOutput.encode(report).contains(key))
        }
    }

    @Test("IPv6 failing while IPv4 works is reported by the family isolation")
    func families() async throws {
        let key = TestKey.project()
        try await withMockServer { server in
            let host = "dual.doctor.test"
            let report = await CheckSupport.run(
                baseURL: "http://\(host):\(server.port)/v1", environment: ["OPENAI_API_KEY": key],
                transport: TransportSettings(resolve: [
                    ResolveOverride(host: host, port: server.port, addresses: ["127.0.0.1", "::1"])
                ]))
            let family = try #require(report.check("isolation.family"))
            #expect(family.status == .warn, "\(family.summary)")
            #expect(family.summary.hasPrefix("IPv6 fails"))
            #expect(report.check("egress.trace")?.evidence.requests.count == 2)
        }
    }
}
