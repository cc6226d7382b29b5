import DoctorCore

/// What a send closure returns: the HTTP status, headers and body of one answer.
///
/// Any status is an answer, 4xx and 5xx included; only a failure with no answer at all
/// (DNS, connect, TLS, timeout) is thrown, preferably as a ``TransportError``.
public struct HTTPAnswer: Sendable, Equatable {
    /// The HTTP status code.
    public var status: Int
    /// The response headers, in order.
    public var headers: HeaderFields
    /// The response body.
    public var body: [UInt8]

    /// Creates an answer.
    public init(status: Int, headers: HeaderFields = HeaderFields(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Whether the status is a failure (400 and above).
    public var isFailure: Bool { status >= 400 }

    /// The request id the answer carries (`x-request-id`, or Azure's `apim-request-id`).
    public var requestID: String? { headers["x-request-id"] ?? headers["apim-request-id"] }
}

/// A failure with no HTTP answer, described by phase, for a send closure to throw.
///
/// Throwing this (rather than the transport library's own error) lets the classifier tell
/// `network.dns`, `network.connect`, `network.timeout` and `tls.intercepted` apart. The
/// URLSession adapter maps `URLError` to it for you; see ``URLSessionTransport``.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The failure, by phase and kind.
    public var failure: TransportFailure

    /// Wraps a transport failure.
    public init(_ failure: TransportFailure) {
        self.failure = failure
    }

    /// `phase/kind`, e.g. `dns/name_not_found`.
    public var description: String { "\(failure.phase.rawValue)/\(failure.kind.rawValue)" }
}
