/// The evidence a saved `check --format json` report holds, read back for `explain`.
///
/// `check` hands its probes' evidence to the same classifier `explain` uses; a report carries
/// the primary diagnosis's evidence (status, error fields, markers, transport phase). Reading it
/// back as evidence and classifying it again gives the answer `check` gave, so a report sent
/// by a colleague can be explained offline and checked against the cause it names.
enum SavedReportEvidence {
    /// The evidence of a saved check report, or `nil` when the input is not one.
    static func evidence(from bytes: [UInt8]) -> Evidence? {
        // Sorted keys put `checks` first and `schema_version` near the end: the head shows `checks`.
        guard bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{") else { return nil }
        let head = String(decoding: bytes.prefix(512), as: UTF8.self)
        guard head.contains("\"checks\""),
            case .check(let report)? = try? SavedReport.decode(bytes)
        else { return nil }
        guard let diagnosis = report.diagnosis else {
            return Evidence(form: .json, notes: ["a saved check report whose verdict is \(report.verdict.rawValue): nothing failed"])
        }
        var evidence = diagnosis.evidence.evidence
        evidence.notes.append("read from a saved check report (\(report.startedAt))")
        return evidence
    }
}

extension EvidenceSummary {
    /// The evidence this summary shows, as the classifier reads it: the markers become signals
    /// again, the transport phase and kind a failure.
    var evidence: Evidence {
        var evidence = Evidence(
            form: .json, status: status, provider: provider,
            error: APIErrorFields(message: message, type: errorType, code: errorCode, param: errorParam),
            requestID: requestID, cfRay: cfRay, client: client, signals: markers.compactMap(Signal.init(marker:)))
        if let phase = transportPhase.flatMap(TransportFailure.Phase.init(rawValue:)),
            let kind = transportError.flatMap(TransportFailure.Kind.init(rawValue:))
        {
            let viaProxy = evidence.proxyConnectStatus != nil || provider == .proxy
            evidence.transport = TransportFailure(phase: phase, kind: kind, host: host, address: address, viaProxy: viaProxy)
        }
        if let requestID { evidence.headers.append(name: "x-request-id", value: requestID) }
        evidence.notes = notes
        return evidence
    }
}
