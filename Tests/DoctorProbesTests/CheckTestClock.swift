import Synchronization

/// A clock that moves only when a test says so: sleepers wait until ``advance(to:)`` passes their
/// instant (or their task is cancelled). Its instants are `ContinuousClock`'s, so deadlines mean
/// the same to the run as on the real clock.
final class CheckTestClock: Clock, Sendable {
    typealias Instant = ContinuousClock.Instant

    private struct Sleeper {
        var until: Instant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var offset = Duration.zero
        var sleepers: [Int: Sleeper] = [:]
        var cancelled: Set<Int> = []
        var nextID = 0
    }

    /// The instant the clock starts at.
    let start = ContinuousClock.now
    private let state = Mutex(State())

    var now: Instant { start + state.withLock { $0.offset } }
    var minimumResolution: Duration { .zero }

    func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Now { case wait, resume, cancel }
                let now: Now = state.withLock { state in
                    if state.cancelled.remove(id) != nil { return .cancel }
                    if deadline <= start + state.offset { return .resume }
                    state.sleepers[id] = Sleeper(until: deadline, continuation: continuation)
                    return .wait
                }
                switch now {
                case .wait: break
                case .resume: continuation.resume()
                case .cancel: continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            let sleeper = state.withLock { state in
                guard let sleeper = state.sleepers.removeValue(forKey: id) else {
                    state.cancelled.insert(id)
                    return Sleeper?.none
                }
                return sleeper
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// How many tasks sleep on the clock now.
    var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// The earliest instant a sleeper waits for.
    var nextWake: Instant? { state.withLock { $0.sleepers.values.map(\.until).min() } }

    /// Moves the clock to `instant` and wakes every sleeper due by then.
    func advance(to instant: Instant) {
        let due = state.withLock { state in
            state.offset = max(state.offset, instant - start)
            let now = start + state.offset
            let ids = state.sleepers.filter { $0.value.until <= now }.map(\.key)
            return ids.compactMap { state.sleepers.removeValue(forKey: $0) }
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// Moves the clock by `duration`.
    func advance(by duration: Duration) { advance(to: now + duration) }

    /// Waits (in real time, at most `limit`) until `count` tasks sleep on the clock.
    ///
    /// - Returns: Whether they did.
    func waitForSleepers(_ count: Int, limit: Duration = .seconds(10)) async -> Bool {
        let giveUp = ContinuousClock.now + limit
        while sleeperCount < count {
            if ContinuousClock.now > giveUp { return false }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return true
    }
}
