import NIOCore

/// Waiting on an event-loop future, but never past a deadline, and never past the waiting
/// task's cancellation.
enum ProbeDeadline {
    /// The deadline passed first (or the waiting task was cancelled).
    struct Expired: Error {}

    /// Waits for `future` until `deadline`; on expiry — or when the calling task is cancelled —
    /// runs `onTimeout` (which should close the channel so the work stops) and returns ``Expired``.
    static func wait<T: Sendable>(
        for future: EventLoopFuture<T>, until deadline: ContinuousClock.Instant, on eventLoop: any EventLoop,
        onTimeout: @escaping @Sendable () -> Void
    ) async -> Result<T, any Error> {
        let remaining = deadline - ContinuousClock.now
        let promise = eventLoop.makePromise(of: T.self)
        let nanos = max(
            Int64(0),
            Int64(remaining.components.seconds) * 1_000_000_000 + remaining.components.attoseconds / 1_000_000_000)
        let timer = eventLoop.scheduleTask(in: .nanoseconds(nanos)) {
            promise.fail(Expired())
            onTimeout()
        }
        future.hop(to: eventLoop).whenComplete { result in
            timer.cancel()
            promise.completeWith(result)
        }
        return await withTaskCancellationHandler {
            do {
                return .success(try await promise.futureResult.get())
            } catch {
                return .failure(error)
            }
        } onCancel: {
            // A completed promise ignores a second completion, so a late cancel is harmless.
            eventLoop.execute {
                timer.cancel()
                promise.fail(Expired())
                onTimeout()
            }
        }
    }
}
