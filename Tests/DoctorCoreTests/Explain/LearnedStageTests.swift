import DoctorTestSupport
import Testing

@testable import DoctorCore

/// The learned last stage (``LearnedStage``, ``WordingModel``): it speaks only after every rule
/// said nothing, only for a cause the evidence allows, never above `medium`, and its committed
/// weights are what the trainer wrote.
@Suite("the learned last stage of explain")
struct LearnedStageTests {
    /// A model of two causes whose every feature of `text` pushes towards `cause` with `weight`.
    static func model(pushing cause: CauseID, on text: String, weight: Float = 40) -> WordingModel {
        let buckets = 1 << 12
        let causes: [CauseID] = [cause, .unknown].sorted()
        let row = causes[0] == cause ? 0 : 1
        var weights = [Float](repeating: 0, count: buckets * causes.count)
        let features = WordingFeatures(text: WordingFeatures.fold(text), buckets: buckets)
        for feature in features.features { weights[feature.bucket * causes.count + row] = weight * feature.sign }
        return WordingModel(
            causes: causes, buckets: buckets, weights: weights, bias: [0, 0], threshold: 0.9, mediumThreshold: 0.99,
            examples: 1)
    }

    /// A text no declared rule reads (checked in each test with the rules alone).
    static let text = "zebra quagga okapi"

    /// Evidence of ``text`` as an input excerpt.
    static func evidence(
        status: Int? = nil, headers: HeaderFields = HeaderFields(), transport: TransportFailure? = nil
    ) -> Evidence {
        var evidence = Evidence(form: .text, status: status, headers: headers, transport: transport)
        evidence.excerpt = text
        return evidence
    }

    @Test("the shipped weights decode, and encode back to the committed string")
    func shippedRoundTrip() throws {
        let model = try #require(WordingModel.shipped, "TrainedWordingModel.swift holds no model")
        #expect(WordingModelCoding.encode(model) == TrainedWordingModel.encoded)
        #expect(model.causes.contains(.unknown))
        #expect(model.threshold >= 0.5 && model.threshold <= model.mediumThreshold)
        #expect(model.examples >= ExplainFixture.unbatched.count)
        // At most 2 MB in the binary: the literal is the model.
        #expect(TrainedWordingModel.encoded.utf8.count <= 2_000_000)
    }

    /// Grouped cross-validation as the trainer measured it with these weights. Issue 21's targets
    /// (≥ 95 % right and ≤ 1 % confidently wrong, overall and for every family of 10 or more) are
    /// reached: on 2026-12-07 (third session), 1,075 unsealed fixtures gave 99.8 % right, none
    /// confidently wrong, and no family below. This holds that floor (with a little room for new
    /// fixtures from families not met yet), so a retraining cannot go back.
    @Test("grouped cross-validation holds issue 21's targets (99 % right, ≤ 0.5 % confidently wrong, every family)")
    func crossValidationFloor() {
        let figures = TrainedWordingModel.crossValidation
        #expect(figures.total >= ExplainFixture.unbatched.count)
        #expect(Double(figures.right) >= 0.99 * Double(figures.total))
        #expect(Double(figures.confidentlyWrong) <= 0.005 * Double(figures.total))
        #expect(figures.familiesBelowTarget.isEmpty, "families of 10+ below target: \(figures.familiesBelowTarget)")
    }

    @Test("where no rule decides, a sure model names the cause at low or medium, with the words that weighed")
    func answersWhereRulesDoNot() throws {
        let evidence = Self.evidence()
        #expect(Classifier.classify(evidence, model: nil).cause == .unknown)
        var model = Self.model(pushing: .billingQuotaExceeded, on: Self.text)
        let verdict = Classifier.classify(evidence, model: model)
        #expect(verdict.cause == .billingQuotaExceeded)
        #expect(verdict.rule == LearnedStage.ruleID)
        #expect(verdict.confidence == .medium)
        #expect(verdict.reasons.first?.contains("\"zebra") == true, "\(verdict.reasons)")
        model.mediumThreshold = 1.01
        #expect(Classifier.classify(evidence, model: model).confidence == .low)
        // Below the threshold: unknown, with what to capture next.
        model.threshold = 1.01
        let unsure = Classifier.classify(evidence, model: model)
        #expect(unsure.cause == .unknown)
        #expect(!unsure.leadingFixes.isEmpty)
    }

    @Test("never a cause whose spec excludes the status that arrived")
    func respectsStatus() {
        let model = Self.model(pushing: .billingQuotaExceeded, on: Self.text)
        for status in [500, 401, 403] {
            let evidence = Self.evidence(status: status)
            let verdict = Classifier.classify(evidence, model: model)
            #expect(verdict.rule != LearnedStage.ruleID, "billing named on a \(status)")
        }
        let agreeing = Self.evidence(status: 429)
        if Classifier.classify(agreeing, model: nil).cause == .unknown {
            #expect(Classifier.classify(agreeing, model: model).cause == .billingQuotaExceeded)
        }
    }

    @Test("never the edge, a proxy or the network when OpenAI's own answer is in hand")
    func respectsAnsweringParty() {
        for cause in [CauseID.edgeBlocked, .proxyBlocked, .networkConnect] {
            let model = Self.model(pushing: cause, on: Self.text)
            let evidence = Self.evidence(headers: ["x-request-id": "req_1"])
            #expect(
                Classifier.classify(evidence, model: model).cause == .unknown, "\(cause) named over OpenAI's answer")
        }
        // A transport failure without an answer never gets an account or model cause.
        let model = Self.model(pushing: .modelNotFound, on: Self.text)
        let failed = Self.evidence(transport: TransportFailure(phase: .unknown, kind: .other))
        #expect(Classifier.classify(failed, model: model).cause != .modelNotFound)
        #expect(!LearnedStage.allows(.modelNotFound, Facts(failed)))
        #expect(LearnedStage.allows(.networkTimeout, Facts(failed)))
    }

    @Test("training is deterministic and learns its examples")
    func trainingIsDeterministic() throws {
        let fixtures = ExplainFixture.unbatched.prefix(40)
        var examples: [WordingModelTrainer.Example] = []
        for fixture in fixtures {
            for (evidence, cause) in try fixture.labelledEvidences() {
                examples.append(.init(features: WordingFeatures(evidence, buckets: 1 << 10), cause: cause))
            }
        }
        let trainer = WordingModelTrainer(buckets: 1 << 10, epochs: 8)
        let first = trainer.train(examples)
        #expect(WordingModelCoding.encode(first) == WordingModelCoding.encode(trainer.train(examples)))
        let right = examples.filter { example in
            let probabilities = first.probabilities(example.features)
            return first.causes[probabilities.indices.max { probabilities[$0] < probabilities[$1] }!] == example.cause
        }
        #expect(right.count * 10 >= examples.count * 9, "learnt \(right.count) of \(examples.count)")
    }

    @Test("the model's text folding is the one function the trainer uses")
    func folding() {
        #expect(WordingFeatures.fold("Rate  LIMIT") == Array("rate limit".utf8))
        let words = WordingFeatures.words(Array("req_8f3a9b2c7d1e4f00 exceeded your quota.".utf8)).map {
            String(decoding: $0, as: UTF8.self)
        }
        #expect(words == ["#id", "exceeded", "your", "quota"])
    }
}
