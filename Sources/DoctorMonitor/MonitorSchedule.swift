/// When the next run starts: the interval with jitter, or a back-off while the API rate-limits
/// the probes.
///
/// A pure value. Each run's outcome goes into ``next(after:randomUnit:)``, which returns the
/// wait and whether back-off started or ended (each worth one log line, never one per run).
///
/// - Normal runs wait `interval × (1 ± jitter)`, spreading many monitors' probes apart.
/// - A rate-limited run (`rate_limit.exceeded` on any check) waits the longer of the server's
///   stated wait (`retry-after-ms`, `retry-after`, the message's hint, an exhausted
///   `x-ratelimit-reset-*`) and `interval × 2^n` for the n-th rate-limited run in a row, both
///   capped at ``maxBackoff``, plus jitter; the first run that is not rate-limited ends it.
///
/// ```swift
/// var schedule = MonitorSchedule(interval: .seconds(60))
/// schedule.next(after: .normal, randomUnit: 0.5).delay                       // 60 s
/// schedule.next(after: .rateLimited(serverWait: .seconds(20)), randomUnit: 0.5).delay  // 120 s
/// ```
public struct MonitorSchedule: Sendable {
    /// What a run says about pacing.
    public enum RunPacing: Sendable, Hashable {
        /// Nothing asked the monitor to slow down.
        case normal
        /// The API answered `rate_limit.exceeded`, with the wait it stated, if any.
        case rateLimited(serverWait: Duration?)
    }

    /// The wait before the next run, and what changed.
    public struct Decision: Sendable, Hashable {
        /// How long to wait.
        public var delay: Duration
        /// Whether the monitor is backing off.
        public var backingOff: Bool
        /// `true` on the run that started back-off, for one log line.
        public var backoffStarted: Bool
        /// `true` on the run that ended back-off, for one log line.
        public var backoffEnded: Bool
    }

    /// The normal time between runs.
    public let interval: Duration
    /// The jitter as a fraction of the wait (0…0.5).
    public let jitter: Double
    /// The longest wait ever chosen.
    public let maxBackoff: Duration
    /// How many rate-limited runs in a row so far.
    public private(set) var rateLimitedRuns = 0

    /// Creates a schedule.
    ///
    /// - Parameters:
    ///   - interval: The normal time between runs.
    ///   - jitter: The spread as a fraction of the wait (default 0.1, so 60 s becomes 54–66 s).
    ///   - maxBackoff: The cap on any wait (default the larger of 1 hour and the interval).
    public init(interval: Duration, jitter: Double = 0.1, maxBackoff: Duration? = nil) {
        self.interval = interval
        self.jitter = min(0.5, max(0, jitter))
        self.maxBackoff = max(interval, maxBackoff ?? .seconds(3600))
    }

    /// Decides the wait after a run.
    ///
    /// - Parameters:
    ///   - pacing: What the run said about pacing.
    ///   - randomUnit: A random number in `0..<1` (injected so tests are exact).
    public mutating func next(after pacing: RunPacing, randomUnit: Double) -> Decision {
        let wasBackingOff = rateLimitedRuns > 0
        var base = interval
        switch pacing {
        case .normal:
            rateLimitedRuns = 0
        case .rateLimited(let serverWait):
            rateLimitedRuns += 1
            let exponent = min(rateLimitedRuns, 16)
            let doubled = interval * (1 << exponent)
            base = min(maxBackoff, max(doubled, serverWait ?? .zero))
        }
        let spread = 1 + jitter * (2 * min(max(randomUnit, 0), 1) - 1)
        let delay = min(maxBackoff + maxBackoff * jitter, base * spread)
        let backingOff = rateLimitedRuns > 0
        return Decision(
            delay: delay, backingOff: backingOff, backoffStarted: backingOff && !wasBackingOff,
            backoffEnded: wasBackingOff && !backingOff)
    }
}
