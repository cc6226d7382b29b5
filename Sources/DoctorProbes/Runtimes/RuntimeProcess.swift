#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One run of a runtime's probe program: started with `posix_spawn` and the environment given
/// (the key travels there, never in the arguments), standard input written then closed, both
/// outputs read up to a cap, and the child killed when the deadline comes.
///
/// Plain POSIX rather than Foundation's `Process`: the probes link FoundationEssentials only, and
/// the reading happens on a thread of its own so no cooperative thread blocks.
struct RuntimeProcess: Sendable {
    /// What a finished (or stopped) run produced.
    struct Result: Sendable {
        /// The exit status, or 128 + the signal that ended it.
        var status: Int32
        /// Standard output, at most ``RuntimeProcess/outputCap`` bytes.
        var stdout: [UInt8]
        /// Standard error, at most ``RuntimeProcess/outputCap`` bytes.
        var stderr: [UInt8]
        /// Whether the deadline stopped it.
        var timedOut: Bool
        /// Whether an output went over the cap (the rest was read and dropped).
        var truncated: Bool
    }

    /// The most of each output kept.
    static let outputCap = 256 << 10

    /// The executable (an absolute path) and its arguments.
    var arguments: [String]
    /// The child's whole environment.
    var environment: [String: String]
    /// What the child reads on standard input.
    var input: [UInt8] = []
    /// Whether the child is done once it has closed both outputs: it is then stopped rather than
    /// waited for. (HotSpot's exit waits up to 300 ms for Java threads that are in native code,
    /// and HttpClient's selector thread sits in `epoll_wait`: 300 ms after the probe reported.)
    var doneWhenOutputsClose = false
    /// How many steps below the tool's own CPU priority the child runs (`nice`). On Linux the
    /// thread that spawns it is lowered first and the child inherits that; elsewhere the child is
    /// lowered right after it started. 0 leaves it as the tool's.
    var niceness: Int32 = 0

    /// Runs the child to its end or to `deadline`, whichever comes first.
    ///
    /// - Returns: `nil` when the process cannot be started.
    func run(until deadline: ContinuousClock.Instant) async -> Result? {
        await withCheckedContinuation { continuation in
            let job = self
            startDetachedThread { ownThread in
                continuation.resume(returning: job.runBlocking(until: deadline, onOwnThread: ownThread))
            }
        }
    }

    #if os(iOS) || os(tvOS) || os(watchOS) || os(visionOS)
    // No child processes on these platforms: every runtime is a skip.
    private func runBlocking(until deadline: ContinuousClock.Instant, onOwnThread: Bool) -> Result? { nil }
    #else
    private func runBlocking(until deadline: ContinuousClock.Instant, onOwnThread: Bool) -> Result? {
        #if os(Linux)
        // A nice value is per thread on Linux, and a child starts with its parent thread's: this
        // thread, which only spawns and reads this child, is lowered first, so the runtime never
        // runs a moment at the tool's priority. (Without a thread of its own, nothing is lowered.)
        if niceness > 0 && onOwnThread { lowerPriority(of: 0, by: niceness) }
        #endif
        var inPipe: [Int32] = [-1, -1]
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        runtimeSpawnLock.lock()
        guard pipe(&inPipe) == 0 else {
            runtimeSpawnLock.unlock()
            return nil
        }
        guard pipe(&outPipe) == 0 else {
            close(inPipe[0])
            close(inPipe[1])
            runtimeSpawnLock.unlock()
            return nil
        }
        guard pipe(&errPipe) == 0 else {
            for fd in inPipe + outPipe { close(fd) }
            runtimeSpawnLock.unlock()
            return nil
        }
        for fd in inPipe + outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        // Its own process group, so the deadline stops whatever the runtime started too.
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] =
            environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        var child = pid_t()
        let spawned = posix_spawn(&child, arguments[0], &actions, &attributes, argv, envp)
        for pointer in argv { free(pointer) }
        for pointer in envp {
            // The environment holds the key: wipe it before giving the memory back.
            if let pointer { memset(pointer, 0, strlen(pointer)) }
            free(pointer)
        }
        posix_spawn_file_actions_destroy(&actions)
        posix_spawnattr_destroy(&attributes)
        close(inPipe[0])
        close(outPipe[1])
        close(errPipe[1])
        runtimeSpawnLock.unlock()
        #if !os(Linux)
        // Elsewhere the value is the process's: the child is lowered right after it started.
        if spawned == 0 && niceness > 0 { lowerPriority(of: child, by: niceness) }
        #endif
        guard spawned == 0 else {
            for fd in [inPipe[1], outPipe[0], errPipe[0]] { close(fd) }
            return nil
        }

        // Standard input: small (curl's configuration), written at once; a child that does not
        // read it must not block us, so the write end is non-blocking and closed right after.
        _ = fcntl(inPipe[1], F_SETFL, fcntl(inPipe[1], F_GETFL) | O_NONBLOCK)
        _ = Self.writeWithoutBrokenPipeSignal(inPipe[1], input)
        close(inPipe[1])

        var out: [UInt8] = []
        var err: [UInt8] = []
        var truncated = false
        var timedOut = false
        var open = [outPipe[0], errPipe[0]]
        var chunk = [UInt8](repeating: 0, count: 16384)
        while !open.isEmpty {
            let left = ContinuousClock.now.duration(to: deadline)
            if left <= .zero {
                timedOut = true
                kill(-child, SIGKILL)
                kill(child, SIGKILL)
                break
            }
            let (seconds, attoseconds) = left.components
            let waitMS = Int32(min(1000, max(1, seconds * 1000 + attoseconds / 1_000_000_000_000_000)))
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), waitMS)
            if ready < 0 && errno != EINTR { break }
            for entry in fds where entry.revents != 0 {
                // Safe: a fixed-size chunk: a non-empty buffer has a base address
                // swift-format-ignore: NeverForceUnwrap
                let count = chunk.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress!, $0.count) }
                if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                if count <= 0 {
                    close(entry.fd)
                    open.removeAll { $0 == entry.fd }
                    continue
                }
                let isOut = entry.fd == outPipe[0]
                let kept = isOut ? out.count : err.count
                let room = max(0, Self.outputCap - kept)
                if count > room { truncated = true }
                let bytes = chunk[..<min(count, room)]
                if isOut { out += bytes } else { err += bytes }
            }
        }
        for fd in open { close(fd) }
        var status: Int32 = 0
        var reaped = false
        if doneWhenOutputsClose && !timedOut {
            reaped = waitpid(child, &status, WNOHANG) == child
            if !reaped {
                kill(-child, SIGKILL)
                kill(child, SIGKILL)
            }
        }
        // After the outputs closed the child is ending (or was stopped); after the deadline it was killed.
        while !reaped && waitpid(child, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7F
        let code = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        return Result(status: code, stdout: out, stderr: err, timedOut: timedOut, truncated: truncated)
    }

    /// Writes what one `write` takes of `bytes` to `fd`: the count, or -1. A reader that is gone
    /// (a child that exited without reading its standard input) is `EPIPE`, never a `SIGPIPE`
    /// that would end the tool.
    static func writeWithoutBrokenPipeSignal(_ fd: Int32, _ bytes: [UInt8]) -> Int {
        guard !bytes.isEmpty else { return 0 }
        #if canImport(Darwin)
        _ = fcntl(fd, F_SETNOSIGPIPE, 1)
        // Safe: bytes is not empty (checked above): a non-empty buffer has a base address
        // swift-format-ignore: NeverForceUnwrap
        return bytes.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
        #else
        // The signal goes to the thread that wrote: blocked here, and taken back if it came.
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        // Safe: bytes is not empty (checked above): a non-empty buffer has a base address
        // swift-format-ignore: NeverForceUnwrap
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
        var pending = sigset_t()
        if written < 0 && errno == EPIPE && sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1 {
            var taken: Int32 = 0
            _ = sigwait(&pipeSignal, &taken)
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        return written
        #endif
    }

    /// Lowers the priority of process `child` (0: the calling thread, on Linux) `steps` below the
    /// tool's own, at most to 19, the lowest. A failure leaves it as it was: the probe runs all the same.
    private func lowerPriority(of child: pid_t, by steps: Int32) {
        #if canImport(Glibc)
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        #else
        let which = PRIO_PROCESS
        #endif
        errno = 0
        let own = getpriority(which, 0)
        guard errno == 0 else { return }
        _ = setpriority(which, id_t(child), min(19, own + steps))
    }
    #endif

    /// The first executable file named `name` on `path` (`PATH`'s form), or `name` itself when it holds a slash.
    static func locate(_ name: String, path: String?) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            var info = stat()
            if stat(candidate, &info) == 0, (info.st_mode & 0o170000) == 0o100000, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        return nil
    }
}

/// Held from the first pipe to the spawn, so that no two probe programs started at once inherit
/// each other's pipe ends before they are marked close-on-exec.
private let runtimeSpawnLock = RuntimeSpawnLock()

/// A plain pthread mutex.
private final class RuntimeSpawnLock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t> = {
        let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        return mutex
    }()
    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
}

/// Runs `body` on a new detached POSIX thread (`body(true)`), or, when none can be made, on the
/// calling thread (`body(false)`).
private func startDetachedThread(_ body: @escaping @Sendable (_ ownThread: Bool) -> Void) {
    final class Box {
        let body: @Sendable (Bool) -> Void
        init(_ body: @escaping @Sendable (Bool) -> Void) { self.body = body }
    }
    let box = Unmanaged.passRetained(Box(body)).toOpaque()
    #if canImport(Darwin)
    var thread: pthread_t?
    #else
    var thread = pthread_t()
    #endif
    #if canImport(Darwin)
    let created = pthread_create(
        &thread, nil,
        { raw in
            Unmanaged<Box>.fromOpaque(raw).takeRetainedValue().body(true)
            return nil
        }, box)
    #else
    let created = pthread_create(
        &thread, nil,
        { raw in
            // Safe: pthread_create passes back the non-nil context it was given
            // swift-format-ignore: NeverForceUnwrap
            Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue().body(true)
            return nil
        }, box)
    #endif
    if created != 0 {
        Unmanaged<Box>.fromOpaque(box).takeRetainedValue().body(false)
        return
    }
    #if canImport(Darwin)
    if let thread { pthread_detach(thread) }
    #else
    pthread_detach(thread)
    #endif
}
