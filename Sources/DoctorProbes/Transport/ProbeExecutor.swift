import NIOCore
import NIOPosix

/// The threads every `check` runs on: event loops of its own, used both for the probes' sockets
/// and, as a task executor, for the run's async code.
///
/// A diagnostic tool must keep its deadline when the host process is unwell: an app (or a test
/// runner) whose cooperative threads are all blocked would otherwise stall the run's timers and
/// continuations, and every probe would look like a timeout. On its own loop the run keeps its
/// bound and its evidence whatever else the process does.
final class ProbeExecutor: TaskExecutor, Sendable {
    /// The shared executor (two threads, started on first use, living for the process).
    static let shared = ProbeExecutor()

    /// The event-loop group behind it; the probes' channels use it too.
    let group: MultiThreadedEventLoopGroup

    private init() {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        group.next().execute { unowned.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
