import DoctorCore

/// Everything one `check` run needs, resolved by the caller (the CLI reads flags, environment and files).
public struct CheckOptions: Sendable {
    /// The resolved configuration (key, endpoint, ids, proxy, and their sources).
    public var configuration: LiveConfiguration
    /// The whole run's bound.
    public var timeout: Duration
    /// The status page's base URL (`https://status.openai.com`).
    public var statusURL: EndpointURL?
    /// Whether one minimal billable generation may be made (`--spend`).
    public var spend: Bool
    /// The model the Realtime WebSocket handshake names (`--realtime-model`); `nil` skips that
    /// probe (`--no-realtime`). The handshake sends nothing billable.
    public var realtimeModel: String?
    /// Transport settings: `--resolve`, `--cacert`, caps.
    public var transport: TransportSettings
    /// Whether the tool runs inside a container (a loopback proxy then is the container's own).
    public var inContainer: Bool
    /// The tool's identity for the report.
    public var tool: ToolIdentity
    /// The wall-clock start, seconds since 1970.
    public var startedAtSeconds: Double
    /// The local offset from UTC, in seconds.
    public var utcOffsetSeconds: Int
    /// The local time zone's identifier.
    public var timeZone: String
    /// Called (from any task) when a check finishes, for a progress indicator.
    public var progress: (@Sendable (CheckResult) -> Void)?
    /// The user's own runtimes to probe beside `check`'s path (`--runtime`); none by default.
    public var runtimes: [RuntimeRequest] = []
    /// The file `--cacert` named, which trust fixes name (its text is in ``transport``).
    public var caFile: String?
    /// Where the runtimes' probe programs are written for the run (`TMPDIR`, else `/tmp`).
    public var runtimeTemporaryRoot: String?

    /// The current general-availability realtime model, the handshake probe's default.
    public static let defaultRealtimeModel = "gpt-realtime"

    /// The default status page.
    // Safe: a literal URL, parsed by the tests (CheckOptions' defaults)
    // swift-format-ignore: NeverForceUnwrap
    public static let defaultStatusURL = EndpointURL("https://status.openai.com")!

    /// Creates options.
    public init(
        configuration: LiveConfiguration, timeout: Duration = .seconds(20), statusURL: EndpointURL? = defaultStatusURL,
        spend: Bool = false, transport: TransportSettings = TransportSettings(), inContainer: Bool = false,
        tool: ToolIdentity, startedAtSeconds: Double, utcOffsetSeconds: Int = 0, timeZone: String = "UTC",
        progress: (@Sendable (CheckResult) -> Void)? = nil, realtimeModel: String? = defaultRealtimeModel
    ) {
        self.realtimeModel = realtimeModel
        self.configuration = configuration
        self.timeout = timeout
        self.statusURL = statusURL
        self.spend = spend
        self.transport = transport
        self.inContainer = inContainer
        self.tool = tool
        self.startedAtSeconds = startedAtSeconds
        self.utcOffsetSeconds = utcOffsetSeconds
        self.timeZone = timeZone
        self.progress = progress
    }
}
