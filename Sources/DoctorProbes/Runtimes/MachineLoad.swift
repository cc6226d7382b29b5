#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How busy the machine is as the runtimes' probes start: what decides whether the probes with a
/// short start-up yield the CPU to the longest one (``RuntimeRunner/niceness(for:load:)``).
struct MachineLoad: Sendable, Equatable {
    /// The processors online, at least 1.
    var processors: Int
    /// Threads runnable right now other than the one asking (Linux: `/proc/loadavg`), `nil` elsewhere.
    var otherRunnable: Int?
    /// The load average over the last minute (`getloadavg`), `nil` where the system gives none.
    var lastMinute: Double?

    /// Whether nothing else keeps the processors busy: fewer other runnable threads than
    /// processors right now, and a last minute's load average below the processor count plus one
    /// (the probes' own earlier runs and one other busy process stay under it). The minute's
    /// average lags a load that just began, and a snapshot can miss one that pauses: both must
    /// agree where both are known, and a machine that tells neither is taken as busy.
    var isNearlyIdle: Bool {
        guard otherRunnable != nil || lastMinute != nil else { return false }
        if let otherRunnable, otherRunnable >= processors { return false }
        if let lastMinute, lastMinute >= Double(processors + 1) { return false }
        return true
    }

    /// The machine's load now. Read before the run starts its own threads, which would count.
    static func current() -> MachineLoad {
        var averages = [0.0]
        return MachineLoad(
            processors: max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))),
            otherRunnable: runnableNow().map { max(0, $0 - 1) },
            lastMinute: getloadavg(&averages, 1) == 1 ? averages[0] : nil)
    }

    /// The fourth field of `/proc/loadavg` before its slash (`0.52 0.58 0.59 2/187 4242`): the
    /// threads runnable at this instant, the reader included.
    static func runnableNow(procLoadavg path: String = "/proc/loadavg") -> Int? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        // Safe: a fixed-size buffer: a non-empty buffer has a base address
        // swift-format-ignore: NeverForceUnwrap
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
        guard count > 0 else { return nil }
        return parseRunnable(String(decoding: buffer[..<count], as: UTF8.self))
    }

    /// The runnable count in a `/proc/loadavg` line, `nil` when the line is not of that form.
    static func parseRunnable(_ line: String) -> Int? {
        let fields = line.split(separator: " ")
        guard fields.count >= 4, let slash = fields[3].firstIndex(of: "/") else { return nil }
        return Int(fields[3][..<slash])
    }
}
