import DoctorCore
import Testing

/// Issue 16: data residency and the regional API hosts.
@Suite("data residency and regional hosts")
struct ResidencyTests {
    @Test("regional hosts are the API; look-alikes are not")
    func officialHosts() {
        for host in [
            "api.openai.com", "us.api.openai.com", "EU.API.OPENAI.COM", "au.api.openai.com.", "in.api.openai.com",
            "jp.api.openai.com",
        ] {
            #expect(OpenAIHosts.isAPIHost(host), "\(host)")
        }
        for host in [
            "api.openai.com.evil.example", "usapi.openai.com", ".api.openai.com", "a.b.api.openai.com",
            "-x.api.openai.com", "openai.com",
        ] {
            #expect(!OpenAIHosts.isAPIHost(host), "\(host)")
        }
        #expect(OpenAIHosts.region(of: "eu.api.openai.com") == "eu")
        #expect(OpenAIHosts.region(of: "api.openai.com") == nil)
        #expect(
            OpenAIHosts.regionalHost(namedIn: "Please make your request to us.api.openai.com") == "us.api.openai.com")
        #expect(
            OpenAIHosts.regionalHost(namedIn: "use https://eu.api.openai.com/v1 for this project")
                == "eu.api.openai.com")
        #expect(OpenAIHosts.regionalHost(namedIn: "request to api.openai.com") == nil)
    }

    @Test("a regional host's addresses are held to the Cloudflare ranges like the default host's")
    func poisonedDNSOnRegionalHosts() {
        #expect(CloudflareRanges.unexpectedAddresses(forHost: "eu.api.openai.com", ["31.13.94.7"]) == ["31.13.94.7"])
        #expect(CloudflareRanges.unexpectedAddresses(forHost: "relay.example.com", ["31.13.94.7"]).isEmpty)
    }

    @Test("explain: the 401 JSON body is endpoint.wrong, and the first fix names the regional host")
    func explainJSON() throws {
        let body =
            #"{"error":{"message":"Attempted to access resource with incorrect regional hostname. Please make your request to us.api.openai.com","type":"invalid_request_error","param":null,"code":"incorrect_hostname"}}"#
        let evidence = try #require(EvidenceExtractor.extract(from: body, status: 401).first)
        let diagnosis = Diagnoser.diagnose(evidence)
        #expect(diagnosis.cause == .endpointWrong)
        #expect(diagnosis.fixes.first?.contains("https://us.api.openai.com/v1") == true, "\(diagnosis.fixes)")
        #expect(diagnosis.decidedBy.first?.contains("incorrect_hostname") == true)
    }

    @Test("explain: the SDK's one-line error (no JSON, no code) reads the same")
    func explainSDKLine() throws {
        // As reported in earendil-works/pi#956.
        let line =
            "Error: 401 Attempted to access resource with incorrect regional hostname. Please make your request to us.api.openai.com"
        let evidence = try #require(EvidenceExtractor.extract(from: line).first)
        let diagnosis = Diagnoser.diagnose(evidence)
        #expect(diagnosis.cause == .endpointWrong, "\(diagnosis.decidedBy)")
        #expect(diagnosis.fixes.first?.contains("us.api.openai.com/v1") == true)
    }

    @Test("other endpoint.wrong answers keep the catalogue's fixes only")
    func otherEndpointAnswers() throws {
        let body =
            #"{"error":{"message":"Invalid URL (POST /v1/chat/completions/chat/completions)","type":"invalid_request_error","param":null,"code":null}}"#
        let evidence = try #require(EvidenceExtractor.extract(from: body, status: 404).first)
        let diagnosis = Diagnoser.diagnose(evidence)
        #expect(diagnosis.cause == .endpointWrong)
        #expect(!diagnosis.fixes.contains { $0.contains("data residency") })
    }
}
