#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a file (`--output FILE`, a baseline), and the one-line progress indicator on standard error.
///
/// Commands write their document through ``CommandOutput``, which calls ``write(_:to:)`` for `--output`.
public enum LiveOutput {
    /// Writes `text` to `path`, replacing it.
    ///
    /// - Throws: ``CLIError/unreadableInput(path:reason:)`` (exit 66) when the file cannot be written.
    public static func write(_ text: String, to path: String) throws(CLIError) {
        guard let file = fopen(path, "w") else {
            throw CLIError.unreadableInput(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        let bytes = Array(text.utf8)
        if !bytes.isEmpty, fwrite(bytes, 1, bytes.count, file) != bytes.count {
            throw CLIError.unreadableInput(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Writes `text` to standard error as is (no newline), for a progress line that rewrites itself.
    public static func progress(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { buffer in
            #if canImport(Glibc)
            Glibc.write(STDERR_FILENO, buffer.baseAddress, buffer.count)
            #else
            Darwin.write(STDERR_FILENO, buffer.baseAddress, buffer.count)
            #endif
        }
    }
}
