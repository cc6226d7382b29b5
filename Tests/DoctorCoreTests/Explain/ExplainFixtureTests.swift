import DoctorTestSupport
import Foundation
import Testing

@testable import DoctorCore

@Suite("explain over the real fixture corpus")
struct ExplainFixtureTests {
    /// Every fixture without a `batch` must pass; later collections are measured (next test).
    @Test("each fixture classifies to its cause", arguments: ExplainFixture.unbatched)
    func classifies(_ fixture: ExplainFixture) throws {
        let (text, _) = try fixture.load()
        let evidences = EvidenceExtractor.extract(from: text, status: fixture.status, headers: fixture.headerFields)
        let causes = evidences.map { Diagnoser.diagnose($0).cause.rawValue }
        if let expected = fixture.causes {
            #expect(
                causes == expected,
                "source: \(fixture.source); decided by: \(evidences.map { Classifier.classify($0).reasons })")
        } else {
            #expect(
                causes.first == fixture.cause,
                "source: \(fixture.source); decided by: \(evidences.map { Classifier.classify($0).reasons })")
        }
    }

    @Test("planted keys never reach any rendering", arguments: ExplainFixture.all.filter(\.plantedKey))
    func plantedKeysStayOut(_ fixture: ExplainFixture) throws {
        let (text, keys) = try fixture.load()
        #expect(!keys.isEmpty, "a planted-key fixture must hold a {{KEY:…}} placeholder")
        for evidence in EvidenceExtractor.extract(from: text, status: fixture.status, headers: fixture.headerFields) {
            let diagnosis = Diagnoser.diagnose(evidence)
            let outputs = [
                JSONOutput.encode(ExplainDocument(items: [(diagnosis, evidence.entry)], isHAR: evidence.form == .har)),
                DiagnosisTextRenderer.render(diagnosis),
                DiagnosisMarkdownRenderer.render(diagnosis),
            ]
            for output in outputs {
                for key in keys {
                    #expect(!output.contains(key), "full key leaked from \(fixture.file)")
                    // Nor any long run of it (a key cut in half still leaks).
                    let middle = String(key.dropFirst(key.count / 3).prefix(16))
                    #expect(!output.contains(middle), "part of a key leaked from \(fixture.file)")
                }
            }
        }
    }

    /// The unsealed fixtures of later collections (`batch`) are measured, not each held to its
    /// label: they are what the rules have not learnt yet and what the wording model learns from.
    /// What must hold: each yields evidence, and no learned answer is ever confident beyond `medium`.
    @Test("batch fixtures are measured: accuracy and confidently-wrong answers")
    func batchMeasured() throws {
        let fixtures = ExplainFixture.batched
        var right = 0
        var confidentlyWrong: [String] = []
        for fixture in fixtures {
            let evidences = try fixture.evidences()
            #expect(!evidences.isEmpty, "\(fixture.file) yields no evidence")
            let verdicts = evidences.map { Classifier.classify($0) }
            for verdict in verdicts where verdict.rule == LearnedStage.ruleID {
                #expect(verdict.confidence <= .medium, "\(fixture.file): a learned answer at high confidence")
            }
            let got = fixture.causes == nil ? Array(verdicts.prefix(1)) : verdicts
            let expected = fixture.causes ?? [fixture.cause]
            if got.map(\.cause.rawValue) == expected {
                right += 1
            } else if zip(got, expected).contains(where: { $0.cause.rawValue != $1 && $0.confidence >= .medium }) {
                confidentlyWrong.append("\(fixture.file): want \(expected), got \(got.map(\.cause.rawValue))")
            }
        }
        print("batch fixtures: \(right)/\(fixtures.count) right; confidently wrong: \(confidentlyWrong)")
    }

    @Test("the corpus spans every cause id and every input form, with sources")
    func coverage() {
        let fixtures = ExplainFixture.all
        #expect(fixtures.count >= 120)
        #expect(Set(fixtures.map(\.file)).count == fixtures.count, "a file is listed twice")
        for fixture in fixtures where fixture.batch != nil {
            #expect(fixture.number >= 1000, "\(fixture.file): batch fixtures are numbered 1000 and up")
        }
        let causes = Set(fixtures.flatMap { [$0.cause] + ($0.causes ?? []) })
        for cause in CauseID.allCases {
            #expect(causes.contains(cause.rawValue), "no fixture for \(cause.rawValue)")
        }
        let forms = Set(fixtures.map(\.form))
        for form in ["json", "http", "curl", "sdk", "html", "log", "har"] {
            #expect(forms.contains(form), "no fixture of form \(form)")
        }
        for fixture in fixtures {
            #expect(!fixture.source.isEmpty, "\(fixture.file) has no source")
            #expect(CauseID(rawValue: fixture.cause) != nil, "\(fixture.file) names an unknown cause \(fixture.cause)")
        }
    }
}
