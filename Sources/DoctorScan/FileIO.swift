import DoctorCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be read or written: the path, the operation and the system's reason.
public struct FileIOError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path involved (`-` for standard input or output).
    public var path: String
    /// What was being done (`open`, `read`, `write`, `rename`…).
    public var operation: String
    /// The `errno` value.
    public var code: Int32

    /// Creates an error for `path`.
    public init(path: String, operation: String, code: Int32) {
        self.path = path
        self.operation = operation
        self.code = code
    }

    /// The system's wording for the error, e.g. "Permission denied".
    public var reason: String { String(cString: strerror(code)) }

    /// "cannot read PATH: REASON".
    public var description: String { "cannot \(operation) \(path): \(reason)" }
}

/// A file opened for reading, read in fixed-size pieces with `read(2)` (never mapped: a
/// mapped log that is truncated by rotation while being read would kill the process).
public struct InputFile: ~Copyable {
    /// The descriptor.
    public let descriptor: Int32
    /// The path as given (`-` for standard input).
    public let path: String
    private let owned: Bool

    /// Opens `path` for reading; `-` is standard input.
    public init(path: String) throws(FileIOError) {
        self.path = path
        if path == "-" {
            descriptor = 0
            owned = false
            return
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileIOError(path: path, operation: "read", code: errno) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw FileIOError(path: path, operation: "read", code: EISDIR)
        }
        descriptor = fd
        owned = true
    }

    /// Reads up to `count` bytes into `buffer`; 0 at the end of the file.
    public func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(FileIOError) -> Int {
        while true {
            #if canImport(Glibc)
            let n = Glibc.read(descriptor, buffer, count)
            #else
            let n = Darwin.read(descriptor, buffer, count)
            #endif
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw FileIOError(path: path, operation: "read", code: errno)
        }
    }

    /// Reads up to `count` bytes at `offset` (without moving the file position); 0 at the end.
    public func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) throws(FileIOError) -> Int {
        while true {
            let n = pread(descriptor, buffer, count, off_t(offset))
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw FileIOError(path: path, operation: "read", code: errno)
        }
    }

    /// The size in bytes when the input is a regular file; `nil` for pipes, terminals and sockets.
    public var regularFileSize: Int? {
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    deinit {
        if owned { close(descriptor) }
    }
}

/// A buffered writer to a file descriptor (standard output, or a file it created).
public final class OutputFile {
    /// The path as given (`-` for standard output).
    public let path: String
    private let descriptor: Int32
    private let owned: Bool
    private var buffer: [UInt8] = []
    private static let capacity = 1 << 20

    /// Standard output.
    public init() {
        path = "-"
        descriptor = 1
        owned = false
        buffer.reserveCapacity(Self.capacity)
    }

    /// Creates (or truncates) `path` for writing, with the permissions of `mode`.
    public init(creating path: String, mode: mode_t = 0o644) throws(FileIOError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileIOError(path: path, operation: "write", code: errno) }
        self.path = path
        descriptor = fd
        owned = true
        buffer.reserveCapacity(Self.capacity)
    }

    /// Appends bytes, writing through when the buffer is full.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(FileIOError) {
        if buffer.count + bytes.count > Self.capacity { try flush() }
        if bytes.count >= Self.capacity {
            try writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// Appends a string's UTF-8 bytes.
    public func write(_ text: String) throws(FileIOError) {
        var copy = text
        let bytes = copy.withUTF8 { Array($0) }
        try bytes.withUnsafeBufferPointer { (buffer) throws(FileIOError) in try write(buffer) }
    }

    /// Writes out whatever is buffered.
    public func flush() throws(FileIOError) {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBufferPointer { (bytes) throws(FileIOError) in try writeAll(bytes) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) throws(FileIOError) {
        var done = 0
        while done < bytes.count {
            #if canImport(Glibc)
            // Safe: the loop runs only while bytes is non-empty: a non-empty buffer has a base address
            // swift-format-ignore: NeverForceUnwrap
            let n = Glibc.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            #else
            // Safe: the loop runs only while bytes is non-empty: a non-empty buffer has a base address
            // swift-format-ignore: NeverForceUnwrap
            let n = Darwin.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            #endif
            if n < 0 {
                if errno == EINTR { continue }
                throw FileIOError(path: path, operation: "write", code: errno)
            }
            done += n
        }
    }

    /// Copies `range` of `input` to the output, in order after what was written before.
    ///
    /// The bytes go from file to file inside the kernel (`sendfile(2)`: no copy through this
    /// process, and none at all into a pipe or `/dev/null`); where the kernel refuses, they
    /// are read and written through the buffer. Stops early at the end of the input.
    public func copy(from input: borrowing InputFile, range: Range<Int>) throws(FileIOError) {
        guard !range.isEmpty else { return }
        try flush()
        var offset = off_t(range.lowerBound)
        var left = range.count
        #if canImport(Glibc)
        while left > 0 {
            let n = sendfile(descriptor, input.descriptor, &offset, min(left, 1 << 30))
            if n > 0 {
                left -= n
                continue
            }
            if n == 0 { return }  // the input ended early
            if errno == EINTR || errno == EAGAIN { continue }
            if errno == EINVAL || errno == ENOSYS || errno == EXDEV { break }  // no sendfile here: copy below
            throw FileIOError(path: path, operation: "write", code: errno)
        }
        #endif
        guard left > 0 else { return }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: min(left, 256 << 10), alignment: 1)
        defer { chunk.deallocate() }
        while left > 0 {
            // Safe: an allocation of at least one byte (left > 0): a non-empty buffer has a base address
            // swift-format-ignore: NeverForceUnwrap
            let n = try input.read(into: chunk.baseAddress!, count: min(left, chunk.count), at: Int(offset))
            if n == 0 { return }
            // Safe: an allocation of at least one byte (left > 0): a non-empty buffer has a base address
            // swift-format-ignore: NeverForceUnwrap
            try writeAll(UnsafeBufferPointer(start: chunk.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n))
            offset += off_t(n)
            left -= n
        }
    }

    /// Flushes and closes the file (standard output is flushed only).
    public func close() throws(FileIOError) {
        try flush()
        #if canImport(Glibc)
        if owned, Glibc.close(descriptor) != 0 { throw FileIOError(path: path, operation: "write", code: errno) }
        #else
        if owned, Darwin.close(descriptor) != 0 { throw FileIOError(path: path, operation: "write", code: errno) }
        #endif
    }
}
