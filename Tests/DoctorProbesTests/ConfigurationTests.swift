import DoctorCore
import DoctorProbes
import DoctorTestSupport
import Testing

@Suite("Configuration: .env, sources, base URL and ids")
struct ConfigurationTests {
    @Test("python-dotenv's rules: export, quotes, escapes, inline comments, expansion")
    func dotenv() {
        let text = """
            # comment
            export OPENAI_ORG_ID=org-abc  # mine
            SINGLE='a ${HOME} b'
            DOUBLE="line1\\nline2"
            EXPANDED=${BASE}/v1
            FALLBACK=${MISSING:-dflt}
            MULTI="first
            second"
            BARE
            HASH=value#not-a-comment
            """
        let file = DotEnv.parse(text, environment: ["HOME": "/root", "BASE": "https://x"])
        #expect(file.value(for: "OPENAI_ORG_ID") == "org-abc")
        #expect(file.value(for: "SINGLE") == "a ${HOME} b")
        #expect(file.value(for: "DOUBLE") == "line1\nline2")
        #expect(file.value(for: "EXPANDED") == "https://x/v1")
        #expect(file.value(for: "FALLBACK") == "dflt")
        #expect(file.value(for: "MULTI") == "first\nsecond")
        #expect(file.entry(for: "BARE")?.value == nil)
        #expect(file.value(for: "HASH") == "value#not-a-comment")
        #expect(file.entry(for: "OPENAI_ORG_ID")?.line == 2)
    }

    @Test(
        "a .env with Windows line endings: the key stays whole and the organization is kept (issue 20)",
        arguments: ["\r\n", "\r"])
    func windowsLineEndings(lineEnd: String) {
        let key = TestKey.project()
        let text = ["OPENAI_API_KEY=" + key, "OPENAI_ORG_ID=org-abc", "# note", "", "QUOTED=\"q\"", ""]
            .joined(separator: lineEnd)
        let file = DotEnv.parse(text)
        #expect(file.value(for: "OPENAI_API_KEY") == key)
        #expect(file.value(for: "OPENAI_ORG_ID") == "org-abc")
        #expect(file.entry(for: "OPENAI_ORG_ID")?.line == 2)
        #expect(file.value(for: "QUOTED") == "q")
        #expect(file.entry(for: "QUOTED")?.line == 5)
        #expect(file.unparsedLines.isEmpty)
        #expect(KeyInspector.inspect(file.value(for: "OPENAI_API_KEY") ?? "").findings.isEmpty)
        let config = LiveConfiguration.resolve(LiveInputs(), environment: [:], dotenv: file, dotenvPath: ".env")
        #expect(config.organization?.value == "org-abc")
        #expect(config.organization?.source == ".env:2 OPENAI_ORG_ID")
    }

    @Test("a double-quoted value spanning Windows lines keeps its CRLF, as python-dotenv does")
    func quotedAcrossWindowsLines() {
        let file = DotEnv.parse("A=\"multi\r\nline\"\r\nB=2")
        #expect(file.value(for: "A") == "multi\r\nline")
        #expect(file.value(for: "B") == "2")
        #expect(file.entry(for: "B")?.line == 3)
    }

    @Test(".env never overrides the real environment, and sources say where each value came from")
    func precedence() {
        let dotenv = DotEnv.parse("OPENAI_API_KEY=from-file\nOPENAI_PROJECT_ID=proj_fromfile\n")
        let config = LiveConfiguration.resolve(
            LiveInputs(organization: "org-flag"), environment: ["OPENAI_API_KEY": "from-env"], dotenv: dotenv,
            dotenvPath: ".env")
        #expect(config.key?.value == "from-env")
        #expect(config.key?.source == "env OPENAI_API_KEY")
        #expect(config.project?.value == "proj_fromfile")
        #expect(config.project?.source == ".env:2 OPENAI_PROJECT_ID")
        #expect(config.organization?.source == "flag --org")
        #expect(config.baseURL.source == "default")
        #expect(config.flavor == .openai)
    }

    @Test("Azure mode from AZURE_OPENAI_ENDPOINT, with its key and api-version")
    func azure() {
        let config = LiveConfiguration.resolve(
            LiveInputs(),
            environment: ["AZURE_OPENAI_ENDPOINT": "https://res.openai.azure.com", "AZURE_OPENAI_API_KEY": "k"])
        #expect(config.flavor == .azure)
        #expect(config.keyVariable == "AZURE_OPENAI_API_KEY")
        #expect(config.apiVersion?.value == LiveConfiguration.defaultAzureAPIVersion)
    }

    struct URLCase: Sendable, CustomTestStringConvertible {
        var url: String
        var failing: Bool
        var testDescription: String { url.debugDescription }
    }

    @Test(
        "base URL sanity",
        arguments: [
            URLCase(url: "https://api.openai.com/v1", failing: false),
            URLCase(url: "https://api.openai.com/v1/", failing: false),
            URLCase(url: "https://api.openai.com", failing: true),
            URLCase(url: "http://api.openai.com/v1", failing: true),
            URLCase(url: "https://api.opena1.com/v1", failing: true),
            URLCase(url: "https://api.openai.com/v1 ", failing: true),
            URLCase(url: "api.openai.com/v1", failing: true),
            URLCase(url: "https://platform.openai.com/v1", failing: true),
            URLCase(url: "http://127.0.0.1:8080/v1", failing: false),
        ])
    func baseURL(_ c: URLCase) {
        let failing = BaseURLCheck.issues(c.url).contains { $0.severity == .fail && $0.cause == .endpointWrong }
        #expect(failing == c.failing)
    }

    @Test("organization and project id shapes")
    func ids() {
        let good = "org-" + String(repeating: "a", count: 24)
        #expect(IdentifierShape.organizationIssues(good).isEmpty)
        #expect(
            IdentifierShape.organizationIssues("proj_" + String(repeating: "a", count: 24)).contains {
                $0.severity == .fail
            })
        #expect(IdentifierShape.projectIssues("proj-abc").contains { $0.severity == .fail })
        #expect(
            IdentifierShape.projectIssues(" proj_" + String(repeating: "a", count: 24)).contains {
                $0.severity == .fail
            })
    }

    @Test("ISO 8601 with offset")
    func timestamp() {
        #expect(ISO8601Timestamp.format(secondsSince1970: 0, offsetSeconds: 0) == "1970-01-01T00:00:00.000+00:00")
        #expect(
            ISO8601Timestamp.format(secondsSince1970: 1_764_171_602.118, offsetSeconds: 3600)
                == "2025-11-26T16:40:02.118+01:00")
        #expect(
            ISO8601Timestamp.format(secondsSince1970: 1_764_171_602, offsetSeconds: -5 * 3600 - 1800)
                == "2025-11-26T10:10:02.000-05:30")
    }
}
