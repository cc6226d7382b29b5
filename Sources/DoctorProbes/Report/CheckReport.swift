import DoctorCore

/// The result of one `openai-doctor check` run: what was checked, how each check went, and
/// the one primary cause (or none).
///
/// Its JSON form is docs/product.md's `check` contract, version 1:
///
/// ```json
/// {"schema_version": 1, "tool": {"name": "openai-doctor", "version": "0.1.0"},
///  "started_at": "2026-11-26T15:40:02.118+01:00", "time_zone": "Europe/Berlin",
///  "target": {…}, "checks": [{"id": "network.dns", "title": "…", "status": "pass",
///  "duration_ms": 12, "summary": "…", "evidence": {…}}], "verdict": "problem",
///  "diagnosis": {…} | null, "findings": [{…}]}
/// ```
///
/// Other commands build on it: `verify` re-runs the failed checks of a saved report,
/// `baseline` keeps a sanitized copy, `report` renders it (the HTML waterfall reads
/// ``CheckEvidence/requests``), `monitor` compares consecutive ones. Nothing in it is a
/// secret: keys appear as fingerprints, proxy URLs without their passwords.
public struct CheckReport: Sendable, Codable, Equatable {
    /// The JSON schema version this type writes.
    public static let currentSchemaVersion = 1

    /// The schema version (always ``currentSchemaVersion`` when written by this build).
    public var schemaVersion: Int
    /// The tool that produced the report.
    public var tool: ToolIdentity
    /// When the run started, ISO 8601 with the local offset (`2026-11-26T15:40:02.118+01:00`).
    public var startedAt: String
    /// The local time zone's identifier (`Europe/Berlin`), as support asks for.
    public var timeZone: String
    /// What was checked: endpoint, identifiers, proxy, and where each came from.
    public var target: CheckTarget
    /// Every check, in display order.
    public var checks: [CheckResult]
    /// `ok` when nothing is wrong, `problem` otherwise.
    public var verdict: Verdict
    /// The primary cause, or `nil` when the verdict is `ok`.
    public var diagnosis: Diagnosis?
    /// Secondary findings: warnings and causes outranked by the primary one.
    public var findings: [CheckFinding]
    /// The user's own runtimes probed by `check --runtime` beside `check`'s path; `nil` (and absent
    /// from the JSON) when none was asked for.
    public var runtimes: [RuntimeResult]?

    /// Creates a report.
    public init(
        tool: ToolIdentity, startedAt: String, timeZone: String, target: CheckTarget, checks: [CheckResult],
        verdict: Verdict, diagnosis: Diagnosis?, findings: [CheckFinding], runtimes: [RuntimeResult]? = nil
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.tool = tool
        self.startedAt = startedAt
        self.timeZone = timeZone
        self.target = target
        self.checks = checks
        self.verdict = verdict
        self.diagnosis = diagnosis
        self.findings = findings
        self.runtimes = runtimes
    }

    /// The check with this id, if it ran.
    public func check(_ id: String) -> CheckResult? {
        checks.first { $0.id == id }
    }

    /// The checks that failed, in order.
    public var failedChecks: [CheckResult] { checks.filter { $0.status == .fail } }

    enum CodingKeys: String, CodingKey {
        case tool, target, checks, verdict, diagnosis, findings, runtimes
        case schemaVersion = "schema_version"
        case startedAt = "started_at"
        case timeZone = "time_zone"
    }

    /// Encodes every key, `diagnosis` as `null` when absent; `runtimes` only when runtimes were asked for.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(tool, forKey: .tool)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(timeZone, forKey: .timeZone)
        try c.encode(target, forKey: .target)
        try c.encode(checks, forKey: .checks)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(diagnosis, forKey: .diagnosis)
        try c.encode(findings, forKey: .findings)
        try c.encodeIfPresent(runtimes, forKey: .runtimes)
    }
}

/// The tool's name and version as a report records them.
public struct ToolIdentity: Sendable, Codable, Equatable {
    /// The executable's name, `openai-doctor`.
    public var name: String
    /// Its version.
    public var version: String

    /// Creates a tool identity.
    public init(name: String, version: String) {
        self.name = name
        self.version = version
    }
}

/// The overall answer of a run.
public enum Verdict: String, Sendable, Codable, CaseIterable {
    /// Nothing is wrong (warnings may remain).
    case ok
    /// A check failed: see the diagnosis.
    case problem
}

/// How one check went.
public enum CheckStatus: String, Sendable, Codable, CaseIterable, Comparable {
    /// It passed.
    case pass
    /// Something is worth a look, but nothing failed.
    case warn
    /// It failed.
    case fail
    /// It did not run (no key, no network, not applicable); the summary says why.
    case skip

    private var rank: Int {
        switch self {
        case .skip: return 0
        case .pass: return 1
        case .warn: return 2
        case .fail: return 3
        }
    }

    /// Orders by severity: skip < pass < warn < fail.
    public static func < (lhs: CheckStatus, rhs: CheckStatus) -> Bool { lhs.rank < rhs.rank }
}

/// One line of the checklist.
public struct CheckResult: Sendable, Codable, Equatable {
    /// A stable id such as `config.key`, `network.dns`, `api.models` (see ``CheckID``).
    public var id: String
    /// A short human title.
    public var title: String
    /// How it went.
    public var status: CheckStatus
    /// How long it took, in milliseconds (0 for checks that need no I/O).
    public var durationMS: Int
    /// One line for a person (no secrets).
    public var summary: String
    /// What was seen.
    public var evidence: CheckEvidence

    /// Creates a check result.
    public init(
        id: String, title: String, status: CheckStatus, durationMS: Int, summary: String,
        evidence: CheckEvidence = CheckEvidence()
    ) {
        self.id = id
        self.title = title
        self.status = status
        self.durationMS = durationMS
        self.summary = summary
        self.evidence = evidence
    }

    enum CodingKeys: String, CodingKey {
        case id, title, status, summary, evidence
        case durationMS = "duration_ms"
    }
}

/// What one check saw: facts, the requests it made, and the cause it points to.
public struct CheckEvidence: Sendable, Codable, Equatable {
    /// The cause this check's outcome points to, if it found one.
    public var cause: CauseID?
    /// Plain facts as name/value pairs (`loc` = `DE`, `key_source` = `env OPENAI_API_KEY`), sorted by name.
    public var facts: [String: String]
    /// Markers seen (`squid:ERR_ACCESS_DENIED`, `trace:loc_unsupported`).
    public var markers: [String]
    /// Every request the check made, with phase timings and the TLS chain.
    public var requests: [RequestTrace]
    /// The redacted evidence of the HTTP answer or transport failure that decided the check.
    public var answer: EvidenceSummary?

    /// Creates check evidence.
    public init(
        cause: CauseID? = nil, facts: [String: String] = [:], markers: [String] = [], requests: [RequestTrace] = [],
        answer: EvidenceSummary? = nil
    ) {
        self.cause = cause
        self.facts = facts
        self.markers = markers
        self.requests = requests
        self.answer = answer
    }

    /// Whether nothing was recorded.
    public var isEmpty: Bool {
        cause == nil && facts.isEmpty && markers.isEmpty && requests.isEmpty && answer == nil
    }

    enum CodingKeys: String, CodingKey {
        case cause, facts, markers, requests, answer
    }

    /// Encodes every key, absent ones as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(cause, forKey: .cause)
        try c.encode(facts, forKey: .facts)
        try c.encode(markers, forKey: .markers)
        try c.encode(requests, forKey: .requests)
        try c.encode(answer, forKey: .answer)
    }
}

/// A secondary finding: a warning, or a cause the primary diagnosis outranks.
public struct CheckFinding: Sendable, Codable, Equatable {
    /// The check that produced it.
    public var check: String
    /// The cause it names, if any (`nil` for plain advice).
    public var cause: CauseID?
    /// How serious it is: `warn` or `fail`.
    public var status: CheckStatus
    /// One line for a person.
    public var summary: String
    /// What to do about it.
    public var fixes: [String]

    /// Creates a finding.
    public init(check: String, cause: CauseID?, status: CheckStatus, summary: String, fixes: [String] = []) {
        self.check = check
        self.cause = cause
        self.status = status
        self.summary = summary
        self.fixes = fixes
    }

    enum CodingKeys: String, CodingKey {
        case check, cause, status, summary, fixes
    }

    /// Encodes every key, `cause` as `null` when absent.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(check, forKey: .check)
        try c.encode(cause, forKey: .cause)
        try c.encode(status, forKey: .status)
        try c.encode(summary, forKey: .summary)
        try c.encode(fixes, forKey: .fixes)
    }
}

/// What a run was pointed at, and where each setting came from. Secrets appear only as fingerprints.
public struct CheckTarget: Sendable, Codable, Equatable {
    /// The API flavour.
    public enum Flavor: String, Sendable, Codable, CaseIterable {
        /// api.openai.com.
        case openai
        /// Azure OpenAI (`*.openai.azure.com`, `*.cognitiveservices.azure.com`).
        case azure
        /// Any other OpenAI-compatible base URL (a relay, a local server, the mock).
        case compatible
    }

    /// The base URL requests go to (`https://api.openai.com/v1`).
    public var baseURL: String
    /// The API host.
    public var host: String
    /// Which flavour of API.
    public var flavor: Flavor
    /// The model (or Azure deployment) probed, if any.
    public var model: String?
    /// The organization id sent, if any.
    public var organization: String?
    /// The project id sent, if any.
    public var project: String?
    /// The key's fingerprint (`sk-proj-…a1B2`), or `nil` when no key was found.
    public var key: String?
    /// The proxy applied to the API host, password removed, or `nil` for a direct connection.
    public var proxy: String?
    /// The Azure `api-version`, in Azure mode.
    public var apiVersion: String?
    /// Where each setting came from (`key` → `env OPENAI_API_KEY`, `proxy` → `env https_proxy`).
    public var sources: [String: String]

    /// Creates a target description.
    public init(
        baseURL: String, host: String, flavor: Flavor, model: String? = nil, organization: String? = nil,
        project: String? = nil, key: String? = nil, proxy: String? = nil, apiVersion: String? = nil,
        sources: [String: String] = [:]
    ) {
        self.baseURL = baseURL
        self.host = host
        self.flavor = flavor
        self.model = model
        self.organization = organization
        self.project = project
        self.key = key
        self.proxy = proxy
        self.apiVersion = apiVersion
        self.sources = sources
    }

    enum CodingKeys: String, CodingKey {
        case host, flavor, model, organization, project, key, proxy, sources
        case baseURL = "base_url"
        case apiVersion = "api_version"
    }

    /// Encodes every key, absent ones as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(baseURL, forKey: .baseURL)
        try c.encode(host, forKey: .host)
        try c.encode(flavor, forKey: .flavor)
        try c.encode(model, forKey: .model)
        try c.encode(organization, forKey: .organization)
        try c.encode(project, forKey: .project)
        try c.encode(key, forKey: .key)
        try c.encode(proxy, forKey: .proxy)
        try c.encode(apiVersion, forKey: .apiVersion)
        try c.encode(sources, forKey: .sources)
    }
}
