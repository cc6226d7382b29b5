/// One structural fact that extraction or a probe saw, typed, with its payload.
///
/// Signals are what the classifier reads beside the status, headers and error object: who
/// answered (a Cloudflare code, a Squid error, a proxy vendor), what the path did (the proxy's
/// CONNECT answer, addresses outside the provider's ranges, the egress country), and what a
/// live check found in the configuration. Extraction of a pasted text and the probes of
/// `check` emit the same signals, so the same evidence gets the same answer from either.
///
/// The JSON `markers` field is a rendering of signals (``marker``); nothing in the decision
/// path reads those strings.
///
/// ```swift
/// Signal.cloudflareCode(1020).marker          // "cloudflare:1020"
/// Signal.proxyConnectStatus(407).marker       // "proxy:connect-status=407"
/// Signal(marker: "squid:ERR_ACCESS_DENIED")   // .squidError("ERR_ACCESS_DENIED")
/// ```
public enum Signal: Sendable, Hashable {
    // MARK: Who answered

    /// A Cloudflare error page (its template, ray id and footer).
    case cloudflarePage
    /// A Cloudflare code shown by a page or body: a 1xxx access decision, or a 5xx page's code.
    case cloudflareCode(Int)
    /// Cloudflare's "Sorry, you have been blocked" (WAF) page.
    case cloudflareWAFBlock
    /// A Cloudflare challenge ("Just a moment...", `cf-mitigated`).
    case cloudflareChallenge
    /// The `cf-error-type` header's value.
    case cloudflareErrorType(String)
    /// `server: cloudflare` with the answer.
    case cloudflareServerHeader
    /// OpenAI's own Cloudflare block page ("Unable to load site").
    case openAIBlockPage
    /// A proxy or secure web gateway's page or headers: `squid`, `zscaler`, `netskope`,
    /// `prisma-access`, `bluecoat`, `fortinet`, `web-page-blocked`….
    case proxyVendor(String)
    /// A Squid error code (`ERR_ACCESS_DENIED`, `ERR_CONNECT_FAIL`, `ERR_CACHE_ACCESS_DENIED`…).
    case squidError(String)
    /// A `Proxy-Authenticate` header: the proxy wants credentials.
    case proxyAuthenticateHeader
    /// Azure's headers (`apim-request-id`, `x-ms-*`).
    case azureHeaders
    /// Azure's `policy-id: ThrowExceptionDueToTrafficDenied`: the resource's network rules refused.
    case azureTrafficDenied
    /// A web server or hosting platform that is not the API (`nginx`, `openresty`, `vercel`).
    case webServer(String)
    /// An HTML page's title.
    case htmlTitle(String)
    /// An OpenAI-compatible relay that rewrapped the error (`openrouter`, `one-api`).
    case relay(String)
    /// A JSON error envelope carried the message.
    case jsonEnvelope
    /// A known error code (``KnownErrorCodes``: OpenAI's, Azure's, Cloudflare's 1xxx, a gateway's)
    /// written as a token somewhere in the text that no error object's `code` or `type` field
    /// carried: under a label of its own (`Code: mismatched_organization`), in prose, translated.
    case knownCode(String)

    // MARK: The path

    /// The proxy's answer to CONNECT (403, 407, 502…): the tunnel was refused.
    case proxyConnectStatus(Int)
    /// The host a transcript names.
    case requestHost(String)
    /// An address the client tried to connect to.
    case triedAddress(String)
    /// The API's name resolved to this address, outside the provider's published ranges.
    case dnsOutsideProviderRanges(String)
    /// The egress country the API host's trace reports, when OpenAI does not serve it.
    case traceCountryUnsupported(String)
    /// The issuer of the certificate the API host presented.
    case tlsIssuer(String)
    /// A TLS-inspection product named by that certificate chain.
    case tlsInspectionProduct(String)

    /// How a WebSocket upgrade (the Realtime handshake) failed where no HTTP refusal tells.
    case webSocketUpgrade(WebSocketUpgradeFailure, viaProxy: Bool)
    /// The Realtime server opened the socket and refused in its first event (`{"type":"error",…}`).
    case realtimeErrorEvent

    // MARK: How the status was known

    /// The status was read from an exception class name (`RateLimitError` → 429).
    case statusFromExceptionClass
    /// The status was inferred from a Cloudflare code.
    case statusInferredFromCloudflareCode

    // MARK: Local inspection (check)

    /// What local inspection found in the configuration before anything was sent: which
    /// check found it (`key_missing`, `key`, `config.endpoint`…) and the cause its inspector
    /// (``KeyInspector``, or `BaseURLCheck` and `ProxyURLCheck` in DoctorProbes) names.
    case configFinding(check: String, cause: CauseID)

    /// The marker this signal renders as in the JSON `markers` field.
    public var marker: String {
        switch self {
        case .cloudflarePage: "cloudflare:page"
        case .cloudflareCode(let code): "cloudflare:\(code)"
        case .cloudflareWAFBlock: "cloudflare:waf-block"
        case .cloudflareChallenge: "cloudflare:challenge"
        case .cloudflareErrorType(let type): "cloudflare:error-type=\(type)"
        case .cloudflareServerHeader: "header:server=cloudflare"
        case .openAIBlockPage: "openai:block-page"
        case .proxyVendor(let vendor): "proxy:\(vendor)"
        case .squidError(let code): "squid:\(code)"
        case .proxyAuthenticateHeader: "header:proxy-authenticate"
        case .azureHeaders: "header:azure"
        case .azureTrafficDenied: "azure:traffic-denied"
        case .webServer(let name): "server:\(name)"
        case .htmlTitle(let title): "html:title=\(title)"
        case .relay(let name): "relay:\(name)"
        case .jsonEnvelope: "envelope:json"
        case .knownCode(let code): "code:\(code)"
        case .proxyConnectStatus(let status): "proxy:connect-status=\(status)"
        case .requestHost(let host): "host:\(host)"
        case .triedAddress(let address): "tried:\(address)"
        case .dnsOutsideProviderRanges(let address): "dns:outside_cloudflare=\(address)"
        case .traceCountryUnsupported(let country): "trace:loc_unsupported=\(country)"
        case .tlsIssuer(let issuer): "tls:issuer=\(issuer)"
        case .tlsInspectionProduct(let product): "tls:product=\(product)"
        case .statusFromExceptionClass: "status:from-exception-class"
        case .statusInferredFromCloudflareCode: "status:inferred-from-cloudflare-code"
        case .configFinding(let check, _): "config:\(check)"
        case .webSocketUpgrade(let failure, _): "realtime:\(failure.rawValue)"
        case .realtimeErrorEvent: "realtime:error_event"
        }
    }

    /// The signal a rendered marker stands for (reading a saved report back), `nil` for a
    /// marker this version does not know, and for a configuration finding (its marker does
    /// not carry the cause).
    public init?(marker: String) {
        func value(after prefix: String) -> String? {
            marker.hasPrefix(prefix) ? String(marker.dropFirst(prefix.count)) : nil
        }
        switch marker {
        case "cloudflare:page": self = .cloudflarePage
        case "cloudflare:waf-block": self = .cloudflareWAFBlock
        case "cloudflare:challenge": self = .cloudflareChallenge
        case "header:server=cloudflare": self = .cloudflareServerHeader
        case "openai:block-page": self = .openAIBlockPage
        case "header:proxy-authenticate": self = .proxyAuthenticateHeader
        case "header:azure": self = .azureHeaders
        case "azure:traffic-denied": self = .azureTrafficDenied
        case "envelope:json": self = .jsonEnvelope
        case "status:from-exception-class": self = .statusFromExceptionClass
        case "status:inferred-from-cloudflare-code": self = .statusInferredFromCloudflareCode
        case "realtime:error_event": self = .realtimeErrorEvent
        default:
            if let type = value(after: "cloudflare:error-type=") {
                self = .cloudflareErrorType(type)
            } else if let code = value(after: "cloudflare:").flatMap({ Int($0) }) {
                self = .cloudflareCode(code)
            } else if let status = value(after: "proxy:connect-status=").flatMap({ Int($0) }) {
                self = .proxyConnectStatus(status)
            } else if let vendor = value(after: "proxy:") {
                self = .proxyVendor(vendor)
            } else if let code = value(after: "squid:") {
                self = .squidError(code)
            } else if let name = value(after: "server:") {
                self = .webServer(name)
            } else if let title = value(after: "html:title=") {
                self = .htmlTitle(title)
            } else if let code = value(after: "code:") {
                self = .knownCode(code)
            } else if let name = value(after: "relay:") {
                self = .relay(name)
            } else if let host = value(after: "host:") {
                self = .requestHost(host)
            } else if let address = value(after: "tried:") {
                self = .triedAddress(address)
            } else if let address = value(after: "dns:outside_cloudflare=") {
                self = .dnsOutsideProviderRanges(address)
            } else if let country = value(after: "trace:loc_unsupported=") {
                self = .traceCountryUnsupported(country)
            } else if let issuer = value(after: "tls:issuer=") {
                self = .tlsIssuer(issuer)
            } else if let product = value(after: "tls:product=") {
                self = .tlsInspectionProduct(product)
            } else if let failure = value(after: "realtime:").flatMap(WebSocketUpgradeFailure.init(rawValue:)) {
                self = .webSocketUpgrade(failure, viaProxy: false)
            } else {
                return nil
            }
        }
    }
}

/// How a WebSocket upgrade failed when the answer was no HTTP refusal.
public enum WebSocketUpgradeFailure: String, Sendable, Hashable, CaseIterable {
    /// The upgrade request was sent and nothing (no 101, no answer) came before the deadline.
    case no101 = "no_101"
    /// A 101 came without `Upgrade: websocket`: something on the way rewrote the handshake.
    case upgradeHeaderMissing = "upgrade_header_missing"
    /// The 101's `Sec-WebSocket-Accept` does not answer the key sent: not the server's own answer.
    case acceptMismatch = "accept_mismatch"
    /// The socket opened, but no first event came before the deadline.
    case noFirstEvent = "no_first_event"
    /// The socket opened and was closed at once, before any event.
    case closedAfter101 = "closed_after_101"
    /// The server answered a plain GET (426, 400…): the `Upgrade` header was taken out on the way.
    case upgradeStripped = "upgrade_stripped"
}

extension Signal {
    /// Whether this names a relay.
    public var isRelay: Bool { if case .relay = self { true } else { false } }
    /// Whether this names a web server that is not the API.
    public var isWebServer: Bool { if case .webServer = self { true } else { false } }
}

/// A signal is stored and exchanged as its marker: saved evidence reads back as the same signals.
extension Signal: Codable {
    /// Reads a marker; one this version does not know is a decoding error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let marker = try container.decode(String.self)
        guard let signal = Signal(marker: marker) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown marker \(marker)")
        }
        self = signal
    }

    /// Writes the marker.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(marker)
    }
}
