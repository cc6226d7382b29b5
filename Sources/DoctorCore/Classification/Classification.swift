/// The classifier's verdict on one piece of evidence.
public struct Classification: Sendable, Equatable {
    /// The primary cause.
    public var cause: CauseID
    /// How sure.
    public var confidence: Confidence
    /// Why, strongest evidence first, as sentences for a person.
    public var reasons: [String]
    /// The id of the declared rule that decided (``RuleTable``); `nil` when none did.
    public var rule: String?
    /// Fixes this input calls for, shown before the cause's own: for ``CauseID/unknown``, what to
    /// capture next so that the next try tells; for a residency refusal, the host to use.
    public var leadingFixes: [String]
    /// Which of ``Evidence/sightings`` decided, when it was not the first error object
    /// (``Evidence/error``) but one later in the input.
    public var sightingIndex: Int?
    /// The strongest later verdict that named another cause: what this one outranked.
    public var outranked: Outranked?

    /// A verdict that lost to a stronger one.
    public struct Outranked: Sendable, Equatable {
        /// The cause it named.
        public var cause: CauseID
        /// The rule that named it.
        public var rule: String?
        /// Its first reason.
        public var reason: String
    }

    /// Creates a classification.
    public init(
        cause: CauseID, confidence: Confidence, reasons: [String], rule: String? = nil, leadingFixes: [String] = []
    ) {
        self.cause = cause
        self.confidence = confidence
        self.reasons = reasons
        self.rule = rule
        self.leadingFixes = leadingFixes
    }

    /// The ``rule`` of a verdict of the learned last stage (the wording model), not a declared rule.
    public static let learnedRule = "learned.wording-model"

    /// The honest answer when nothing tells, with what to capture next.
    public static func unknown(_ reason: String, next: [String] = []) -> Classification {
        Classification(cause: .unknown, confidence: .low, reasons: [reason], leadingFixes: next)
    }
}
