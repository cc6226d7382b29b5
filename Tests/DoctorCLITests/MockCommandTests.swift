import Foundation
import Testing

/// `openai-doctor mock` as a person runs it: the first line names the address, SIGTERM and
/// SIGINT stop it cleanly, an unknown scenario is a usage error listing the valid ids.
@Suite struct MockCommandTests {
    /// Runs blocking process work on a thread of its own, off Swift's cooperative threads, so
    /// waiting for the tool or curl never stalls other tests' async work.
    static func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    /// Starts the mock, returns the process and its first stdout line.
    static func start(_ arguments: [String]) async throws -> (Process, String) {
        try await offload { try startBlocking(arguments) }
    }

    static func startBlocking(_ arguments: [String]) throws -> (Process, String) {
        let process = Process()
        process.executableURL = ToolProcess.executable
        process.arguments = ["mock"] + arguments
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        let handle = out.fileHandleForReading
        while true {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        return (process, String(decoding: line, as: UTF8.self))
    }

    static func curl(_ arguments: [String]) async throws -> (Int32, String) {
        try await offload { try curlBlocking(arguments) }
    }

    static func curlBlocking(_ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-sS", "--max-time", "10"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func printsTheAddressFirstAndStopsCleanlyOnASignal(_ signal: Int32) async throws {
        let (process, first) = try await Self.start(["--scenario", "rate_limit.exceeded*1,ok"])
        defer { if process.isRunning { process.terminate() } }
        let match = first.wholeMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)/)
        let port = try #require(match.map { Int($0.1) } ?? nil)
        #expect(port > 0)
        let url = "http://127.0.0.1:\(port)/v1/models"
        let (_, limited) = try await Self.curl(["-H", "Authorization: Bearer sk-test-0000", "-o", "/dev/null", "-w", "%{http_code}", url])
        #expect(limited == "429")
        let (_, ok) = try await Self.curl(["-H", "Authorization: Bearer sk-test-0000", "-o", "/dev/null", "-w", "%{http_code}", url])
        #expect(ok == "200")
        kill(process.processIdentifier, signal)
        try await Self.offload { process.waitUntilExit() }
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let (refused, _) = try await Self.curl([url])
        #expect(refused == 7)
    }

    @Test func tlsWritesTheCAAndServesHTTPS() async throws {
        let caPath = NSTemporaryDirectory() + "mock-cli-ca-\(UUID().uuidString).pem"
        defer { try? FileManager.default.removeItem(atPath: caPath) }
        let (process, first) = try await Self.start(["--tls", "--ca-out", caPath])
        defer {
            process.terminate()
            process.waitUntilExit()
        }
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
