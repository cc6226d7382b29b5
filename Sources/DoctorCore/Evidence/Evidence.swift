/// Who produced an HTTP answer, judged from its structure.
public enum Provider: String, Sendable, Codable, CaseIterable {
    /// OpenAI's origin (JSON envelope, `openai-*` or `x-request-id` headers).
    case openai
    /// Azure OpenAI (`apim-request-id`, `x-ms-*`, PascalCase or numeric-string codes).
    case azure
    /// Cloudflare answering without the origin (`cf_*` types, HTML error pages, `error code: 1020`).
    case cloudflare
    /// A proxy or secure web gateway (Squid, Zscaler, Netskope, Fortinet, Blue Coat, Palo Alto…).
    case proxy
    /// An OpenAI-compatible relay that rewraps errors (OpenRouter, one-api, new-api…).
    case relay
    /// Some other web server or gateway (nginx, openresty, Vercel, a wrong host).
    case gateway
}

/// How the evidence reached us.
public enum InputForm: String, Sendable, Codable, CaseIterable {
    /// A JSON body.
    case json
    /// An HTTP response dump (`HTTP/1.1 403 …` and headers).
    case http
    /// `curl -v` or `curl -i` output.
    case curl
    /// An SDK or client library's exception text.
    case sdk
    /// An HTML page.
    case html
    /// Plain log lines.
    case log
    /// One entry of a HAR file.
    case har
    /// A live probe made by this tool.
    case probe
    /// Nothing recognisable: free text.
    case text
}

/// The fields of an error object, whatever envelope carried it.
public struct APIErrorFields: Sendable, Codable, Equatable, Hashable {
    /// The human message.
    public var message: String?
    /// The `type` field (OpenAI), e.g. `invalid_request_error`, `cf_bad_gateway`.
    public var type: String?
    /// The `code` field, as a string even when it was a number (Cloudflare 502, Azure "403").
    public var code: String?
    /// The `param` field.
    public var param: String?
    /// An inner code (Azure `innererror.code`).
    public var innerCode: String?

    /// Creates error fields.
    public init(
        message: String? = nil, type: String? = nil, code: String? = nil, param: String? = nil,
        innerCode: String? = nil
    ) {
        self.message = message
        self.type = type
        self.code = code
        self.param = param
        self.innerCode = innerCode
    }

    /// Whether no field is set.
    public var isEmpty: Bool { message == nil && type == nil && code == nil && param == nil && innerCode == nil }
}

/// Everything known about one failure, before any judgement.
///
/// Evidence flows one way: extractors and probes fill it, the ``Classifier`` reads it, and
/// renderers show a redacted summary of it. Nothing here is a conclusion.
public struct Evidence: Sendable, Codable, Equatable {
    /// How this evidence reached us.
    public var form: InputForm
    /// The HTTP status, if an answer arrived.
    public var status: Int?
    /// The response headers, in order.
    public var headers: HeaderFields
    /// The response body or the relevant excerpt, capped in size.
    public var body: String?
    /// Who answered, judged from structure.
    public var provider: Provider?
    /// The error object's fields.
    public var error: APIErrorFields
    /// The request id (`x-request-id`, `apim-request-id`, one-api's "(request id: …)").
    public var requestID: String?
    /// The Cloudflare ray id.
    public var cfRay: String?
    /// The transport failure, when no HTTP answer arrived.
    public var transport: TransportFailure?
    /// The masked key as the API echoed it ("Incorrect API key provided: sk-abc***...wxyz").
    public var echoedKey: String?
    /// The method and path the error names ("Invalid URL (POST /v1/…)", a HAR request, curl's `> POST`).
    public var request: String?
    /// The client library whose wording was recognised (`openai-python`, `go-openai`, …).
    public var client: String?
    /// What extraction or a probe saw of the structure: who answered, what the path did.
    public var signals: [Signal]
    /// Notes about the input itself (truncation, decoding).
    public var notes: [String]
    /// The index of the HAR entry this evidence came from.
    public var entry: Int?
    /// The input text itself, whole (up to ``EvidenceExtractor/textCap``), when it was not an
    /// HTTP answer: log lines, SDK output. Wording rules read it when no error object carried a
    /// message, and around the message when one did.
    public var excerpt: String?
    /// Everything read from the input with where it stood: every error object (the first one
    /// is ``error``), every status mention. Not part of the saved form.
    public var sightings: [Sighting] = []

    /// Creates evidence; every field is optional.
    public init(
        form: InputForm = .text, status: Int? = nil, headers: HeaderFields = HeaderFields(), body: String? = nil,
        provider: Provider? = nil, error: APIErrorFields = APIErrorFields(), requestID: String? = nil,
        cfRay: String? = nil, transport: TransportFailure? = nil, echoedKey: String? = nil, request: String? = nil,
        client: String? = nil, signals: [Signal] = [], notes: [String] = []
    ) {
        self.form = form
        self.status = status
        self.headers = headers
        self.body = body
        self.provider = provider
        self.error = error
        self.requestID = requestID
        self.cfRay = cfRay
        self.transport = transport
        self.echoedKey = echoedKey
        self.request = request
        self.client = client
        self.signals = signals
        self.notes = notes
    }

    /// The signals as the JSON `markers` field renders them (`cloudflare:1020`, `squid:ERR_ACCESS_DENIED`).
    public var markers: [String] { signals.map(\.marker) }

    /// Adds a signal once.
    public mutating func add(_ signal: Signal) {
        if !signals.contains(signal) { signals.append(signal) }
    }

    /// Whether this exact signal is present.
    public func has(_ signal: Signal) -> Bool { signals.contains(signal) }

    /// The Cloudflare codes shown, in the order seen.
    public var cloudflareCodes: [Int] {
        signals.compactMap { if case .cloudflareCode(let code) = $0 { code } else { nil } }
    }

    /// The proxy's answer to CONNECT, if one was seen.
    public var proxyConnectStatus: Int? {
        signals.lazy.compactMap { if case .proxyConnectStatus(let status) = $0 { status } else { nil } }.first
    }

    /// The first proxy vendor named, if any.
    public var proxyVendor: String? {
        signals.lazy.compactMap { if case .proxyVendor(let vendor) = $0 { vendor } else { nil } }.first
    }

    /// The first web server named, if any.
    public var webServer: String? {
        signals.lazy.compactMap { if case .webServer(let name) = $0 { name } else { nil } }.first
    }

    /// Whether a Squid error of this code was seen.
    public func hasSquidError(_ code: String) -> Bool { has(.squidError(code)) }

    enum CodingKeys: String, CodingKey {
        case form, status, headers, body, provider, error, requestID, cfRay, transport, echoedKey, request, client
        case signals = "markers"
        case notes, entry, excerpt
    }
}
