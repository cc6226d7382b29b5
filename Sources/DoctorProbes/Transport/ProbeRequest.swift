import DoctorCore

/// One HTTP/1.1 request for the probe transport to carry.
public struct ProbeRequest: Sendable {
    /// Which address families a request may use.
    public enum Family: String, Sendable, CaseIterable {
        /// Any (IPv6 and IPv4 interleaved, IPv6 first, as curl does).
        case any
        /// IPv4 only (A records).
        case ipv4
        /// IPv6 only (AAAA records).
        case ipv6
    }

    /// A short label for the trace (`GET /v1/models`).
    public var label: String
    /// The method.
    public var method: String
    /// The URL.
    public var url: EndpointURL
    /// Request headers. Their values are sent, never recorded.
    public var headers: HeaderFields
    /// The request body (empty for none).
    public var body: [UInt8]
    /// The proxy to go through, `nil` for direct.
    public var proxy: EndpointURL?
    /// The address families allowed.
    public var family: Family
    /// Whether the request is a WebSocket opening handshake (`Upgrade: websocket`): the transport
    /// then reads the 101 and the first server event, or the refusal, and closes.
    public var upgradeToWebSocket: Bool

    /// Creates a request.
    public init(
        label: String, method: String = "GET", url: EndpointURL, headers: HeaderFields = HeaderFields(),
        body: [UInt8] = [], proxy: EndpointURL? = nil, family: Family = .any, upgradeToWebSocket: Bool = false
    ) {
        self.label = label
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.proxy = proxy
        self.family = family
        self.upgradeToWebSocket = upgradeToWebSocket
    }
}

/// A curl-style `--resolve HOST:PORT:ADDR[,ADDR…]` entry.
public struct ResolveOverride: Sendable, Equatable {
    /// The host name.
    public var host: String
    /// The port it applies to.
    public var port: Int
    /// The addresses to use instead of DNS.
    public var addresses: [String]

    /// Creates an override.
    public init(host: String, port: Int, addresses: [String]) {
        self.host = host.lowercased()
        self.port = port
        self.addresses = addresses
    }

    /// Parses `HOST:PORT:ADDR[,ADDR…]` (IPv6 addresses may be bracketed); `nil` when malformed.
    public init?(parsing text: String) {
        guard let firstColon = text.firstIndex(of: ":") else { return nil }
        let host = text[..<firstColon]
        let rest = text[text.index(after: firstColon)...]
        guard let secondColon = rest.firstIndex(of: ":"), let port = Int(rest[..<secondColon]),
            (1...65535).contains(port), !host.isEmpty
        else { return nil }
        let list = rest[rest.index(after: secondColon)...].split(separator: ",").map {
            String($0).trimmingBrackets()
        }
        guard !list.isEmpty, list.allSatisfy({ IPAddress($0) != nil }) else { return nil }
        self.init(host: String(host), port: port, addresses: list)
    }
}

extension String {
    func trimmingBrackets() -> String {
        hasPrefix("[") && hasSuffix("]") ? String(dropFirst().dropLast()) : self
    }
}

/// Settings shared by every request of a run.
public struct TransportSettings: Sendable {
    /// `--resolve` overrides.
    public var resolve: [ResolveOverride]
    /// Extra trusted CA certificates in PEM (`--cacert`), added to the system store.
    public var extraCAPEM: [String]
    /// Whether the system trust store is used (tests may use only `extraCAPEM`).
    public var useSystemTrustStore: Bool
    /// The most header bytes read before the answer is cut.
    public var maxHeaderBytes: Int
    /// The most body bytes read before the answer is cut.
    public var maxBodyBytes: Int
    /// The longest one TCP connection attempt may take.
    public var connectTimeout: Duration
    /// The `User-Agent` sent.
    public var userAgent: String

    /// Creates settings.
    public init(
        resolve: [ResolveOverride] = [], extraCAPEM: [String] = [], useSystemTrustStore: Bool = true,
        maxHeaderBytes: Int = 64 << 10, maxBodyBytes: Int = 256 << 10, connectTimeout: Duration = .seconds(8),
        userAgent: String = "openai-doctor"
    ) {
        self.resolve = resolve
        self.extraCAPEM = extraCAPEM
        self.useSystemTrustStore = useSystemTrustStore
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
        self.connectTimeout = connectTimeout
        self.userAgent = userAgent
    }
}

/// What came back from one request: the answer (if any), the failure (if any), and the trace.
public struct ProbeExchange: Sendable {
    /// The trace: phases, DNS, connects, proxy CONNECT, TLS chain.
    public var trace: RequestTrace
    /// The HTTP status of the answer (the proxy's, when CONNECT was refused).
    public var status: Int?
    /// The answer's headers (full, for evidence extraction; never printed as such).
    public var headers: HeaderFields
    /// The answer's body, capped.
    public var body: String
    /// The failure, when no complete answer came.
    public var failure: TransportFailure?
    /// Whether ``status`` and ``headers`` are a proxy's answer to CONNECT rather than the target's.
    public var isProxyAnswer: Bool
    /// For a WebSocket handshake: how far the upgrade got and the first event.
    public var webSocket: WebSocketHandshake?

    /// Creates an exchange.
    public init(
        trace: RequestTrace, status: Int? = nil, headers: HeaderFields = HeaderFields(), body: String = "",
        failure: TransportFailure? = nil, isProxyAnswer: Bool = false, webSocket: WebSocketHandshake? = nil
    ) {
        self.trace = trace
        self.status = status
        self.headers = headers
        self.body = body
        self.failure = failure
        self.isProxyAnswer = isProxyAnswer
        self.webSocket = webSocket
    }

    /// Whether a complete answer from the target arrived.
    public var answered: Bool { status != nil && !isProxyAnswer && failure == nil }
}
