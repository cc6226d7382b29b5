import DoctorCore
import DoctorProbes
import Testing

@Suite("Choosing the primary cause among checks")
struct CheckAssessmentTests {
    static func diagnosis(_ cause: CauseID) -> Diagnosis {
        Diagnoser.diagnosis(
            of: Evidence(form: .probe),
            classification: Classification(cause: cause, confidence: .high, reasons: ["test"]))
    }

    static func outcome(
        _ id: String, _ status: CheckStatus, _ cause: CauseID?, _ weight: CheckOutcome.Weight, answered: Bool = false
    ) -> CheckOutcome {
        var answer: EvidenceSummary?
        if answered {
            answer = EvidenceSummary()
            answer?.status = status == .pass ? 200 : 403
        }
        return CheckOutcome(
            result: CheckResult(
                id: id, title: id, status: status, durationMS: 1, summary: "\(id) \(status)",
                evidence: CheckEvidence(cause: cause, answer: answer)),
            diagnosis: cause.map(diagnosis), weight: weight)
    }

    @Test("nothing failed: ok, warnings become findings")
    func ok() {
        let (verdict, diagnosis, findings) = CheckAssessment.assess([
            Self.outcome("api.models", .pass, nil, .api, answered: true),
            Self.outcome("service.status", .warn, nil, .side),
        ])
        #expect(verdict == .ok)
        #expect(diagnosis == nil)
        #expect(findings.map(\.check) == ["service.status"])
    }

    @Test("the API's answer outranks a side check and a failed trace fetch")
    func apiFirst() {
        let (_, diagnosis, findings) = CheckAssessment.assess([
            Self.outcome("egress.trace", .fail, .networkTimeout, .reachability),
            Self.outcome("egress.trace.loc", .fail, .regionUnsupported, .side),
            Self.outcome("api.models", .fail, .keyInvalid, .api, answered: true),
        ])
        #expect(diagnosis?.cause == .keyInvalid)
        #expect(findings.count == 2)
    }

    @Test("a path failure of the API request outranks a damaged key")
    func pathBeforeConfig() {
        let (_, diagnosis, _) = CheckAssessment.assess([
            Self.outcome("config.key", .fail, .keyMalformed, .configuration),
            Self.outcome("api.models", .fail, .proxyBlocked, .api),
        ])
        #expect(diagnosis?.cause == .proxyBlocked)
    }

    @Test("a damaged key outranks what the API said to the cleaned key")
    func configBeforeAnswer() {
        let (_, diagnosis, _) = CheckAssessment.assess([
            Self.outcome("config.key", .fail, .keyMalformed, .configuration),
            Self.outcome("api.models", .fail, .keyInvalid, .api, answered: true),
        ])
        #expect(diagnosis?.cause == .keyMalformed)
    }

    @Test("with nothing answered, an unreachable host outranks a missing key")
    func unreachableBeforeMissingKey() {
        let (_, diagnosis, _) = CheckAssessment.assess([
            Self.outcome("config.key", .fail, .keyMissing, .configuration),
            Self.outcome("network.dns", .fail, .networkDNS, .reachability),
            Self.outcome("api.models", .skip, nil, .side),
        ])
        #expect(diagnosis?.cause == .networkDNS)
    }

    @Test("a failure with no known cause still gives a problem verdict and an honest unknown")
    func unknown() {
        let (verdict, diagnosis, _) = CheckAssessment.assess([Self.outcome("api.models", .fail, nil, .api)])
        #expect(verdict == .problem)
        #expect(diagnosis?.cause == .unknown)
    }
}
