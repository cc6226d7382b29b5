import Foundation
import Testing

@testable import DoctorProbes

/// How one runtime's probe process is run: when it counts as done, and at what CPU priority.
@Suite("runtime probe processes")
struct RuntimeProcessTests {
    /// A child that reports, closes both outputs, then lingers (as a JVM does for 300 ms at exit).
    static let reportsThenLingers = ["/bin/sh", "-c", "echo reported; exec >&- 2>&-; sleep 30"]

    @Test("a probe that closed both outputs is done: stopped, not waited for, and what it reported is kept")
    func doneWhenOutputsClose() async throws {
        var process = RuntimeProcess(arguments: Self.reportsThenLingers, environment: [:])
        process.doneWhenOutputsClose = true
        let result = try #require(await process.run(until: .now + .seconds(60)))
        #expect(String(decoding: result.stdout, as: UTF8.self) == "reported\n")
        #expect(!result.timedOut)
        // Stopped by SIGKILL (128 + 9): had it been waited for, `sleep` would have ended it with 0.
        #expect(result.status == 137)
    }

    @Test("by default a probe is waited for to its own exit: its status is its own")
    func waitedForByDefault() async throws {
        let process = RuntimeProcess(
            arguments: ["/bin/sh", "-c", "echo reported; exec >&- 2>&-; exit 4"], environment: [:])
        let result = try #require(await process.run(until: .now + .seconds(60)))
        #expect(String(decoding: result.stdout, as: UTF8.self) == "reported\n")
        #expect(result.status == 4)
        #expect(!result.timedOut)
    }
}
