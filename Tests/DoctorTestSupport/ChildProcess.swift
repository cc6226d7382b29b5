import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process started with `posix_spawn`: the one process runner of the test suite.
///
/// Foundation's `Process` is not used anywhere in the tests. On Linux it spawns through its own
/// monitoring machinery beside the suite's NIO event loops, and the test runner crashed
/// intermittently there (signal 11 in `swift_getTypeByMangledName`). This runner keeps to plain
/// POSIX: pipes made close-on-exec (so a child started at the same time on another thread never
/// inherits the write end of this one's pipe and holds its end-of-file back), output drained by
/// one thread of its own with `poll`, the child reaped with `waitpid`. Async waits sleep on the
/// clock rather than block one of Swift's cooperative threads (two on a 2-core machine).
///
/// The child starts as from a shell: an empty signal mask and default signal dispositions, so
/// that SIGTERM and SIGINT reach it even though the test runner blocks or ignores them.
public final class ChildProcess: @unchecked Sendable {
    /// What the child reads on standard input.
    public enum Input: Sendable {
        /// `/dev/null`.
        case null
        /// These bytes, then end of file.
        case bytes([UInt8])

        /// This text as UTF-8, then end of file.
        public static func text(_ text: String) -> Input { .bytes(Array(text.utf8)) }
    }

    /// Where the child's standard output or standard error goes.
    public enum Output: Sendable {
        /// Collected in memory, readable while the child runs (``stdout``, ``stderr``).
        case collect
        /// `/dev/null`.
        case null
        /// A file, created or truncated.
        case file(String)
        /// Standard error only: wherever standard output goes (`2>&1`).
        case sameAsStdout
    }

    /// How the child ended.
    public enum Termination: Equatable, Sendable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        /// The exit code, or 128 + the signal number as a shell reports it.
        public var status: Int32 {
            switch self {
            case .exited(let code): return code
            case .signalled(let signal): return 128 + signal
            }
        }

        public var description: String {
            switch self {
            case .exited(let code): return "exit \(code)"
            case .signalled(let signal): return "signal \(signal)"
            }
        }
    }

    /// What a finished run produced.
    public struct Result: Sendable {
        public let termination: Termination
        public let stdoutBytes: [UInt8]
        public let stderrBytes: [UInt8]

        /// ``Termination/status``.
        public var status: Int32 { termination.status }
        public var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
        public var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }
    }

    /// The child did not finish in time; it was stopped (SIGTERM, then SIGKILL).
    public struct TimedOut: Error, CustomStringConvertible {
        public let command: [String]
        public let seconds: Double
        public var description: String { "\(command.joined(separator: " ")) did not finish within \(seconds) s" }
    }

    /// `posix_spawn` failed (the executable is missing, for instance).
    public struct SpawnFailed: Error, CustomStringConvertible {
        public let executable: String
        public let code: Int32
        public var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
    }

    /// The environment a test gives a tool when it wants none of the host's settings (no OpenAI or
    /// proxy variables): `PATH`, a temporary `HOME`, `NO_COLOR`.
    public static var minimalEnvironment: [String: String] {
        ["PATH": "/usr/bin:/bin", "HOME": temporaryDirectory, "NO_COLOR": "1"]
    }

    /// `TMPDIR`, else `/tmp`, with a trailing slash.
    public static var temporaryDirectory: String {
        var directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        if directory.isEmpty { directory = "/tmp" }
        return directory.hasSuffix("/") ? directory : directory + "/"
    }

    /// The process id.
    public let pid: pid_t
    /// The executable and arguments, for messages.
    public let command: [String]

    private let state: State

    /// Starts `executable` (an absolute path, or a name looked up in the runner's `PATH`).
    ///
    /// - Parameter environment: the child's whole environment; `nil` inherits the runner's.
    public init(
        _ executable: String, _ arguments: [String] = [], environment: [String: String]? = nil,
        currentDirectory: String? = nil, stdin: Input = .null, stdout: Output = .collect, stderr: Output = .collect
    ) throws {
        command = [executable] + arguments
        spawnLock.lock()
        defer { spawnLock.unlock() }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        // Descriptors the parent closes after the spawn (the child's ends), and keeps (its own).
        var childEnds: [Int32] = []
        var stdinWriter: Int32 = -1
        var outReader: Int32 = -1
        var errReader: Int32 = -1
        func closeAll() {
            for fd in childEnds + [stdinWriter, outReader, errReader] where fd >= 0 { close(fd) }
        }
        func makePipe() throws -> (read: Int32, write: Int32) {
            var fds: [Int32] = [-1, -1]
            guard pipe(&fds) == 0 else {
                let code = errno
                closeAll()
                throw SpawnFailed(executable: executable, code: code)
            }
            // Close-on-exec (pipe2 is not visible to Swift): only the dup2'd copies reach the child.
            // The spawn lock keeps another ChildProcess from spawning between pipe and fcntl.
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
            return (fds[0], fds[1])
        }

        switch stdin {
        case .null:
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        case .bytes:
            let pipe = try makePipe()
            childEnds.append(pipe.read)
            stdinWriter = pipe.write
            posix_spawn_file_actions_adddup2(&actions, pipe.read, 0)
        }
        for (target, output) in [(Int32(1), stdout), (Int32(2), stderr)] {
            switch output {
            case .collect:
                let pipe = try makePipe()
                childEnds.append(pipe.write)
                if target == 1 { outReader = pipe.read } else { errReader = pipe.read }
                posix_spawn_file_actions_adddup2(&actions, pipe.write, target)
            case .null:
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_WRONLY, 0)
            case .file(let path):
                posix_spawn_file_actions_addopen(&actions, target, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            case .sameAsStdout:
                posix_spawn_file_actions_adddup2(&actions, 1, target)
            }
        }
        if let currentDirectory {
            guard let addChdir = addChdirAction else {
                closeAll()
                throw SpawnFailed(executable: executable, code: ENOSYS)
            }
            _ = addChdir(&actions, currentDirectory)
        }

        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var envp: [UnsafeMutablePointer<CChar>?] = []
        if let environment {
            envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        }
        defer { for pointer in envp { free(pointer) } }

        var child = pid_t()
        let spawned: Int32 =
            if environment == nil {
                executable.contains("/")
                    ? posix_spawn(&child, executable, &actions, &attributes, argv, environ)
                    : posix_spawnp(&child, executable, &actions, &attributes, argv, environ)
            } else {
                envp.withUnsafeBufferPointer { env in
                    // Safe: env always ends with its nil terminator: a non-empty buffer has a base address
                    // swift-format-ignore: NeverForceUnwrap
                    let pointer = UnsafeMutablePointer(mutating: env.baseAddress!)
                    return executable.contains("/")
                        ? posix_spawn(&child, executable, &actions, &attributes, argv, pointer)
                        : posix_spawnp(&child, executable, &actions, &attributes, argv, pointer)
                }
            }
        for fd in childEnds { close(fd) }
        childEnds = []
        guard spawned == 0 else {
            closeAll()
            throw SpawnFailed(executable: executable, code: spawned)
        }
        pid = child
        state = State(pid: child, outReader: outReader, errReader: errReader)
        if case .bytes(let bytes) = stdin {
            let writer = stdinWriter
            startThread {
                var offset = 0
                while offset < bytes.count {
                    let written = bytes.withUnsafeBytes {
                        // Safe: the loop runs only while bytes is non-empty: a non-empty buffer has a base address
                        // swift-format-ignore: NeverForceUnwrap
                        write(writer, $0.baseAddress! + offset, bytes.count - offset)
                    }
                    if written < 0 && errno == EINTR { continue }
                    if written <= 0 { break }  // the child closed its input early
                    offset += written
                }
                close(writer)
            }
        }
        if outReader >= 0 || errReader >= 0 {
            let state = state
            startThread { state.drain() }
        }
    }

    deinit {
        // Never leave a child behind: a test that forgot to stop one must not leak it.
        if state.termination() == nil {
            kill(pid, SIGKILL)
            state.reapBlocking()
        }
    }

    // MARK: Running

    /// Whether the child has not ended yet (it is reaped as soon as it has).
    public var isRunning: Bool { state.termination() == nil }

    /// How the child ended, `nil` while it runs.
    public var termination: Termination? { state.termination() }

    /// Sends `signal`, unless the child has already ended and been reaped (its pid may be reused).
    public func send(_ signal: Int32) {
        if state.termination() == nil { kill(pid, signal) }
    }

    /// SIGTERM.
    public func terminate() { send(SIGTERM) }

    /// What the child wrote to standard output so far (all of it once ``waitForOutput(seconds:)`` is done).
    public var stdout: String { String(decoding: state.snapshot().out, as: UTF8.self) }
    /// What the child wrote to standard error so far.
    public var stderr: String { String(decoding: state.snapshot().err, as: UTF8.self) }

    /// Waits (blocking) until the child ends, or `seconds` pass (`nil` then).
    @discardableResult
    public func waitBlocking(seconds: Double? = nil) -> Termination? {
        let deadline = seconds.map { ContinuousClock.now + .milliseconds(Int($0 * 1000)) }
        while true {
            if let done = state.termination() { return done }
            if let deadline, ContinuousClock.now >= deadline { return nil }
            usleep(2_000)
        }
    }

    /// Waits until the child ends, or `seconds` pass (`nil` then), without blocking a thread.
    @discardableResult
    public func wait(seconds: Double? = nil) async -> Termination? {
        let deadline = seconds.map { ContinuousClock.now + .milliseconds(Int($0 * 1000)) }
        while true {
            if let done = state.termination() { return done }
            if let deadline, ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Stops the child: SIGTERM, then SIGKILL if it has not ended after `grace` seconds; reaps it.
    @discardableResult
    public func stop(grace: Double = 2) -> Termination {
        send(SIGTERM)
        if let done = waitBlocking(seconds: grace) { return done }
        send(SIGKILL)
        // Safe: without a deadline waitBlocking() returns only with a termination
        // swift-format-ignore: NeverForceUnwrap
        return waitBlocking()!
    }

    /// Blocks until both collected outputs reached end of file, at most `seconds` (a grandchild
    /// that inherited the pipe may hold it open). Returns whether they did.
    @discardableResult
    public func waitForOutput(seconds: Double? = 10) -> Bool {
        let deadline = seconds.map { ContinuousClock.now + .milliseconds(Int($0 * 1000)) }
        while !state.snapshot().drained {
            if let deadline, ContinuousClock.now >= deadline { return false }
            usleep(2_000)
        }
        return true
    }

    /// The first line of standard output without its newline, once it is complete (or the output
    /// ended); `nil` after `seconds` without one.
    public func firstLine(seconds: Double = 30) async -> String? {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while true {
            let (out, _, drained) = state.snapshot()
            if let newline = out.firstIndex(of: 0x0A) { return String(decoding: out[..<newline], as: UTF8.self) }
            if drained { return String(decoding: out, as: UTF8.self) }
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    /// The result once the child has ended and its output is read.
    public func result() async -> Result {
        // Safe: without a deadline wait() returns only with a termination
        // swift-format-ignore: NeverForceUnwrap
        let termination = await wait()!
        while !state.snapshot().drained { try? await Task.sleep(for: .milliseconds(2)) }
        let (out, err, _) = state.snapshot()
        return Result(termination: termination, stdoutBytes: out, stderrBytes: err)
    }

    /// ``result()``, blocking.
    public func resultBlocking() -> Result {
        // Safe: without a deadline waitBlocking() returns only with a termination
        // swift-format-ignore: NeverForceUnwrap
        let termination = waitBlocking()!
        waitForOutput(seconds: nil)
        let (out, err, _) = state.snapshot()
        return Result(termination: termination, stdoutBytes: out, stderrBytes: err)
    }

    // MARK: One call

    /// Runs `executable` to its end and returns what it printed; stops it (SIGTERM, then SIGKILL)
    /// and throws ``TimedOut`` after `timeout` seconds.
    public static func run(
        _ executable: String, _ arguments: [String] = [], environment: [String: String]? = nil,
        currentDirectory: String? = nil, stdin: Input = .null, stdout: Output = .collect, stderr: Output = .collect,
        timeout: Double = 60
    ) async throws -> Result {
        let child = try ChildProcess(
            executable, arguments, environment: environment, currentDirectory: currentDirectory, stdin: stdin,
            stdout: stdout, stderr: stderr)
        guard await child.wait(seconds: timeout) != nil else {
            child.stop()
            throw TimedOut(command: child.command, seconds: timeout)
        }
        return await child.result()
    }

    /// ``run(_:_:environment:currentDirectory:stdin:stdout:stderr:timeout:)``, blocking the calling thread.
    public static func runBlocking(
        _ executable: String, _ arguments: [String] = [], environment: [String: String]? = nil,
        currentDirectory: String? = nil, stdin: Input = .null, stdout: Output = .collect, stderr: Output = .collect,
        timeout: Double = 60
    ) throws -> Result {
        let child = try ChildProcess(
            executable, arguments, environment: environment, currentDirectory: currentDirectory, stdin: stdin,
            stdout: stdout, stderr: stderr)
        guard child.waitBlocking(seconds: timeout) != nil else {
            child.stop()
            throw TimedOut(command: child.command, seconds: timeout)
        }
        return child.resultBlocking()
    }

    // MARK: State shared with the drain thread

    private final class State: @unchecked Sendable {
        struct Buffers {
            var out: [UInt8] = []
            var err: [UInt8] = []
            var drained = false
            var termination: Termination?
        }

        let pid: pid_t
        let outReader: Int32
        let errReader: Int32
        let buffers = Mutex(Buffers())

        init(pid: pid_t, outReader: Int32, errReader: Int32) {
            self.pid = pid
            self.outReader = outReader
            self.errReader = errReader
            if outReader < 0 && errReader < 0 { buffers.withLock { $0.drained = true } }
        }

        func snapshot() -> (out: [UInt8], err: [UInt8], drained: Bool) {
            buffers.withLock { ($0.out, $0.err, $0.drained) }
        }

        /// How the child ended, reaping it without blocking if it just has.
        func termination() -> Termination? {
            buffers.withLock { buffers in
                if let done = buffers.termination { return done }
                var status: Int32 = 0
                let reaped = waitpid(pid, &status, WNOHANG)
                guard reaped == pid else { return nil }
                let done = Self.decode(status)
                buffers.termination = done
                return done
            }
        }

        func reapBlocking() {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            buffers.withLock { $0.termination = $0.termination ?? Self.decode(status) }
        }

        static func decode(_ status: Int32) -> Termination {
            let signal = status & 0x7F
            return signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
        }

        /// Reads both pipes until end of file, then closes them.
        func drain() {
            var open = [outReader, errReader].filter { $0 >= 0 }
            var chunk = [UInt8](repeating: 0, count: 65536)
            while !open.isEmpty {
                var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
                let ready = poll(&fds, nfds_t(fds.count), -1)
                if ready < 0 {
                    if errno == EINTR { continue }
                    break
                }
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
                    let bytes = chunk[..<count]
                    buffers.withLock {
                        if entry.fd == outReader { $0.out += bytes } else { $0.err += bytes }
                    }
                }
            }
            buffers.withLock { $0.drained = true }
        }
    }
}

/// Held from the first pipe to the spawn, so that no two children started at once see each
/// other's pipe ends before they are marked close-on-exec.
private let spawnLock = SpawnLock()

/// A plain pthread mutex (Foundation's NSLock is not imported here).
private final class SpawnLock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t> = {
        let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        return mutex
    }()
    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
}

/// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), looked up at run time: Swift's Glibc
/// module does not declare GNU extensions.
private let addChdirAction:
    (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else {
            return nil
        }
        return unsafeBitCast(
            symbol,
            to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)
    }()

/// Runs `body` on a new detached POSIX thread.
private func startThread(_ body: @escaping @Sendable () -> Void) {
    final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    let box = Unmanaged.passRetained(Box(body)).toOpaque()
    var thread = pthread_t()
    let created = pthread_create(
        &thread, nil,
        { raw in
            // Safe: pthread_create passes back the non-nil context it was given
            // swift-format-ignore: NeverForceUnwrap
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, box)
    precondition(created == 0, "pthread_create failed: \(created)")
    pthread_detach(thread)
}

/// Runs blocking `work` on a thread of its own and resumes with its result: a blocking call on one
/// of Swift's cooperative threads (two on a 2-core machine) would stall every other test's async work.
public func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        startThread { continuation.resume(with: Swift.Result { try work() }) }
    }
}
