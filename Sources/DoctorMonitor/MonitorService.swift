public import ServiceLifecycle

/// The monitor's loop as a ``Service``: runs until graceful shutdown (SIGTERM/SIGINT through a
/// `ServiceGroup`) or ``Monitor/Configuration/maxRuns``.
///
/// ```swift
/// let group = ServiceGroup(
///     services: [metricsServer, MonitorService(monitor)],
///     gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
/// try await group.run()
/// ```
public struct MonitorService: Service {
    /// The loop.
    public let monitor: Monitor
    /// Called once when the loop has ended, with how it ended.
    public let onFinish: (@Sendable (Monitor.Summary) -> Void)?

    /// Wraps a monitor.
    public init(_ monitor: Monitor, onFinish: (@Sendable (Monitor.Summary) -> Void)? = nil) {
        self.monitor = monitor
        self.onFinish = onFinish
    }

    /// Runs the loop; graceful shutdown cancels it, which ends it promptly even mid-run.
    public func run() async throws {
        let monitor = self.monitor
        let summary = await cancelWhenGracefulShutdown {
            await monitor.run(clock: ContinuousClock())
        }
        onFinish?(summary)
    }
}
