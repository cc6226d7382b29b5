import DoctorCore
import DoctorMock
import DoctorTestSupport
import Foundation
import Testing

@testable import DoctorProbes

/// `check --runtime`: the user's own Python, Node, Java and curl run the same zero-cost request
/// against the mock, and the report names what makes each differ from `check`'s own path.
///
/// These run the machine's real runtimes (Python with `openai` and `httpx` from PyPI, installed by
/// `.ci/run`; Node 20; Java 17; curl). Outside CI a missing one skips its test loudly; with
/// CI=true the test runs anyway and fails.
@Suite("check --runtime with the real runtimes", .serialized)
struct CheckRuntimeTests {
    // MARK: Support

    /// The cache directory the runtimes get (Java's compiled probe goes there): one per test
    /// process, never the user's own `~/.cache`.
    static let cacheHome = NSTemporaryDirectory() + "doctor-runtime-cache-\(UUID().uuidString)"

    /// The environment the runtimes get: the host's PATH and HOME only (no proxy, no CA variable
    /// of the host), a cache directory of the tests' own, plus `extra`.
    static func runtimeEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        let host = ProcessInfo.processInfo.environment
        var environment = [
            "PATH": host["PATH"] ?? "/usr/bin:/bin", "HOME": host["HOME"] ?? "/tmp", "XDG_CACHE_HOME": cacheHome,
        ]
        for (name, value) in extra { environment[name] = value }
        return environment
    }

    /// Whether `command` runs here (`python3 -c "import openai, httpx"`, `node --version`…).
    static func usable(_ what: String, _ command: [String]) -> Bool {
        let environment = runtimeEnvironment()
        guard let path = environment["PATH"] else { return false }
        if let executable = RuntimeProcess.locate(command[0], path: path),
            let result = try? ChildProcess.runBlocking(
                executable, Array(command.dropFirst()), environment: environment, timeout: 60),
            result.status == 0
        {
            return true
        }
        let ci = ProcessInfo.processInfo.environment["CI"] == "true"
        let banner = String(repeating: "!", count: 78)
        FileHandle.standardError.write(
            Data(
                """
                \(banner)
                !! SKIPPING runtime test: \(what) is not usable here (\(command.joined(separator: " "))).
                !! .ci/run installs it. With CI=true this is a failure, not a skip.
                \(banner)

                """.utf8))
        return ci
    }

    static let python = usable("Python with openai and httpx", ["python3", "-c", "import openai, httpx"])
    static let node = usable("Node", ["node", "--version"])
    static let java = usable("Java", ["java", "-version"])
    static let curl = usable("curl", ["curl", "--version"])

    /// A fresh directory under the test's temporary directory.
    static func freshDirectory(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "doctor-\(name)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs `check` with `runtimes` against `baseURL`; the runtimes see `environment`, `check` sees it too.
    static func run(
        baseURL: String, key: String, runtimes: [RuntimeRequest], environment extra: [String: String] = [:],
        caPEM: String? = nil, caFile: String? = nil, temporaryRoot: String? = nil, timeout: Duration = .seconds(40)
    ) async -> CheckReport {
        var environment = runtimeEnvironment(extra)
        environment["OPENAI_API_KEY"] = key
        let configuration = LiveConfiguration.resolve(
            LiveInputs(baseURL: baseURL, model: "gpt-4o-mini"), environment: environment)
        var options = CheckOptions(
            configuration: configuration, timeout: timeout, statusURL: nil,
            transport: TransportSettings(extraCAPEM: caPEM.map { [$0] } ?? []),
            tool: ToolIdentity(name: "openai-doctor", version: "test"), startedAtSeconds: 1_764_171_602.5,
            realtimeModel: nil)
        options.runtimes = runtimes
        options.caFile = caFile
        options.runtimeTemporaryRoot = temporaryRoot
        return await CheckRunner.run(options)
    }

    static func summary(_ report: CheckReport) -> String {
        let checks = report.checks.map { "\($0.id) \($0.status.rawValue): \($0.summary)" }.joined(separator: "\n")
        let runtimes = (report.runtimes ?? []).map { "\($0)" }.joined(separator: "\n")
        return "cause \(report.diagnosis?.cause.rawValue ?? "ok")\n\(checks)\n\(runtimes)"
    }

    /// A Python interpreter for which `import openai` fails: an app on httpx alone.
    static func httpxOnlyPython(in directory: String) throws -> String {
        let python = try #require(RuntimeProcess.locate("python3", path: runtimeEnvironment()["PATH"]))
        let path = directory + "/python-httpx-only"
        let script = """
            #!/bin/sh
            exec \(python) -c 'import runpy, sys; sys.modules["openai"] = None; program = sys.argv[1]; \
            sys.argv = sys.argv[1:]; runpy.run_path(program, run_name="__main__")' "$@"

            """
        try ExecutableScript.save(script, to: path)
        return path
    }

    // MARK: Trust

    @Test(
        "the mock over TLS with its CA given by --cacert: check passes, Python fails with tls.intercepted and the fix names its store",
        .enabled(if: python))
    func pythonDoesNotTrustTheCA() async throws {
        let key = TestKey.project()
        let directory = try Self.freshDirectory("runtime-tls")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = MockConfiguration()
        configuration.tls = .localCA
        try await withMockServer(configuration) { server in
            let ca = try #require(server.certificates?.caCertificatePEM)
            let caFile = directory + "/mock-ca.pem"
            try ca.write(toFile: caFile, atomically: true, encoding: .utf8)
            let httpxOnly = try Self.httpxOnlyPython(in: directory)
            let report = await Self.run(
                baseURL: server.baseURL + "/v1", key: key,
                runtimes: [RuntimeRequest(.python, executable: httpxOnly)], caPEM: ca, caFile: caFile)
            #expect(report.verdict == .ok, "\(Self.summary(report))")
            let python = try #require(report.runtimes?.first)
            #expect(python.runtime == "python")
            #expect(python.client?.contains("httpx") == true, "\(python)")
            #expect(python.trust?.contains("certifi") == true, "\(python)")
            #expect(python.cause == "tls.intercepted", "\(python)")
            #expect(python.agrees == false)
            #expect(python.outcome?.error?.contains("CERTIFICATE_VERIFY_FAILED") == true, "\(python)")
            let trust = try #require(python.differences.first { $0.what.contains("does not trust") })
            #expect(trust.what.contains("certifi"), "\(trust)")
            #expect(trust.what.contains(server.certificates?.issuer ?? "?") || trust.what.contains("issued by"))
            #expect(trust.fix.contains("SSL_CERT_FILE=\(caFile)"), "\(trust)")
            #expect(trust.fix.contains("truststore"), "\(trust)")

            // The openai SDK itself (openai 3.x on httpx2 trusts the system store on Linux, not certifi).
            let sdk = try #require(
                await Self.run(
                    baseURL: server.baseURL + "/v1", key: key, runtimes: [RuntimeRequest(.python)], caPEM: ca,
                    caFile: caFile
                ).runtimes?.first)
            #expect(sdk.cause == "tls.intercepted", "\(sdk)")
            #expect(sdk.agrees == false)
            let sdkTrust = try #require(sdk.differences.first { $0.what.contains("does not trust") })
            #expect(sdkTrust.what.contains(sdk.trust ?? "?"), "\(sdkTrust)")
            #expect(sdkTrust.fix.contains("SSL_CERT_FILE=\(caFile)"), "\(sdkTrust)")
            if sdk.client?.hasPrefix("openai") == true, sdk.trust?.hasPrefix("certifi") == false {
                #expect(sdkTrust.fix.contains("update-ca-certificates"), "\(sdkTrust)")
            }
        }
    }

    // MARK: Proxy

    @Test(
        "through squid refusing the API host with HTTPS_PROXY set: check says proxy.blocked, Node goes direct and the fix names the ignored variable",
        .enabled(if: node && ExternalProxy.usable("squid")))
    func nodeIgnoresHTTPSProxy() async throws {
        let key = TestKey.project()
        let directory = try Self.freshDirectory("runtime-squid")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let squid = try ExternalProxy.squid([
            "acl api dst 127.0.0.1/32", "http_access deny api", "http_access allow localhost",
            "http_access deny all",
        ])
        defer { squid.stop() }
        var configuration = MockConfiguration()
        configuration.tls = .localCA
        try await withMockServer(configuration) { server in
            let ca = try #require(server.certificates?.caCertificatePEM)
            let caFile = directory + "/mock-ca.pem"
            try ca.write(toFile: caFile, atomically: true, encoding: .utf8)
            // Node is told about the CA the way a user would: NODE_EXTRA_CA_CERTS.
            let report = await Self.run(
                baseURL: server.baseURL + "/v1", key: key, runtimes: [RuntimeRequest(.node)],
                environment: ["HTTPS_PROXY": squid.url, "NODE_EXTRA_CA_CERTS": caFile], caPEM: ca, caFile: caFile)
            #expect(report.diagnosis?.cause == .proxyBlocked, "\(Self.summary(report))")
            let node = try #require(report.runtimes?.first)
            #expect(node.runtime == "node")
            #expect(node.proxy == "none", "\(node)")
            #expect(node.cause == "ok", "\(node)")
            #expect(node.agrees == false)
            #expect(node.address?.hasPrefix("127.0.0.1:\(server.port)") == true, "\(node)")
            let proxy = try #require(node.differences.first { $0.what.contains("HTTPS_PROXY") }, "\(node)")
            #expect(proxy.what.contains(squid.url), "\(proxy)")
            #expect(proxy.fix.contains("EnvHttpProxyAgent") || proxy.fix.contains("NODE_USE_ENV_PROXY"), "\(proxy)")
        }
    }

    @Test(
        "NO_PROXY written with a space: curl and check go direct, Python applies the proxy, and the difference rewrites it",
        .enabled(if: python && curl))
    func noProxyFormsDisagree() async throws {
        let key = TestKey.project()
        let deadProxy = "http://127.0.0.1:\(try MockServer.refusingPort())"
        try await withMockServer(MockConfiguration()) { server in
            let report = await Self.run(
                baseURL: server.baseURL + "/v1", key: key, runtimes: [RuntimeRequest(.python), RuntimeRequest(.curl)],
                environment: ["http_proxy": deadProxy, "NO_PROXY": "example.com 127.0.0.1"])
            #expect(report.verdict == .ok, "\(Self.summary(report))")
            let runtimes = try #require(report.runtimes)
            let curl = try #require(runtimes.first { $0.runtime == "curl" })
            #expect(curl.proxy == "none", "\(curl)")
            #expect(curl.cause == "ok", "\(curl)")
            #expect(curl.agrees == true)
            #expect(curl.differences.isEmpty, "\(curl.differences)")
            let python = try #require(runtimes.first { $0.runtime == "python" })
            #expect(python.proxy == deadProxy, "\(python)")
            // The refused connection went to the proxy the runtime chose: the classifier is told so.
            #expect(python.cause == "proxy.misconfigured", "\(python)")
            #expect(python.agrees == false, "\(python)")
            let difference = try #require(python.differences.first { $0.what.contains("NO_PROXY") }, "\(python)")
            #expect(difference.what.contains("'127.0.0.1'"), "\(difference)")
            #expect(difference.fix.contains("NO_PROXY=example.com,127.0.0.1"), "\(difference)")
        }
    }

    // MARK: The trace request

    @Test(
        "every runtime also asks the trace endpoint, as check does: the mock's egress address, family, country and colo in each entry and row"
    )
    func everyRuntimeTraces() async throws {
        let kinds: [RuntimeRequest.Kind] = [
            Self.python ? .python : nil, Self.node ? .node : nil, Self.java ? .java : nil, Self.curl ? .curl : nil,
        ].compactMap { $0 }
        try #require(!kinds.isEmpty, "no runtime usable here")
        var configuration = MockConfiguration()
        configuration.trace.ip = "2001:db8::7"
        configuration.trace.loc = "DE"
        configuration.trace.colo = "FRA"
        try await withMockServer(configuration) { server in
            let report = await Self.run(
                baseURL: server.baseURL + "/v1", key: TestKey.project(), runtimes: kinds.map { RuntimeRequest($0) },
                timeout: .seconds(60))
            let runtimes = try #require(report.runtimes)
            #expect(runtimes.map(\.runtime) == kinds.map(\.rawValue))
            for entry in runtimes {
                #expect(
                    entry.trace
                        == RuntimeTrace(status: 200, ip: "2001:db8::7", family: "IPv6", loc: "DE", colo: "FRA"),
                    "\(entry)")
                #expect(entry.cause == "ok", "\(entry)")
            }
            let rows = RuntimeTable.rows(report)
            #expect(rows.count == kinds.count + 1)
            #expect(rows.allSatisfy { $0.egress == "2001:db8::7 (IPv6) · DE · FRA" }, "\(rows.map(\.egress))")
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(JSONOutput.encode(report).utf8)) as? [String: Any])
            let trace = try #require((json["runtimes"] as? [[String: Any]])?.first?["trace"] as? [String: Any])
            #expect(trace["status"] as? Int == 200, "\(trace)")
            #expect(trace["ip"] as? String == "2001:db8::7")
            #expect(trace["family"] as? String == "IPv6")
            #expect(trace["loc"] as? String == "DE")
            #expect(trace["colo"] as? String == "FRA")
            #expect(trace["error"] is NSNull)
            #expect(
                CheckConsoleRenderer.render(report, verbose: false).contains("egress: 2001:db8::7 (IPv6) · DE · FRA"))
        }
    }

    @Test("a trace request that failed or met no Cloudflare trace says so, read as egress.trace reads its own")
    func traceFailuresRead() {
        let refused = RuntimeObservation.TraceEntry(errors: [
            .init(type: "httpx.ConnectError", message: "[Errno 111] Connection refused", code: nil),
            .init(type: "builtins.ConnectionRefusedError", message: "[Errno 111] Connection refused", code: nil),
        ])
        #expect(
            RuntimeJudge.trace(of: refused)
                == RuntimeTrace(
                    status: nil,
                    error: "httpx.ConnectError: [Errno 111] Connection refused ← "
                        + "builtins.ConnectionRefusedError: [Errno 111] Connection refused"))
        #expect(
            RuntimeJudge.trace(of: .init(status: 404, body: "Not Found"))
                == RuntimeTrace(status: 404, error: "no Cloudflare trace (status 404)"))
        #expect(RuntimeJudge.trace(of: nil) == nil)
        #expect(
            RuntimeTable.runtimeEgress(RuntimeTrace(status: 404, error: "no Cloudflare trace (status 404)"))
                == "no trace: no Cloudflare trace (status 404)")
        // curl's trace process: its write-out read like the models request's, the body kept.
        let output = Array(
            "ip=198.51.100.4\nloc=NL\ncolo=AMS\n\n@@openai-doctor-curl@@{\"http_code\":200,\"exitcode\":0}".utf8)
        let entry = RuntimeRunner.curlTraceEntry(
            RuntimeProcess.Result(status: 0, stdout: output, stderr: [], timedOut: false, truncated: false), key: nil)
        #expect(
            RuntimeJudge.trace(of: entry)
                == RuntimeTrace(status: 200, ip: "198.51.100.4", family: "IPv4", loc: "NL", colo: "AMS"))
    }

    // MARK: SDK versions

    @Test(
        "openai 0.28.1 (the real 0.x SDK from PyPI, in a venv): no OpenAI client, the probe falls back and reports, and the difference names the version and the fix",
        .enabled(if: python))
    func oldOpenAISDK() async throws {
        let directory = try Self.freshDirectory("runtime-old-sdk")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let python = try #require(RuntimeProcess.locate("python3", path: Self.runtimeEnvironment()["PATH"]))
        let venv = directory + "/venv"
        let made = try ChildProcess.runBlocking(
            python, ["-m", "venv", venv], environment: Self.runtimeEnvironment(), timeout: 300)
        try #require(made.status == 0, "\(made)")
        let installed = try ChildProcess.runBlocking(
            venv + "/bin/python",
            ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "openai==0.28.1"],
            environment: Self.runtimeEnvironment(), timeout: 600)
        if installed.status != 0 {
            // Only PyPI out of reach skips this; CI (.ci/run installs from PyPI) fails instead.
            let reason = "pip install openai==0.28.1 failed (PyPI unreachable?): \(installed)"
            #expect(ProcessInfo.processInfo.environment["CI"] != "true", "\(reason)")
            FileHandle.standardError.write(Data("!! SKIPPING the openai 0.28.1 test: \(reason)\n".utf8))
            return
        }
        try await withMockServer(MockConfiguration()) { server in
            let report = await Self.run(
                baseURL: server.baseURL + "/v1", key: TestKey.project(),
                runtimes: [RuntimeRequest(.python, executable: venv + "/bin/python")])
            let entry = try #require(report.runtimes?.first)
            // It still reports: the request ran on the next client of its order.
            #expect(entry.skipped == nil)
            #expect(entry.cause == "ok", "\(entry)")
            #expect(entry.outcome?.status == 200, "\(entry)")
            let skip = try #require(entry.skippedClients.first, "\(entry)")
            #expect(skip.client == "openai 0.28.1", "\(skip)")
            #expect(skip.reason == "AttributeError: module 'openai' has no attribute 'OpenAI'", "\(skip)")
            let difference = try #require(entry.differences.first { $0.what.contains("openai 0.28.1") }, "\(entry)")
            #expect(difference.what.contains("older than 1.0.0"), "\(difference)")
            #expect(difference.what.contains("no attribute 'OpenAI'"), "\(difference)")
            #expect(difference.fix.hasPrefix(#"pip install -U "openai>=1""#), "\(difference)")
        }
    }

    @Test("SDK minimums: older than the client interface is a difference, the first release with it and later are not")
    func sdkMinimums() {
        func difference(_ runtime: String, _ version: String?) -> RuntimeDifference? {
            RuntimeJudge.sdkDifference(
                RuntimeObservation(runtime: runtime, client: "fetch", sdk: .init(name: "openai", version: version)))
        }
        #expect(difference("python", "0.28.1")?.fix.contains(#""openai>=1""#) == true)
        #expect(difference("python", "1") == nil)
        #expect(difference("python", "1.0.0") == nil)
        #expect(difference("python", "3.63.0") == nil)
        #expect(difference("python", nil) == nil)
        #expect(difference("node", "3.3.0")?.fix.hasPrefix("npm install openai@latest") == true)
        #expect(difference("node", "4.0.0") == nil)
        #expect(difference("java", "0.1") == nil)
    }

    // MARK: Skips, Java, bounds and the key

    @Test(
        "a runtime not installed is a skip with its reason, not an outcome: never judged, no difference, shown as a skip"
    )
    func missingRuntimeIsASkip() async throws {
        let key = TestKey.project()
        let empty = try Self.freshDirectory("runtime-empty-path")
        defer { try? FileManager.default.removeItem(atPath: empty) }
        try await withMockServer(MockConfiguration()) { server in
            let report = await Self.run(
                baseURL: server.baseURL + "/v1", key: key,
                runtimes: [RuntimeRequest(.java), RuntimeRequest(.python, executable: empty + "/python")],
                environment: ["PATH": empty])
            #expect(report.verdict == .ok, "\(Self.summary(report))")
            let runtimes = try #require(report.runtimes)
            #expect(runtimes.map(\.runtime) == ["java", "python"])
            #expect(runtimes.filter { $0.isSkipped }.count == 2)
            #expect(runtimes[0].skipped == "no `java` on PATH")
            #expect(runtimes[1].skipped?.hasSuffix("/python is not an executable file") == true, "\(runtimes[1])")
            #expect(runtimes.allSatisfy { $0.outcome == nil && $0.trace == nil }, "\(runtimes)")
            #expect(runtimes.allSatisfy { $0.cause == nil && $0.agrees == nil && $0.version == nil })
            #expect(runtimes.allSatisfy { $0.differences.isEmpty })

            // JSON: the reason under `skipped`, `outcome` null; never an error.
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(JSONOutput.encode(report).utf8)) as? [String: Any])
            let java = try #require((json["runtimes"] as? [[String: Any]])?.first)
            #expect(java["skipped"] as? String == "no `java` on PATH", "\(java)")
            #expect(java["outcome"] is NSNull, "\(java)")
            #expect(java["cause"] is NSNull)
            #expect((java["differences"] as? [Any])?.isEmpty == true)

            // Every rendering shows a skip, not a failure.
            let rows = RuntimeTable.rows(report)
            #expect(rows.dropFirst().allSatisfy { $0.isSkip && $0.cause == "skipped" && $0.agrees == "—" })
            let text = CheckConsoleRenderer.render(report, verbose: false)
            #expect(text.contains("– java  skipped\n      skipped: no `java` on PATH"), "\(text)")
            #expect(!text.contains("What makes them differ"), "\(text)")
            let markdown = SupportTicketRenderer.render(report)
            #expect(
                markdown.contains("| java | — | — | — | — | — | skipped: no `java` on PATH | skipped | — |"),
                "\(markdown)")
            #expect(CheckReportHTMLRenderer.render(report).contains("skipped: no `java` on PATH"))
        }
    }

    @Test(
        "a library missing is a skip with its reason: a venv without openai or httpx falls back to urllib and says why",
        .enabled(if: python))
    func missingLibraryIsASkip() async throws {
        let key = TestKey.project()
        let directory = try Self.freshDirectory("runtime-bare-venv")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let python = try #require(RuntimeProcess.locate("python3", path: Self.runtimeEnvironment()["PATH"]))
        let made = try ChildProcess.runBlocking(
            python, ["-m", "venv", "--without-pip", directory + "/venv"], environment: Self.runtimeEnvironment(),
            timeout: 120)
        #expect(made.status == 0, "\(made)")
        try await withMockServer(MockConfiguration()) { server in
            let report = await Self.run(
                baseURL: server.baseURL + "/v1", key: key,
                runtimes: [RuntimeRequest(.python, executable: directory + "/venv/bin/python")])
            let entry = try #require(report.runtimes?.first)
            #expect(entry.skipped == nil)
            #expect(entry.client?.hasPrefix("urllib") == true, "\(entry)")
            #expect(
                entry.skippedClients == [
                    RuntimeClientSkip(client: "openai", reason: "ModuleNotFoundError: No module named 'openai'"),
                    RuntimeClientSkip(client: "httpx", reason: "ModuleNotFoundError: No module named 'httpx'"),
                ], "\(entry)")
            // The fallback ran and is judged; the skipped libraries are no difference.
            #expect(entry.cause == "ok", "\(entry)")
            #expect(entry.agrees == true)
            #expect(entry.differences.isEmpty, "\(entry.differences)")
            let text = CheckConsoleRenderer.render(report, verbose: false)
            #expect(text.contains("skipped: openai: ModuleNotFoundError: No module named 'openai'; httpx:"), "\(text)")
            let json = JSONOutput.encode(report)
            #expect(json.contains("\"skipped_clients\""), "\(json)")
        }
    }

    @Test("Java's HttpClient against a healthy mock: ok, its cacerts, no proxy", .enabled(if: java))
    func javaAgrees() async throws {
        let key = TestKey.project()
        try await withMockServer(MockConfiguration()) { server in
            let report = await Self.run(baseURL: server.baseURL + "/v1", key: key, runtimes: [RuntimeRequest(.java)])
            let java = try #require(report.runtimes?.first)
            #expect(java.cause == "ok", "\(java)")
            #expect(java.agrees == true)
            #expect(java.proxy == "none")
            #expect(java.trust?.contains("cacerts") == true, "\(java)")
            #expect(java.client == "java.net.http.HttpClient")
            #expect(java.version?.hasPrefix("Java ") == true)
        }
    }

    @Test(
        "Java's probe is compiled once into the cache and run from its class after: the same report, no key in the cache",
        .enabled(if: java))
    func javaProbeCompiledOnce() async throws {
        let key = TestKey.project()
        let cacheHome = try Self.freshDirectory("java-cache")
        defer { try? FileManager.default.removeItem(atPath: cacheHome) }
        let root = try #require(JavaProbeCache.cacheRoot(["XDG_CACHE_HOME": cacheHome, "HOME": "/nonexistent"]))
        #expect(root == cacheHome + "/openai-doctor/java-probe")
        try await withMockServer(MockConfiguration()) { server in
            var reports: [RuntimeResult] = []
            for _ in 0..<2 {
                let report = await Self.run(
                    baseURL: server.baseURL + "/v1", key: key, runtimes: [RuntimeRequest(.java)],
                    environment: ["XDG_CACHE_HOME": cacheHome])
                reports.append(try #require(report.runtimes?.first))
            }
            #expect(reports.map(\.cause) == ["ok", "ok"], "\(reports)")
            #expect(reports[0].version == reports[1].version)
            // The compiled jar and the class-data archive the first run dumped, private, and nothing
            // else: no source, no partial archive, no key.
            let entries = try FileManager.default.contentsOfDirectory(atPath: root)
            #expect(entries.count == 1, "\(entries)")
            let directory = root + "/" + (entries.first ?? "")
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["Probe.jar", "Probe.jsa"])
            let mode = try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions] as? Int
            #expect(mode == 0o700)
            for name in ["Probe.jar", "Probe.jsa"] {
                let bytes = try #require(FileManager.default.contents(atPath: directory + "/" + name))
                #expect(!String(decoding: bytes, as: UTF8.self).contains(key), "\(name)")
            }
            #expect(JavaProbeCache.isUsable(directory))
            // The next run starts the JVM on the jar and maps the archive, not the source file.
            #expect(JavaProbeCache.archive(in: directory) == .share(directory + "/Probe.jsa"))
            let java = try #require(RuntimeProcess.locate("java", path: Self.runtimeEnvironment()["PATH"]))
            let invocation = RuntimeInvocation.make(
                .java, executable: java, programDirectory: "/tmp", plan: Self.plan(key: key), timeoutSeconds: 5,
                javaClassDirectory: directory, javaArchive: JavaProbeCache.archive(in: directory))
            #expect(invocation.arguments.suffix(3) == ["-cp", directory + "/Probe.jar", "Probe"])
            #expect(invocation.arguments.contains("-XX:SharedArchiveFile=\(directory)/Probe.jsa"))
            // Neither trust nor proxy is touched by any flag.
            #expect(!invocation.arguments.contains { $0.hasPrefix("-D") || $0.contains("trustStore") })
            #expect(invocation.program == nil)
            // A directory others may write into is not trusted: the class there could be anyone's.
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: directory)
            #expect(!JavaProbeCache.isUsable(directory))
        }
    }

    @Test(
        "a class-data archive the JVM cannot use (stale, garbage, truncated) falls back to a plain run: still ok, and a new archive is made",
        .enabled(if: java), arguments: ["stale", "garbage", "truncated"])
    func javaArchiveFallsBack(damage: String) async throws {
        let key = TestKey.project()
        let cacheHome = try Self.freshDirectory("java-archive-\(damage)")
        defer { try? FileManager.default.removeItem(atPath: cacheHome) }
        let root = try #require(JavaProbeCache.cacheRoot(["XDG_CACHE_HOME": cacheHome, "HOME": "/nonexistent"]))
        try await withMockServer(MockConfiguration()) { server in
            func runJava() async throws -> RuntimeResult {
                let report = await Self.run(
                    baseURL: server.baseURL + "/v1", key: key, runtimes: [RuntimeRequest(.java)],
                    environment: ["XDG_CACHE_HOME": cacheHome])
                return try #require(report.runtimes?.first)
            }
            #expect(try await runJava().cause == "ok")
            let entries = try FileManager.default.contentsOfDirectory(atPath: root)
            let directory = root + "/" + (entries.first ?? "")
            let archive = directory + "/Probe.jsa"
            let whole = try #require(FileManager.default.contents(atPath: archive))
            #expect(whole.count > 4096)
            switch damage {
            case "stale":
                // The jar is no longer the one the archive was dumped with: the JVM refuses the
                // archive and runs without it.
                try FileManager.default.setAttributes(
                    [.modificationDate: Date(timeIntervalSince1970: 1_000_000_000)],
                    ofItemAtPath: directory + "/Probe.jar")
            default:
                // Garbage is refused by the JVM; a truncated archive maps, then faults (SIGBUS).
                let damaged =
                    damage == "garbage"
                    ? Data((0..<whole.count).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) })
                    : whole.prefix(whole.count / 50)
                try FileManager.default.removeItem(atPath: archive)
                #expect(FileManager.default.createFile(atPath: archive, contents: damaged))
                try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: archive)
            }
            let fallen = try await runJava()
            #expect(fallen.cause == "ok", "\(fallen)")
            #expect(fallen.client == "java.net.http.HttpClient")
            // No crash report or partial archive left in the cache.
            let left = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            #expect(left.allSatisfy { $0 == "Probe.jar" || $0 == "Probe.jsa" }, "\(left)")
            // The one that stopped the JVM was removed; the ones it passed over were left alone.
            #expect(left.contains("Probe.jsa") == (damage != "truncated"), "\(left)")
            // A run later the archive is whole again (a damaged one the JVM survived stays until then).
            if !left.contains("Probe.jsa") {
                #expect(try await runJava().cause == "ok")
            }
            #expect(FileManager.default.fileExists(atPath: archive))
        }
    }

    /// A plan against nothing, for building invocations.
    static func plan(key: String) -> RuntimePlan {
        RuntimePlan(
            baseURL: "http://127.0.0.1:1/v1", modelsURL: "http://127.0.0.1:1/v1/models", key: key, apiKeyHeader: false,
            organization: nil, project: nil, environment: runtimeEnvironment(), temporaryRoot: "/tmp")
    }

    @Test(
        "the key travels in the environment or on curl's standard input only: never an argument, a file left behind, or output",
        .enabled(if: python && node && curl))
    func keyStaysOutOfArgumentsFilesAndOutput() async throws {
        let key = TestKey.project()
        let root = try Self.freshDirectory("runtime-root")
        defer { try? FileManager.default.removeItem(atPath: root) }
        // What each runtime is started with.
        let plan = RuntimePlan(
            baseURL: "http://127.0.0.1:1/v1", modelsURL: "http://127.0.0.1:1/v1/models", key: key, apiKeyHeader: false,
            organization: nil, project: nil, environment: Self.runtimeEnvironment(), temporaryRoot: root)
        let traced = RuntimePlan(
            baseURL: plan.baseURL, modelsURL: plan.modelsURL, traceURL: "http://127.0.0.1:1/cdn-cgi/trace", key: key,
            apiKeyHeader: false, organization: nil, project: nil, environment: plan.environment, temporaryRoot: root)
        let curlTrace = try #require(
            RuntimeInvocation.curlTrace(executable: "/usr/bin/curl", plan: traced, timeoutSeconds: 5))
        #expect(!String(decoding: curlTrace.input, as: UTF8.self).contains(key))
        #expect(!curlTrace.arguments.contains { $0.contains(key) })
        #expect(!curlTrace.environment.values.contains { $0.contains(key) })
        for kind in RuntimeRequest.Kind.allCases {
            let invocation = RuntimeInvocation.make(
                kind, executable: "/usr/bin/\(kind.rawValue)", programDirectory: root, plan: plan, timeoutSeconds: 5)
            #expect(!invocation.arguments.contains { $0.contains(key) }, "\(kind)")
            #expect(!(invocation.program?.text.contains(key) ?? false))
            if kind == .curl {
                #expect(String(decoding: invocation.input, as: UTF8.self).contains(key))
                #expect(!invocation.environment.values.contains { $0.contains(key) })
            } else {
                #expect(invocation.environment["OPENAI_API_KEY"] == key)
                #expect(invocation.input.isEmpty)
            }
        }
        // The processes really started: wrappers record their own argument list from /proc, then
        // exec the runtime (standard input and environment pass through).
        let argvDirectory = try Self.freshDirectory("runtime-argv")
        defer { try? FileManager.default.removeItem(atPath: argvDirectory) }
        func wrapper(_ name: String) throws -> String {
            let target = try #require(RuntimeProcess.locate(name, path: Self.runtimeEnvironment()["PATH"]))
            let path = "\(argvDirectory)/\(name)-wrapper"
            let script = """
                #!/bin/sh
                tr '\\000' ' ' < /proc/$$/cmdline > "\(argvDirectory)/\(name).argv"
                exec \(target) "$@"

                """
            try ExecutableScript.save(script, to: path)
            return path
        }
        let wrapped = [
            RuntimeRequest(.python, executable: try wrapper("python3")),
            RuntimeRequest(.curl, executable: try wrapper("curl")),
        ]
        try await withMockServer(MockConfiguration()) { server in
            let report = await Self.run(baseURL: server.baseURL + "/v1", key: key, runtimes: wrapped)
            #expect(report.runtimes?.map(\.cause) == ["ok", "ok"], "\(Self.summary(report))")
            for name in ["python3", "curl"] {
                let argv = try String(contentsOfFile: "\(argvDirectory)/\(name).argv", encoding: .utf8)
                #expect(!argv.isEmpty)
                #expect(!argv.contains(key), "\(name): \(argv)")
                #expect(!argv.contains(String(key.suffix(20))), "\(name): \(argv)")
            }
        }

        // A whole run: nothing left under the temporary root, no key in any rendering. The mock
        // echoes a wrong key's tail in its 401, as the API does; the full key never comes back.
        var configuration = MockConfiguration()
        configuration.plan = ScenarioPlan(ScenarioName(cause: .keyInvalid))
        try await withMockServer(configuration) { server in
            let report = await Self.run(
                baseURL: server.baseURL + "/v1", key: key,
                runtimes: [RuntimeRequest(.python), RuntimeRequest(.node), RuntimeRequest(.curl)],
                temporaryRoot: root)
            let runtimes = try #require(report.runtimes)
            #expect(runtimes.allSatisfy { $0.cause == "key.invalid" }, "\(Self.summary(report))")
            #expect(runtimes.allSatisfy { $0.agrees == true })
            #expect(try FileManager.default.contentsOfDirectory(atPath: root).isEmpty)
            let json = JSONOutput.encode(report)
            let texts = [
                json, CheckConsoleRenderer.render(report, verbose: true), SupportTicketRenderer.render(report),
                CheckReportHTMLRenderer.render(report),
            ]
            for text in texts {
                #expect(!text.contains(key))
                #expect(!text.contains(String(key.dropFirst(12).prefix(40))))
            }
            #expect(json.contains("\"runtimes\""))
            #expect(texts[1].contains("Your runtimes beside check's path"))
            #expect(
                texts[2].contains("| path | client | proxy | trust | address | egress | outcome | cause | agrees |"))
            #expect(texts[3].contains("The same request through your runtimes"))
        }
    }

    @Test("every runtime's probe starts at once: one that waits on the network never holds back the others")
    func probesStartAtOnce() async throws {
        let directory = try Self.freshDirectory("runtime-at-once")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Stand-ins for the runtimes: each writes when it started and ended, waits 2 s (a network
        // that answers nothing), and reports nothing (a skip).
        func standIn(_ kind: RuntimeRequest.Kind) throws -> String {
            let path = "\(directory)/\(kind.rawValue)"
            let script = """
                #!/bin/sh
                echo "start \(kind.rawValue) $(date +%s%N)" >> "\(directory)/log"
                sleep 2
                echo "end \(kind.rawValue) $(date +%s%N)" >> "\(directory)/log"
                exit 3

                """
            try ExecutableScript.save(script, to: path)
            return path
        }
        let asked: [RuntimeRequest.Kind] = [.curl, .node, .java, .python]
        let requests = try asked.map { RuntimeRequest($0, executable: try standIn($0)) }
        let runs = await RuntimeRunner.run(
            requests, plan: Self.plan(key: TestKey.project()), deadline: .now + .seconds(30))
        let reported: [RuntimeRequest.Kind?] = runs.map { run in
            if case .skipped(let kind, _) = run { return kind }
            return nil
        }
        #expect(reported == asked)
        let log = try String(contentsOfFile: "\(directory)/log", encoding: .utf8)
        let events: [LaneEvent] = log.split(separator: "\n").map(LaneEvent.init).sorted { $0.at < $1.at }
        // All four started before any ended: none waited for another.
        #expect(events.prefix(4).allSatisfy { $0.event == "start" }, "\(events)")
        #expect(events.count == 8, "\(events)")
    }

    /// One line a stand-in runtime logged: `start KIND NANOSECONDS` or `end KIND NANOSECONDS`.
    struct LaneEvent: CustomStringConvertible {
        let event: String
        let kind: String
        let at: Int

        init(_ line: Substring) {
            let fields = line.split(separator: " ").map(String.init)
            event = fields.first ?? ""
            kind = fields.count > 1 ? fields[1] : ""
            at = fields.count > 2 ? Int(fields[2]) ?? 0 : 0
        }

        var description: String { "\(event) \(kind) \(at)" }
    }

    // MARK: Pure parts

    @Test("--runtime values: names, NAME=PATH, all, and what is refused")
    func parsing() throws {
        #expect(try RuntimeRequest.parse(["all"]).map(\.kind) == [.python, .node, .java, .curl])
        #expect(
            try RuntimeRequest.parse(["node", "python=/venv/bin/python", "all"])
                == [
                    RuntimeRequest(.node), RuntimeRequest(.python, executable: "/venv/bin/python"),
                    RuntimeRequest(.java), RuntimeRequest(.curl),
                ])
        #expect(throws: RuntimeRequest.ParseError.self) { try RuntimeRequest.parse(["ruby"]) }
        #expect(throws: RuntimeRequest.ParseError.self) { try RuntimeRequest.parse(["python="]) }
    }

    @Test("without --runtime the report has no runtimes key: the contract's version 1 output is unchanged")
    func absentWithoutRuntimes() async throws {
        try await withMockServer(MockConfiguration()) { server in
            let report = await Self.run(baseURL: server.baseURL + "/v1", key: TestKey.project(), runtimes: [])
            #expect(report.runtimes == nil)
            let json = JSONOutput.encode(report)
            #expect(!json.contains("\"runtimes\""))
            #expect(RuntimeTable.rows(report).isEmpty)
        }
    }
}
