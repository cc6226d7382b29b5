import DoctorCore
public import DoctorProbes
import Synchronization

/// The seam between the monitor and the probes: something that runs the zero-cost checklist
/// once and returns its ``CheckReport``.
///
/// ```swift
/// let runner = ProbeRunner.zeroCost { makeOptions() }   // the real check, --spend forced off
/// let runner = ProbeRunner { cannedReports.next() }     // a test double
/// ```
public struct ProbeRunner: Sendable {
    private let body: @Sendable () async -> CheckReport

    /// Wraps any closure that produces one run's report.
    public init(_ body: @escaping @Sendable () async -> CheckReport) {
        self.body = body
    }

    /// Runs once.
    public func run() async -> CheckReport {
        await body()
    }

    /// The real checklist (``CheckRunner``) with options made fresh for every run, and
    /// ``CheckOptions/spend`` forced off: the monitor never spends tokens.
    public static func zeroCost(_ makeOptions: @escaping @Sendable () -> CheckOptions) -> ProbeRunner {
        ProbeRunner {
            var options = makeOptions()
            options.spend = false
            options.progress = nil
            return await CheckRunner.run(options)
        }
    }

    /// Runs once, but returns `nil` as soon as the calling task is cancelled.
    ///
    /// The probes are bounded by their own `--timeout` rather than by task cancellation, so on
    /// SIGTERM the monitor stops waiting at once and leaves the abandoned run to end by itself.
    public func runUnlessCancelled() async -> CheckReport? {
        let slot = ResultSlot()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                guard slot.install(continuation) else { return }
                let body = self.body
                Task { slot.finish(await body()) }
            }
        } onCancel: {
            slot.finish(nil)
        }
    }
}

/// Hands one value to one waiting continuation, whichever of "value ready" and "cancelled" comes first.
private final class ResultSlot: Sendable {
    private enum State {
        case empty
        case waiting(CheckedContinuation<CheckReport?, Never>)
        case finished(CheckReport?)
        case consumed
    }

    private let state = Mutex<State>(.empty)

    /// Installs the continuation; `false` (and the continuation resumed) when a result was already there.
    func install(_ continuation: CheckedContinuation<CheckReport?, Never>) -> Bool {
        let early: CheckReport?? = state.withLock { state in
            switch state {
            case .finished(let value):
                state = .consumed
                return .some(value)
            default:
                state = .waiting(continuation)
                return .none
            }
        }
        if let early {
            continuation.resume(returning: early)
            return false
        }
        return true
    }

    /// Delivers a result (or `nil` for cancellation); later calls do nothing.
    func finish(_ value: CheckReport?) {
        let waiting: CheckedContinuation<CheckReport?, Never>? = state.withLock { state in
            switch state {
            case .empty:
                state = .finished(value)
                return nil
            case .waiting(let continuation):
                state = .consumed
                return continuation
            case .finished, .consumed:
                return nil
            }
        }
        waiting?.resume(returning: value)
    }
}
