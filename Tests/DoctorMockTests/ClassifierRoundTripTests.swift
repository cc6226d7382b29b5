import DoctorCore
import DoctorMock
import DoctorTestSupport
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
        #expect(
            classification.cause == scenario.cause,
            "\(name) classified as \(classification.cause): \(classification.reasons)")
    }

    /// The same through the core: what the mock plans for each scenario's request, headers and
    /// body as served, classifies the same way.
    @Test(arguments: scenarios)
    func theServedAnswerClassifiesAsItsCause(_ name: String) throws {
        let path = name.hasSuffix("@responses-write") ? "/v1/responses" : "/v1/chat/completions"
        let answer = InProcessMock().post(
            path, headers: [("Authorization", "Bearer \(TestKey.project())"), ("X-Mock-Scenario", name)],
            json: #"{"model":"gpt-4o","messages":[]}"#)
        let evidence = EvidenceExtractor.evidence(status: answer.status, headers: answer.headers, body: answer.body)
        let classification = Classifier.classify(evidence)
        #expect(classification.cause == ScenarioName(name)?.cause, "\(name) classified as \(classification.cause)")
    }
}
