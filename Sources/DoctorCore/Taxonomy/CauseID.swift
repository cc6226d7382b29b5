/// The stable identifier of a failure cause: the public vocabulary of every diagnosis.
///
/// Raw values are the ids of `docs/causes.md` and are a contract (JSON output, mock scenarios,
/// documentation). Never rename one.
public enum CauseID: String, CaseIterable, Codable, Sendable, Hashable, Comparable {
    /// No API key was sent.
    case keyMissing = "key.missing"
    /// The key is wrong, revoked, deleted, a placeholder, or another provider's.
    case keyInvalid = "key.invalid"
    /// The key was damaged before sending: whitespace, quotes, brackets, zero-width or non-ASCII characters, truncation.
    case keyMalformed = "key.malformed"
    /// A restricted key or the member's role lacks a scope.
    case keyInsufficientScopes = "key.insufficient_scopes"
    /// The `OpenAI-Organization` header does not match the key's organization.
    case orgMismatch = "org.mismatch"
    /// The key or user belongs to no organization, or the organization id is invalid.
    case orgMembership = "org.membership"
    /// The `OpenAI-Project` header does not match the key or organization, or the project is archived.
    case projectMismatch = "project.mismatch"
    /// The request IP is outside the project's or organization's IP allowlist.
    case projectIPNotAllowed = "project.ip_not_allowed"
    /// The account, organization or the key's owner is deactivated or banned.
    case accountDeactivated = "account.deactivated"
    /// No credits, an unpaid bill, a quota or hard limit reached, or billing not active.
    case billingQuotaExceeded = "billing.quota_exceeded"
    /// The request leaves from a country or territory OpenAI does not serve.
    case regionUnsupported = "region.unsupported"
    /// Refused by Cloudflare in front of the API (IP reputation, firewall rule, country ban).
    case edgeBlocked = "edge.blocked"
    /// A corporate proxy or firewall between the client and the API refused.
    case proxyBlocked = "proxy.blocked"
    /// The proxy wants credentials.
    case proxyAuthRequired = "proxy.auth_required"
    /// A proxy is configured but unusable: not running, wrong port or scheme, placeholder host.
    case proxyMisconfigured = "proxy.misconfigured"
    /// The certificate presented is not the API's public one (TLS inspection, antivirus, missing CA bundle).
    case tlsIntercepted = "tls.intercepted"
    /// The API's name does not resolve.
    case networkDNS = "network.dns"
    /// The name resolves to addresses that are not the API's (tampered or hijacked DNS).
    case networkDNSPoisoned = "network.dns_poisoned"
    /// TCP connect refused, reset or unreachable.
    case networkConnect = "network.connect"
    /// Nothing answered in time.
    case networkTimeout = "network.timeout"
    /// The model id is wrong, retired, or invisible to this key.
    case modelNotFound = "model.not_found"
    /// The model exists but this organization or project may not use it.
    case modelNoAccess = "model.no_access"
    /// A request- or token-per-minute/day limit was reached.
    case rateLimitExceeded = "rate_limit.exceeded"
    /// One request alone exceeds the token-per-minute limit.
    case requestTooLarge = "request.too_large"
    /// Bad parameters or body.
    case requestInvalid = "request.invalid"
    /// Prompt plus completion exceed the model's context window.
    case requestContextLength = "request.context_length"
    /// The safety system rejected the input or output.
    case requestContentPolicy = "request.content_policy"
    /// Wrong URL, path, method, scheme or base URL.
    case endpointWrong = "endpoint.wrong"
    /// A provider-side failure.
    case serverError = "server.error"
    /// The provider is overloaded or asks the client to slow down.
    case serverOverloaded = "server.overloaded"
    /// A gateway in front of the API timed out waiting for the upstream.
    case serverTimeout = "server.timeout"
    /// Azure OpenAI firewall or virtual-network rules refuse this client.
    case azureNetworkRules = "azure.network_rules"
    /// The Azure key is wrong, or the endpoint belongs to another resource or region.
    case azureKeyOrEndpoint = "azure.key_or_endpoint"
    /// The Azure deployment name is wrong or not ready.
    case azureDeploymentNotFound = "azure.deployment_not_found"
    /// The Entra ID principal lacks the role or data action.
    case azureRBAC = "azure.rbac"
    /// The evidence does not tell.
    case unknown = "unknown"

    /// Orders causes by their id, so that sorted output is stable.
    public static func < (lhs: CauseID, rhs: CauseID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The layer that refused, from `docs/causes.md`; `nil` for ``unknown``.
    public var layer: Layer? { spec.layer }

    /// Whether an automatic retry can ever help, from `docs/causes.md`.
    public var retry: RetryClass { spec.retry }

    /// Whether an HTTP answer (status, headers, body) can show this cause, as opposed to a
    /// transport failure or local inspection only.
    public var isShownByHTTPAnswer: Bool { spec.shownByHTTPAnswer }
}

extension CauseID: CustomStringConvertible {
    /// The stable id (`billing.quota_exceeded`), so a cause logs and interpolates as its id,
    /// never as the Swift case name.
    public var description: String { rawValue }
}

/// Who refused: the layer of the path between the client and the model.
public enum Layer: String, CaseIterable, Codable, Sendable {
    /// Before anything was sent: configuration or code.
    case client
    /// Name resolution or TCP.
    case network
    /// An explicit or transparent proxy.
    case proxy
    /// The TLS handshake.
    case tls
    /// The CDN in front of the API (Cloudflare).
    case edge
    /// OpenAI's origin.
    case openai
    /// Azure OpenAI.
    case azure
    /// The provider's servers or gateways, failing.
    case server
}

/// Whether retrying can help.
public enum RetryClass: String, CaseIterable, Codable, Sendable {
    /// A retry may succeed (with backoff).
    case yes
    /// A retry may succeed only after the server's stated wait.
    case after
    /// Retrying never helps; something must change first.
    case no
}

/// How sure a diagnosis is.
public enum Confidence: String, CaseIterable, Codable, Sendable, Comparable {
    /// Weak evidence: a status or a vague wording only.
    case low
    /// A clear family of wording, or structure without a code.
    case medium
    /// A machine-readable code, or a structural marker that only this cause produces.
    case high

    private var rank: Int {
        switch self {
        case .low: return 0
        case .medium: return 1
        case .high: return 2
        }
    }

    /// Orders low < medium < high.
    public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.rank < rhs.rank }
}
