import DoctorTestSupport
import Foundation
import Testing

@testable import DoctorProbes

/// How one runtime's probe process is run: when it counts as done, and at what CPU priority.
///
/// Serialized: its stand-in scripts are written then run, and a child another test spawns at that
/// moment would inherit the open file and make the run fail with "text file busy".
@Suite("runtime probe processes", .serialized)
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

    @Test("standard input written to a child that is gone is EPIPE, not a SIGPIPE that ends the tool")
    func brokenPipeIsAnError() throws {
        var ends: [Int32] = [-1, -1]
        try #require(pipe(&ends) == 0)
        close(ends[0])
        defer { close(ends[1]) }
        // Were SIGPIPE delivered, this test process would end here.
        let written = RuntimeProcess.writeWithoutBrokenPipeSignal(ends[1], Array("url = x\n".utf8))
        #expect(written == -1)
        #expect(errno == EPIPE || errno == EAGAIN)
    }

    @Test(
        "where the probes outnumber the processors of an idle machine, all but the longest start-up run 10 steps lower")
    func nicenessPolicy() {
        let all = RuntimeRequest.Kind.allCases
        func niceness(
            _ kinds: [RuntimeRequest.Kind], _ processors: Int, runnable: Int? = 0, minute: Double? = 0.3
        ) -> [RuntimeRequest.Kind: Int32] {
            RuntimeRunner.niceness(
                for: kinds, load: MachineLoad(processors: processors, otherRunnable: runnable, lastMinute: minute))
        }
        // curl runs two processes: five in all.
        #expect(niceness(all, 2) == [.java: 10, .node: 10, .curl: 10])
        #expect(niceness(all, 2, runnable: 1, minute: 2.9) == [.java: 10, .node: 10, .curl: 10])
        #expect(niceness(all, 4, runnable: 3, minute: 4.9) == [.java: 10, .node: 10, .curl: 10])
        #expect(niceness(all, 5) == [:])
        #expect(niceness([.curl, .node, .java], 2) == [.node: 10, .curl: 10])
        #expect(niceness([.node, .python], 2) == [:])
        #expect(niceness([.node, .python], 1) == [.node: 10])
        #expect(niceness([.curl], 1) == [:])
        // One known measure is enough to decide.
        #expect(niceness(all, 2, runnable: nil, minute: 1.2) == [.java: 10, .node: 10, .curl: 10])
        #expect(niceness(all, 2, runnable: 0, minute: nil) == [.java: 10, .node: 10, .curl: 10])
        // A busy machine, by either measure (the minute's average lags a load that just began),
        // or one that tells neither: nobody is lowered.
        #expect(niceness(all, 2, runnable: 2, minute: 0.4) == [:])
        #expect(niceness(all, 2, runnable: 0, minute: 3.0) == [:])
        #expect(niceness(all, 2, runnable: 5, minute: 6.5) == [:])
        #expect(niceness(all, 2, runnable: nil, minute: nil) == [:])
    }

    @Test("/proc/loadavg's runnable count: the threads runnable now, the reader included; other forms are unknown")
    func runnableCount() {
        #expect(MachineLoad.parseRunnable("0.52 0.58 0.59 2/187 4242\n") == 2)
        #expect(MachineLoad.parseRunnable("12.00 9.10 4.20 17/1043 99") == 17)
        #expect(MachineLoad.parseRunnable("0.52 0.58 0.59") == nil)
        #expect(MachineLoad.parseRunnable("0.52 0.58 0.59 x/187 1") == nil)
        #expect(MachineLoad.parseRunnable("") == nil)
        #if os(Linux)
        #expect((MachineLoad.runnableNow() ?? 0) >= 1)
        #endif
        #expect(MachineLoad.runnableNow(procLoadavg: "/nonexistent/loadavg") == nil)
    }

    #if os(Linux)
    @Test("the lowered probes run 10 steps below the tool from their first instant; the longest runs at the tool's")
    func probesRunAtTheirNiceness() async throws {
        let directory = NSTemporaryDirectory() + "doctor-runtime-nice-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Stand-ins that log the nice value the kernel gives them (field 19 of /proc/PID/stat).
        func standIn(_ kind: RuntimeRequest.Kind) throws -> RuntimeRequest {
            let path = "\(directory)/\(kind.rawValue)"
            let script = """
                #!/bin/sh
                echo "\(kind.rawValue) $(cut -d ' ' -f 19 /proc/$$/stat)" >> "\(directory)/log"

                """
            try ExecutableScript.save(script, to: path)
            return RuntimeRequest(kind, executable: path)
        }
        let requests = try RuntimeRequest.Kind.allCases.map(standIn)
        var plan = RuntimePlan(
            baseURL: "http://127.0.0.1:1/v1", modelsURL: "http://127.0.0.1:1/v1/models", key: nil,
            apiKeyHeader: false, organization: nil, project: nil, environment: ["PATH": "/usr/bin:/bin"],
            temporaryRoot: NSTemporaryDirectory())
        plan.load = MachineLoad(processors: 2, otherRunnable: 0, lastMinute: 0)
        let runs = await RuntimeRunner.run(requests, plan: plan, deadline: .now + .seconds(30))
        let log = try String(contentsOfFile: "\(directory)/log", encoding: .utf8)
        var seen: [String: Int32] = [:]
        for line in log.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 2 { seen[String(fields[0])] = Int32(fields[1]) }
        }
        errno = 0
        let own = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        let lowered = min(19, own + 10)
        #expect(seen == ["python": own, "java": lowered, "node": lowered, "curl": lowered], "\(log) \(runs)")
    }
    #endif
}
