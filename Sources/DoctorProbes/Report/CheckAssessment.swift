import DoctorCore

/// One check's result together with the diagnosis it points to and how much its word weighs.
public struct CheckOutcome: Sendable, Equatable {
    /// How much a check's failure weighs when choosing the primary cause.
    public enum Weight: Int, Sendable, Comparable, CaseIterable {
        /// An authenticated request to the API (its answer, or its transport failure).
        case api = 0
        /// The local configuration (key, base URL, ids, proxy URL), judged before anything is sent.
        case configuration = 1
        /// An unauthenticated request to the API host (DNS, `/compliance/cookie_requirements`, `/cdn-cgi/trace`).
        case reachability = 2
        /// A side check whose verdict is an inference (trace `loc=` against the list, the status page).
        case side = 3

        /// Orders by weight, heaviest first.
        public static func < (lhs: Weight, rhs: Weight) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The check's line in the report.
    public var result: CheckResult
    /// The diagnosis its failure points to, if it failed with a known cause.
    public var diagnosis: Diagnosis?
    /// How much its failure weighs.
    public var weight: Weight

    /// Creates an outcome.
    public init(result: CheckResult, diagnosis: Diagnosis? = nil, weight: Weight) {
        self.result = result
        self.diagnosis = diagnosis
        self.weight = weight
    }
}

/// Chooses the one primary cause among a run's failed checks, and lists the rest as findings.
///
/// The API's own answer outranks side checks (docs/product.md): a failed status page or trace never
/// hides what the API said. The order:
/// 1. an API request that could not get through (network, proxy, TLS, edge, region) — or, when
///    no API request got an answer, an unauthenticated probe of the API host that could not:
///    nothing else matters until the path works;
/// 2. a configuration failure found before sending (a damaged key sends a different key than
///    the one probed, a wrong base URL sends apps elsewhere);
/// 3. any other failing API answer;
/// 4. when no API request got an answer, an unauthenticated probe of the API host that failed;
/// 5. side checks.
public enum CheckAssessment {
    /// The verdict, the primary diagnosis, and the secondary findings.
    public static func assess(
        _ outcomes: [CheckOutcome]
    ) -> (verdict: Verdict, diagnosis: Diagnosis?, findings: [CheckFinding]) {
        let failed = outcomes.filter { $0.result.status == .fail }
        let apiAnswered = outcomes.contains { $0.weight == .api && $0.result.evidence.answer?.status != nil }
        func isPathCause(_ diagnosis: Diagnosis?) -> Bool {
            guard let diagnosis else { return false }
            switch diagnosis.layer {
            case .network, .proxy, .tls, .edge: return true
            default: return diagnosis.cause == .regionUnsupported
            }
        }
        let ordered: [CheckOutcome?] = [
            failed.first { $0.weight == .api && isPathCause($0.diagnosis) },
            apiAnswered ? nil : failed.first { $0.weight == .reachability && isPathCause($0.diagnosis) },
            failed.first { $0.weight == .configuration && $0.diagnosis != nil },
            failed.first { $0.weight == .api && $0.diagnosis != nil },
            apiAnswered ? nil : failed.first { $0.weight == .reachability && $0.diagnosis != nil },
            failed.first { $0.weight == .side && $0.diagnosis != nil },
            failed.first { $0.diagnosis != nil },
        ]
        let primary = ordered.compactMap { $0 }.first
        var findings: [CheckFinding] = []
        for outcome in outcomes where outcome.result.status == .fail || outcome.result.status == .warn {
            if let primary, outcome.result.id == primary.result.id { continue }
            findings.append(
                CheckFinding(
                    check: outcome.result.id, cause: outcome.diagnosis?.cause ?? outcome.result.evidence.cause,
                    status: outcome.result.status, summary: outcome.result.summary,
                    fixes: outcome.result.status == .fail ? Array((outcome.diagnosis?.fixes ?? []).prefix(2)) : []))
        }
        let verdict: Verdict = failed.isEmpty ? .ok : .problem
        var diagnosis = primary?.diagnosis
        if diagnosis == nil, verdict == .problem, let first = failed.first {
            diagnosis = Diagnosis(
                cause: .unknown, confidence: .low, title: CauseCatalog.description(of: .unknown).title,
                explanation: first.result.summary, fixes: CauseCatalog.description(of: .unknown).fixes.map(\.text),
                evidence: first.result.evidence.answer ?? EvidenceSummary())
        }
        return (verdict, diagnosis, findings)
    }
}
