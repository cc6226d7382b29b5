/// Turns evidence into a ``Diagnosis``: the classifier's verdict, the catalogue's words, and a
/// redacted summary of the evidence.
///
/// This is the one place where evidence becomes something shown to people, so it is the one
/// place that redacts: every string taken from the input passes through ``Redactor``.
public enum Diagnoser {
    /// Diagnoses one piece of evidence.
    public static func diagnose(_ evidence: Evidence) -> Diagnosis {
        diagnose(evidence) { WordingModel.shipped }
    }

    /// Diagnoses one piece of evidence with `model` as the learned last stage (`nil`: rules only).
    public static func diagnose(_ evidence: Evidence, model: WordingModel?) -> Diagnosis {
        diagnose(evidence) { model }
    }

    /// The rules, naming what the winner outranked, then the model `learned` gives.
    static func diagnose(_ evidence: Evidence, learned: () -> WordingModel?) -> Diagnosis {
        let classification = Classifier.judge(evidence, namingOutranked: true, learned: learned)
        var shown = evidence
        if let index = classification.sightingIndex, let fields = evidence.sightings[index].fields {
            // The object that decided is the error the diagnosis shows.
            shown.error = fields
            shown.status = evidence.status ?? evidence.sightings[index].status
        }
        return diagnosis(of: shown, classification: classification)
    }

    /// Builds the diagnosis for a classification already made.
    public static func diagnosis(of evidence: Evidence, classification: Classification) -> Diagnosis {
        let description = CauseCatalog.description(of: classification.cause)
        return Diagnosis(
            cause: classification.cause,
            confidence: classification.confidence,
            title: description.title,
            explanation: description.explanation,
            // What this input calls for comes first: what to capture next for an unknown, the
            // regional host a residency refusal names.
            fixes: classification.leadingFixes
                + description.fixes.map(\.text).filter { !classification.leadingFixes.contains($0) },
            evidence: summary(of: evidence),
            decidedBy: decidedBy(classification, evidence: evidence).map(Redactor.redact)
        )
    }

    /// The reasons, then where the deciding object stood when it was not the first, then the
    /// verdict it outranked.
    static func decidedBy(_ classification: Classification, evidence: Evidence) -> [String] {
        var reasons = classification.reasons
        if let index = classification.sightingIndex, evidence.sightings.indices.contains(index) {
            let sighting = evidence.sightings[index]
            reasons.append("read from \(sighting.place), past the first error object")
        }
        if let outranked = classification.outranked {
            reasons.append("outranked: \(outranked.reason) (\(outranked.cause.rawValue))")
        }
        return reasons
    }

    /// The redacted summary of evidence that a diagnosis shows.
    public static func summary(of evidence: Evidence) -> EvidenceSummary {
        var summary = EvidenceSummary()
        summary.status = evidence.status
        summary.provider = evidence.provider
        summary.errorType = evidence.error.type.map(Redactor.redact)
        summary.errorCode = evidence.error.code.map(Redactor.redact)
        summary.errorParam = evidence.error.param.map(Redactor.redact)
        // Redacted before it is cut: a key cut short would be too short to recognise.
        summary.message = evidence.error.message.map { String(Redactor.redact(String($0)).prefix(2000)) }
        summary.requestID = evidence.requestID.map(Redactor.redact)
        summary.cfRay = evidence.cfRay.map(Redactor.redact)
        summary.markers = evidence.markers.map(Redactor.redact)
        summary.transportPhase = evidence.transport?.phase.rawValue
        summary.transportError = evidence.transport?.kind.rawValue
        summary.host = evidence.transport?.host.map(Redactor.redact)
        summary.address = evidence.transport?.address
        summary.key = evidence.echoedKey.map(maskedEcho)
        summary.request = evidence.request.map(Redactor.redact)
        summary.client = evidence.client
        summary.notes = evidence.notes
        return summary
    }

    /// An echoed key, reduced to what a fingerprint shows: its prefix and last four characters.
    ///
    /// The API masks the middle itself (`sk-abc***...wxyz`) and shows the last four so people
    /// can compare; those four are kept. An echo that is not masked (some relays) is cut down
    /// to a fingerprint rather than trusted.
    static func maskedEcho(_ echo: String) -> String {
        let tail = echo.suffix(4)
        let masked = echo.contains("*") || echo.contains("...") || echo.contains("…")
        if masked, tail.count == 4,
            tail.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        {
            return KeyKind.recognise(echo).prefix + "…" + tail
        }
        return KeyFingerprint.fingerprint(echo)
    }
}
