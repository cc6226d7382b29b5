import DoctorTestSupport
import Foundation
import Testing

@testable import DoctorCore

@Suite("explain over the real fixture corpus")
struct ExplainFixtureTests {
    @Test("each fixture classifies to its cause", arguments: ExplainFixture.all)
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

    @Test("the corpus spans every cause id and every input form, with sources")
    func coverage() {
        let fixtures = ExplainFixture.all
        #expect(fixtures.count >= 120)
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
