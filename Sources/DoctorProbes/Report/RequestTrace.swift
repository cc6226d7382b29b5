import DoctorCore

/// One request the tool made, phase by phase: what a timing waterfall draws and what support asks for.
///
/// Every time is in milliseconds. ``startMS`` is the offset from the start of the run, and each
/// ``phases`` entry's `start_ms` is the offset from the start of this request, so a renderer can
/// place requests on one time axis and phases within them. Nothing here is secret: request
/// headers are not recorded, response headers are filtered by the transport, and proxy URLs carry
/// no password.
public struct RequestTrace: Sendable, Codable, Equatable {
    /// A short label (`GET /v1/models`, `trace IPv6`).
    public var label: String
    /// The HTTP method.
    public var method: String
    /// The URL requested (no credentials in it).
    public var url: String
    /// When the request started, from the start of the run.
    public var startMS: Int
    /// How long it took in all.
    public var totalMS: Int
    /// The proxy used, password removed; `nil` when direct.
    public var proxy: String?
    /// The phases, in order, each with its start (from the request's start) and duration.
    public var phases: [PhaseTiming]
    /// Name resolution of the host connected to (the proxy's, when a proxy is used).
    public var dns: DNSTrace?
    /// Every TCP connection attempt, in order.
    public var connects: [ConnectAttempt]
    /// The proxy's answer to CONNECT, when a proxy is used.
    public var proxyConnect: ProxyConnectTrace?
    /// The TLS handshake, for `https` URLs.
    public var tls: TLSTrace?
    /// The HTTP status, when an answer arrived.
    public var status: Int?
    /// The request id of the answer (`x-request-id`, `apim-request-id`).
    public var requestID: String?
    /// The response headers worth keeping (already filtered of cookies and secrets).
    public var responseHeaders: HeaderFields
    /// How many body bytes were read.
    public var bodyBytes: Int
    /// Whether the body or headers hit the read cap.
    public var truncated: Bool
    /// The failure, when no complete answer arrived.
    public var failure: TransportFailure?

    /// Creates a trace.
    public init(
        label: String, method: String, url: String, startMS: Int = 0, totalMS: Int = 0, proxy: String? = nil,
        phases: [PhaseTiming] = [], dns: DNSTrace? = nil, connects: [ConnectAttempt] = [],
        proxyConnect: ProxyConnectTrace? = nil, tls: TLSTrace? = nil, status: Int? = nil, requestID: String? = nil,
        responseHeaders: HeaderFields = HeaderFields(), bodyBytes: Int = 0, truncated: Bool = false,
        failure: TransportFailure? = nil
    ) {
        self.label = label
        self.method = method
        self.url = url
        self.startMS = startMS
        self.totalMS = totalMS
        self.proxy = proxy
        self.phases = phases
        self.dns = dns
        self.connects = connects
        self.proxyConnect = proxyConnect
        self.tls = tls
        self.status = status
        self.requestID = requestID
        self.responseHeaders = responseHeaders
        self.bodyBytes = bodyBytes
        self.truncated = truncated
        self.failure = failure
    }

    /// The duration of one phase, if it happened.
    public func duration(of phase: PhaseTiming.Phase) -> Int? {
        phases.first { $0.phase == phase }?.durationMS
    }

    enum CodingKeys: String, CodingKey {
        case label, method, url, proxy, phases, dns, connects, tls, status, truncated, failure
        case startMS = "start_ms"
        case totalMS = "total_ms"
        case proxyConnect = "proxy_connect"
        case requestID = "request_id"
        case responseHeaders = "response_headers"
        case bodyBytes = "body_bytes"
    }

    /// Encodes every key, absent ones as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(label, forKey: .label)
        try c.encode(method, forKey: .method)
        try c.encode(url, forKey: .url)
        try c.encode(startMS, forKey: .startMS)
        try c.encode(totalMS, forKey: .totalMS)
        try c.encode(proxy, forKey: .proxy)
        try c.encode(phases, forKey: .phases)
        try c.encode(dns, forKey: .dns)
        try c.encode(connects, forKey: .connects)
        try c.encode(proxyConnect, forKey: .proxyConnect)
        try c.encode(tls, forKey: .tls)
        try c.encode(status, forKey: .status)
        try c.encode(requestID, forKey: .requestID)
        try c.encode(responseHeaders, forKey: .responseHeaders)
        try c.encode(bodyBytes, forKey: .bodyBytes)
        try c.encode(truncated, forKey: .truncated)
        try c.encode(failure, forKey: .failure)
    }
}

/// One phase of a request on the waterfall.
public struct PhaseTiming: Sendable, Codable, Equatable {
    /// The phases a request goes through, in order.
    public enum Phase: String, Sendable, Codable, CaseIterable {
        /// Name resolution (A and AAAA).
        case dns
        /// The TCP connection (to the proxy when one is used).
        case connect
        /// The proxy's CONNECT exchange.
        case proxy
        /// The TLS handshake.
        case tls
        /// From sending the request to the first byte of the answer.
        case firstByte = "first_byte"
        /// Reading the rest of the answer.
        case body
    }

    /// Which phase.
    public var phase: Phase
    /// When it started, from the start of the request.
    public var startMS: Int
    /// How long it took.
    public var durationMS: Int

    /// Creates a phase timing.
    public init(phase: Phase, startMS: Int, durationMS: Int) {
        self.phase = phase
        self.startMS = startMS
        self.durationMS = durationMS
    }

    enum CodingKeys: String, CodingKey {
        case phase
        case startMS = "start_ms"
        case durationMS = "duration_ms"
    }
}

/// Name resolution of one host, A and AAAA separately.
public struct DNSTrace: Sendable, Codable, Equatable {
    /// The name resolved.
    public var host: String
    /// How the addresses were obtained: `system`, `resolve` (a `--resolve` entry) or `literal`.
    public var source: String
    /// IPv4 addresses.
    public var a: [String]
    /// IPv6 addresses.
    public var aaaa: [String]
    /// How long the A query took.
    public var aMS: Int?
    /// How long the AAAA query took.
    public var aaaaMS: Int?
    /// The A query's failure (`name_not_found`, `name_temporary_failure`, …), if any.
    public var aError: String?
    /// The AAAA query's failure, if any.
    public var aaaaError: String?

    /// Creates a DNS trace.
    public init(
        host: String, source: String, a: [String] = [], aaaa: [String] = [], aMS: Int? = nil, aaaaMS: Int? = nil,
        aError: String? = nil, aaaaError: String? = nil
    ) {
        self.host = host
        self.source = source
        self.a = a
        self.aaaa = aaaa
        self.aMS = aMS
        self.aaaaMS = aaaaMS
        self.aError = aError
        self.aaaaError = aaaaError
    }

    enum CodingKeys: String, CodingKey {
        case host, source, a, aaaa
        case aMS = "a_ms"
        case aaaaMS = "aaaa_ms"
        case aError = "a_error"
        case aaaaError = "aaaa_error"
    }

    /// Encodes every key, absent ones as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(host, forKey: .host)
        try c.encode(source, forKey: .source)
        try c.encode(a, forKey: .a)
        try c.encode(aaaa, forKey: .aaaa)
        try c.encode(aMS, forKey: .aMS)
        try c.encode(aaaaMS, forKey: .aaaaMS)
        try c.encode(aError, forKey: .aError)
        try c.encode(aaaaError, forKey: .aaaaError)
    }
}

/// One TCP connection attempt.
public struct ConnectAttempt: Sendable, Codable, Equatable {
    /// The address tried.
    public var address: String
    /// The port tried.
    public var port: Int
    /// `ipv4` or `ipv6`.
    public var family: String
    /// When it started, from the start of the request.
    public var startMS: Int
    /// How long it took (to success or failure).
    public var durationMS: Int
    /// The failure (`refused`, `timed_out`, …), or `nil` when connected.
    public var error: String?

    /// Creates a connect attempt.
    public init(address: String, port: Int, family: String, startMS: Int, durationMS: Int, error: String? = nil) {
        self.address = address
        self.port = port
        self.family = family
        self.startMS = startMS
        self.durationMS = durationMS
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case address, port, family, error
        case startMS = "start_ms"
        case durationMS = "duration_ms"
    }

    /// Encodes every key, `error` as `null` when absent.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(address, forKey: .address)
        try c.encode(port, forKey: .port)
        try c.encode(family, forKey: .family)
        try c.encode(startMS, forKey: .startMS)
        try c.encode(durationMS, forKey: .durationMS)
        try c.encode(error, forKey: .error)
    }
}

/// A proxy's answer to CONNECT.
public struct ProxyConnectTrace: Sendable, Codable, Equatable {
    /// The status line's code (200 when the tunnel opened), `nil` if none arrived.
    public var status: Int?
    /// The answer's headers (`Proxy-Authenticate` kept, since it names a scheme, not a secret).
    public var headers: HeaderFields
    /// Block-page and product markers seen (`squid:ERR_ACCESS_DENIED`).
    public var markers: [String]
    /// The start of the answer's body, capped, when the proxy sent one.
    public var bodyExcerpt: String?

    /// Creates a proxy CONNECT trace.
    public init(
        status: Int?, headers: HeaderFields = HeaderFields(), markers: [String] = [], bodyExcerpt: String? = nil
    ) {
        self.status = status
        self.headers = headers
        self.markers = markers
        self.bodyExcerpt = bodyExcerpt
    }

    enum CodingKeys: String, CodingKey {
        case status, headers, markers
        case bodyExcerpt = "body_excerpt"
    }

    /// Encodes every key, absent ones as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encode(headers, forKey: .headers)
        try c.encode(markers, forKey: .markers)
        try c.encode(bodyExcerpt, forKey: .bodyExcerpt)
    }
}

/// The TLS handshake and the chain the server presented.
public struct TLSTrace: Sendable, Codable, Equatable {
    /// The negotiated version (`TLSv1.3`), when the handshake completed.
    public var version: String?
    /// The negotiated ALPN protocol (`http/1.1`).
    public var alpn: String?
    /// The server name sent (SNI).
    public var serverName: String?
    /// The presented chain, leaf first.
    public var chain: [CertificateSummary]
    /// Whether the chain validated against the system trust store plus `--cacert`.
    public var trusted: Bool
    /// Why validation failed, when it did (`certificate_untrusted`, `hostname_mismatch`, …).
    public var verifyError: String?

    /// Creates a TLS trace.
    public init(
        version: String? = nil, alpn: String? = nil, serverName: String? = nil, chain: [CertificateSummary] = [],
        trusted: Bool = false, verifyError: String? = nil
    ) {
        self.version = version
        self.alpn = alpn
        self.serverName = serverName
        self.chain = chain
        self.trusted = trusted
        self.verifyError = verifyError
    }

    enum CodingKeys: String, CodingKey {
        case version, alpn, chain, trusted
        case serverName = "server_name"
        case verifyError = "verify_error"
    }

    /// Encodes every key, absent ones as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(alpn, forKey: .alpn)
        try c.encode(serverName, forKey: .serverName)
        try c.encode(chain, forKey: .chain)
        try c.encode(trusted, forKey: .trusted)
        try c.encode(verifyError, forKey: .verifyError)
    }
}

/// One certificate of a presented chain, as people read it.
public struct CertificateSummary: Sendable, Codable, Equatable {
    /// The subject's distinguished name (`CN=api.openai.com`).
    public var subject: String
    /// The issuer's distinguished name (`C=US, O=Google Trust Services, CN=WE1`).
    public var issuer: String
    /// Start of validity, ISO 8601 UTC.
    public var notBefore: String?
    /// End of validity, ISO 8601 UTC.
    public var notAfter: String?

    /// Creates a certificate summary.
    public init(subject: String, issuer: String, notBefore: String? = nil, notAfter: String? = nil) {
        self.subject = subject
        self.issuer = issuer
        self.notBefore = notBefore
        self.notAfter = notAfter
    }

    /// Whether subject and issuer are the same name (a root or a self-signed leaf).
    public var isSelfIssued: Bool { subject == issuer }

    enum CodingKeys: String, CodingKey {
        case subject, issuer
        case notBefore = "not_before"
        case notAfter = "not_after"
    }

    /// Encodes every key, absent ones as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(subject, forKey: .subject)
        try c.encode(issuer, forKey: .issuer)
        try c.encode(notBefore, forKey: .notBefore)
        try c.encode(notAfter, forKey: .notAfter)
    }
}
