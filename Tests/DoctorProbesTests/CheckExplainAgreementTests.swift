import DoctorCore
import DoctorMock
import DoctorProbes
import DoctorTestSupport
import Testing

/// `check` and `explain` share one classifier: the saved report of a live check, explained
/// offline, names the cause the check named, for every cause the mock can serve.
@Suite("check and explain agree")
struct CheckExplainAgreementTests {
    @Test("explain of a saved check report names the check's cause", arguments: CheckAgainstMockTests.httpCauses)
    func savedReportAgrees(_ cause: CauseID) async throws {
        try await CheckSupport.againstScenario(cause) { report, key in
            let checked = try #require(report.diagnosis)
            let saved = JSONOutput.encode(report)
            let evidences = SavedReportEvidence.extract(from: saved)
            #expect(evidences.count == 1)
            let explained = Diagnoser.diagnose(try #require(evidences.first))
            #expect(
                explained.cause == checked.cause,
                "check said \(checked.cause), explain of its report \(explained.cause): \(explained.decidedBy)")
            #expect(!saved.contains(key))
        }
    }

    @Test("the probes' own signals: poisoned DNS and an unsupported egress country are the classifier's verdicts")
    func probeSignals() {
        let dns = Evidence(form: .probe, signals: [.dnsOutsideProviderRanges("31.13.94.37")])
        let trace = Evidence(form: .probe, signals: [.traceCountryUnsupported("KP")])
        #expect(Diagnoser.diagnose(dns).cause == .networkDNSPoisoned)
        #expect(Diagnoser.diagnose(trace).cause == .regionUnsupported)
        // Read back from the markers a report holds, they decide the same.
        for evidence in [dns, trace] {
            let again = Evidence(form: .json, signals: evidence.markers.compactMap(Signal.init(marker:)))
            #expect(Diagnoser.diagnose(again).cause == Diagnoser.diagnose(evidence).cause)
        }
    }
}
