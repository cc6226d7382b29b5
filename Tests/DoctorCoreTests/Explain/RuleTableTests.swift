import DoctorTestSupport
import Testing

@testable import DoctorCore

/// The declared rules (``RuleTable``): ids unique, and every rule reached.
///
/// A rule that an earlier rule always pre-empts is dead: it can be written, reviewed and
/// trusted, and never decide anything. The corpus of real failures (Fixtures/explain) is what
/// reaches the rules, so a rule that no fixture reaches is shadowed, unreachable, or lacks the
/// real report that would show it works — each of which is a defect to fix.
@Suite("declared rule table")
struct RuleTableTests {
    /// Which rule decided each fixture of the corpus, and which rules witnessed a fixture: named
    /// the same cause on its own, where a stronger rule decided first (the org-mismatch wording
    /// where the text also writes the code `mismatched_organization`). A witness shows the rule
    /// works on real input and decides it whenever the stronger evidence is missing (a client
    /// that keeps the message alone); a rule neither decides nor witnesses anything is dead.
    static let decidedBy: [String: [String]] = {
        var byRule: [String: [String]] = [:]
        for fixture in ExplainFixture.all {
            guard let (text, _) = try? fixture.load() else { continue }
            for evidence in EvidenceExtractor.extract(from: text, status: fixture.status, headers: fixture.headerFields)
            {
                let verdict = Classifier.classify(evidence)
                guard let rule = verdict.rule else { continue }
                byRule[rule, default: []].append(fixture.file)
                let facts = Facts(evidence)
                for witness in RuleTable.rules where witness.id != rule && witness.decide(facts)?.cause == verdict.cause
                {
                    byRule[witness.id, default: []].append(fixture.file + " (witness)")
                }
            }
        }
        return byRule
    }()

    /// Evidence as the live probes hand it over: the probe-only rules' inputs.
    static let probeEvidence: [Evidence] = [
        Evidence(form: .probe, signals: [.dnsOutsideProviderRanges("31.13.94.37")]),
        Evidence(form: .probe, signals: [.traceCountryUnsupported("RU")]),
        Evidence(form: .probe, signals: [.configFinding(check: "key", cause: .keyMalformed)]),
        Evidence(form: .probe, signals: [.webSocketUpgrade(.upgradeStripped, viaProxy: true)]),
    ]

    @Test("rule ids are unique")
    func uniqueIDs() {
        let ids = RuleTable.rules.map(\.id)
        #expect(Set(ids).count == ids.count, "duplicate rule ids")
    }

    @Test("every rule decides or witnesses at least one real input: none is unreachable")
    func everyRuleIsReached() {
        var reached = Self.decidedBy
        for evidence in Self.probeEvidence {
            if let rule = Classifier.classify(evidence).rule { reached[rule, default: []].append("probe evidence") }
        }
        let dead = RuleTable.rules.map(\.id).filter { reached[$0] == nil }
        #expect(
            dead.isEmpty, "rules no input reaches (shadowed by an earlier rule, or without a real fixture): \(dead)")
    }

    @Test("a rule names only the causes it declares")
    func causesAsDeclared() throws {
        for fixture in ExplainFixture.all {
            let (text, _) = try fixture.load()
            for evidence in EvidenceExtractor.extract(from: text, status: fixture.status, headers: fixture.headerFields)
            {
                let verdict = Classifier.classify(evidence)
                // The learned last stage is no declared rule; LearnedStageTests holds it to its bounds.
                // Nor is the review of a hedged UI sentence (HedgedMessage), which answers unknown.
                guard let id = verdict.rule, id != LearnedStage.ruleID, id != HedgedMessage.ruleID else { continue }
                let rule = try #require(RuleTable.rule(id))
                #expect(rule.causes.contains(verdict.cause), "\(id) named \(verdict.cause) for \(fixture.file)")
            }
        }
    }

    @Test("each probe signal is decided by the classifier, as explain would decide it")
    func probeSignals() {
        let causes = Self.probeEvidence.map { Diagnoser.diagnose($0).cause }
        #expect(causes == [.networkDNSPoisoned, .regionUnsupported, .keyMalformed, .proxyBlocked])
    }
}
