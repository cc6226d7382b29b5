import DoctorCore
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One failed call that ``DoctorURLProtocol`` saw: an answer with status 400 or above, or a
/// transport error, and its diagnosis.
///
/// Everything in it is already redacted: the diagnosis comes from ``DoctorCore/Diagnoser``
/// (which runs every string through ``DoctorCore/Redactor``) and ``url`` has passed through
/// the redactor too, so a key in a query string or an echo shows as its fingerprint only.
public struct DiagnosedFailure: Sendable, Equatable, Encodable {
    /// The diagnosis: cause, layer, retry class, fixes and redacted evidence.
    public var diagnosis: Diagnosis
    /// The request's method, e.g. `POST`.
    public var method: String
    /// The request's URL, redacted.
    public var url: String
    /// How long the call took, from start to the failure.
    public var elapsed: Duration

    /// The cause id, e.g. `billing.quota_exceeded`.
    public var cause: CauseID { diagnosis.cause }
    /// The answer's status, or `nil` when no answer arrived.
    public var status: Int? { diagnosis.evidence.status }
    /// The request id the answer carried (`x-request-id`, Azure's `apim-request-id`), for support.
    public var requestID: String? { diagnosis.evidence.requestID }

    /// Creates a failure record.
    public init(diagnosis: Diagnosis, method: String, url: String, elapsed: Duration) {
        self.diagnosis = diagnosis
        self.method = method
        self.url = url
        self.elapsed = elapsed
    }

    enum CodingKeys: String, CodingKey {
        case cause, status, method, url, diagnosis
        case requestID = "request_id"
        case elapsedMilliseconds = "elapsed_ms"
    }

    /// Encodes `cause`, `status`, `request_id`, `method`, `url`, `elapsed_ms` and the
    /// `diagnosis` object of docs/product.md; absent values as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(cause.rawValue, forKey: .cause)
        try c.encode(status, forKey: .status)
        try c.encode(requestID, forKey: .requestID)
        try c.encode(method, forKey: .method)
        try c.encode(url, forKey: .url)
        try c.encode(Int((elapsed / .milliseconds(1)).rounded()), forKey: .elapsedMilliseconds)
        try c.encode(diagnosis, forKey: .diagnosis)
    }
}

extension DiagnosedFailure {
    /// The diagnosis of a failed answer, through the same extractor and classifier as
    /// `openai-doctor explain` (and ``RetryingClient``).
    ///
    /// - Parameters:
    ///   - request: The request that was sent (its method and path name the failure).
    ///   - response: The answer; its status should be 400 or above.
    ///   - body: The start of the body (up to ``DoctorCore/EvidenceExtractor/bodyCap`` bytes are read).
    ///   - elapsed: How long the call took.
    public static func answer(
        to request: URLRequest, response: HTTPURLResponse, body: [UInt8], elapsed: Duration
    ) -> DiagnosedFailure {
        let text = String(decoding: body.prefix(EvidenceExtractor.bodyCap), as: UTF8.self)
        var evidence = EvidenceExtractor.evidence(
            status: response.statusCode, headers: URLSessionTransport.headers(of: response), body: text, form: .probe)
        if evidence.request == nil { evidence.request = requestLine(request) }
        return DiagnosedFailure(
            diagnosis: Diagnoser.diagnose(evidence), method: request.httpMethod ?? "GET",
            url: redactedURL(request), elapsed: elapsed)
    }

    /// The diagnosis of a call that got no answer: the phase a `URLError` names (DNS, connect,
    /// TLS, timeout…), or `unknown` with the error's code for anything else.
    ///
    /// - Returns: `nil` for a cancellation, which is the caller's decision, not a failure.
    public static func transport(
        _ error: any Error, request: URLRequest, elapsed: Duration
    ) -> DiagnosedFailure? {
        if let error = error as? URLError, error.code == .cancelled { return nil }
        if error is CancellationError { return nil }
        var evidence: Evidence
        if let failure = URLSessionTransport.transportFailure(for: error) {
            evidence = Evidence(form: .probe, transport: failure)
        } else if let error = error as? URLError {
            evidence = Evidence(form: .probe, notes: ["no answer: URLError \(error.code.rawValue)"])
        } else {
            // The error's text may hold a URL or a secret: name its type only.
            evidence = Evidence(form: .probe, notes: ["no answer: \(String(describing: type(of: error)))"])
        }
        evidence.request = requestLine(request)
        return DiagnosedFailure(
            diagnosis: Diagnoser.diagnose(evidence), method: request.httpMethod ?? "GET",
            url: redactedURL(request), elapsed: elapsed)
    }

    /// `POST /v1/chat/completions`: method and path, no query.
    static func requestLine(_ request: URLRequest) -> String {
        let path = request.url.map { $0.path.isEmpty ? "/" : $0.path } ?? "/"
        return "\(request.httpMethod ?? "GET") \(path)"
    }

    /// The URL with user info, passwords and key-like query values replaced by the redactor.
    static func redactedURL(_ request: URLRequest) -> String {
        Redactor.redact(request.url?.absoluteString ?? "")
    }
}
