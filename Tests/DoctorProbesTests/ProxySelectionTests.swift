import DoctorCore
import DoctorProbes
import Testing

@Suite("Proxy selection under curl's rules")
struct ProxySelectionTests {
    // Safe: a literal URL
    // swift-format-ignore: NeverForceUnwrap
    static let api = EndpointURL("https://api.openai.com/v1")!

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var environment: [String: String]
        var flag: String? = nil
        var noProxyFlag = false
        var url = "https://api.openai.com/v1"
        var expected: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "nothing set: direct", environment: [:], expected: nil),
        Case(
            name: "HTTPS_PROXY", environment: ["HTTPS_PROXY": "http://proxy.corp:3128"],
            expected: "http://proxy.corp:3128"),
        Case(
            name: "lowercase wins", environment: ["https_proxy": "http://lower:1", "HTTPS_PROXY": "http://upper:2"],
            expected: "http://lower:1"),
        Case(
            name: "no scheme means http, port 1080", environment: ["https_proxy": "corp"], expected: "http://corp:1080"),
        Case(name: "ALL_PROXY as fallback", environment: ["ALL_PROXY": "http://all:8080"], expected: "http://all:8080"),
        Case(
            name: "uppercase HTTP_PROXY ignored for http", environment: ["HTTP_PROXY": "http://x:1"],
            url: "http://example.org/", expected: nil),
        Case(
            name: "lowercase http_proxy for http", environment: ["http_proxy": "http://x:1"],
            url: "http://example.org/",
            expected: "http://x:1"),
        Case(
            name: "http_proxy does not apply to https", environment: ["http_proxy": "http://x:1"], expected: nil),
        Case(
            name: "NO_PROXY suffix", environment: ["HTTPS_PROXY": "http://p:1", "NO_PROXY": "openai.com"], expected: nil
        ),
        Case(
            name: "NO_PROXY leading dot", environment: ["HTTPS_PROXY": "http://p:1", "no_proxy": ".openai.com"],
            expected: nil),
        Case(
            name: "NO_PROXY is not a substring match",
            environment: ["HTTPS_PROXY": "http://p:1", "NO_PROXY": "penai.com"], expected: "http://p:1"),
        Case(
            name: "NO_PROXY glob is literal in curl",
            environment: ["HTTPS_PROXY": "http://p:1", "NO_PROXY": "*.openai.com"], expected: "http://p:1"),
        Case(name: "NO_PROXY star", environment: ["HTTPS_PROXY": "http://p:1", "NO_PROXY": "*"], expected: nil),
        Case(
            name: "NO_PROXY overrides --proxy", environment: ["NO_PROXY": "api.openai.com"], flag: "http://f:2",
            expected: nil),
        Case(
            name: "NO_PROXY CIDR", environment: ["HTTPS_PROXY": "http://p:1", "NO_PROXY": "10.0.0.0/8"],
            url: "https://10.1.2.3/v1", expected: nil),
        Case(
            name: "NO_PROXY CIDR outside", environment: ["HTTPS_PROXY": "http://p:1", "NO_PROXY": "10.0.0.0/8"],
            url: "https://11.1.2.3/v1", expected: "http://p:1"),
        Case(
            name: "NO_PROXY port must match",
            environment: ["HTTPS_PROXY": "http://p:1", "NO_PROXY": "api.openai.com:8443"],
            expected: "http://p:1"),
        Case(
            name: "NO_PROXY port matches",
            environment: ["HTTPS_PROXY": "http://p:1", "NO_PROXY": "api.openai.com:443"],
            expected: nil),
        Case(
            name: "NO_PROXY IPv6 literal", environment: ["HTTPS_PROXY": "http://p:1", "NO_PROXY": "::1"],
            url: "https://[::1]:8443/v1", expected: nil),
        Case(name: "--proxy flag", environment: [:], flag: "http://f:2", expected: "http://f:2"),
        Case(
            name: "--no-proxy wins", environment: ["HTTPS_PROXY": "http://p:1"], flag: "http://f:2", noProxyFlag: true,
            expected: nil),
    ]

    @Test("selects the proxy curl would", arguments: cases)
    func selects(_ c: Case) throws {
        let selection = ProxySelection.select(
            for: try #require(EndpointURL(c.url)), environment: c.environment, flagProxy: c.flag,
            noProxyFlag: c.noProxyFlag)
        #expect(selection.proxy?.redacted == c.expected)
    }

    @Test("the proxy password never shows")
    func passwordRedacted() throws {
        let selection = ProxySelection.select(for: Self.api, environment: ["https_proxy": "http://bob:hunter2@p:3128"])
        #expect(selection.proxy?.password == "hunter2")
        #expect(selection.proxy?.redacted == "http://bob:***@p:3128")
        let proxy = try #require(selection.proxy)
        #expect(!String(describing: proxy).contains("hunter2"))
    }

    @Test("the source names the variable, and shadowed ones are listed")
    func sources() {
        let selection = ProxySelection.select(
            for: Self.api, environment: ["https_proxy": "http://a:1", "HTTPS_PROXY": "http://b:2"])
        #expect(selection.source == "env https_proxy")
        #expect(selection.ignored.contains { $0.hasPrefix("HTTPS_PROXY") })
    }

    @Test("placeholder and container-loopback proxies are flagged")
    func sanity() {
        let placeholder = ProxySelection.select(
            for: Self.api, environment: ["HTTPS_PROXY": "http://proxy.example.com:8080"])
        #expect(
            ProxyURLCheck.issues(placeholder, inContainer: false).contains {
                $0.cause == .proxyMisconfigured && $0.severity == .fail
            })
        let loopback = ProxySelection.select(for: Self.api, environment: ["HTTPS_PROXY": "http://127.0.0.1:7890"])
        #expect(ProxyURLCheck.issues(loopback, inContainer: true).contains { $0.cause == .proxyMisconfigured })
        #expect(ProxyURLCheck.issues(loopback, inContainer: false).isEmpty)
    }
}
