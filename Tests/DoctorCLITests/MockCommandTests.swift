import Foundation
import Testing

/// `openai-doctor mock` as a person runs it: the first line names the address, SIGTERM and
/// SIGINT stop it cleanly, an unknown scenario is a usage error listing the valid ids.
@Suite struct MockCommandTests {
    /// Starts the mock, returns the process and its first stdout line.
    static func start(_ arguments: [String]) throws -> (Process, String, FileHandle) {
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
        return (process, String(decoding: line, as: UTF8.self), handle)
    }

    static func curl(_ arguments: [String]) throws -> (Int32, String) {
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
    func printsTheAddressFirstAndStopsCleanlyOnASignal(_ signal: Int32) throws {
        let (process, first, _) = try Self.start(["--scenario", "rate_limit.exceeded*1,ok"])
        defer { if process.isRunning { process.terminate() } }
        let match = first.wholeMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)/)
        let port = try #require(match.map { Int($0.1) } ?? nil)
        #expect(port > 0)
        let url = "http://127.0.0.1:\(port)/v1/models"
        let (_, limited) = try Self.curl(["-H", "Authorization: Bearer sk-test-0000", "-o", "/dev/null", "-w", "%{http_code}", url])
        #expect(limited == "429")
        let (_, ok) = try Self.curl(["-H", "Authorization: Bearer sk-test-0000", "-o", "/dev/null", "-w", "%{http_code}", url])
        #expect(ok == "200")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let (refused, _) = try Self.curl([url])
        #expect(refused == 7)
    }

    @Test func tlsWritesTheCAAndServesHTTPS() throws {
        let caPath = NSTemporaryDirectory() + "mock-cli-ca-\(UUID().uuidString).pem"
        defer { try? FileManager.default.removeItem(atPath: caPath) }
        let (process, first, _) = try Self.start(["--tls", "--ca-out", caPath])
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        #expect(first.hasPrefix("listening on https://127.0.0.1:"))
        let base = String(first.dropFirst("listening on ".count))
        let (status, body) = try Self.curl(["--cacert", caPath, base + "/cdn-cgi/trace"])
        #expect(status == 0 && body.contains("visit_scheme=https"))
    }

    @Test func anUnknownScenarioIsAUsageErrorListingTheValidIds() throws {
        let result = try ToolProcess.run(["mock", "--scenario", "no.such.cause"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("no.such.cause"))
        #expect(result.stderr.contains("rate_limit.exceeded"))
        #expect(result.stderr.contains("key.missing"))
        #expect(result.stdout.isEmpty)
    }
}
