import DoctorTestSupport
import Foundation
import Testing

/// `openai-doctor mock` as a person runs it: the first line names the address, SIGTERM and
/// SIGINT stop it cleanly, an unknown scenario is a usage error listing the valid ids.
@Suite struct MockCommandTests {
    /// Starts the mock, returns the process and its first stdout line.
    static func start(_ arguments: [String]) async throws -> (ChildProcess, String) {
        let process = try ChildProcess(
            ToolProcess.executable.path, ["mock"] + arguments,
            environment: ["PATH": "/usr/bin:/bin", "HOME": ChildProcess.temporaryDirectory], stderr: .null)
        let line = await process.firstLine() ?? ""
        return (process, line)
    }

    static func curl(_ arguments: [String]) async throws -> (Int32, String) {
        let run = try await ChildProcess.run(
            "/usr/bin/curl", ["-sS", "--max-time", "10"] + arguments, stderr: .null, timeout: 20)
        return (run.status, run.stdout)
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func printsTheAddressFirstAndStopsCleanlyOnASignal(_ signal: Int32) async throws {
        let (process, first) = try await Self.start(["--scenario", "rate_limit.exceeded*1,ok"])
        defer { process.stop() }
        let match = first.wholeMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)/)
        let port = try #require(match.map { Int($0.1) } ?? nil)
        #expect(port > 0)
        let url = "http://127.0.0.1:\(port)/v1/models"
        let (_, limited) = try await Self.curl([
            "-H", "Authorization: Bearer sk-test-0000", "-o", "/dev/null", "-w", "%{http_code}", url,
        ])
        #expect(limited == "429")
        let (_, ok) = try await Self.curl([
            "-H", "Authorization: Bearer sk-test-0000", "-o", "/dev/null", "-w", "%{http_code}", url,
        ])
        #expect(ok == "200")
        process.send(signal)
        #expect(await process.wait(seconds: 30) == .exited(0))
        let (refused, _) = try await Self.curl([url])
        #expect(refused == 7)
    }

    @Test func tlsWritesTheCAAndServesHTTPS() async throws {
        let caPath = NSTemporaryDirectory() + "mock-cli-ca-\(UUID().uuidString).pem"
        defer { try? FileManager.default.removeItem(atPath: caPath) }
        let (process, first) = try await Self.start(["--tls", "--ca-out", caPath])
        defer { process.stop() }
        #expect(first.hasPrefix("listening on https://127.0.0.1:"))
        let base = String(first.dropFirst("listening on ".count))
        let (status, body) = try await Self.curl(["--cacert", caPath, base + "/cdn-cgi/trace"])
        #expect(status == 0 && body.contains("visit_scheme=https"))
    }

    @Test func anUnknownScenarioIsAUsageErrorListingTheValidIds() async throws {
        let result = try await ToolProcess.run(["mock", "--scenario", "no.such.cause"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("no.such.cause"))
        #expect(result.stderr.contains("rate_limit.exceeded"))
        #expect(result.stderr.contains("key.missing"))
        #expect(result.stdout.isEmpty)
    }
}
