import DoctorCore

/// The result of one `openai-doctor verify` run: the original failure re-run with its inputs
/// held constant, one known-good request, one controlled failure, and the retry-limit check.
///
/// Its JSON form (schema version 1):
///
/// ```json
/// {"schema_version": 1, "kind": "verify", "tool": {…}, "started_at": "…+01:00", "time_zone": "…",
///  "from": "check.json" | null, "target": {…}, "inputs_changed": ["key"],
///  "steps": [{"id": "rerun.api.models", "kind": "rerun", "title": "…", "status": "pass|fail|skip",
///             "outcome": "fixed|still_failing|new_failure|ok|clean_failure|unclean_failure|held|exceeded|skipped",
///             "expected_cause": "region.unsupported" | null, "observed_cause": … | null,
///             "summary": "…", "duration_ms": 182, "requests": [{…}], "diagnosis": {…} | null}],
///  "verdict": "ok|problem"}
/// ```
///
/// The verdict is `ok` only when every step that ran passed.
public struct VerifyReport: Sendable, Codable, Equatable {
    /// The JSON schema version this type writes.
    public static let currentSchemaVersion = 1

    /// The schema version.
    public var schemaVersion: Int
    /// Always `verify`: tells a reader which report this is.
    public var kind: String
    /// The tool that produced the report.
    public var tool: ToolIdentity
    /// When the run started, ISO 8601 with the local offset.
    public var startedAt: String
    /// The local time zone's identifier.
    public var timeZone: String
    /// The saved check report re-run, if any.
    public var from: String?
    /// What was verified (the current inputs).
    public var target: CheckTarget
    /// Inputs that differ from the saved report's (`key`, `base_url`, `model`, `proxy`, `organization`, `project`).
    public var inputsChanged: [String]
    /// The steps, in order.
    public var steps: [VerifyStep]
    /// `ok` when every step that ran passed.
    public var verdict: Verdict

    /// Creates a report; the verdict follows from the steps.
    public init(
        tool: ToolIdentity, startedAt: String, timeZone: String, from: String?, target: CheckTarget,
        inputsChanged: [String], steps: [VerifyStep]
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.kind = "verify"
        self.tool = tool
        self.startedAt = startedAt
        self.timeZone = timeZone
        self.from = from
        self.target = target
        self.inputsChanged = inputsChanged
        self.steps = steps
        self.verdict = steps.contains { $0.status == .fail } || steps.allSatisfy { $0.status == .skip } ? .problem : .ok
    }

    enum CodingKeys: String, CodingKey {
        case kind, tool, from, target, steps, verdict
        case schemaVersion = "schema_version"
        case startedAt = "started_at"
        case timeZone = "time_zone"
        case inputsChanged = "inputs_changed"
    }

    /// Encodes every key, `from` as `null` when absent.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(kind, forKey: .kind)
        try c.encode(tool, forKey: .tool)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(timeZone, forKey: .timeZone)
        try c.encode(from, forKey: .from)
        try c.encode(target, forKey: .target)
        try c.encode(inputsChanged, forKey: .inputsChanged)
        try c.encode(steps, forKey: .steps)
        try c.encode(verdict, forKey: .verdict)
    }
}

/// One step of a verification.
public struct VerifyStep: Sendable, Codable, Equatable {
    /// What kind of step.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A failing request of the saved report, sent again.
        case rerun
        /// A request that must succeed.
        case knownGood = "known_good"
        /// A request that must fail cleanly with a known cause.
        case knownBad = "known_bad"
        /// The retry client must stop at its configured attempts.
        case retryLimit = "retry_limit"
    }

    /// What the step found.
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        /// The re-run request now succeeds.
        case fixed
        /// The re-run request fails with the same cause.
        case stillFailing = "still_failing"
        /// The re-run request fails with another cause.
        case newFailure = "new_failure"
        /// The known-good request succeeded.
        case ok
        /// The controlled failure came back as the expected cause, with a sanitized message.
        case cleanFailure = "clean_failure"
        /// The controlled failure came back otherwise.
        case uncleanFailure = "unclean_failure"
        /// The retry client stopped at its limit.
        case held
        /// The retry client sent more (or fewer) requests than its limit.
        case exceeded
        /// The step could not run (no key, nothing failed before); the summary says why.
        case skipped
    }

    /// A stable id (`rerun.api.models`, `known_good.models`, `known_bad.model`, `retry_limit`).
    public var id: String
    /// Which kind of step.
    public var kind: Kind
    /// A short human title.
    public var title: String
    /// Pass, fail or skip.
    public var status: CheckStatus
    /// What it found.
    public var outcome: Outcome
    /// The cause expected (the original failure's, or `model.not_found` for the controlled failure).
    public var expectedCause: CauseID?
    /// The cause seen now, `nil` for a success.
    public var observedCause: CauseID?
    /// One line for a person.
    public var summary: String
    /// How long it took.
    public var durationMS: Int
    /// The requests made, with phase timings.
    public var requests: [RequestTrace]
    /// The diagnosis of the failure seen now, if any.
    public var diagnosis: Diagnosis?

    /// Creates a step.
    public init(
        id: String, kind: Kind, title: String, status: CheckStatus, outcome: Outcome, expectedCause: CauseID? = nil,
        observedCause: CauseID? = nil, summary: String, durationMS: Int = 0, requests: [RequestTrace] = [],
        diagnosis: Diagnosis? = nil
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.status = status
        self.outcome = outcome
        self.expectedCause = expectedCause
        self.observedCause = observedCause
        self.summary = summary
        self.durationMS = durationMS
        self.requests = requests
        self.diagnosis = diagnosis
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, title, status, outcome, summary, requests, diagnosis
        case expectedCause = "expected_cause"
        case observedCause = "observed_cause"
        case durationMS = "duration_ms"
    }

    /// Encodes every key, absent ones as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(title, forKey: .title)
        try c.encode(status, forKey: .status)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(expectedCause, forKey: .expectedCause)
        try c.encode(observedCause, forKey: .observedCause)
        try c.encode(summary, forKey: .summary)
        try c.encode(durationMS, forKey: .durationMS)
        try c.encode(requests, forKey: .requests)
        try c.encode(diagnosis, forKey: .diagnosis)
    }
}
