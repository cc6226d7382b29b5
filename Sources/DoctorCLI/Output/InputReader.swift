#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an input file or standard input within a memory bound.
///
/// Inputs of any size are accepted: the first `headLimit` bytes are kept whole and, past
/// that, only the last `tailLimit` bytes, so a 2 GB log still ends with its final error.
public struct BoundedInput: Sendable {
    /// The bytes kept.
    public var bytes: [UInt8]
    /// The size of the whole input.
    public var totalSize: Int
    /// Whether bytes were dropped from the middle.
    public var wasTruncated: Bool { totalSize > bytes.count }

    /// Reads `path`, or standard input for `-` or `nil`.
    ///
    /// - Throws: ``CLIError/unreadableInput(path:reason:)`` when the file cannot be opened or read.
    public static func read(path: String?, headLimit: Int = 64 << 20, tailLimit: Int = 1 << 20) throws -> BoundedInput {
        let fd: Int32
        let name = path ?? "-"
        if name == "-" {
            fd = STDIN_FILENO
        } else {
            fd = open(name, O_RDONLY)
            // A directory opens, and its first read fails with EISDIR ("Is a directory"), reported below.
            guard fd >= 0 else { throw CLIError.unreadableInput(path: name, reason: String(cString: strerror(errno))) }
        }
        defer { if fd != STDIN_FILENO { close(fd) } }

        var head: [UInt8] = []
        var tail: [UInt8] = []  // the bytes after the head, of which the last tailLimit are kept
        var total = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            // Safe: the chunk is non-empty: a non-empty buffer has a base address
            // swift-format-ignore: NeverForceUnwrap
            let n = chunk.withUnsafeMutableBytes { Glibc_read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError.unreadableInput(path: name, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            total += n
            var slice = chunk[0..<n]
            if head.count < headLimit {
                let take = min(headLimit - head.count, slice.count)
                head.append(contentsOf: slice.prefix(take))
                slice = slice.dropFirst(take)
            }
            tail.append(contentsOf: slice)
            // Keep at most twice the limit, trimming in bulk so the cost stays linear.
            if tail.count > 2 * tailLimit { tail.removeFirst(tail.count - tailLimit) }
        }
        if tail.isEmpty { return BoundedInput(bytes: head, totalSize: total) }
        let ordered = tail.suffix(tailLimit)
        let marker = Array("\n…\n".utf8)
        return BoundedInput(bytes: head + marker + Array(ordered), totalSize: total)
    }
}

private func Glibc_read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(fd, buffer, count)
    #else
    return Darwin.read(fd, buffer, count)
    #endif
}
