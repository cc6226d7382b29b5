import DoctorCore
import Testing

@testable import DoctorProbes

/// Which failed check decides the cause, without sockets.
struct CheckRankingTests {
    @Test func theAPIsAnswerOutranksTheTracesCountry() async throws {
        let transport = CheckScriptedTransport { request in
            switch request.url.path {
            case "/v1/models", "/v1/models/gpt-4o-mini", "/v1/chat/completions", "/v1/responses":
                CheckScripting.invalidKey
            default: CheckScripting.healthy(request, loc: "RU")
            }
        }
        let report = await CheckScripting.run(CheckScripting.options(), transport)
        #expect(report.verdict == .problem)
        #expect(report.diagnosis?.cause == .keyInvalid)
        #expect(report.check(.trace)?.status == .fail)
        let findings = report.findings.map(\.check)
        #expect(findings.contains("egress.trace"))
        #expect(!findings.contains("api.models"))
        let ranks = try findings.map { try #require(CheckID(rawValue: $0), "\($0) is not a check id").index }
        #expect(ranks == ranks.sorted())
    }

    @Test func amongEqualRegionRefusalsTheAuthenticatedAnswerSpeaksFirst() async {
        let transport = CheckScriptedTransport { request in
            switch request.url.path {
            case "/compliance/cookie_requirements", "/v1/models", "/v1/models/gpt-4o-mini", "/v1/chat/completions",
                "/v1/responses":
                CheckScripting.regionBlocked
            default: CheckScripting.healthy(request)
            }
        }
        let report = await CheckScripting.run(CheckScripting.options(), transport)
        #expect(report.diagnosis?.cause == .regionUnsupported)
        // The keyless compliance probe comes first in the report, but the listing decides.
        #expect(report.check(.compliance)?.status == .fail)
        let findings = report.findings.map(\.check)
        #expect(findings.contains("egress.compliance"))
        #expect(!findings.contains("api.models"))
    }

    @Test func aPathThatDoesNotWorkOutranksAMissingKey() async {
        let transport = CheckScriptedTransport(v4: [], v6: []) { _ in .failure(.nameNotFound, in: .dns) }
        let report = await CheckScripting.run(CheckScripting.options(key: false), transport)
        #expect(report.check(.key)?.status == .fail)
        #expect(report.check(.dns)?.status == .fail)
        #expect(report.diagnosis?.cause == .networkDNS)
        #expect(report.findings.map(\.check).contains("config.key"))
        for id in [CheckID.models, .model, .scopes, .realtime, .spend] {
            #expect(
                report.check(id)?.summary == "no key (OPENAI_API_KEY is not set): authenticated probes not run", "\(id)"
            )
        }
        #expect(report.check(.familyIsolation)?.summary == "the host does not resolve")
    }
}

extension CheckID {
    /// The check's place in the registry.
    fileprivate var index: Int { CheckRegistry.probes.firstIndex { $0.id == self } ?? 99 }
}
