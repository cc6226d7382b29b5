#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The effects a ``RetryingClient`` uses: the clock, the random source and sleeping.
///
/// ``live`` uses the system; tests pass fixed time, a seeded random source and a sleep that
/// records instead of waiting, so every retry schedule is reproducible.
public struct RetryEnvironment: Sendable {
    /// The current time (turns a `retry-after` HTTP date into a delay).
    public var now: @Sendable () -> Date
    /// A uniform random number in [0, 1) for the backoff jitter.
    public var randomUnit: @Sendable () -> Double
    /// Waits for the given duration; throws `CancellationError` when the task is cancelled.
    public var sleep: @Sendable (Duration) async throws -> Void

    /// Creates an environment from its three effects.
    public init(
        now: @escaping @Sendable () -> Date, randomUnit: @escaping @Sendable () -> Double,
        sleep: @escaping @Sendable (Duration) async throws -> Void
    ) {
        self.now = now
        self.randomUnit = randomUnit
        self.sleep = sleep
    }

    /// The system clock, `SystemRandomNumberGenerator` and `Task.sleep(for:)`.
    public static let live = RetryEnvironment(
        now: { Date() },
        randomUnit: { Double.random(in: 0..<1) },
        sleep: { try await Task.sleep(for: $0) }
    )
}
