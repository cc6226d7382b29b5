import DoctorCore
import DoctorMock
import DoctorTestSupport
import Foundation
import Testing

/// Issue 3's "Must show": each scenario's answer, fed through the classifier, gives its cause.
@Suite struct ClassifierRoundTripTests {
    /// Every scenario and variant, with the cause it must classify as.
    static let scenarios: [String] = ScenarioCatalog.allNames.filter { $0 != "ok" }

    @Test(arguments: scenarios)
    func theCannedAnswerClassifiesAsItsCause(_ name: String) throws {
        let scenario = try #require(ScenarioName(name))
        let answer = try #require(ScenarioCatalog.response(for: scenario, context: .example))
        let evidence = EvidenceExtractor.evidence(status: answer.status, headers: answer.headers, body: answer.body)
        let classification = Classifier.classify(evidence)
        #expect(classification.cause == scenario.cause, "\(name) classified as \(classification.cause): \(classification.reasons)")
    }

    /// The same over the wire: what a client reads from the running mock classifies the same way.
    @Test func theServedAnswersClassifyAsTheirCauses() async throws {
        try await withMockServer { server in
            for name in ["key.invalid", "org.mismatch", "rate_limit.exceeded", "billing.quota_exceeded@2023", "edge.blocked",
                "proxy.blocked", "server.timeout", "azure.network_rules"]
            {
                let result = try await Curl.request(
                    server.baseURL, "/v1/chat/completions", method: "POST",
                    headers: ["Authorization: Bearer \(TestKey.project())", "X-Mock-Scenario: \(name)"],
                    json: #"{"model":"gpt-4o","messages":[]}"#)
                let evidence = EvidenceExtractor.evidence(status: result.status, headers: result.head.fields, body: result.body)
                #expect(Classifier.classify(evidence).cause == ScenarioName(name)?.cause, "\(name)")
            }
        }
    }
}
