/// Everything the project knows of one cause, in one place: what docs/causes.md says of it (layer,
/// retry class, the statuses it answers with, whether an HTTP answer can show it), the families
/// of wording that name it, and what the tool tells a person (title, explanation, fixes).
///
/// Every ``CauseID`` has exactly one spec, chosen by an exhaustive `switch` in ``CauseID/spec``,
/// so the compiler refuses a cause without one. Adding a cause takes three edits: its case in
/// ``CauseID``, its spec in one of the `Specs/*Causes.swift` files, and its line in that switch.
///
/// ```swift
/// CauseID.billingQuotaExceeded.spec.retry      // .no — a 429 that waiting never fixes
/// CauseID.regionUnsupported.spec.statuses      // [403...403, 400...400]
/// CauseID.keyMissing.spec.title                // "No API key was sent"
/// ```
public struct CauseSpec: Sendable {
    /// The family of message wording that names a cause when no code does, seen across years
    /// (2022–26) and clients.
    public struct Wording: Sendable {
        /// Where this family stands among the others: lower ranks are tried first. Families that
        /// are easy to confuse (quota before rate limit, too large before rate limit, model access
        /// before model existence) are ranked so that the narrower one wins.
        public var rank: Int
        /// How sure a match is when the status agrees (it is ``Confidence/medium`` when it does not).
        public var confidence: Confidence
        /// Fragments in lower case, any of which names the cause.
        public var fragments: [String]

        /// Creates a wording family.
        public init(rank: Int, confidence: Confidence, fragments: [String]) {
            self.rank = rank
            self.confidence = confidence
            self.fragments = fragments
        }
    }

    /// The cause this spec describes.
    public var id: CauseID
    /// The layer that refused (docs/causes.md); `nil` for ``CauseID/unknown``.
    public var layer: Layer?
    /// Whether an automatic retry can ever help (docs/causes.md).
    public var retry: RetryClass
    /// Whether an HTTP answer (status, headers, body) can show this cause, as opposed to a
    /// transport failure or local inspection only.
    public var shownByHTTPAnswer: Bool
    /// The statuses an answer of this cause carries; a wording agrees with a status in them
    /// (empty: any status agrees).
    public var statuses: [ClosedRange<Int>]
    /// The wording family that names it, if any.
    public var wording: Wording?
    /// A short title.
    public var title: String
    /// One paragraph for a person: what it means and how we know.
    public var explanation: String
    /// What to do, least disruptive first (ordered by ``FixArea``).
    public var fixes: [Fix]

    /// Creates a spec.
    public init(
        id: CauseID, layer: Layer?, retry: RetryClass, shownByHTTPAnswer: Bool, statuses: [ClosedRange<Int>] = [],
        wording: Wording? = nil, title: String, explanation: String, fixes: [Fix]
    ) {
        self.id = id
        self.layer = layer
        self.retry = retry
        self.shownByHTTPAnswer = shownByHTTPAnswer
        self.statuses = statuses
        self.wording = wording
        self.title = title
        self.explanation = explanation
        self.fixes = fixes
    }

    /// Whether `status` is one this cause answers with (any status, when none is declared).
    public func agrees(with status: Int?) -> Bool {
        guard let status, !statuses.isEmpty else { return true }
        return statuses.contains { $0.contains(status) }
    }

    /// What the catalogue says of the cause.
    public var description: CauseDescription {
        CauseDescription(id: id, title: title, explanation: explanation, fixes: fixes)
    }
}

extension Fix {
    /// The last fix of many causes: support, with a report that holds no secrets.
    static let support = Fix(
        .support,
        "If it persists, write to help.openai.com with the request id, the exact local time and time zone, and the output of `openai-doctor report --format markdown` (it holds no secrets)."
    )
}

extension CauseID {
    /// The cause's spec. Exhaustive: a new cause does not compile without one.
    public var spec: CauseSpec {
        switch self {
        case .keyMissing: .keyMissing
        case .keyInvalid: .keyInvalid
        case .keyMalformed: .keyMalformed
        case .keyInsufficientScopes: .keyInsufficientScopes
        case .orgMismatch: .orgMismatch
        case .orgMembership: .orgMembership
        case .projectMismatch: .projectMismatch
        case .projectIPNotAllowed: .projectIPNotAllowed
        case .accountDeactivated: .accountDeactivated
        case .billingQuotaExceeded: .billingQuotaExceeded
        case .regionUnsupported: .regionUnsupported
        case .edgeBlocked: .edgeBlocked
        case .proxyBlocked: .proxyBlocked
        case .proxyAuthRequired: .proxyAuthRequired
        case .proxyMisconfigured: .proxyMisconfigured
        case .tlsIntercepted: .tlsIntercepted
        case .networkDNS: .networkDNS
        case .networkDNSPoisoned: .networkDNSPoisoned
        case .networkConnect: .networkConnect
        case .networkTimeout: .networkTimeout
        case .modelNotFound: .modelNotFound
        case .modelNoAccess: .modelNoAccess
        case .rateLimitExceeded: .rateLimitExceeded
        case .requestTooLarge: .requestTooLarge
        case .requestInvalid: .requestInvalid
        case .requestContextLength: .requestContextLength
        case .requestContentPolicy: .requestContentPolicy
        case .endpointWrong: .endpointWrong
        case .serverError: .serverError
        case .serverOverloaded: .serverOverloaded
        case .serverTimeout: .serverTimeout
        case .azureNetworkRules: .azureNetworkRules
        case .azureKeyOrEndpoint: .azureKeyOrEndpoint
        case .azureDeploymentNotFound: .azureDeploymentNotFound
        case .azureRBAC: .azureRBAC
        case .unknown: .unknown
        }
    }
}
