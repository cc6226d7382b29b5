/// The last stage, after every declared rule said nothing: the learned ``WordingModel`` names a
/// cause for wording no rule knows, but only
///
/// - where its probability reaches the threshold chosen under grouped cross-validation
///   (precision ≥ 97 %), and then at `low` or `medium` confidence, never `high`;
/// - for a cause the evidence allows (``allows(_:_:)``): never one whose ``CauseSpec`` excludes
///   the status that arrived, never a cause only a failed connection shows when an answer
///   arrived, never the edge, a proxy or the network when OpenAI's own answer is in hand.
///
/// Below the threshold the answer stays ``CauseID/unknown``, with what to capture next.
enum LearnedStage {
    /// The rule id a learned verdict carries in ``Classification/rule``.
    static let ruleID = Classification.learnedRule

    /// The model's verdict, or `nil` when it is not sure enough of any allowed cause.
    static func judge(_ facts: Facts, model: WordingModel) -> Classification? {
        guard let best = leaning(facts, model: model)?.best, best.probability >= model.threshold else {
            return nil
        }
        // The readable n-grams only now that the model answers.
        let readable = WordingFeatures(facts.evidence, buckets: model.buckets, keepText: true)
        let words = model.strongestWords(readable, towards: best.cause)
        let percent = Int((best.probability * 100).rounded())
        var reason =
            "no declared rule matched; the learned wording model (trained on \(model.examples) labelled reports) gives \(best.cause.rawValue) \(percent) %"
        if !words.isEmpty { reason += ", most from " + words.map { "\"\($0)\"" }.joined(separator: ", ") }
        return Classification(
            cause: best.cause, confidence: best.probability >= model.mediumThreshold ? .medium : .low,
            reasons: [reason], rule: ruleID)
    }

    /// The allowed cause the model leans to most, with its probability, whatever the threshold.
    static func leaning(
        _ facts: Facts, model: WordingModel
    ) -> (
        best: (cause: CauseID, probability: Float), features: WordingFeatures
    )? {
        guard facts.hasText || facts.evidence.excerpt != nil || facts.evidence.body != nil else { return nil }
        let features = WordingFeatures(facts.evidence, buckets: model.buckets, keepText: false)
        guard !features.features.isEmpty else { return nil }
        let probabilities = model.probabilities(features)
        var best: (cause: CauseID, probability: Float)? = nil
        for (row, cause) in model.causes.enumerated() where cause != .unknown && allows(cause, facts) {
            if probabilities[row] > best?.probability ?? 0 { best = (cause, probabilities[row]) }
        }
        return best.map { ($0, features) }
    }

    /// Whether the evidence leaves room for `cause`: the status that arrived is one the cause
    /// answers with, an answer arrived for a cause an answer can show (and a failed connection
    /// for one it cannot), and OpenAI's own answer rules out the layers in front of it.
    static func allows(_ cause: CauseID, _ facts: Facts) -> Bool {
        let spec = cause.spec
        if let status = facts.status {
            guard spec.shownByHTTPAnswer, spec.agrees(with: status) else { return false }
        } else if facts.evidence.transport != nil {
            guard spec.layer != .openai, spec.layer != .azure else { return false }
        }
        if facts.openaiHeaders || facts.evidence.provider == .openai {
            guard let layer = spec.layer, ![.edge, .proxy, .network, .tls].contains(layer) else { return false }
        }
        return true
    }
}

extension WordingModel {
    /// The cause the model leans to most for `evidence` among those the evidence allows, with its
    /// probability, whatever the thresholds: what cross-validation chooses the thresholds from.
    public func leaning(for evidence: Evidence) -> (cause: CauseID, probability: Float)? {
        LearnedStage.leaning(Facts(evidence), model: self)?.best
    }
}
