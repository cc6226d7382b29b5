import DoctorCore
import DoctorProbes
import Testing

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

@Suite("Network facts: trace, status pages, interception markers")
struct NetworkFactsTests {
    /// A capture of docs/data in this repository (docs/data/SOURCES.md says where each comes from).
    static func shared(_ name: String) -> String? {
        let repository = String(#filePath).split(separator: "/").dropLast(3).joined(separator: "/")
        return try? String(contentsOfFile: "/\(repository)/docs/data/" + name, encoding: .utf8)
    }

    @Test("trace bodies are read by key, old and new formats")
    func trace() throws {
        let modern = CloudflareTrace.parse(
            "fl=412f362\nh=cloudflare.com\nip=114.10.44.41\nloc=ID\nwarp=off\ngateway=off\nkex=X25519MLKEM768\n")
        #expect(modern?.loc == "ID")
        #expect(modern?.countryStatus == .supported)
        let old = CloudflareTrace.parse(
            "fl=114f30\nh=1.1.1.1\nip=188.6.90.5\nuag=Mozilla/5.0 (X11; Linux)\ncolo=VIE\nloc=HU\n")
        #expect(old?.fields["uag"] == "Mozilla/5.0 (X11; Linux)")
        #expect(old?.warp == nil)
        let warp = CloudflareTrace.parse("ip=104.28.197.122\nloc=US\nwarp=plus\n")
        #expect(warp?.viaWARP == true)
        #expect(CloudflareTrace.parse("<html>not a trace</html>") == nil)
    }

    @Test("status.openai.com's incident.io summary names the affected component")
    func incidentIO() throws {
        let body = try #require(Self.shared("status-openai-incidentio-proxy-summary.json"))
        let page = try #require(StatusPage.parseIncidentIO(body))
        #expect(page.format == .incidentIO)
        #expect(!page.allOperational)
        #expect(page.affected.first?.status == "degraded_performance")
        #expect(page.incidents.count == 1)
    }

    @Test("the Atlassian status shim")
    func atlassian() throws {
        let body = try #require(Self.shared("status-openai-api-v2-status.2026-09-15.json"))
        let page = try #require(StatusPage.parseStatuspage(body))
        #expect(page.allOperational)
        #expect(page.description == "All Systems Operational")
        let summary = try #require(Self.shared("status-openai-api-v2-summary.2026-08-06.trimmed.json"))
        #expect(StatusPage.parseStatuspage(summary)?.indicator == "minor")
    }

    @Test("inspection products are named from the issuer")
    func issuers() {
        #expect(InterceptionMarkers.product(forIssuer: "CN=Zscaler Intermediate Root CA,O=Zscaler Inc.") == "Zscaler")
        #expect(InterceptionMarkers.product(forIssuer: "CN=Fortinet_CA_SSL") == "Fortinet FortiGate")
        #expect(InterceptionMarkers.product(forIssuer: "CN=mitmproxy,O=mitmproxy") == "mitmproxy")
        #expect(InterceptionMarkers.product(forIssuer: "CN=WE1,O=Google Trust Services,C=US") == nil)
    }
}
