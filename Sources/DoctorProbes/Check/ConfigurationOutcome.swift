import DoctorCore

/// The report line of a configuration check, built from what local inspection found (nothing is sent).
enum ConfigurationOutcome {
    /// The line for `issues`: failing if one fails, warning if any, passing with `passSummary` otherwise.
    static func outcome(
        id: CheckID, title: String, issues: [ConfigIssue], facts: [String: String], passSummary: String
    ) -> CheckOutcome {
        let failing = issues.first { $0.severity == .fail }
        let worst = failing ?? issues.first
        let status: CheckStatus = failing != nil ? .fail : (issues.isEmpty ? .pass : .warn)
        var summary = worst?.summary ?? passSummary
        if issues.count > 1 { summary += " (+\(issues.count - 1) more)" }
        var allFacts = facts
        if !issues.isEmpty { allFacts["issues"] = issues.map(\.summary).joined(separator: "; ") }
        var diagnosis: Diagnosis?
        if let failing, let cause = failing.cause {
            diagnosis = self.diagnosis(cause, failing.summary, check: id.rawValue, fixes: failing.fixes)
        }
        return CheckOutcome(
            result: CheckResult(
                id: id.rawValue, title: title, status: status, durationMS: 0, summary: summary,
                evidence: CheckEvidence(cause: failing?.cause ?? worst?.cause, facts: allFacts)),
            diagnosis: diagnosis, weight: .configuration)
    }

    /// A diagnosis for a cause that local inspection found without sending anything: the
    /// inspector's finding goes to the classifier as a signal, like every other probe's, with
    /// the finding as the reason and its specific fixes first.
    static func diagnosis(_ cause: CauseID, _ reason: String, check: String, fixes: [String] = []) -> Diagnosis {
        var evidence = Evidence(form: .probe, signals: [.configFinding(check: check, cause: cause)])
        evidence.notes = [reason]
        var diagnosis = Diagnoser.diagnose(evidence)
        diagnosis.fixes = fixes + diagnosis.fixes.filter { !fixes.contains($0) }
        return diagnosis
    }
}
