import DoctorCLI
import DoctorCore
import DoctorMock
import DoctorProbes
import DoctorTestSupport
import Foundation
import Logging
import MCP
import Testing

@testable import DoctorMCP

/// The MCP tool handlers called in process, with the CLI's own `check` resolution: what each
/// tool returns, that results are the CLI's JSON, that bad arguments are tool errors naming
/// the argument, and that a planted key never comes back. (Tests/mcp/test_mcp_client.py drives
/// the built binary with the official Python client.)
@Suite("MCP tools")
struct DoctorMCPToolTests {
    static func server(environment: [String: String] = [:], allowedHosts: [String] = []) -> DoctorMCPServer {
        // The resolution openai-doctor-mcp uses: `check` flags parsed and validated by the CLI.
        let configuration = DoctorMCPServer.Configuration(
            name: ToolInfo.name, version: ToolInfo.version, environment: environment, allowedHosts: allowedHosts,
            resolveCheck: DoctorMCPServer.commandLineResolver { flags in
                try LiveOptions.checkOptions(flags: flags, environment: environment)
            },
            logger: Logger(label: "test.mcp", factory: { _ in SwiftLogNoOpLogHandler() }))
        return DoctorMCPServer(configuration: configuration)
    }

    static func call(
        _ tool: String, _ arguments: [String: Value], server: DoctorMCPServer = server()
    ) async throws -> CallTool.Result {
        try await server.call(CallTool.Parameters(name: tool, arguments: arguments))
    }

    static func text(_ result: CallTool.Result) -> String {
        result.content.compactMap { content -> String? in
            if case .text(let text, _, _) = content { return text }
            return nil
        }.joined(separator: "\n")
    }

    static func field(_ value: Value?, _ path: String...) -> Value? {
        var current = value
        for key in path { current = current?.objectValue?[key] }
        return current
    }

    /// The region refusal of docs/errors-catalogue.md (message, type and code as captured).
    static let regionBody = """
        {
          "error": {
            "code": "unsupported_country_region_territory",
            "message": "Country, region, or territory not supported",
            "param": null,
            "type": "request_forbidden"
          }
        }
        """

    @Test("tools/list: the five tools, read-only, with the argument names of the issue and result schemas")
    func listing() {
        let tools = Dictionary(uniqueKeysWithValues: Self.server().tools.map { ($0.name, $0) })
        #expect(tools.keys.sorted() == ["audit", "check", "describe_cause", "explain", "redact"])
        let expected: [String: [String]] = [
            "explain": ["headers", "status", "text"], "redact": ["emails", "text"],
            "audit": ["credentials_only", "no_ignore", "path"],
            "describe_cause": ["cause"],
        ]
        for (name, tool) in tools {
            #expect(tool.annotations.readOnlyHint == true, "\(name)")
            #expect(tool.annotations.destructiveHint == false, "\(name)")
            #expect(tool.annotations.openWorldHint == (name == "check"), "\(name)")
            #expect(tool.outputSchema?.objectValue?["type"] == "object", "\(name)")
            let properties = tool.inputSchema.objectValue?["properties"]?.objectValue?.keys.sorted() ?? []
            if let names = expected[name] { #expect(properties == names, "\(name)") }
        }
        let check = tools["check"]?.inputSchema.objectValue?["properties"]?.objectValue ?? [:]
        for name in [
            "base_url", "model", "timeout", "org", "project", "key_env", "proxy", "no_proxy", "resolve", "cacert",
            "status_url", "runtime",
        ] {
            #expect(check[name] != nil, "check takes \(name)")
        }
        #expect(check["spend"] == nil, "check is read-only and free: no spend argument")
    }

    @Test("explain: a catalogue body with a status is the CLI's JSON document, as text and structured")
    func explainRegion() async throws {
        let result = try await Self.call("explain", ["text": .string(Self.regionBody), "status": 403])
        #expect(result.isError == false)
        let structured = result.structuredContent
        #expect(Self.field(structured, "schema_version") == 1)
        #expect(Self.field(structured, "diagnosis", "cause") == "region.unsupported")
        #expect(Self.field(structured, "diagnosis", "layer") == "openai")
        #expect(Self.field(structured, "diagnosis", "retry") == "no")
        #expect(Self.field(structured, "diagnosis", "evidence", "status") == 403)
        #expect(Self.field(structured, "diagnosis", "evidence", "request_id") == .null)
        let evidence = EvidenceExtractor.extract(from: Array(Self.regionBody.utf8), status: 403)
        let expected = JSONOutput.encode(
            ExplainDocument(items: evidence.map { (Diagnoser.diagnose($0), $0.entry) }, isHAR: false))
        #expect(Self.text(result) == expected)
    }

    @Test("explain: headers as a list or an object are evidence (Cloudflare 1020)")
    func explainHeaders() async throws {
        for headers: Value in [
            ["server: cloudflare", "cf-ray: 8f1a2b3c4d5e6f70-FRA"],
            ["server": "cloudflare", "cf-ray": "8f1a2b3c4d5e6f70-FRA"],
        ] {
            let result = try await Self.call(
                "explain", ["text": "error code: 1020", "status": 403, "headers": headers])
            #expect(result.isError == false)
            #expect(Self.field(result.structuredContent, "diagnosis", "cause") == "edge.blocked")
            #expect(Self.field(result.structuredContent, "diagnosis", "evidence", "cf_ray") == "8f1a2b3c4d5e6f70-FRA")
        }
    }

    /// Issue 20: `explain --header` and the MCP tool's `headers` once had two parsers with different
    /// rules; the tool takes exactly the lines ``HeaderField/init(line:)`` reads (and so does the flag:
    /// DoctorCLITests).
    @Test(
        "explain: the tool takes and refuses the header lines HeaderField(line:) takes and refuses",
        arguments: [
            "server: cloudflare", "  cf-ray :8f1a2b3c4d5e6f70-FRA  ", "x-empty:", "a:b:c", "no colon here", ": value",
            "bad name: v", "bad\tname: v", "", ":",
        ])
    func headerLinesAgree(line: String) async throws {
        let result = try await Self.call("explain", ["text": "error code: 1020", "headers": .array([.string(line)])])
        #expect((result.isError != true) == (HeaderField(line: line) != nil), "\(line.debugDescription)")
    }

    @Test("explain: a key in the pasted text comes back as its fingerprint only")
    func explainKeyNeverReturned() async throws {
        let key = TestKey.project()
        let text = """
            openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: \(key). You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}
            Authorization: Bearer \(key)
            """
        let result = try await Self.call("explain", ["text": .string(text)])
        #expect(result.isError == false)
        #expect(Self.field(result.structuredContent, "diagnosis", "cause") == "key.invalid")
        #expect(!Self.text(result).contains(key))
        #expect(!"\(result.structuredContent ?? .null)".contains(key))
        #expect(!Self.text(result).contains(String(key.dropFirst(8).prefix(20))))
    }

    /// A call with one bad argument, and the argument the error must name.
    struct BadArgument: Sendable, CustomTestStringConvertible {
        let tool: String
        let arguments: [String: Value]
        let argument: String
        var testDescription: String { "\(tool) with a bad \(argument)" }
    }

    static let badArgumentCases: [BadArgument] = {
        var cases: [BadArgument] = []
        func add(_ tool: String, _ arguments: [String: Value], _ argument: String) {
            cases.append(BadArgument(tool: tool, arguments: arguments, argument: argument))
        }
        add("explain", ["status": .int(403)], "text")
        add("explain", ["text": .string("x"), "status": .int(42)], "status")
        add("explain", ["text": .string("x"), "status": .string("403")], "status")
        add("explain", ["text": .string("x"), "headers": .array([.string("no colon here")])], "headers")
        add("explain", ["text": .string("x"), "stauts": .int(403)], "stauts")
        add("redact", ["text": .int(12)], "text")
        add("audit", [:], "path")
        add("describe_cause", ["cause": .string("region.nowhere")], "cause")
        add("check", ["timeout": .int(-1)], "timeout")
        add("check", ["timeout": .string("soon")], "timeout")
        add("check", ["resolve": .array([.string("api.openai.com")])], "resolve")
        add("check", ["spend": .bool(true)], "spend")
        add("check", ["runtime": .array([.string("ruby")])], "runtime")
        add("check", ["runtime": .int(3)], "runtime")
        add("check", ["runtime": .array([.string("python=/tmp/any-program")])], "runtime")
        return cases
    }()

    @Test("bad arguments are tool errors that name the argument", arguments: badArgumentCases)
    func badArguments(_ bad: BadArgument) async throws {
        let result = try await Self.call(bad.tool, bad.arguments)
        #expect(result.isError == true)
        #expect(result.structuredContent == nil)
        #expect(Self.text(result).contains(bad.argument), "\(Self.text(result))")
    }

    @Test("an unknown tool is a protocol error (invalid params) listing the tools")
    func unknownTool() async throws {
        do {
            _ = try await Self.call("diagnose", [:])
            Issue.record("an unknown tool must throw")
        } catch let error as MCPError {
            #expect(error.code == -32602)
            #expect("\(error.errorDescription ?? "")".contains("describe_cause"))
        }
    }

    @Test("redact: keys and header values replaced, request ids and lines kept, counts by kind")
    func redact() async throws {
        let key = TestKey.project()
        let text =
            "POST /v1/responses HTTP/2\nauthorization: Bearer \(key)\ncookie: __cf_bm=abcdef0123456789abcdef\nx-request-id: req_9a8b7c6d5e4f3a2b\n"
        let result = try await Self.call("redact", ["text": .string(text)])
        #expect(result.isError == false)
        let safe = try #require(Self.field(result.structuredContent, "text")?.stringValue)
        #expect(!safe.contains(key))
        #expect(!Self.text(result).contains(key))
        #expect(safe.contains(KeyFingerprint.fingerprint(key)))
        #expect(safe.contains("x-request-id: req_9a8b7c6d5e4f3a2b"))
        #expect(!safe.contains("abcdef0123456789abcdef"))
        #expect(
            safe.split(separator: "\n", omittingEmptySubsequences: false).count
                == text.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(Self.field(result.structuredContent, "secrets")?.intValue.map { $0 >= 2 } == true)
        #expect(Self.field(result.structuredContent, "lines") == 4)
        #expect(Self.field(result.structuredContent, "har") == false)
    }

    @Test("redact: a HAR document is rewritten by structure and stays JSON")
    func redactHAR() async throws {
        let key = TestKey.project()
        let har = """
            {"log": {"version": "1.2", "entries": [{"request": {"method": "GET", "url": "https://api.openai.com/v1/models", \
            "headers": [{"name": "Authorization", "value": "Bearer \(key)"}]}, "response": {"status": 401, "headers": []}}]}}
            """
        let result = try await Self.call("redact", ["text": .string(har)])
        let safe = try #require(Self.field(result.structuredContent, "text")?.stringValue)
        #expect(Self.field(result.structuredContent, "har") == true)
        #expect(!safe.contains(key))
        #expect((try? JSONSerialization.jsonObject(with: Data(safe.utf8))) != nil)
    }

    @Test("audit: a planted key is found by place and fingerprint, never by value")
    func audit() async throws {
        let key = TestKey.project()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "import os\nclient = OpenAI(api_key=\"\(key)\")\n".write(
            to: folder.appendingPathComponent("app.py"), atomically: true, encoding: .utf8)
        let result = try await Self.call("audit", ["path": .string(folder.path)])
        #expect(result.isError == false)
        let findings = try #require(Self.field(result.structuredContent, "findings")?.arrayValue)
        #expect(findings.count == 1)
        #expect(Self.field(findings.first, "line") == 2)
        #expect(Self.field(findings.first, "fingerprint")?.stringValue == KeyFingerprint.fingerprint(key))
        #expect(!Self.text(result).contains(key))

        let missing = try await Self.call("audit", ["path": .string(folder.appendingPathComponent("absent").path)])
        #expect(missing.isError == true)
        #expect(Self.text(missing).contains("path"))
    }

    @Test("describe_cause: the catalogue's words for a cause id")
    func describeCause() async throws {
        let result = try await Self.call("describe_cause", ["cause": "billing.quota_exceeded"])
        #expect(result.isError == false)
        let description = CauseCatalog.description(of: .billingQuotaExceeded)
        #expect(Self.field(result.structuredContent, "cause") == "billing.quota_exceeded")
        #expect(Self.field(result.structuredContent, "layer") == "openai")
        #expect(Self.field(result.structuredContent, "retry") == "no")
        #expect(Self.field(result.structuredContent, "title")?.stringValue == description.title)
        #expect(Self.field(result.structuredContent, "fixes")?.arrayValue?.count == description.fixes.count)
        let unknown = try await Self.call("describe_cause", ["cause": "unknown"])
        #expect(Self.field(unknown.structuredContent, "layer") == .null)
    }

    @Test("check: `runtime` runs curl beside the probes; the report's runtimes entry, the key nowhere")
    func checkWithRuntime() async throws {
        let key = TestKey.project()
        try await withMockServer(MockConfiguration()) { mock in
            let server = Self.server(environment: ["OPENAI_API_KEY": key, "PATH": "/usr/bin:/bin"])
            let result = try await Self.call(
                "check",
                [
                    "base_url": .string(mock.baseURL + "/v1"), "status_url": .string(mock.baseURL),
                    "timeout": 10, "no_dotenv": true,
                    "runtime": .array([.string("curl"), .string("java")]),
                ],
                server: server)
            #expect(result.isError == false, "\(Self.text(result))")
            let runtimes = result.structuredContent?.objectValue?["runtimes"]?.arrayValue ?? []
            #expect(runtimes.count == 2, "\(Self.text(result))")
            #expect(runtimes.first?.objectValue?["runtime"] == "curl")
            #expect(runtimes.first?.objectValue?["cause"] == "ok", "\(Self.text(result))")
            // PATH is /usr/bin:/bin here: java is found there or skipped, never a failure of the call.
            #expect(runtimes.last?.objectValue?["runtime"] == "java")
            #expect(!Self.text(result).contains(key))
        }
    }

    @Test("check: against the mock serving the region refusal, the CLI's report, bounded, key as fingerprint")
    func checkAgainstMock() async throws {
        let key = TestKey.project()
        var configuration = MockConfiguration()
        configuration.plan = ScenarioPlan(ScenarioName(cause: .regionUnsupported))
        try await withMockServer(configuration) { mock in
            let server = Self.server(environment: ["OPENAI_API_KEY": key, "PATH": "/usr/bin:/bin"])
            let start = ContinuousClock.now
            let result = try await Self.call(
                "check",
                [
                    "base_url": .string(mock.baseURL + "/v1"), "status_url": .string(mock.baseURL),
                    "model": "gpt-4o-mini",
                    "timeout": 10, "no_dotenv": true,
                ],
                server: server)
            #expect(ContinuousClock.now - start < .seconds(12))
            #expect(result.isError == false, "\(Self.text(result))")
            #expect(Self.field(result.structuredContent, "schema_version") == 1)
            #expect(Self.field(result.structuredContent, "verdict") == "problem")
            #expect(Self.field(result.structuredContent, "diagnosis", "cause") == "region.unsupported")
            #expect(Self.field(result.structuredContent, "tool", "name") == "openai-doctor")
            #expect(Self.text(result).contains(KeyFingerprint.fingerprint(key)))
            #expect(!Self.text(result).contains(key))
        }
    }

    @Test(
        "check: the key is not sent to a host nobody configured",
        arguments: [
            ("https://api.openai.example.net/v1", [String](), true),
            ("https://api.openai.example.net/v1", ["api.openai.example.net"], false),
        ])
    func checkKeyDestination(_ baseURL: String, _ allowed: [String], _ refused: Bool) async throws {
        let key = TestKey.project()
        let server = Self.server(environment: ["OPENAI_API_KEY": key], allowedHosts: allowed)
        if refused {
            let result = try await Self.call(
                "check", ["base_url": .string(baseURL), "no_dotenv": true, "timeout": 1], server: server)
            #expect(result.isError == true)
            #expect(Self.text(result).contains("base_url"))
            #expect(Self.text(result).contains("--allow-host api.openai.example.net"))
        } else {
            #expect(throws: Never.self) {
                try CheckTool.checkKeyDestination(
                    EndpointURL(baseURL), configuredHost: "api.openai.com", allowed: allowed)
            }
        }
        #expect(throws: Never.self) {
            try CheckTool.checkKeyDestination(EndpointURL("http://127.0.0.1:9/v1"), configuredHost: nil, allowed: [])
        }
    }

    @Test("check: no proxy or resolve address of the call's own may carry the key elsewhere")
    func checkProxyAndResolveDestinations() async throws {
        let key = TestKey.project()
        let server = Self.server(environment: ["OPENAI_API_KEY": key])
        let viaProxy = try await Self.call(
            "check",
            ["base_url": "http://127.0.0.1:9/v1", "proxy": "http://proxy.example.net:3128", "no_dotenv": true],
            server: server)
        #expect(viaProxy.isError == true)
        #expect(Self.text(viaProxy).contains("proxy"), "\(Self.text(viaProxy))")
        let resolved = try await Self.call(
            "check", ["base_url": "http://localhost:9/v1", "resolve": ["localhost:9:192.0.2.10"], "no_dotenv": true],
            server: server)
        #expect(resolved.isError == true)
        #expect(
            Self.text(resolved).contains("resolve") && Self.text(resolved).contains("192.0.2.10"),
            "\(Self.text(resolved))")
        // Without a key nothing secret travels: the same call runs (and finds the refused port).
        let keyless = try await Self.call(
            "check",
            [
                "base_url": "http://localhost:9/v1", "resolve": ["localhost:9:127.0.0.1"],
                "status_url": "http://127.0.0.1:9",
                "no_dotenv": true, "timeout": 5,
            ],
            server: Self.server())
        #expect(keyless.isError == false, "\(Self.text(keyless))")
    }
}
