/// A failure that happened before any HTTP answer arrived, kept structured.
///
/// Which phase failed, and the host or address it concerned, is what separates
/// `network.dns` from `network.connect`, a proxy fault from a plain connect failure, and
/// poisoned DNS from an unreachable service.
public struct TransportFailure: Sendable, Codable, Equatable, Hashable {
    /// The step of the connection that failed.
    public enum Phase: String, Sendable, Codable, CaseIterable {
        /// Name resolution.
        case dns
        /// The TCP connection to the target (or to the proxy, with ``TransportFailure/viaProxy``).
        case connect
        /// The proxy: connecting to it, its CONNECT answer, its authentication.
        case proxy
        /// The TLS handshake or certificate validation.
        case tls
        /// Sending the request (headers that cannot be encoded fail here).
        case request
        /// Waiting for or reading the response.
        case response
        /// The text does not say.
        case unknown
    }

    /// What went wrong within the phase.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The name does not exist (ENOTFOUND, NXDOMAIN, "Name or service not known").
        case nameNotFound = "name_not_found"
        /// A temporary resolver failure (EAI_AGAIN, "Temporary failure in name resolution").
        case nameTemporaryFailure = "name_temporary_failure"
        /// The peer refused the connection (ECONNREFUSED).
        case refused
        /// The connection was reset (ECONNRESET, RST).
        case reset
        /// No route to the network or host.
        case unreachable
        /// Nothing answered in time.
        case timedOut = "timed_out"
        /// The peer closed the connection without an answer (EOF).
        case closed
        /// The certificate chain does not lead to a trusted root.
        case certificateUntrusted = "certificate_untrusted"
        /// A self-signed certificate is in the chain.
        case selfSigned = "self_signed"
        /// The certificate does not name the host.
        case hostnameMismatch = "hostname_mismatch"
        /// The certificate is expired or not yet valid.
        case certificateExpired = "certificate_expired"
        /// The TLS or HTTP protocol broke (EOF in handshake, wrong version number, garbage).
        case protocolError = "protocol_error"
        /// The TLS handshake failed without saying why (Apple's -1200 with a fatal alert or a closed
        /// peer): no cause can be named from it alone.
        case handshakeFailed = "handshake_failed"
        /// The platform refused a cleartext `http://` load (App Transport Security, Android's
        /// cleartext policy) before anything was sent.
        case cleartextBlocked = "cleartext_blocked"
        /// A proxy answered CONNECT with a failure status.
        case proxyStatus = "proxy_status"
        /// A header value could not be sent (illegal characters, encoding errors).
        case illegalHeader = "illegal_header"
        /// Anything else.
        case other
    }

    /// The phase that failed.
    public var phase: Phase
    /// What went wrong.
    public var kind: Kind
    /// The host name concerned, when the text names one.
    public var host: String?
    /// The IP address concerned, when the text names one.
    public var address: String?
    /// The port concerned, when known.
    public var port: Int?
    /// Whether the failure concerned a proxy rather than the API host.
    public var viaProxy: Bool
    /// A short verbatim excerpt that showed the failure (secrets already removed).
    public var detail: String?

    /// Creates a transport failure.
    public init(
        phase: Phase, kind: Kind, host: String? = nil, address: String? = nil, port: Int? = nil,
        viaProxy: Bool = false, detail: String? = nil
    ) {
        self.phase = phase
        self.kind = kind
        self.host = host
        self.address = address
        self.port = port
        self.viaProxy = viaProxy
        self.detail = detail
    }
}
