public import DoctorCore
import DoctorProbes

/// What one run says about one check, reduced to what the monitor compares between runs.
///
/// Two observations are the same when their ``health`` and ``signature`` are: the signature is
/// the cause for a failing check, and for checks whose passing value matters it is that value —
/// the egress country for `egress.trace`, the indicator for `service.status` — so a move from
/// `DE` to `FR`, or from `none` to `minor`, is a change even though both pass.
///
/// ```swift
/// let observation = CheckObservation(result)   // from a CheckResult of a CheckReport
/// observation.health     // .down
/// observation.signature  // "region.unsupported"
/// ```
public struct CheckObservation: Sendable, Hashable {
    /// Whether a check works.
    public enum Health: String, Sendable, Hashable, CaseIterable {
        /// It passed (a warning still counts as up).
        case up
        /// It failed.
        case down
        /// It did not run this time (no key, not applicable); it tells nothing.
        case skipped
    }

    /// Up, down or skipped.
    public var health: Health
    /// What distinguishes this outcome from another with the same health (empty when nothing does).
    public var signature: String
    /// The cause the check pointed to, if any.
    public var cause: CauseID?

    /// Creates an observation.
    public init(health: Health, signature: String = "", cause: CauseID? = nil) {
        self.health = health
        self.signature = signature
        self.cause = cause
    }

    /// Reads a check's result.
    public init(_ result: CheckResult) {
        switch result.status {
        case .pass, .warn: health = .up
        case .fail: health = .down
        case .skip: health = .skipped
        }
        cause = result.evidence.cause
        if let cause {
            signature = cause.rawValue
        } else if result.id == CheckID.trace {
            signature = result.evidence.facts["loc"].map { "loc=\($0)" } ?? ""
        } else if result.id == CheckID.status {
            signature = result.evidence.facts["indicator"].map { "indicator=\($0)" } ?? ""
        } else {
            signature = ""
        }
    }

    /// Reads a whole run's verdict: up when `ok`, down with the primary cause otherwise.
    public init(verdictOf report: CheckReport) {
        let cause = report.diagnosis?.cause
        self.init(health: report.verdict == .ok ? .up : .down, signature: cause?.rawValue ?? "", cause: cause)
    }

    /// `up`, `down: region.unsupported`, `up (loc=DE)`.
    public var summary: String {
        switch (health, signature.isEmpty) {
        case (.down, false) where cause != nil: return "down: \(signature)"
        case (_, true): return health.rawValue
        case (_, false): return "\(health.rawValue) (\(signature))"
        }
    }
}
