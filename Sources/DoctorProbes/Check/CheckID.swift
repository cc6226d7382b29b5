import DoctorCore

/// The id of every check `check` runs; the raw value is the id the report and its JSON carry.
///
/// The cases are declared in the report's order, which ``CheckRegistry`` also keeps (a test holds them together).
///
/// ```swift
/// CheckID.dns.rawValue               // "network.dns"
/// report.check(.models)?.status      // .pass
/// result.id == CheckID.trace         // a report's id (a string) against a check id
/// ```
public enum CheckID: String, Sendable, CaseIterable, Hashable, CustomStringConvertible {
    /// The API key: source, fingerprint, format.
    case key = "config.key"
    /// The base URL and the organization/project ids.
    case endpoint = "config.endpoint"
    /// Which proxy applies, and whether its URL makes sense.
    case proxy = "config.proxy"
    /// Name resolution of the API host.
    case dns = "network.dns"
    /// `/cdn-cgi/trace` on the API host: the egress IP and country.
    case trace = "egress.trace"
    /// `/compliance/cookie_requirements` without a key: the region verdict.
    case compliance = "egress.compliance"
    /// The provider's status page.
    case status = "service.status"
    /// `GET /v1/models` with the key (Azure: `GET /openai/models`).
    case models = "api.models"
    /// `GET /v1/models/{model}` (Azure: the deployment).
    case model = "api.model"
    /// Restricted-key scopes, probed without spending.
    case scopes = "api.scopes"
    /// The Realtime API's WebSocket handshake (`GET /v1/realtime` with `Upgrade: websocket`).
    case realtime = "api.realtime"
    /// One minimal generation (`--spend`).
    case spend = "api.spend"
    /// The failing probe repeated without the proxy.
    case proxyIsolation = "isolation.proxy"
    /// IPv4 against IPv6.
    case familyIsolation = "isolation.family"

    /// The id as the report writes it.
    public var description: String { rawValue }

    /// Whether a report's id (a string) is this check's.
    public static func == (lhs: String, rhs: CheckID) -> Bool { lhs == rhs.rawValue }

    /// Whether a report's id (a string) is this check's.
    public static func == (lhs: CheckID, rhs: String) -> Bool { lhs.rawValue == rhs }
}

extension CheckReport {
    /// The result of one check, by its id.
    public func check(_ id: CheckID) -> CheckResult? { check(id.rawValue) }
}
