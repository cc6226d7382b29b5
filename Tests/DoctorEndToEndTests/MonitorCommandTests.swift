import DoctorCore
import DoctorMock
import DoctorProbes
import DoctorTestSupport
import Foundation
import Testing

/// `openai-doctor monitor` through the real binary: exit codes for bad input and a taken port,
/// the start-up line, a real scrape, and a clean stop on SIGTERM.
@Suite(.serialized) struct MonitorCommandTests {
    /// The built `openai-doctor`.
    static let executable = BuiltExecutable.openaiDoctor

    /// A running `openai-doctor` with its output collected as it comes.
    final class Tool: Sendable {
        let process: ChildProcess

        init(_ arguments: [String], environment: [String: String] = [:]) throws {
            process = try ChildProcess(
                MonitorCommandTests.executable.path, arguments,
                environment: ChildProcess.minimalEnvironment.merging(environment) { _, new in new })
        }

        var stdout: String { process.stdout }
        var stderr: String { process.stderr }

        /// Waits until `condition` holds or `timeout` passes.
        func wait(for timeout: TimeInterval, until condition: () -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if condition() { return true }
                usleep(20_000)
            }
            return condition()
        }

        /// Waits for the process to end and its output to be read; kills it (and returns nil) after `timeout`.
        func exitStatus(within timeout: TimeInterval) -> Int32? {
            guard let termination = process.waitBlocking(seconds: timeout) else {
                process.send(SIGKILL)
                process.waitBlocking()
                return nil
            }
            process.waitForOutput()
            return termination.status
        }
    }

    @Test(arguments: [
        (["--interval", "soon"], "--interval \"soon\": expected a duration"),
        (["--interval", "1ms"], "must be between 10ms and 24h"),
        (["--interval", "48h"], "must be between 10ms and 24h"),
        (["--metrics-listen", "9464"], "--metrics-listen \"9464\": expected HOST:PORT"),
        (["--metrics-listen", "example.com:9464"], "is not an IP address"),
        (["--metrics-listen", "127.0.0.1:99999"], "port must be a number from 0 to 65535"),
        (["--max-runs", "0"], "--max-runs must be at least 1"),
        // TEST-NET-1: a well-formed address this machine does not have.
        (["--metrics-listen", "192.0.2.1:9464"], "192.0.2.1 is not an address of this machine"),
    ])
    func badInputExits64WithAClearMessage(arguments: [String], message: String) throws {
        let tool = try Tool(["monitor", "--no-dotenv"] + arguments)
        let status = tool.exitStatus(within: 30)
        #expect(status == 64)
        #expect(tool.stderr.contains(message), "stderr: \(tool.stderr)")
        #expect(tool.stdout.isEmpty)
    }

    @Test func aTakenPortIsAClearErrorAndExit1() async throws {
        // The mock holds a port; the monitor is asked to serve metrics on it.
        let holder = try await MockServer.start()
        defer { Task { try? await holder.stop() } }
        let tool = try Tool(["monitor", "--no-dotenv", "--metrics-listen", "127.0.0.1:\(holder.port)"])
        let status = tool.exitStatus(within: 30)
        #expect(status == 1)
        #expect(
            tool.stderr.contains("cannot serve metrics on 127.0.0.1:\(holder.port): the port is already in use"),
            "stderr: \(tool.stderr)")
        #expect(!tool.stderr.contains("Fatal error"))
        #expect(tool.stdout.isEmpty)
    }

    @Test func servesMetricsLogsChangesAndStopsCleanlyOnSIGTERM() async throws {
        let key = TestKey.project()
        var configuration = MockConfiguration()
        configuration.acceptedKeys = [key]
        try await withMockServer(configuration) { mock in
            let tool = try Tool(
                [
                    "monitor", "--no-dotenv", "--base-url", mock.baseURL + "/v1", "--status-url", mock.baseURL,
                    "--interval", "50ms", "--metrics-listen", "127.0.0.1:0", "--timeout", "5",
                ],
                environment: ["OPENAI_API_KEY": key])
            #expect(tool.wait(for: 30) { tool.stdout.contains("/metrics\n") })
            let line = try #require(tool.stdout.split(separator: "\n").first.map(String.init))
            #expect(line.hasPrefix("metrics on http://127.0.0.1:"))
            let url = String(line.dropFirst("metrics on ".count))
            #expect(tool.wait(for: 30) { tool.stderr.contains("api.models: up") })

            mock.setScenario(ScenarioName(cause: .keyInvalid))
            #expect(tool.wait(for: 30) { tool.stderr.contains("api.models: down: key.invalid (was up)") })
            let scrape = try await fetch(url)
            #expect(scrape.status == 200)
            let text = try PrometheusText(scrape.body)
            #expect(text.value("openai_doctor_check_success", ["check": "api.models"]) == 0)
            #expect((text.value("openai_doctor_cause_total", ["cause": "key.invalid"]) ?? 0) >= 1)

            tool.process.terminate()  // SIGTERM
            let status = tool.exitStatus(within: 10)
            #expect(status == 0)
            let stderr = tool.stderr
            #expect(stderr.contains("monitor stopped after"))
            #expect(stderr.contains("(signal)"))
            // One line per change, not per run: many runs, but api.models logged twice.
            #expect(stderr.components(separatedBy: "[DoctorMonitor] api.models:").count - 1 == 2)
            #expect(!stderr.contains(key) && !tool.stdout.contains(key))
            #expect(!scrape.body.contains(key))
        }
    }
}

/// GETs a URL on loopback through the project's own transport and returns status and body.
private func fetch(_ url: String) async throws -> (status: Int?, body: String) {
    let endpoint = try #require(EndpointURL(url))
    let transport = ProbeTransport(settings: TransportSettings(maxBodyBytes: 4 << 20))
    let now = ContinuousClock.now
    let exchange = await transport.send(
        ProbeRequest(label: "scrape", url: endpoint), deadline: now + .seconds(5), runStart: now)
    return (exchange.status, exchange.body)
}
