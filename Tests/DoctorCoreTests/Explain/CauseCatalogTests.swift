import Foundation
import Testing

@testable import DoctorCore

@Suite("cause catalogue")
struct CauseCatalogTests {
    @Test("every cause has a title, an explanation and fixes", arguments: CauseID.allCases)
    func complete(_ cause: CauseID) {
        let description = CauseCatalog.description(of: cause)
        #expect(description.id == cause)
        #expect(description.title.count > 10)
        #expect(description.explanation.count > 80)
        #expect(!description.fixes.isEmpty)
        #expect(description.title != cause.rawValue)
    }

    @Test("fixes are ordered least disruptive first", arguments: CauseID.allCases)
    func ordered(_ cause: CauseID) {
        let areas = CauseCatalog.description(of: cause).fixes.map(\.area)
        #expect(areas == areas.sorted(), "\(cause.rawValue): \(areas)")
    }

    @Test("the diagnosis JSON has every contract key, absent evidence as null, sorted")
    func diagnosisJSON() throws {
        let evidence = EvidenceExtractor.extract(
            from: "error code: 1020", status: 403, headers: ["server": "cloudflare"])[0]
        let json = JSONOutput.encode(ExplainDocument(items: [(Diagnoser.diagnose(evidence), nil)], isHAR: false))
        for key in [
            "\"schema_version\" : 1", "\"diagnosis\"", "\"cause\" : \"edge.blocked\"", "\"layer\" : \"edge\"",
            "\"retry\" : \"no\"", "\"confidence\"", "\"title\"", "\"explanation\"", "\"fixes\"", "\"evidence\"",
            "\"status\" : 403", "\"provider\" : \"cloudflare\"", "\"error_type\" : null", "\"error_code\" : null",
            "\"message\" : null", "\"request_id\" : null", "\"cf_ray\" : null", "\"markers\"",
        ] {
            #expect(json.contains(key), "missing \(key) in \(json)")
        }
        let cause = try #require(json.range(of: "\"cause\"")).lowerBound
        let confidence = try #require(json.range(of: "\"confidence\"")).lowerBound
        #expect(cause < confidence, "keys are sorted")
    }
}
