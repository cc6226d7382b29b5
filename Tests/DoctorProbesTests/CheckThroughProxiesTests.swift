import DoctorCore
import DoctorMock
import DoctorProbes
import DoctorTestSupport
import Foundation
import Testing

/// A real proxy from Debian, started on a free loopback port with its configuration in a temp dir.
final class ExternalProxy: @unchecked Sendable {
    let process: ChildProcess
    let directory: URL
    let port: Int

    var url: String { "http://127.0.0.1:\(port)" }

    /// Whether `tool` can run here. Outside CI a missing tool skips the test with a loud message;
    /// with CI=true the test runs anyway and fails, so CI can never pass without the proxies.
    static func usable(_ tool: String) -> Bool {
        if path(of: tool) != nil { return true }
        let ci = ProcessInfo.processInfo.environment["CI"] == "true"
        let banner = String(repeating: "!", count: 78)
        FileHandle.standardError.write(
            Data(
                """
                \(banner)
                !! SKIPPING proxy tests: `\(tool)` is not installed. Run .ci/setup-proxies.sh (apt: squid, mitmproxy).
                !! With CI=true this is a failure, not a skip.\(ci ? " CI=true: the test will run and fail." : "")
                \(banner)

                """.utf8))
        return ci
    }

    static func path(of tool: String) -> String? {
        for dir in ["/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin"] {
            let candidate = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    init(tool: String, arguments: (URL, Int) throws -> [String]) throws {
        guard let executable = Self.path(of: tool) else {
            throw ProxyTestError.missingTool(tool)
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("doctor-\(tool)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Squid drops root privileges: its files must be writable by its own user.
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: directory.path)
        port = try MockServer.refusingPort()
        process = try ChildProcess(
            executable, try arguments(directory, port),
            stdout: .file(directory.appendingPathComponent("stdout.log").path),
            stderr: .sameAsStdout)
        try waitUntilListening()
    }

    func waitUntilListening() throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let probe = LoopbackSocket.connection(to: port)
            close(probe.descriptor)
            if probe.connected { return }
            if !process.isRunning {
                let log =
                    (try? String(contentsOf: directory.appendingPathComponent("stdout.log"), encoding: .utf8)) ?? ""
                throw ProxyTestError.exited(log)
            }
            usleep(100_000)
        }
        throw ProxyTestError.notListening(port)
    }

    /// Stops the proxy with SIGKILL: nothing of its shutdown is under test, and squid takes
    /// seconds to finish on SIGTERM even with `shutdown_lifetime 0 seconds`.
    func stop() {
        process.send(SIGKILL)
        process.waitBlocking()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Squid with the given access rules (squid.conf lines).
    static func squid(_ rules: [String]) throws -> ExternalProxy {
        try ExternalProxy(tool: "squid") { dir, port in
            let conf = """
                http_port 127.0.0.1:\(port)
                pid_filename \(dir.path)/squid.pid
                cache_log \(dir.path)/cache.log
                access_log none
                cache deny all
                coredump_dir \(dir.path)
                shutdown_lifetime 0 seconds
                \(rules.joined(separator: "\n"))
                """
            try conf.write(to: dir.appendingPathComponent("squid.conf"), atomically: true, encoding: .utf8)
            return ["-N", "-f", dir.appendingPathComponent("squid.conf").path]
        }
    }
}

enum ProxyTestError: Error {
    case missingTool(String)
    case exited(String)
    case notListening(Int)
}

@Suite("check through real proxies", .serialized)
struct CheckThroughProxiesTests {
    @Test(
        "squid denying the API host: proxy.blocked from its real ERR_ACCESS_DENIED answer to CONNECT",
        .enabled(if: ExternalProxy.usable("squid")))
    func squidDenies() async throws {
        let squid = try ExternalProxy.squid([
            "acl api dstdomain .openai.com", "http_access deny api", "http_access allow localhost",
            "http_access deny all",
        ])
        defer { squid.stop() }
        let report = await CheckSupport.run(
            baseURL: "https://api.openai.com/v1", environment: ["OPENAI_API_KEY": TestKey.project()],
            inputs: LiveInputs(proxy: squid.url), timeout: .seconds(8))
        #expect(report.diagnosis?.cause == .proxyBlocked, "\(report.checks.map { "\($0.id): \($0.summary)" })")
        let connect = report.check("api.models")?.evidence.requests.first?.proxyConnect
        #expect(connect?.status == 403)
        #expect(connect?.markers.contains { $0.hasPrefix("squid:ERR_ACCESS_DENIED") } == true)
        #expect(connect?.headers["x-squid-error"]?.hasPrefix("ERR_ACCESS_DENIED") == true)
    }

    @Test("squid requiring authentication: proxy.auth_required", .enabled(if: ExternalProxy.usable("squid")))
    func squidAuth() async throws {
        let squid = try ExternalProxy.squid([
            "auth_param basic program /usr/lib/squid/basic_ncsa_auth /dev/null",
            "auth_param basic realm Squid proxy-caching web server",
            "acl authenticated proxy_auth REQUIRED", "http_access allow authenticated", "http_access deny all",
        ])
        defer { squid.stop() }
        let report = await CheckSupport.run(
            baseURL: "https://api.openai.com/v1", environment: ["OPENAI_API_KEY": TestKey.project()],
            inputs: LiveInputs(proxy: squid.url), timeout: .seconds(8))
        #expect(report.diagnosis?.cause == .proxyAuthRequired, "\(report.checks.map { "\($0.id): \($0.summary)" })")
        let connect = report.check("api.models")?.evidence.requests.first?.proxyConnect
        #expect(connect?.status == 407)
        #expect(connect?.headers["proxy-authenticate"]?.hasPrefix("Basic") == true)
    }

    @Test(
        "mitmproxy intercepting TLS: tls.intercepted naming mitmproxy's CA",
        .enabled(if: ExternalProxy.usable("mitmdump")))
    func mitmproxy() async throws {
        var configuration = MockConfiguration()
        configuration.tls = .localCA
        try await withMockServer(configuration) { server in
            let mitm = try ExternalProxy(tool: "mitmdump") { dir, port in
                [
                    "--listen-host", "127.0.0.1", "--listen-port", String(port), "--set", "confdir=\(dir.path)",
                    "--ssl-insecure", "-q",
                ]
            }
            defer { mitm.stop() }
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": TestKey.project()],
                inputs: LiveInputs(proxy: mitm.url), timeout: .seconds(10))
            #expect(report.diagnosis?.cause == .tlsIntercepted, "\(report.checks.map { "\($0.id): \($0.summary)" })")
            #expect(report.diagnosis?.evidence.markers.contains("tls:product=mitmproxy") == true)
            let chain = report.check("api.models")?.evidence.requests.first?.tls?.chain ?? []
            #expect(chain.contains { $0.issuer.contains("mitmproxy") })
            // No request reached the mock through the intercepted tunnel.
            #expect(!server.journal.entries().contains { $0.path == "/v1/models" })
        }
    }
    // MARK: The Realtime WebSocket handshake through squid (issue 16)

    static func lines(_ report: CheckReport) -> String {
        report.checks.map { "\($0.id) \($0.status) \($0.summary)" }.joined(separator: "\n")
    }

    @Test(
        "squid refusing WebSocket upgrades: the proxy answered the upgrade itself (proxy.blocked) while HTTP works",
        .enabled(if: ExternalProxy.usable("squid")))
    func squidRefusesTheUpgrade() async throws {
        try await withMockServer { server in
            let squid = try ExternalProxy.squid([
                "acl upgrade req_header Upgrade -i websocket", "http_access deny upgrade",
                "http_access allow localhost",
                "http_access deny all",
            ])
            defer { squid.stop() }
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": TestKey.project()],
                inputs: LiveInputs(proxy: squid.url), timeout: .seconds(10))
            #expect(report.check("api.models")?.status == .pass, "\(Self.lines(report))")
            let realtime = try #require(report.check("api.realtime"))
            #expect(realtime.status == .fail)
            #expect(realtime.evidence.cause == .proxyBlocked, "\(realtime.summary)")
            #expect(realtime.summary.hasPrefix("the proxy answered the upgrade itself: 403"), "\(realtime.summary)")
            #expect(
                realtime.evidence.requests.first?.responseHeaders["x-squid-error"]?.hasPrefix("ERR_ACCESS_DENIED")
                    == true)
            #expect(report.diagnosis?.cause == .proxyBlocked, "\(Self.lines(report))")
            #expect(!server.journal.entries().contains { $0.path == "/v1/realtime" })
        }
    }

    @Test(
        "squid's default strips Upgrade: the server sees a plain GET, and the stripped header is named",
        .enabled(if: ExternalProxy.usable("squid")))
    func squidStripsUpgrade() async throws {
        try await withMockServer { server in
            let squid = try ExternalProxy.squid(["http_access allow localhost", "http_access deny all"])
            defer { squid.stop() }
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": TestKey.project()],
                inputs: LiveInputs(proxy: squid.url), timeout: .seconds(10))
            let realtime = try #require(report.check("api.realtime"))
            #expect(realtime.status == .fail, "\(Self.lines(report))")
            #expect(realtime.evidence.cause == .proxyBlocked)
            #expect(realtime.summary.hasPrefix("Upgrade stripped through"), "\(realtime.summary)")
            #expect(
                report.diagnosis?.evidence.markers.contains("realtime:upgrade_stripped") == true,
                "\(Self.lines(report))")
            // What reached the mock was the handshake without its Upgrade header.
            #expect(server.journal.entries().last { $0.path == "/v1/realtime" }?.status == 426)
        }
    }

    @Test(
        "squid allowing upgrades passes the handshake: 101 and session.created through the proxy",
        .enabled(if: ExternalProxy.usable("squid")))
    func squidPassesTheUpgrade() async throws {
        try await withMockServer { server in
            let squid = try ExternalProxy.squid([
                "http_upgrade_request_protocols OTHER allow all", "http_access allow localhost", "http_access deny all",
            ])
            defer { squid.stop() }
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": TestKey.project()],
                inputs: LiveInputs(proxy: squid.url), timeout: .seconds(10))
            let realtime = try #require(report.check("api.realtime"))
            #expect(realtime.status == .pass, "\(Self.lines(report))")
            #expect(realtime.evidence.facts["first_event"] == "session.created")
            #expect(realtime.evidence.requests.first?.proxy != nil)
        }
    }

    @Test(
        "the handshake over CONNECT and TLS through squid: tunnel 200, trusted chain, 101, session.created",
        .enabled(if: ExternalProxy.usable("squid")))
    func squidTunnelsTheHandshake() async throws {
        var configuration = MockConfiguration()
        configuration.tls = .localCA
        try await withMockServer(configuration) { server in
            let squid = try ExternalProxy.squid(["http_access allow localhost", "http_access deny all"])
            defer { squid.stop() }
            let ca = try #require(server.certificates?.caCertificatePEM)
            let report = await CheckSupport.run(
                baseURL: server.baseURL + "/v1", environment: ["OPENAI_API_KEY": TestKey.project()],
                inputs: LiveInputs(proxy: squid.url), timeout: .seconds(10),
                transport: TransportSettings(extraCAPEM: [ca]))
            let realtime = try #require(report.check("api.realtime"))
            #expect(realtime.status == .pass, "\(Self.lines(report))")
            let request = try #require(realtime.evidence.requests.first)
            #expect(request.proxyConnect?.status == 200)
            #expect(request.tls?.trusted == true)
            #expect(request.status == 101)
        }
    }
}
