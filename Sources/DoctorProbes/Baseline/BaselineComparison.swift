import DoctorCore

/// One difference between a saved baseline and today, with what it likely means.
public struct BaselineChange: Sendable, Codable, Equatable {
    /// How much a change matters.
    public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
        /// Worth knowing; rarely a cause.
        case info
        /// Likely to matter: check it.
        case warn
        /// Explains a failure, or will cause one.
        case fail

        private var rank: Int {
            switch self {
            case .info: return 0
            case .warn: return 1
            case .fail: return 2
            }
        }

        /// Orders info < warn < fail.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// The snapshot field that changed (`egress_country`, `tls_issuer`, `proxy`, `latency_ms.first_byte`…).
    public var field: String
    /// Its value in the baseline.
    public var before: String?
    /// Its value today.
    public var after: String?
    /// How much it matters.
    public var severity: Severity
    /// What it likely means, for a person.
    public var meaning: String

    /// Creates a change.
    public init(field: String, before: String?, after: String?, severity: Severity, meaning: String) {
        self.field = field
        self.before = before
        self.after = after
        self.severity = severity
        self.meaning = meaning
    }

    enum CodingKeys: String, CodingKey {
        case field, before, after, severity, meaning
    }

    /// Encodes every key, absent values as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(field, forKey: .field)
        try c.encode(before, forKey: .before)
        try c.encode(after, forKey: .after)
        try c.encode(severity, forKey: .severity)
        try c.encode(meaning, forKey: .meaning)
    }
}

/// `baseline compare`'s result: both snapshots' times and every change, most serious first.
public struct BaselineComparison: Sendable, Codable, Equatable {
    /// The JSON schema version this type writes.
    public static let currentSchemaVersion = 1
    /// A latency counts as "tripled" only above this many milliseconds of growth (timer noise).
    public static let latencyNoiseFloorMS = 30

    /// The schema version.
    public var schemaVersion: Int
    /// Always `baseline_compare`.
    public var kind: String
    /// When the baseline was saved.
    public var baselineSavedAt: String
    /// When today's snapshot was taken.
    public var todayAt: String
    /// Every change, most serious first.
    public var changes: [BaselineChange]
    /// Today's snapshot.
    public var today: BaselineSnapshot
    /// `problem` when a change is `fail` or today's check found a problem; else `ok`.
    public var verdict: Verdict

    /// Compares today's snapshot with the baseline.
    public init(baseline: BaselineSnapshot, today: BaselineSnapshot) {
        self.schemaVersion = Self.currentSchemaVersion
        self.kind = "baseline_compare"
        self.baselineSavedAt = baseline.savedAt
        self.todayAt = today.savedAt
        self.today = today
        let changes = Self.changes(from: baseline, to: today)
        self.changes = changes
        self.verdict = changes.contains { $0.severity == .fail } || today.verdict == .problem ? .problem : .ok
    }

    enum CodingKeys: String, CodingKey {
        case kind, changes, today, verdict
        case schemaVersion = "schema_version"
        case baselineSavedAt = "baseline_saved_at"
        case todayAt = "today_at"
    }

    /// Every difference between the two snapshots, most serious first (then by field).
    public static func changes(from old: BaselineSnapshot, to new: BaselineSnapshot) -> [BaselineChange] {
        var out: [BaselineChange] = []
        func add(
            _ field: String, _ before: String?, _ after: String?, _ severity: BaselineChange.Severity, _ meaning: String
        ) {
            out.append(BaselineChange(field: field, before: before, after: after, severity: severity, meaning: meaning))
        }

        if old.egressCountry != new.egressCountry, let country = new.egressCountry {
            let name = SupportedCountries.name(of: country).map { " (\($0))" } ?? ""
            switch SupportedCountries.status(of: country) {
            case .supported:
                add(
                    "egress_country", old.egressCountry, country, .warn,
                    "traffic now leaves from \(country)\(name): a VPN, proxy or network change; region rules follow the egress"
                )
            default:
                add(
                    "egress_country", old.egressCountry, country, .fail,
                    "traffic now leaves from \(country)\(name), which OpenAI does not list as supported: expect region.unsupported"
                )
            }
        } else if old.egressCountry != nil, new.egressCountry == nil {
            add(
                "egress_country", old.egressCountry, nil, .warn,
                "the egress country could not be read today (trace failed)")
        }
        if old.egressIP != new.egressIP, new.egressIP != nil {
            add(
                "egress_ip", old.egressIP, new.egressIP, .info,
                "the egress address changed: another network, NAT or VPN exit")
        }
        if old.tlsIssuer != new.tlsIssuer, let issuer = new.tlsIssuer {
            if let product = InterceptionMarkers.product(forIssuer: issuer) {
                add(
                    "tls_issuer", old.tlsIssuer, issuer, .fail,
                    "the API's certificate is now issued by \(product): TLS inspection re-signs the traffic (tls.intercepted)"
                )
            } else {
                add(
                    "tls_issuer", old.tlsIssuer, issuer, .warn,
                    "a new TLS issuer: a routine rotation if it is a public CA (Google Trust Services, Cloudflare, DigiCert, Let's Encrypt); otherwise TLS inspection"
                )
            }
        }
        switch (old.proxy, new.proxy) {
        case (nil, let proxy?):
            add(
                "proxy", nil, proxy, .warn,
                "a proxy appeared: requests now go through \(proxy) (environment or --proxy); proxies can block, re-sign TLS or change the egress"
            )
        case (let proxy?, nil):
            add("proxy", proxy, nil, .warn, "the proxy is gone: requests now go direct")
        case (let before?, let after?) where before != after:
            add("proxy", before, after, .warn, "a different proxy is in use")
        default:
            break
        }
        if old.key != new.key {
            add(
                "key", old.key, new.key, .warn,
                "the key changed: a new key, or another variable or .env file took precedence")
        } else if old.keySource != new.keySource {
            add("key_source", old.keySource, new.keySource, .warn, "the same key now comes from elsewhere")
        }
        for (field, before, after) in [
            ("organization", old.organization, new.organization), ("project", old.project, new.project),
            ("base_url", Optional(old.baseURL), Optional(new.baseURL)), ("model", old.model, new.model),
        ] where before != after {
            add(field, before, after, .warn, "the \(field.replacing("_", with: " ")) sent changed")
        }
        if old.modelListed == true, new.modelListed == false, let model = new.model {
            add(
                "model_listed", "true", "false", .fail,
                "\(model) is no longer listed for this key: retired or access removed (model.not_found ahead)")
        }
        if let before = old.modelCount, let after = new.modelCount, after < before {
            add(
                "model_count", String(before), String(after), .warn,
                "\(before - after) model(s) missing: retired, or the project's model access narrowed")
        } else if let before = old.modelCount, let after = new.modelCount, after > before {
            add("model_count", String(before), String(after), .info, "\(after - before) new model(s) listed")
        }
        if let before = old.modelsDigest, let after = new.modelsDigest, before != after,
            old.modelCount == new.modelCount
        {
            add("models_digest", before, after, .info, "the model list changed (same count, other ids)")
        }
        if !old.addresses.isEmpty, !new.addresses.isEmpty, Set(old.addresses) != Set(new.addresses) {
            let outside = new.addresses.filter { !CloudflareRanges.contains($0) }
            if new.baseURL.contains("api.openai.com"), !outside.isEmpty {
                add(
                    "addresses", old.addresses.joined(separator: " "), new.addresses.joined(separator: " "), .fail,
                    "the API host now resolves outside its published ranges (\(outside.joined(separator: ", "))): tampered DNS (network.dns_poisoned)"
                )
            } else {
                add(
                    "addresses", old.addresses.joined(separator: " "), new.addresses.joined(separator: " "), .info,
                    "the API host resolves to other addresses (normal for a CDN)")
            }
        }
        for name in Set(old.rateLimits.keys).union(new.rateLimits.keys).sorted()
        where old.rateLimits[name] != new.rateLimits[name] {
            add(
                "rate_limits.\(name)", old.rateLimits[name], new.rateLimits[name], .info,
                "the \(name) rate limit changed: usage tier or project limits")
        }
        for phase in old.latencyMS.keys.sorted() {
            guard let before = old.latencyMS[phase], let after = new.latencyMS[phase] else { continue }
            if after >= 3 * max(before, 1), after - before >= latencyNoiseFloorMS {
                add(
                    "latency_ms.\(phase)", "\(before) ms", "\(after) ms", .warn,
                    "\(phase.replacing("_", with: " ")) latency tripled or more: a slower path (proxy, VPN, far edge) or a degraded service"
                )
            }
        }
        for (field, before, after) in [
            ("tool", "\(old.tool.name) \(old.tool.version)", "\(new.tool.name) \(new.tool.version)"),
            ("os", old.os ?? "?", new.os ?? "?"), ("swift", old.swift ?? "?", new.swift ?? "?"),
        ] where before != after {
            add(field, before, after, .info, "updated since the baseline: recheck after major updates")
        }
        if old.verdict == .ok, new.verdict == .problem {
            add("verdict", "ok", "problem", .fail, "today's check finds a problem: see `openai-doctor check`")
        }
        return out.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity > b.element.severity : a.offset < b.offset
        }.map(\.element)
    }
}
