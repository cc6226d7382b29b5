/// The clock a `check` run reads and sleeps on: when it started, each check's duration, the
/// whole-run deadline and the status page's grace.
///
/// Any `Clock` whose instants are `ContinuousClock`'s fits, so a deadline means the same to the
/// transport (whose timers are the event loop's); tests drive the run with a manual clock.
///
/// ```swift
/// let clock = CheckClock(ContinuousClock())
/// let start = clock.now
/// try await clock.sleep(until: start + .milliseconds(100))
/// ```
struct CheckClock: Sendable {
    private let reading: @Sendable () -> ContinuousClock.Instant
    private let sleeping: @Sendable (ContinuousClock.Instant) async throws -> Void

    /// Reads and sleeps on `clock`.
    init<C: Clock>(_ clock: C) where C.Instant == ContinuousClock.Instant {
        reading = { clock.now }
        sleeping = { instant in try await clock.sleep(until: instant, tolerance: nil) }
    }

    /// The real clock.
    static let continuous = CheckClock(ContinuousClock())

    /// The current instant.
    var now: ContinuousClock.Instant { reading() }

    /// Sleeps until `instant`; throws `CancellationError` when the sleeping task is cancelled.
    func sleep(until instant: ContinuousClock.Instant) async throws { try await sleeping(instant) }

    /// Whole milliseconds from `start` to now.
    func elapsedMS(since start: ContinuousClock.Instant) -> Int { (now - start).milliseconds }
}
