import DoctorCore
import DoctorTestSupport

@testable import DoctorProbes

/// Runs `check` without sockets: the registry's probes through a ``CheckScriptedTransport``, on a ``CheckTestClock``.
enum CheckScripting {
    /// The API host's base URL the scripted runs check.
    static let baseURL = "https://api.openai.com/v1"

    /// Options as the CLI would resolve them, for `baseURL` with a generated key (or none).
    static func options(
        baseURL: String = baseURL, key: Bool = true, model: String? = "gpt-4o-mini", proxy: String? = nil,
        timeout: Duration = .seconds(20), statusURL: String? = nil, progress: (@Sendable (CheckResult) -> Void)? = nil
    ) -> CheckOptions {
        var environment: [String: String] = [:]
        if key { environment["OPENAI_API_KEY"] = TestKey.project() }
        if let proxy { environment["HTTPS_PROXY"] = proxy }
        let configuration = LiveConfiguration.resolve(
            LiveInputs(baseURL: baseURL, model: model), environment: environment)
        return CheckOptions(
            configuration: configuration, timeout: timeout, statusURL: statusURL.flatMap(EndpointURL.init),
            tool: ToolIdentity(name: "openai-doctor", version: "test"), startedAtSeconds: 1_764_171_602.5,
            progress: progress, realtimeModel: nil)
    }

    /// Runs `probes` (the registry's) with `options` through `transport` on `clock`.
    static func run(
        _ options: CheckOptions, _ transport: CheckScriptedTransport, clock: CheckTestClock = CheckTestClock(),
        probes: [any Probe] = CheckRegistry.probes
    ) async -> CheckReport {
        await CheckRunner.runHere(options, probes: probes, transport: transport, clock: CheckClock(clock))
    }

    /// An OpenAI error body.
    static func error(_ message: String, type: String, code: String?) -> String {
        #"{"error":{"message":"\#(message)","type":"\#(type)","param":null,"code":\#(code.map { "\"\($0)\"" } ?? "null")}}"#
    }

    /// 401 `invalid_api_key`.
    static let invalidKey = CheckScriptedTransport.Reply.answer(
        401, error("Incorrect API key provided.", type: "invalid_request_error", code: "invalid_api_key"))

    /// 403 `unsupported_country_region_territory`.
    static let regionBlocked = CheckScriptedTransport.Reply.answer(
        403,
        error(
            "Country, region, or territory not supported", type: "request_forbidden",
            code: "unsupported_country_region_territory"))

    /// A healthy API host, status page and egress in `loc`, each answer after `latency`.
    static func healthy(
        _ request: ProbeRequest, loc: String = "DE", latency: CheckScriptedTransport.Reply.Latency = .none
    ) -> CheckScriptedTransport.Reply {
        switch request.url.path {
        case "/cdn-cgi/trace":
            return .answer(200, "ip=203.0.113.7\nloc=\(loc)\ncolo=FRA\nwarp=off\ngateway=off\n", latency: latency)
        case "/compliance/cookie_requirements":
            return .answer(200, "{}", latency: latency)
        case "/v1/models":
            return .answer(200, #"{"object":"list","data":[{"id":"gpt-4o-mini"},{"id":"gpt-4o"}]}"#, latency: latency)
        case "/v1/models/gpt-4o-mini":
            return .answer(200, #"{"id":"gpt-4o-mini","object":"model"}"#, latency: latency)
        case "/v1/chat/completions", "/v1/responses":
            return .answer(
                400, error("Missing required parameter: 'messages'.", type: "invalid_request_error", code: nil),
                latency: latency)
        case "/api/v2/status.json":
            return .answer(
                200, #"{"status":{"indicator":"none","description":"All Systems Operational"}}"#, latency: latency)
        default:
            return .answer(404, "not found", latency: latency)
        }
    }

    /// Whether `request` goes to the status page.
    static func isStatusPage(_ request: ProbeRequest) -> Bool { request.url.host == "status.openai.com" }
}
