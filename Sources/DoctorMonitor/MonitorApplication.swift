public import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// Runs the `/metrics` server and the monitor's loop together under swift-service-lifecycle:
/// SIGTERM or SIGINT shuts both down gracefully (the loop first, even mid-run, then the
/// listener), and reaching ``Monitor/Configuration/maxRuns`` does the same.
///
/// ```swift
/// let server = try await MetricsServer.bind(address, metrics: metrics, logger: logger)
/// let summary = try await MonitorApplication.run(server: server, monitor: monitor, logger: logger)
/// ```
public enum MonitorApplication {
    /// Runs until a signal or the run limit, and says how the loop ended.
    ///
    /// - Parameters:
    ///   - server: The bound metrics endpoint (bind it first, so a taken port fails before anything runs).
    ///   - monitor: The loop.
    ///   - logger: Where the start and stop lines go; the service group itself logs only warnings.
    public static func run(server: MetricsServer, monitor: Monitor, logger: Logger) async throws -> Monitor.Summary {
        let finished = SummaryBox()
        let loop = MonitorService(monitor) { summary in finished.set(summary) }
        var groupLogger = logger
        groupLogger.logLevel = max(logger.logLevel, .warning)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: server),
                    .init(service: loop, successTerminationBehavior: .gracefullyShutdownGroup),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: groupLogger))
        try await group.run()
        let summary = finished.get() ?? Monitor.Summary(runs: 0, transitions: 0, cancelled: true)
        logger.info(
            "monitor stopped after \(summary.runs) run\(summary.runs == 1 ? "" : "s")\(summary.cancelled ? " (signal)" : "")",
            metadata: ["doctor.event": "stopped", "doctor.runs": "\(summary.runs)"])
        return summary
    }
}

private final class SummaryBox: Sendable {
    private let value = Mutex<Monitor.Summary?>(nil)
    func set(_ summary: Monitor.Summary) { value.withLock { $0 = summary } }
    func get() -> Monitor.Summary? { value.withLock { $0 } }
}
