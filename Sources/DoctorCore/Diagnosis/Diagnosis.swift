/// The conclusion about one failure: the primary cause, how sure, what to do, and the
/// evidence that decided it (already redacted).
///
/// Its JSON form is the `diagnosis` object of docs/product.md: snake_case keys, absent evidence
/// fields as `null`. `layer` is `null` for `unknown`, whose layer docs/causes.md leaves blank.
public struct Diagnosis: Sendable, Codable, Equatable {
    /// The primary cause.
    public var cause: CauseID
    /// Who refused (`nil` for ``CauseID/unknown``).
    public var layer: Layer?
    /// Whether a retry can help.
    public var retry: RetryClass
    /// How sure the classifier is.
    public var confidence: Confidence
    /// The cause's title.
    public var title: String
    /// One paragraph for a person.
    public var explanation: String
    /// What to do, least disruptive first.
    public var fixes: [String]
    /// The redacted evidence summary.
    public var evidence: EvidenceSummary
    /// Why the classifier decided so, strongest evidence first (human sentences).
    public var decidedBy: [String]

    /// Creates a diagnosis.
    public init(
        cause: CauseID, confidence: Confidence, title: String, explanation: String, fixes: [String],
        evidence: EvidenceSummary, decidedBy: [String] = []
    ) {
        self.cause = cause
        self.layer = cause.layer
        self.retry = cause.retry
        self.confidence = confidence
        self.title = title
        self.explanation = explanation
        self.fixes = fixes
        self.evidence = evidence
        self.decidedBy = decidedBy
    }

    enum CodingKeys: String, CodingKey {
        case cause, layer, retry, confidence, title, explanation, fixes, evidence
        case decidedBy = "decided_by"
    }

    /// Encodes every key, `null` included, so readers can rely on the shape.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(cause, forKey: .cause)
        try c.encode(layer, forKey: .layer)
        try c.encode(retry, forKey: .retry)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(title, forKey: .title)
        try c.encode(explanation, forKey: .explanation)
        try c.encode(fixes, forKey: .fixes)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(decidedBy, forKey: .decidedBy)
    }
}

/// The evidence a diagnosis shows: structured, redacted, safe to share.
public struct EvidenceSummary: Sendable, Codable, Equatable {
    /// The HTTP status.
    public var status: Int?
    /// Who answered.
    public var provider: Provider?
    /// The error's `type`.
    public var errorType: String?
    /// The error's `code`.
    public var errorCode: String?
    /// The error's `param`.
    public var errorParam: String?
    /// The error message, with every secret replaced by its fingerprint.
    public var message: String?
    /// The request id.
    public var requestID: String?
    /// The Cloudflare ray id.
    public var cfRay: String?
    /// Structural markers seen.
    public var markers: [String]
    /// The transport phase that failed, if no answer arrived.
    public var transportPhase: String?
    /// What failed within that phase.
    public var transportError: String?
    /// The host the failure concerned.
    public var host: String?
    /// The address the failure concerned.
    public var address: String?
    /// The echoed (already masked) key, as a fingerprint.
    public var key: String?
    /// The method and path the error names.
    public var request: String?
    /// The client library recognised.
    public var client: String?
    /// Notes about the input (truncation, decoding).
    public var notes: [String]

    /// Creates an empty summary.
    public init() {
        markers = []
        notes = []
    }

    enum CodingKeys: String, CodingKey {
        case status, provider, message, markers, host, address, key, request, client, notes
        case errorType = "error_type"
        case errorCode = "error_code"
        case errorParam = "error_param"
        case requestID = "request_id"
        case cfRay = "cf_ray"
        case transportPhase = "transport_phase"
        case transportError = "transport_error"
    }

    /// Encodes every key, absent values as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encode(provider, forKey: .provider)
        try c.encode(errorType, forKey: .errorType)
        try c.encode(errorCode, forKey: .errorCode)
        try c.encode(errorParam, forKey: .errorParam)
        try c.encode(message, forKey: .message)
        try c.encode(requestID, forKey: .requestID)
        try c.encode(cfRay, forKey: .cfRay)
        try c.encode(markers, forKey: .markers)
        try c.encode(transportPhase, forKey: .transportPhase)
        try c.encode(transportError, forKey: .transportError)
        try c.encode(host, forKey: .host)
        try c.encode(address, forKey: .address)
        try c.encode(key, forKey: .key)
        try c.encode(request, forKey: .request)
        try c.encode(client, forKey: .client)
        try c.encode(notes, forKey: .notes)
    }
}
