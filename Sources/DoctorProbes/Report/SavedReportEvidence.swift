import DoctorCore

/// The evidence `explain` reads: a saved `check --format json` report gives back its evidence,
/// any other input goes through ``DoctorCore/EvidenceExtractor``.
///
/// `check` hands its probes' evidence to the same classifier `explain` uses; a report carries
/// the primary diagnosis's evidence (status, error fields, markers, transport phase). Reading it
/// back as evidence and classifying it again gives the answer `check` gave, so a report sent
/// by a colleague can be explained offline and checked against the cause it names.
///
/// ```swift
/// let evidence = SavedReportEvidence.extract(from: bytes).first!   // a saved report or a pasted failure
/// let diagnosis = Diagnoser.diagnose(evidence)
/// ```
public enum SavedReportEvidence {
    /// Reads evidence from raw input bytes as `explain` does.
    ///
    /// - Parameters:
    ///   - bytes: the input.
    ///   - status: a status the person gave (`--status`), which wins over what the input says.
    ///   - headers: headers the person gave (`--header`), added to those found (a saved report ignores them).
    /// - Returns: the saved report's one evidence, or what ``DoctorCore/EvidenceExtractor`` reads (never empty).
    public static func extract(
        from bytes: [UInt8], status: Int? = nil, headers: HeaderFields = HeaderFields()
    ) -> [Evidence] {
        if var saved = evidence(from: bytes) {
            if let status { saved.status = status }
            return [saved]
        }
        return EvidenceExtractor.extract(from: bytes, status: status, headers: headers)
    }

    /// Reads evidence from text as `explain` does.
    public static func extract(
        from text: String, status: Int? = nil, headers: HeaderFields = HeaderFields()
    ) -> [Evidence] {
        extract(from: Array(text.utf8), status: status, headers: headers)
    }

    /// The evidence of a saved check report, or `nil` when the input is not one.
    static func evidence(from bytes: [UInt8]) -> Evidence? {
        // Sorted keys put `checks` first and `schema_version` near the end: the head shows `checks`.
        guard bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{") else {
            return nil
        }
        let head = String(decoding: bytes.prefix(512), as: UTF8.self)
        guard head.contains("\"checks\""),
            case .check(let report)? = try? SavedReport.decode(bytes)
        else { return nil }
        guard let diagnosis = report.diagnosis else {
            return Evidence(
                form: .json, notes: ["a saved check report whose verdict is \(report.verdict.rawValue): nothing failed"]
            )
        }
        var evidence = diagnosis.evidence.evidence
        evidence.notes.append("read from a saved check report (\(report.startedAt))")
        return evidence
    }
}
