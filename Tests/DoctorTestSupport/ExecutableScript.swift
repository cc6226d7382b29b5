#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A script the tests write and then run as a program (a stand-in runtime, a wrapper).
///
/// Written through a descriptor opened close-on-exec: a file still open for writing in a child
/// that another test spawns at that moment makes running it fail with "text file busy" (ETXTBSY)
/// for as long as that child lives, which a plain `String.write(toFile:)` allows.
public enum ExecutableScript {
    /// A script could not be written.
    public struct WriteError: Error, CustomStringConvertible {
        /// The path, and `errno` of the step that failed.
        public var path: String
        public var code: Int32
        public var description: String { "cannot write \(path): \(String(cString: strerror(code)))" }
    }

    /// Writes `text` to a new file at `path` (mode 0755) and returns the path.
    @discardableResult
    public static func save(_ text: String, to path: String) throws(WriteError) -> String {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard fd >= 0 else { throw WriteError(path: path, code: errno) }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            // Safe: the loop runs only while bytes is non-empty: a non-empty buffer has a base address
            // swift-format-ignore: NeverForceUnwrap
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw WriteError(path: path, code: errno) }
            offset += written
        }
        // The mode given to open is masked by the umask: set it as asked.
        guard fchmod(fd, 0o755) == 0 else { throw WriteError(path: path, code: errno) }
        return path
    }
}
