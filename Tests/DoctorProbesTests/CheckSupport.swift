import DoctorCore
import DoctorMock
import DoctorProbes

/// Shared helpers for the check tests: a one-call run (keys come from `TestKey`).
enum CheckSupport {
    /// Runs `check` against `baseURL` with `environment` and the given settings.
    static func run(
        baseURL: String, environment: [String: String], inputs: LiveInputs = LiveInputs(), timeout: Duration = .seconds(30),
        statusURL: String? = nil, transport: TransportSettings = TransportSettings(), spend: Bool = false
    ) async -> CheckReport {
        var given = inputs
        given.baseURL = given.baseURL ?? baseURL
        let configuration = LiveConfiguration.resolve(given, environment: environment)
        let options = CheckOptions(
            configuration: configuration, timeout: timeout, statusURL: statusURL.flatMap(EndpointURL.init),
            spend: spend, transport: transport, tool: ToolIdentity(name: "openai-doctor", version: "test"),
            startedAtSeconds: 1_764_171_602.5, utcOffsetSeconds: 3600, timeZone: "Europe/Berlin")
        return await CheckRunner.run(options)
    }
}
