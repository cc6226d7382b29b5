import DoctorCore
import DoctorProbes
public import Logging

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Runs the zero-cost probes periodically, follows every check with a ``MonitorStateMachine``,
/// logs one line per change (never one per run), and keeps ``MonitorMetrics`` current.
///
/// The loop is generic over `some Clock<Duration>`, takes its randomness as a closure and its
/// probes as a ``ProbeRunner``, so tests drive it with a manual clock and canned reports, or
/// with the real probes against the mock.
///
/// ```swift
/// let monitor = Monitor(
///     runner: .zeroCost { options() }, metrics: metrics,
///     configuration: .init(interval: .seconds(60)), logger: logger)
/// let summary = await monitor.run(clock: ContinuousClock())   // until cancelled
/// ```
public struct Monitor: Sendable {
    /// How the loop behaves.
    public struct Configuration: Sendable {
        /// The normal time between runs.
        public var interval: Duration
        /// The jitter as a fraction of the wait.
        public var jitter: Double
        /// The flap-detection thresholds.
        public var states: MonitorStateMachine.Configuration
        /// Stop after this many runs (`nil`: until cancelled).
        public var maxRuns: Int?

        /// Creates a configuration.
        public init(
            interval: Duration, jitter: Double = 0.1, states: MonitorStateMachine.Configuration = .init(),
            maxRuns: Int? = nil
        ) {
            self.interval = interval
            self.jitter = jitter
            self.states = states
            self.maxRuns = maxRuns
        }
    }

    /// What one run did, for callers that follow the loop (tests, the soak benchmark).
    public struct Cycle: Sendable {
        /// The run's number, from 1.
        public var number: Int
        /// The report the probes produced.
        public var report: CheckReport
        /// What the monitor read from it.
        public var snapshot: MonitorSnapshot
        /// What changed, and the wait chosen.
        public var step: MonitorCore.Step
    }

    /// How the loop ended.
    public struct Summary: Sendable, Equatable {
        /// Runs completed.
        public var runs: Int
        /// Transitions reported.
        public var transitions: Int
        /// Whether it ended because the task was cancelled (SIGTERM), rather than after ``Configuration/maxRuns``.
        public var cancelled: Bool
    }

    /// The probes.
    public let runner: ProbeRunner
    /// Where the metrics go.
    public let metrics: MonitorMetrics
    /// How the loop behaves.
    public let configuration: Configuration
    /// Where the change lines go.
    public let logger: Logger
    /// A random number in `0..<1` for the jitter.
    public let random: @Sendable () -> Double
    /// Called after every run (tests and benchmarks follow the loop with it).
    public let onCycle: (@Sendable (Cycle) async -> Void)?

    /// Creates a monitor.
    public init(
        runner: ProbeRunner, metrics: MonitorMetrics, configuration: Configuration, logger: Logger,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        onCycle: (@Sendable (Cycle) async -> Void)? = nil
    ) {
        self.runner = runner
        self.metrics = metrics
        self.configuration = configuration
        self.logger = logger
        self.random = random
        self.onCycle = onCycle
    }

    /// Runs until the task is cancelled or ``Configuration/maxRuns`` runs are done.
    ///
    /// The first run starts at once. Cancellation (SIGTERM through the service group) ends the
    /// loop promptly, even in the middle of a run.
    public func run(clock: some Clock<Duration>) async -> Summary {
        var core = MonitorCore(
            schedule: MonitorSchedule(interval: configuration.interval, jitter: configuration.jitter),
            stateConfiguration: configuration.states)
        var runs = 0
        var transitions = 0
        while !Task.isCancelled {
            guard let report = await runner.runUnlessCancelled() else { break }
            runs += 1
            let snapshot = MonitorSnapshot(report: report)
            let step = core.ingest(snapshot, randomUnit: random())
            perform(step, snapshot: snapshot)
            transitions += step.transitions.count
            await onCycle?(Cycle(number: runs, report: report, snapshot: snapshot, step: step))
            if let maxRuns = configuration.maxRuns, runs >= maxRuns {
                return Summary(runs: runs, transitions: transitions, cancelled: false)
            }
            do {
                try await clock.sleep(for: step.decision.delay)
            } catch {
                break
            }
        }
        return Summary(runs: runs, transitions: transitions, cancelled: true)
    }

    /// Performs one run's actions: metrics, then one log line per transition and per back-off change.
    func perform(_ step: MonitorCore.Step, snapshot: MonitorSnapshot) {
        metrics.record(snapshot)
        for (check, flapping) in step.flapping {
            metrics.recordState(check: check, flapping: flapping)
        }
        let summaries = Dictionary(snapshot.checks.map { ($0.id, $0.summary) }, uniquingKeysWith: { first, _ in first })
        for transition in step.transitions {
            metrics.recordTransition(transition)
            let line = ChangeLine(transition, summary: summaries[transition.check])
            logger.log(level: line.level, "\(line.message)", metadata: line.metadata)
        }
        metrics.recordSchedule(step.decision, endedAtUnixSeconds: Date().timeIntervalSince1970)
        if step.decision.backoffStarted {
            let delay = DurationText.format(step.decision.delay)
            logger.warning(
                "the API is rate-limiting the probes: backing off, next run in \(delay)",
                metadata: ["doctor.event": "backoff_started", "doctor.delay": "\(delay)"])
        } else if step.decision.backoffEnded {
            logger.notice(
                "rate limit cleared: back to every \(DurationText.format(configuration.interval))",
                metadata: ["doctor.event": "backoff_ended"])
        }
    }
}

/// The one log line a transition gets: level, message and `doctor.*` metadata, no secrets.
struct ChangeLine {
    var level: Logger.Level
    var message: String
    var metadata: Logger.Metadata

    init(_ transition: MonitorStateMachine.Transition, summary: String?) {
        let check = transition.check
        let now = transition.to
        var metadata: Logger.Metadata = [
            "doctor.check": "\(check)", "doctor.transition": "\(transition.kind.rawValue)",
            "doctor.state": "\(now.health.rawValue)",
        ]
        if let cause = now.cause { metadata["doctor.cause"] = "\(cause.rawValue)" }
        if let from = transition.from { metadata["doctor.previous"] = "\(from.summary)" }
        if now.health == .down, let summary, !summary.isEmpty { metadata["doctor.summary"] = "\(summary)" }
        self.metadata = metadata
        switch transition.kind {
        case .first:
            level = now.health == .up ? .info : .warning
            message = "\(check): \(now.summary)"
        case .up:
            level = .notice
            message = "\(check): up again (was \(transition.from?.summary ?? "down"))"
        case .down:
            level = .warning
            message = "\(check): \(now.summary) (was \(transition.from?.summary ?? "up"))"
        case .changed:
            level = .warning
            message = "\(check): changed from \(transition.from?.summary ?? "?") to \(now.summary)"
        case .flapping:
            level = .warning
            message = "\(check): flapping (now \(now.summary)); further changes are quiet until it settles"
        case .settled:
            level = .notice
            message = "\(check): stopped flapping, \(now.summary)"
        }
    }
}
