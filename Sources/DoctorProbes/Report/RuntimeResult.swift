import DoctorCore

/// How one of the user's own runtimes (`check --runtime`) fared with the same zero-cost request
/// as `check`, judged by the same classifier, and what makes it differ from `check`'s own path.
///
/// Its JSON form is one entry of the check report's additive `runtimes` list (product.md):
///
/// ```json
/// {"runtime": "node", "version": "Node v20.20.2", "client": "fetch (undici 6.24.1)", "proxy": "none",
///  "trust": "Node bundled Mozilla store (144 roots)", "address": "203.0.113.7:443",
///  "outcome": {"status": 200, "error": null}, "cause": "ok", "agrees": false,
///  "differences": [{"what": "…", "fix": "…"}]}
/// ```
///
/// A runtime that could not run (not installed, no result) is a skip: `version`, `cause` and
/// `agrees` are `null` and `outcome.error` says why, starting with `skipped:`.
public struct RuntimeResult: Sendable, Codable, Equatable {
    /// `python`, `node`, `java` or `curl`.
    public var runtime: String
    /// The runtime's version (`Python 3.11.7`), `nil` when it did not run.
    public var version: String?
    /// The HTTP client it used, with versions (`openai 3.63.0 (httpx2 2.17.0)`).
    public var client: String?
    /// The proxy it chose for the API URL, `none` for a direct connection, `nil` when it did not run.
    public var proxy: String?
    /// Where its trust anchors come from (`certifi …/cacert.pem`, `Java cacerts …`).
    public var trust: String?
    /// The address it connected to (`127.0.0.1:443`), when the runtime tells.
    public var address: String?
    /// What came back.
    public var outcome: RuntimeOutcome
    /// The classifier's cause for that outcome (`ok` when it succeeded), `nil` when it did not run.
    public var cause: String?
    /// Whether its cause is `check`'s own, `nil` when it did not run.
    public var agrees: Bool?
    /// Each setting that makes this runtime differ from `check`'s path, with its fix.
    public var differences: [RuntimeDifference]

    /// Creates a result.
    public init(
        runtime: String, version: String? = nil, client: String? = nil, proxy: String? = nil, trust: String? = nil,
        address: String? = nil, outcome: RuntimeOutcome, cause: String? = nil, agrees: Bool? = nil,
        differences: [RuntimeDifference] = []
    ) {
        self.runtime = runtime
        self.version = version
        self.client = client
        self.proxy = proxy
        self.trust = trust
        self.address = address
        self.outcome = outcome
        self.cause = cause
        self.agrees = agrees
        self.differences = differences
    }

    /// A runtime that did not run, and why.
    public static func skipped(_ runtime: String, _ reason: String) -> RuntimeResult {
        RuntimeResult(runtime: runtime, outcome: RuntimeOutcome(status: nil, error: "skipped: \(reason)"))
    }

    /// Whether the runtime did not run.
    public var isSkipped: Bool { cause == nil && (outcome.error?.hasPrefix("skipped:") ?? false) }

    enum CodingKeys: String, CodingKey {
        case runtime, version, client, proxy, trust, address, outcome, cause, agrees, differences
    }

    /// Encodes every key, absent ones as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(runtime, forKey: .runtime)
        try c.encode(version, forKey: .version)
        try c.encode(client, forKey: .client)
        try c.encode(proxy, forKey: .proxy)
        try c.encode(trust, forKey: .trust)
        try c.encode(address, forKey: .address)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(cause, forKey: .cause)
        try c.encode(agrees, forKey: .agrees)
        try c.encode(differences, forKey: .differences)
    }
}

/// What a runtime's request came back with: an HTTP status, or the error it raised.
public struct RuntimeOutcome: Sendable, Codable, Equatable {
    /// The HTTP status, `nil` when no answer came.
    public var status: Int?
    /// For a failed answer, its redacted body excerpt and request id; for no answer, the exception
    /// chain (type names and messages, outermost first); `nil` on success.
    public var error: String?

    /// Creates an outcome.
    public init(status: Int?, error: String?) {
        self.status = status
        self.error = error
    }

    enum CodingKeys: String, CodingKey { case status, error }

    /// Encodes both keys, absent ones as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encode(error, forKey: .error)
    }
}

/// One setting that makes a runtime take another path than `check`, and how to fix it for that runtime.
public struct RuntimeDifference: Sendable, Codable, Equatable {
    /// What differs (`Node's fetch does not read HTTPS_PROXY: …`).
    public var what: String
    /// What to change, specific to the runtime and its version.
    public var fix: String

    /// Creates a difference.
    public init(what: String, fix: String) {
        self.what = what
        self.fix = fix
    }
}
