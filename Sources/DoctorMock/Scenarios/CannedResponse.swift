import DoctorCore

/// One complete HTTP answer as a real server sent it: status, ordered headers, exact body.
///
/// Header order and spelling are kept as captured (`content-length` included, computed from
/// the body), so whoever writes it to the wire reproduces the capture byte for byte.
public struct CannedResponse: Sendable, Equatable {
    /// The status code.
    public var status: Int
    /// The reason phrase of the status line.
    public var reason: String
    /// The headers in wire order.
    public var headers: HeaderFields
    /// The body, verbatim.
    public var body: String

    /// Creates a canned response.
    public init(status: Int, reason: String, headers: HeaderFields, body: String) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }

    /// The seconds the answer asks the client to wait (`retry-after`), if it says.
    public var retryAfterSeconds: Double? { headers["retry-after"].flatMap(Double.init) }
}

/// The per-request values a canned answer names: ids, the request line, the configured account.
///
/// The mock fills it from each request and its seeded generator; tests use ``example``.
public struct ScenarioContext: Sendable, Equatable {
    /// `x-request-id` in today's form: `req_` + 32 hexadecimal digits.
    public var requestID: String
    /// A 32-hex-digit id with no prefix, the 2022–23 form.
    public var legacyRequestID: String
    /// A UUID, used by the unauthenticated 401 (2026) and Azure's `apim-request-id`.
    public var uuid: String
    /// The Cloudflare ray id: 16 hexadecimal digits, `-`, an airport code.
    public var cfRay: String
    /// The HTTP date of the answer (`Thu, 26 Nov 2026 15:30:00 GMT`); `nil` leaves `date` out.
    public var date: String?
    /// The organization the API names (`openai-organization`), e.g. `user-…` or `org-…`.
    public var organization: String
    /// The project the API names (`openai-project`); `nil` leaves it out.
    public var project: String?
    /// The request method.
    public var method: String
    /// The request path, without the query.
    public var path: String
    /// The model the request named, if any.
    public var model: String?
    /// The API key the request presented, used only to compute the API's masked echo.
    public var presentedKey: String?
    /// The `Host` the request named.
    public var host: String

    /// Creates a context.
    public init(
        requestID: String, legacyRequestID: String, uuid: String, cfRay: String, date: String?,
        organization: String, project: String?, method: String, path: String, model: String?,
        presentedKey: String?, host: String
    ) {
        self.requestID = requestID
        self.legacyRequestID = legacyRequestID
        self.uuid = uuid
        self.cfRay = cfRay
        self.date = date
        self.organization = organization
        self.project = project
        self.method = method
        self.path = path
        self.model = model
        self.presentedKey = presentedKey
        self.host = host
    }

    /// Fixed values for tests and documentation.
    public static let example = ScenarioContext(
        requestID: "req_1495f3f0dc7a4f71abadc40f5b9c6717",
        legacyRequestID: "976373fcd5c5f57c8824dd133abf4efd",
        uuid: "6f1101a3-ebe9-4c31-a29c-a16593d85274",
        cfRay: "9b9390aa0d78a7b0-DEL",
        date: "Thu, 26 Nov 2026 15:30:00 GMT",
        organization: "user-xocmczabytlce1hecnm2r7nc",
        project: "proj_xuUlzjhm8sRmA26o2KYSeeu4",
        method: "POST",
        path: "/v1/chat/completions",
        model: "gpt-4o",
        presentedKey: nil,
        host: "api.openai.com"
    )
}
