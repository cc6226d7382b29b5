import DoctorCore

/// Everything a ``MockServer`` is started with. Every field can be changed later through
/// ``MockServer`` methods or the admin API, except the address and TLS.
///
/// ```swift
/// var configuration = MockConfiguration()
/// configuration.plan = ScenarioPlan("rate_limit.exceeded*2,ok")!
/// configuration.acceptedKeys = [testKey]
/// ```
public struct MockConfiguration: Sendable {
    /// The address to bind; loopback by default.
    public var host: String = "127.0.0.1"
    /// The port to bind; 0 picks a free one (read it back from ``MockServer/port``).
    public var port: Int = 0
    /// What every request is answered with, unless a test selects otherwise.
    public var plan: ScenarioPlan = .ok
    /// HTTPS with a certificate generated at start; `nil` for plain HTTP.
    public var tls: MockTLSMode? = nil
    /// Where to write the generating CA's PEM (TLS only).
    public var caCertificatePath: String? = nil
    /// The seed of the generator behind fault draws, latencies and ids.
    public var seed: UInt64 = 0x6F70_656E_6169
    /// Transport faults drawn on every matching request.
    public var faults: [FaultRule] = []
    /// Added latency; the first matching rule applies.
    public var latency: [LatencyRule] = []
    /// Keys the `ok` scenario accepts; empty accepts any well-formed bearer key.
    public var acceptedKeys: [String] = []
    /// The organization the keys belong to; an `OpenAI-Organization` header naming another gets
    /// the real `mismatched_organization` 401. It is also echoed in `openai-organization`.
    public var organization: String? = nil
    /// The project the keys belong to; an `OpenAI-Project` header naming another gets the real
    /// `mismatched_project` 401.
    public var project: String? = nil
    /// The models `/v1/models` lists and the generation endpoints accept.
    public var models: [String] = MockConfiguration.defaultModels
    /// What `/cdn-cgi/trace` reports.
    public var trace = TraceSettings()
    /// The incident the status-page endpoints report; `nil` when all is operational.
    public var incident: StatusIncident? = nil
    /// How many requests the journal keeps (oldest dropped first).
    public var journalCapacity: Int = 10_000
    /// Whether requests are journaled at all.
    public var journalEnabled: Bool = true
    /// The most request-body bytes read; more gets a 413.
    public var maximumBodyBytes: Int = 8 << 20
    /// How long a black-holed or stalled connection is held before the server lets go.
    public var holdLimit: Duration = .seconds(120)
    /// The retry cap the resilience verdict judges against.
    public var verdictRetryCap: Int = 5
    /// Event-loop threads; `nil` uses one per core.
    public var threads: Int? = nil

    /// Creates the default configuration: loopback, port 0, `ok`.
    public init() {}

    /// The models listed by default.
    public static let defaultModels = [
        "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "o3-mini", "gpt-4", "gpt-3.5-turbo",
        "text-embedding-3-small", "text-embedding-3-large", "text-embedding-ada-002",
    ]
}

/// Which certificate the HTTPS mock presents.
public enum MockTLSMode: String, Sendable, CaseIterable, Codable {
    /// A leaf for `localhost`, `127.0.0.1`, `::1` and `api.openai.com` from a fresh local CA.
    case localCA = "local-ca"
    /// The same leaf, issued by a CA named like a TLS-inspection product
    /// (`O=Zscaler Inc., CN=Zscaler Root CA`), so clients can test interception detection.
    case intercepting
}

/// What `/cdn-cgi/trace` answers (the fields Cloudflare reports about the client).
public struct TraceSettings: Sendable, Equatable, Codable {
    /// `ip=`: the egress address as the edge saw it.
    public var ip: String = "203.0.113.7"
    /// `loc=`: the country code of that address.
    public var loc: String = "US"
    /// `colo=`: the edge data centre.
    public var colo: String = "SJC"
    /// `warp=`: `off`, `on` or `plus`.
    public var warp: String = "off"
    /// `gateway=`: `off` or `on` (Cloudflare Zero Trust Gateway).
    public var gateway: String = "off"

    /// Creates the default: a US address, no WARP, no gateway.
    public init() {}
}

/// An ongoing incident as the status-page endpoints report it.
public struct StatusIncident: Sendable, Equatable, Codable {
    /// The incident's title.
    public var name: String
    /// Statuspage impact: `minor`, `major` or `critical`.
    public var impact: String
    /// The component it affects (`API`, `Chat Completions`, `Responses`…).
    public var component: String

    /// Creates an incident.
    public init(name: String, impact: String = "major", component: String = "Chat Completions") {
        self.name = name
        self.impact = impact
        self.component = component
    }
}
