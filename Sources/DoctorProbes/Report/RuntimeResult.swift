import DoctorCore

/// How one of the user's own runtimes (`check --runtime`) fared with the same zero-cost request
/// as `check`, judged by the same classifier, and what makes it differ from `check`'s own path.
///
/// Its JSON form is one entry of the check report's additive `runtimes` list (product.md):
///
/// ```json
/// {"runtime": "node", "version": "Node v20.20.2", "client": "fetch (undici 6.24.1)", "proxy": "none",
///  "trust": "Node bundled Mozilla store (144 roots)", "address": "203.0.113.7:443",
///  "outcome": {"status": 200, "error": null},
///  "trace": {"status": 200, "ip": "198.51.100.4", "family": "IPv4", "loc": "DE", "colo": "FRA", "error": null},
///  "cause": "ok", "agrees": false, "differences": [{"what": "…", "fix": "…"}],
///  "skipped": null, "skipped_clients": []}
/// ```
///
/// A skip is not an outcome. A runtime that could not run (not installed, no result) has its
/// reason in `skipped`, and `outcome`, `trace`, `version`, `cause` and `agrees` are `null`: the
/// classifier never judges it and it adds no difference. A library the probe prefers but could
/// not use (`openai` not importable, or too old to have the `OpenAI` client) is one entry of
/// `skipped_clients`, with its reason; the runtime then runs on the next client of its order.
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
    /// What came back; `nil` when the runtime did not run (see ``skipped``).
    public var outcome: RuntimeOutcome?
    /// What its request of the trace endpoint (`/cdn-cgi/trace`) said, `nil` when it was not made
    /// (Azure, or the runtime did not run).
    public var trace: RuntimeTrace?
    /// The classifier's cause for that outcome (`ok` when it succeeded), `nil` when it did not run.
    public var cause: String?
    /// Whether its cause is `check`'s own, `nil` when it did not run.
    public var agrees: Bool?
    /// Each setting that makes this runtime differ from `check`'s path, with its fix.
    public var differences: [RuntimeDifference]
    /// Why the runtime did not run (`no `java` on PATH`), `nil` when it ran.
    public var skipped: String?
    /// The clients the probe prefers but could not use, each with its reason, in the order tried.
    public var skippedClients: [RuntimeClientSkip]

    /// Creates a result.
    public init(
        runtime: String, version: String? = nil, client: String? = nil, proxy: String? = nil, trust: String? = nil,
        address: String? = nil, outcome: RuntimeOutcome?, trace: RuntimeTrace? = nil, cause: String? = nil,
        agrees: Bool? = nil, differences: [RuntimeDifference] = [], skipped: String? = nil,
        skippedClients: [RuntimeClientSkip] = []
    ) {
        self.runtime = runtime
        self.version = version
        self.client = client
        self.proxy = proxy
        self.trust = trust
        self.address = address
        self.outcome = outcome
        self.trace = trace
        self.cause = cause
        self.agrees = agrees
        self.differences = differences
        self.skipped = skipped
        self.skippedClients = skippedClients
    }

    /// A runtime that did not run, and why: no outcome, no cause, no difference.
    public static func skipped(_ runtime: String, _ reason: String) -> RuntimeResult {
        RuntimeResult(runtime: runtime, outcome: nil, skipped: reason)
    }

    /// Whether the runtime did not run.
    public var isSkipped: Bool { skipped != nil }

    enum CodingKeys: String, CodingKey {
        case runtime, version, client, proxy, trust, address, outcome, trace, cause, agrees, differences, skipped
        case skippedClients = "skipped_clients"
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
        try c.encode(trace, forKey: .trace)
        try c.encode(cause, forKey: .cause)
        try c.encode(agrees, forKey: .agrees)
        try c.encode(differences, forKey: .differences)
        try c.encode(skipped, forKey: .skipped)
        try c.encode(skippedClients, forKey: .skippedClients)
    }

    /// Reads an entry; `trace`, `skipped` and `skipped_clients` may be absent (written before they existed).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        runtime = try c.decode(String.self, forKey: .runtime)
        version = try c.decodeIfPresent(String.self, forKey: .version)
        client = try c.decodeIfPresent(String.self, forKey: .client)
        proxy = try c.decodeIfPresent(String.self, forKey: .proxy)
        trust = try c.decodeIfPresent(String.self, forKey: .trust)
        address = try c.decodeIfPresent(String.self, forKey: .address)
        outcome = try c.decodeIfPresent(RuntimeOutcome.self, forKey: .outcome)
        trace = try c.decodeIfPresent(RuntimeTrace.self, forKey: .trace)
        cause = try c.decodeIfPresent(String.self, forKey: .cause)
        agrees = try c.decodeIfPresent(Bool.self, forKey: .agrees)
        differences = try c.decodeIfPresent([RuntimeDifference].self, forKey: .differences) ?? []
        skipped = try c.decodeIfPresent(String.self, forKey: .skipped)
        skippedClients = try c.decodeIfPresent([RuntimeClientSkip].self, forKey: .skippedClients) ?? []
    }
}

/// A client a runtime's probe prefers but could not use, and why (`openai 0.28.1`: `AttributeError:
/// module 'openai' has no attribute 'OpenAI'`); the probe went on with the next client of its order.
public struct RuntimeClientSkip: Sendable, Codable, Equatable {
    /// The client, with its version when it was importable (`openai 0.28.1`, `httpx`).
    public var client: String
    /// Why it was not used: the import error, or what it lacks.
    public var reason: String

    /// Creates a client skip.
    public init(client: String, reason: String) {
        self.client = client
        self.reason = reason
    }
}

/// What a runtime's request of `/cdn-cgi/trace` on the API host said, read as `check` reads its own:
/// the egress address Cloudflare saw, its family, country and data centre — or why there was none.
public struct RuntimeTrace: Sendable, Codable, Equatable {
    /// The HTTP status, `nil` when no answer came.
    public var status: Int?
    /// The egress address Cloudflare saw (`ip=`).
    public var ip: String?
    /// `IPv4` or `IPv6`: the family of ``ip``.
    public var family: String?
    /// The two-letter country Cloudflare places ``ip`` in (`loc=`).
    public var loc: String?
    /// The Cloudflare data centre (`colo=`).
    public var colo: String?
    /// Why no trace was read: the exception chain, or an answer that is not a trace; `nil` when read.
    public var error: String?

    /// Creates a trace result.
    public init(
        status: Int?, ip: String? = nil, family: String? = nil, loc: String? = nil, colo: String? = nil,
        error: String? = nil
    ) {
        self.status = status
        self.ip = ip
        self.family = family
        self.loc = loc
        self.colo = colo
        self.error = error
    }

    enum CodingKeys: String, CodingKey { case status, ip, family, loc, colo, error }

    /// Encodes every key, absent ones as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encode(ip, forKey: .ip)
        try c.encode(family, forKey: .family)
        try c.encode(loc, forKey: .loc)
        try c.encode(colo, forKey: .colo)
        try c.encode(error, forKey: .error)
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
