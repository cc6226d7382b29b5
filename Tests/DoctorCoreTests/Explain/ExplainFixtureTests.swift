@testable import DoctorCore
import DoctorTestSupport
import Foundation
import Testing

/// One fixture of the corpus in Fixtures/explain (see its README): a real failure text and
/// the cause it must classify to.
struct ExplainFixture: Sendable, CustomTestStringConvertible {
    let file: String
    let cause: String
    let form: String
    let source: String
    let status: Int?
    let headers: [String]
    let causes: [String]?
    let plantedKey: Bool

    var testDescription: String { "\(file) → \(cause)" }

    /// The directory of the corpus, found from this source file (fixtures are not bundled).
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/explain")

    /// Every fixture of the manifest.
    static let all: [ExplainFixture] = {
        let url = directory.appendingPathComponent("manifest.json")
        guard let data = try? Data(contentsOf: url),
            let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        else { return [] }
        return list.map { item in
            ExplainFixture(
                file: item["file"] as? String ?? "",
                cause: item["cause"] as? String ?? "",
                form: item["form"] as? String ?? "",
                source: item["source"] as? String ?? "",
                status: item["status"] as? Int,
                headers: item["headers"] as? [String] ?? [],
                causes: item["causes"] as? [String],
                plantedKey: item["planted_key"] as? Bool ?? false
            )
        }
    }()

    /// The fixture's text with every `{{KEY:shape}}` placeholder replaced by a fresh random key.
    func load() throws -> (text: String, keys: [String]) {
        var text = try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
        var keys: [String] = []
        for (placeholder, kind) in [("{{KEY:legacy}}", KeyKind.legacy), ("{{KEY:proj}}", .project),
            ("{{KEY:svcacct}}", .serviceAccount), ("{{KEY:admin}}", .admin)]
        {
            while let range = text.range(of: placeholder) {
                let key = TestKey.make(kind, length: kind == .project ? 164 : kind == .serviceAccount ? 167 : nil)
                keys.append(key)
                text.replaceSubrange(range, with: key)
            }
        }
        return (text, keys)
    }

    /// The header flags as header fields.
    var headerFields: HeaderFields { HTTPHead.fields(headers) }
}

@Suite("explain over the real fixture corpus")
struct ExplainFixtureTests {
    @Test("each fixture classifies to its cause", arguments: ExplainFixture.all)
    func classifies(_ fixture: ExplainFixture) throws {
        let (text, _) = try fixture.load()
        let evidences = EvidenceExtractor.extract(from: text, status: fixture.status, headers: fixture.headerFields)
        let causes = evidences.map { Diagnoser.diagnose($0).cause.rawValue }
        if let expected = fixture.causes {
            #expect(causes == expected, "source: \(fixture.source); decided by: \(evidences.map { Classifier.classify($0).reasons })")
        } else {
            #expect(causes.first == fixture.cause, "source: \(fixture.source); decided by: \(evidences.map { Classifier.classify($0).reasons })")
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
