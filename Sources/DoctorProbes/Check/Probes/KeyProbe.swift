import DoctorCore

/// `config.key`: the API key's source, fingerprint and format, judged locally.
struct KeyProbe: Probe {
    let id = CheckID.key
    let title = "API key"
    let dependencies: [CheckID] = []
    let role = ProbeRole.local

    func run(in context: CheckContext) async throws(ProbeSkip) -> CheckOutcome {
        let configuration = context.configuration
        guard let inspection = context.keyInspection, let source = configuration.key?.source else {
            let summary = "no key: \(configuration.keyVariable) is not set (flag, environment or .env)"
            let diagnosis = ConfigurationOutcome.diagnosis(.keyMissing, summary, check: "key_missing")
            return CheckOutcome(
                result: CheckResult(
                    id: id.rawValue, title: title, status: .fail, durationMS: 0, summary: summary,
                    evidence: CheckEvidence(cause: .keyMissing, facts: ["variable": configuration.keyVariable])),
                diagnosis: diagnosis, weight: .configuration)
        }
        var facts = [
            "fingerprint": inspection.fingerprint, "kind": inspection.kind.displayName,
            "length": String(inspection.length),
            "source": source,
        ]
        if !inspection.findings.isEmpty { facts["findings"] = inspection.sentences.joined(separator: " ") }
        let failing = inspection.findings.filter { $0.cause != nil }
        let status: CheckStatus = failing.isEmpty ? (inspection.findings.isEmpty ? .pass : .warn) : .fail
        var summary =
            "\(inspection.fingerprint) (\(inspection.kind.displayName), \(inspection.length) chars) from \(source)"
        if let first = failing.first ?? inspection.findings.first { summary += ": " + first.sentence }
        var diagnosis: Diagnosis?
        if let cause = failing.first?.cause {
            diagnosis = ConfigurationOutcome.diagnosis(
                cause, failing.map(\.sentence).joined(separator: " "), check: "key")
        }
        return CheckOutcome(
            result: CheckResult(
                id: id.rawValue, title: title, status: status, durationMS: 0, summary: summary,
                evidence: CheckEvidence(cause: failing.first?.cause, facts: facts)),
            diagnosis: diagnosis, weight: .configuration)
    }
}
