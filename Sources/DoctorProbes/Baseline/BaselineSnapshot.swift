/// A dated, sanitized snapshot of a working configuration: what `baseline save` writes and
/// `baseline compare` diffs today's state against.
///
/// Nothing in it is secret: the key is a fingerprint, the proxy has no password, the egress IP
/// is masked (`203.0.113.x`), and the model list is kept as a count and a digest.
///
/// ```json
/// {"schema_version": 1, "kind": "baseline", "saved_at": "2026-11-26T15:40:02.118+01:00",
///  "time_zone": "Europe/Berlin", "tool": {…}, "os": "…", "swift": "6.3.1",
///  "key": "sk-proj-…a1B2", "key_source": "env OPENAI_API_KEY", "organization": null, "project": null,
///  "base_url": "https://api.openai.com/v1", "proxy": null, "egress_ip": "203.0.113.x", "egress_country": "US",
///  "tls_issuer": "C=US, O=Google Trust Services, CN=WE1", "addresses": ["162.159.140.245"],
///  "model_count": 87, "models_digest": "fnv1a64:…", "model": "gpt-4o-mini", "model_listed": true,
///  "rate_limits": {"requests": "500", "tokens": "30000"}, "latency_ms": {"dns": 12, "tls": 48, "first_byte": 95, "total": 180},
///  "verdict": "ok"}
/// ```
public struct BaselineSnapshot: Sendable, Codable, Equatable {
    /// The JSON schema version this type writes.
    public static let currentSchemaVersion = 1

    /// The schema version.
    public var schemaVersion: Int
    /// Always `baseline`.
    public var kind: String
    /// When the snapshot was taken, ISO 8601 with the local offset.
    public var savedAt: String
    /// The local time zone's identifier.
    public var timeZone: String
    /// The tool that took it.
    public var tool: ToolIdentity
    /// The operating system and version.
    public var os: String?
    /// The Swift version the tool was built with.
    public var swift: String?
    /// The key's fingerprint.
    public var key: String?
    /// Where the key came from (`env OPENAI_API_KEY`, `.env`, `flag`).
    public var keySource: String?
    /// The organization id sent.
    public var organization: String?
    /// The project id sent.
    public var project: String?
    /// The base URL.
    public var baseURL: String
    /// The proxy in use (no password), `nil` when direct.
    public var proxy: String?
    /// The egress IP, masked.
    public var egressIP: String?
    /// The egress country (`/cdn-cgi/trace` `loc`).
    public var egressCountry: String?
    /// The issuer of the API's certificate.
    public var tlsIssuer: String?
    /// The addresses the API host resolved to, sorted.
    public var addresses: [String]
    /// How many models the key can list.
    public var modelCount: Int?
    /// A digest of the sorted model ids (`fnv1a64:…`).
    public var modelsDigest: String?
    /// The configured model.
    public var model: String?
    /// Whether the configured model was in the list.
    public var modelListed: Bool?
    /// The rate limits the API reported (`requests`, `tokens`).
    public var rateLimits: [String: String]
    /// Phase latencies of the models request (`dns`, `connect`, `proxy`, `tls`, `first_byte`, `total`).
    public var latencyMS: [String: Int]
    /// The check verdict when the snapshot was taken.
    public var verdict: Verdict

    /// Creates a snapshot from its fields.
    public init(
        savedAt: String, timeZone: String, tool: ToolIdentity, os: String? = nil, swift: String? = nil,
        key: String? = nil,
        keySource: String? = nil, organization: String? = nil, project: String? = nil, baseURL: String,
        proxy: String? = nil,
        egressIP: String? = nil, egressCountry: String? = nil, tlsIssuer: String? = nil, addresses: [String] = [],
        modelCount: Int? = nil, modelsDigest: String? = nil, model: String? = nil, modelListed: Bool? = nil,
        rateLimits: [String: String] = [:], latencyMS: [String: Int] = [:], verdict: Verdict
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.kind = "baseline"
        self.savedAt = savedAt
        self.timeZone = timeZone
        self.tool = tool
        self.os = os
        self.swift = swift
        self.key = key
        self.keySource = keySource
        self.organization = organization
        self.project = project
        self.baseURL = baseURL
        self.proxy = proxy
        self.egressIP = egressIP
        self.egressCountry = egressCountry
        self.tlsIssuer = tlsIssuer
        self.addresses = addresses
        self.modelCount = modelCount
        self.modelsDigest = modelsDigest
        self.model = model
        self.modelListed = modelListed
        self.rateLimits = rateLimits
        self.latencyMS = latencyMS
        self.verdict = verdict
    }

    /// Takes the snapshot of a check report.
    ///
    /// - Parameters:
    ///   - report: Today's check report.
    ///   - modelIDs: The ids the key can list (for the digest and whether the model is listed), if fetched.
    ///   - os: The operating system and version.
    ///   - swift: The Swift version.
    public static func capture(
        from report: CheckReport, modelIDs: [String]?, os: String?, swift: String?
    ) -> BaselineSnapshot {
        let models = report.check("api.models")
        let modelsRequest = models?.evidence.requests.first { $0.status != nil } ?? models?.evidence.requests.first
        let trace = report.check("egress.trace")?.evidence.facts ?? [:]
        let dnsFacts = report.check("network.dns")?.evidence.facts ?? [:]
        var addresses = ((dnsFacts["a"] ?? "") + " " + (dnsFacts["aaaa"] ?? "")).split(separator: " ").map(String.init)
        if addresses.isEmpty, let dns = modelsRequest?.dns { addresses = dns.a + dns.aaaa }
        let issuer = report.checks.flatMap(\.evidence.requests).first { $0.tls?.chain.isEmpty == false }?.tls?.chain
            .first?.issuer
        var rateLimits: [String: String] = [:]
        if let facts = models?.evidence.facts {
            if let value = facts["ratelimit_limit_requests"] { rateLimits["requests"] = value }
            if let value = facts["ratelimit_limit_tokens"] { rateLimits["tokens"] = value }
        }
        var latency: [String: Int] = [:]
        if let request = modelsRequest {
            for phase in request.phases { latency[phase.phase.rawValue] = phase.durationMS }
            latency["total"] = request.totalMS
        }
        let count = models?.evidence.facts["models"].flatMap(Int.init) ?? modelIDs?.count
        return BaselineSnapshot(
            savedAt: report.startedAt, timeZone: report.timeZone, tool: report.tool, os: os, swift: swift,
            key: report.target.key, keySource: report.target.sources["key"], organization: report.target.organization,
            project: report.target.project, baseURL: report.target.baseURL, proxy: report.target.proxy,
            egressIP: trace["ip"].map(maskAddress), egressCountry: trace["loc"], tlsIssuer: issuer,
            addresses: Array(Set(addresses)).sorted(), modelCount: models?.status == .pass ? count : nil,
            modelsDigest: modelIDs.map(digest), model: report.target.model,
            modelListed: report.target.model.flatMap { model in modelIDs.map { $0.contains(model) } },
            rateLimits: rateLimits, latencyMS: latency, verdict: report.verdict)
    }

    /// An IP with its host part hidden: `203.0.113.x`, `2001:db8:85a3:…`.
    public static func maskAddress(_ address: String) -> String {
        if address.contains(":") {
            return address.split(separator: ":", omittingEmptySubsequences: false).prefix(3).joined(separator: ":")
                + ":…"
        }
        let octets = address.split(separator: ".")
        guard octets.count == 4 else { return "…" }
        return octets.prefix(3).joined(separator: ".") + ".x"
    }

    /// A stable digest of a set of model ids: FNV-1a (64 bit) over the sorted ids, one a line.
    public static func digest(_ ids: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Set(ids).sorted().joined(separator: "\n").utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    enum CodingKeys: String, CodingKey {
        case kind, tool, os, swift, key, organization, project, proxy, addresses, model, verdict
        case schemaVersion = "schema_version"
        case savedAt = "saved_at"
        case timeZone = "time_zone"
        case keySource = "key_source"
        case baseURL = "base_url"
        case egressIP = "egress_ip"
        case egressCountry = "egress_country"
        case tlsIssuer = "tls_issuer"
        case modelCount = "model_count"
        case modelsDigest = "models_digest"
        case modelListed = "model_listed"
        case rateLimits = "rate_limits"
        case latencyMS = "latency_ms"
    }

    /// Encodes every key, absent ones as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(kind, forKey: .kind)
        try c.encode(savedAt, forKey: .savedAt)
        try c.encode(timeZone, forKey: .timeZone)
        try c.encode(tool, forKey: .tool)
        try c.encode(os, forKey: .os)
        try c.encode(swift, forKey: .swift)
        try c.encode(key, forKey: .key)
        try c.encode(keySource, forKey: .keySource)
        try c.encode(organization, forKey: .organization)
        try c.encode(project, forKey: .project)
        try c.encode(baseURL, forKey: .baseURL)
        try c.encode(proxy, forKey: .proxy)
        try c.encode(egressIP, forKey: .egressIP)
        try c.encode(egressCountry, forKey: .egressCountry)
        try c.encode(tlsIssuer, forKey: .tlsIssuer)
        try c.encode(addresses, forKey: .addresses)
        try c.encode(modelCount, forKey: .modelCount)
        try c.encode(modelsDigest, forKey: .modelsDigest)
        try c.encode(model, forKey: .model)
        try c.encode(modelListed, forKey: .modelListed)
        try c.encode(rateLimits, forKey: .rateLimits)
        try c.encode(latencyMS, forKey: .latencyMS)
        try c.encode(verdict, forKey: .verdict)
    }
}
