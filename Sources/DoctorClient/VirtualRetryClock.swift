import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A clock for a ``RetryingClient`` that spends no time: each sleep is recorded and moves the
/// clock's time forward at once.
///
/// For judging a retry schedule rather than waiting it out: verify's retry-limit step runs the
/// client on one, and so can an app's own tests.
///
/// ```swift
/// let clock = VirtualRetryClock()
/// let client = RetryingClient(policy: policy, environment: clock.environment) { try await send($0) }
/// _ = try? await client.send(request)
/// clock.waits  // [.milliseconds(…), …]: one per retry, none of them spent
/// ```
public final class VirtualRetryClock: Sendable {
    private let state: Mutex<[Duration]> = Mutex([])
    private let start: Date

    /// A clock whose time starts at `start` (now by default).
    public init(start: Date = Date()) {
        self.start = start
    }

    /// The waits asked for so far, in order.
    public var waits: [Duration] { state.withLock { $0 } }

    /// The time passed on this clock: the sum of the waits.
    public var elapsed: Duration { waits.reduce(.zero, +) }

    /// The environment for a ``RetryingClient``: this clock's time, live jitter, recorded sleeps.
    /// A sleep still throws `CancellationError` when the task is cancelled.
    public var environment: RetryEnvironment {
        RetryEnvironment(
            now: { [self] in start.addingTimeInterval(elapsed / .seconds(1)) },
            randomUnit: RetryEnvironment.live.randomUnit,
            sleep: { [self] duration in
                try Task.checkCancellation()
                state.withLock { $0.append(duration) }
            })
    }
}
