/// What sort of secret a match is; decides its redaction label and whether `audit` reports it.
public enum SecretKind: Sendable, Hashable, Codable {
    /// An API key recognised by its shape (any provider), or a browser session token.
    case apiKey(KeyKind)
    /// The credential of an `Authorization` or `Proxy-Authorization` value, or after `Bearer`.
    case authorization
    /// The value of an `api-key`, `x-api-key`, `Ocp-Apim-Subscription-Key`, `api_key=` or `*_API_KEY=` field.
    case apiKeyField
    /// One cookie value from a `Cookie` or `Set-Cookie` header.
    case cookie
    /// The value of a session cookie (``SessionCookieName``): `__Secure-next-auth.session-token`
    /// of ChatGPT and the platform, `sessionid`, `connect.sid`… It signs its holder in, so it is a credential.
    case sessionCookie
    /// The password (or token) in a URL's user information: `http://user:pass@host`.
    case urlCredential
    /// An email address (only when asked for).
    case email

    /// The short label a redaction token carries (`cookie`, `authorization`…).
    public var label: String {
        switch self {
        case .apiKey(let kind): return kind == .session ? "session" : "key"
        case .authorization: return "authorization"
        case .apiKeyField: return "api-key"
        case .cookie, .sessionCookie: return "cookie"
        case .urlCredential: return "password"
        case .email: return "email"
        }
    }

    /// Whether a leak of this secret is worth a finding in `audit` (a cookie or an email alone is not a credential).
    public var isCredential: Bool {
        switch self {
        case .apiKey, .authorization, .apiKeyField, .urlCredential, .sessionCookie: return true
        case .cookie, .email: return false
        }
    }

    /// What `audit` calls the finding (its `kind` and SARIF rule): the redaction label, except
    /// that a session cookie is `session-cookie` (redaction tokens keep saying `cookie`).
    public var auditKind: String {
        self == .sessionCookie ? "session-cookie" : label
    }

    /// The key kind, for ``apiKey(_:)``.
    public var keyKind: KeyKind? {
        if case .apiKey(let kind) = self { return kind }
        return nil
    }
}

/// One secret found in a byte buffer: where it is (byte offsets) and what it is.
public struct SecretMatch: Sendable, Hashable {
    /// The byte range of the secret value itself (scheme words, header names and quotes excluded).
    public var range: Range<Int>
    /// What sort of secret it is.
    public var kind: SecretKind

    /// Creates a match.
    public init(range: Range<Int>, kind: SecretKind) {
        self.range = range
        self.kind = kind
    }
}
