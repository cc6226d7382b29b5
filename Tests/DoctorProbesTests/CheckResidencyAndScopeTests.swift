import DoctorCore
import DoctorMock
import DoctorProbes
import DoctorTestSupport
import Testing

/// Issue 16: data residency (the 401 `incorrect_hostname` and the re-probe of the named host),
/// regional hosts as official hosts, and the Responses API's scope.
@Suite("check: data residency and the Responses scope")
struct CheckResidencyAndScopeTests {
    static func lines(_ report: CheckReport) -> String {
        report.checks.map { "\($0.id) \($0.status) \($0.summary)" }.joined(separator: "\n")
    }

    @Test("401 incorrect_hostname is endpoint.wrong naming the host; the named host is re-probed once and answers")
    func residencyAndReprobe() async throws {
        var configuration = MockConfiguration()
        configuration.plan = try #require(ScenarioPlan("endpoint.wrong@incorrect-hostname"))
        try await withMockServer(configuration) { server in
            // The regional host is reached on the mock's port through --resolve: nothing leaves loopback.
            let resolve = ResolveOverride(host: "us.api.openai.com", port: server.port, addresses: ["127.0.0.1"])
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": TestKey.project()],
                transport: TransportSettings(resolve: [resolve]))
            let diagnosis = try #require(report.diagnosis)
            #expect(diagnosis.cause == .endpointWrong, "\(Self.lines(report))")
            #expect(diagnosis.evidence.errorCode == "incorrect_hostname")
            #expect(diagnosis.fixes.first?.contains("https://us.api.openai.com/v1") == true, "\(diagnosis.fixes)")
            #expect(
                diagnosis.decidedBy.contains { $0.contains("us.api.openai.com succeeded (200)") },
                "\(diagnosis.decidedBy)")
            let models = try #require(report.check("api.models"))
            #expect(models.evidence.facts["regional_host"] == "us.api.openai.com")
            #expect(models.evidence.facts["regional_host_answer"]?.hasPrefix("200") == true)
            #expect(models.summary.contains("us.api.openai.com answers 200"))
            // Exactly one re-probe, to the named host, and it was answered by the mock.
            let reprobes = models.evidence.requests.filter { $0.url.contains("us.api.openai.com") }
            #expect(reprobes.count == 1)
            #expect(reprobes.first?.status == 200)
            #expect(reprobes.first?.dns?.source == "resolve")
        }
    }

    @Test("the named host not answering is reported as such, and the cause stays endpoint.wrong")
    func residencyReprobeFails() async throws {
        var configuration = MockConfiguration()
        configuration.plan = try #require(ScenarioPlan("endpoint.wrong@incorrect-hostname"))
        try await withMockServer(configuration) { server in
            // Resolves to an address with nothing listening on the mock's port number: refused.
            let elsewhere = ResolveOverride(host: "us.api.openai.com", port: server.port, addresses: ["127.0.0.2"])
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": TestKey.project()],
                transport: TransportSettings(resolve: [elsewhere]))
            #expect(report.diagnosis?.cause == .endpointWrong)
            let answer = report.check("api.models")?.evidence.facts["regional_host_answer"]
            #expect(answer?.hasPrefix("no answer") == true, "\(answer ?? "nil")")
        }
    }

    @Test(
        "a regional host is the official API: flavor openai, and a base URL without /v1 is flagged like the default host's"
    )
    func regionalHostsAreOfficial() {
        let config = LiveConfiguration.resolve(LiveInputs(baseURL: "https://eu.api.openai.com"), environment: [:])
        #expect(config.flavor == .openai)
        let issues = BaseURLCheck.issues("https://eu.api.openai.com")
        let missing = issues.first { $0.summary.contains("no /v1") }
        #expect(missing?.severity == .fail)
        #expect(missing?.fixes == ["Set the base URL to https://eu.api.openai.com/v1."])
        #expect(BaseURLCheck.issues("https://jp.api.openai.com/v1").isEmpty)
        #expect(BaseURLCheck.issues("http://us.api.openai.com/v1").first?.severity == .fail)
        #expect(
            LiveConfiguration.resolve(LiveInputs(baseURL: "https://api.openai.com.example.net/v1"), environment: [:])
                .flavor == .compatible)
    }

    @Test("the Responses API's scope: missing api.responses.write is named, chat's model.request still granted")
    func responsesScopeMissing() async throws {
        var configuration = MockConfiguration()
        configuration.plan = try #require(ScenarioPlan("key.insufficient_scopes@responses-write"))
        try await withMockServer(configuration) { server in
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": TestKey.project()])
            let scopes = try #require(report.check("api.scopes"))
            #expect(scopes.status == .fail, "\(Self.lines(report))")
            #expect(scopes.evidence.facts["api.responses.write"] == "missing")
            #expect(scopes.evidence.facts["model.request"] == "granted")
            #expect(scopes.summary.hasPrefix("missing api.responses.write"), "\(scopes.summary)")
            #expect(report.diagnosis?.cause == .keyInsufficientScopes)
            #expect(report.diagnosis?.decidedBy.first?.contains("lacks api.responses.write") == true)
            // Nothing billable: both probes sent an empty body.
            let posts = server.journal.entries().filter { $0.method == "POST" }
            #expect(Set(posts.map(\.path)) == ["/v1/chat/completions", "/v1/responses"])
            #expect(posts.allSatisfy { $0.status == 400 || $0.status == 401 })
        }
    }

    @Test("both scopes granted: the scope check passes naming the Responses API")
    func responsesScopeGranted() async throws {
        try await withMockServer { server in
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": TestKey.project()])
            let scopes = try #require(report.check("api.scopes"))
            #expect(scopes.status == .pass)
            #expect(scopes.evidence.facts["api.responses.write"] == "granted")
            #expect(scopes.summary.contains("the Responses API (api.responses.write)"))
        }
    }
}
