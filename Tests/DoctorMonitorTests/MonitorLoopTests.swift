import DoctorCore
import DoctorMonitor
import DoctorProbes
import InMemoryLogging
import Logging
import Synchronization
import Testing

/// The loop with canned reports and a recording clock: no sockets, exact waits, exact log lines.
@Suite struct MonitorLoopTests {
    /// Hands out canned reports in order, repeating the last.
    final class Script: Sendable {
        private let reports: [CheckReport]
        private let index = Mutex(0)
        init(_ reports: [CheckReport]) { self.reports = reports }
        func next() -> CheckReport {
            index.withLock { index in
                defer { index += 1 }
                return reports[min(index, reports.count - 1)]
            }
        }
    }

    @Test func flappingIsOneLineThenQuietThenOneSettledLine() async {
        let up = MonitorSnapshotTests.report()
        let down = MonitorSnapshotTests.report(modelsStatus: .fail, modelsCause: .keyInvalid)
        // up, then 5 flips, then 6 steady downs.
        let script = Script([up, down, up, down, up, down, down, down, down, down, down, down])
        let logs = InMemoryLogHandler()
        let clock = RecordingClock()
        let units = Mutex([0.0, 1.0])
        let monitor = Monitor(
            runner: ProbeRunner { script.next() }, metrics: MonitorMetrics(),
            configuration: .init(interval: .seconds(60), jitter: 0.1, maxRuns: 12),
            logger: Logger(label: "monitor", factory: { _ in logs }),
            random: { units.withLock { $0.isEmpty ? 0.5 : $0.removeFirst() } })
        let summary = await monitor.run(clock: clock)
        #expect(summary.runs == 12)

        let lines = logs.entries.filter { $0.metadata["doctor.check"] == "api.models" }.map(\.message.description)
        #expect(
            lines == [
                "api.models: up",
                "api.models: down: key.invalid (was up)",
                "api.models: up again (was down: key.invalid)",
                "api.models: down: key.invalid (was up)",
                "api.models: flapping (now up); further changes are quiet until it settles",
                "api.models: stopped flapping, down: key.invalid",
            ])
        // Jitter from the injected randomness: 60 s × (1 − 0.1), × (1 + 0.1), then the middle.
        let sleeps = clock.sleeps.values
        #expect(sleeps.count == 11)
        let seconds = sleeps.prefix(3).map { ($0 / .milliseconds(1)).rounded() / 1000 }
        #expect(seconds == [54, 66, 60])
    }
}
