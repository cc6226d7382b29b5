import DoctorCore
import DoctorMock
import DoctorProbes
import DoctorTestSupport

/// Shared helpers for the check tests: a one-call run (keys come from `TestKey`).
enum CheckSupport {
    /// Runs `check` against `baseURL` with `environment` and the given settings.
    static func run(
        baseURL: String, environment: [String: String], inputs: LiveInputs = LiveInputs(),
        timeout: Duration = .seconds(30),
        statusURL: String? = nil, transport: TransportSettings = TransportSettings(), spend: Bool = false,
        realtimeModel: String? = CheckOptions.defaultRealtimeModel
    ) async -> CheckReport {
        var given = inputs
        given.baseURL = given.baseURL ?? baseURL
        let configuration = LiveConfiguration.resolve(given, environment: environment)
        let options = CheckOptions(
            configuration: configuration, timeout: timeout, statusURL: statusURL.flatMap(EndpointURL.init),
            spend: spend, transport: transport, tool: ToolIdentity(name: "openai-doctor", version: "test"),
            startedAtSeconds: 1_764_171_602.5, utcOffsetSeconds: 3600, timeZone: "Europe/Berlin",
            realtimeModel: realtimeModel)
        return await CheckRunner.run(options)
    }

    /// Runs `check` against a mock that serves `cause`'s scenario; `body` sees the report and the key sent.
    static func againstScenario(_ cause: CauseID, _ body: (CheckReport, String) async throws -> Void) async throws {
        let key = TestKey.project()
        var configuration = MockConfiguration()
        configuration.plan = ScenarioPlan(ScenarioName(cause: cause))
        try await withMockServer(configuration) { server in
            let report = await run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": key],
                inputs: LiveInputs(model: "gpt-4o-mini"), statusURL: server.baseURL)
            try await body(report, key)
        }
    }
}
