import DoctorCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Redacts a file of any size into an output, streaming (see ``SecretStream``), with HAR
/// files handled by structure (``HARRedactor``).
public enum StreamRedactor {
    /// How many leading bytes are checked for NUL to tell a binary file.
    static let sniffLength = 8192

    /// Redacts `input` into `output`, choosing HAR handling when the content is a HAR document.
    ///
    /// - Throws: ``FileIOError`` when reading or writing fails, ``BinaryInputError`` for binary input.
    public static func redact(
        _ input: borrowing InputFile, to output: OutputFile, scanner: SecretScanner = SecretScanner()
    ) throws -> RedactionSummary {
        var summary = RedactionSummary()
        var har: HARRedactor?
        let stream = SecretStream(scanner: scanner)
        let path = input.path
        // Read the first piece to decide the mode.
        let head = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 1)
        defer { head.deallocate() }
        var headCount = 0
        while headCount < head.count {
            // Safe: a 64 KiB allocation: a non-empty buffer has a base address
            // swift-format-ignore: NeverForceUnwrap
            let n = try input.read(into: head.baseAddress! + headCount, count: head.count - headCount)
            if n == 0 { break }
            headCount += n
        }
        let headBytes = UnsafeRawBufferPointer(rebasing: head[0..<headCount])
        if try isHAR(head: headBytes.bindMemory(to: UInt8.self), path: path) {
            har = HARRedactor(scanner: scanner, output: output)
        }
        let emit: (SecretStream.Window) throws -> Void = { window in
            try write(window, to: output, summary: &summary)
        }
        if var harRedactor = har {
            try harRedactor.feed(headBytes)
            let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 1)
            defer { chunk.deallocate() }
            while true {
                // Safe: a fixed-size allocation: a non-empty buffer has a base address
                // swift-format-ignore: NeverForceUnwrap
                let n = try input.read(into: chunk.baseAddress!, count: chunk.count)
                if n == 0 { break }
                try harRedactor.feed(UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
            }
            try harRedactor.finish()
            summary = harRedactor.summary
        } else {
            try stream.feed(headBytes, emit)
            try stream.consume(input, emit)
        }
        try output.flush()
        return summary
    }

    /// Regular files at least this large are redacted on every core (``ParallelRedactor``).
    static let parallelThreshold = 32 << 20

    /// Redacts the file at `path` (`-` for standard input) into `output`: on `workers` cores
    /// when it is a regular file of at least ``parallelThreshold`` bytes and no HAR document,
    /// otherwise as one stream. The output is the same either way.
    ///
    /// - Throws: ``FileIOError`` when reading or writing fails, ``BinaryInputError`` for binary input.
    public static func redact(
        path: String, to output: OutputFile, scanner: SecretScanner = SecretScanner(), workers: Int = onlineProcessors
    ) async throws -> RedactionSummary {
        let input = try InputFile(path: path)
        if workers > 1, path != "-", let size = input.regularFileSize, size >= parallelThreshold {
            let head = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 1)
            defer { head.deallocate() }
            // Safe: a 64 KiB allocation: a non-empty buffer has a base address
            // swift-format-ignore: NeverForceUnwrap
            let n = try input.read(into: head.baseAddress!, count: head.count, at: 0)
            if try !isHAR(head: UnsafeRawBufferPointer(rebasing: head[0..<n]).bindMemory(to: UInt8.self), path: path) {
                return try await ParallelRedactor.redact(path: path, to: output, scanner: scanner, workers: workers)
            }
        }
        return try redact(input, to: output, scanner: scanner)
    }

    /// The processors online, the default number of workers.
    public static var onlineProcessors: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Redacts `path` into a temporary file beside it (same permissions), then renames it over the original.
    ///
    /// The original is untouched when anything fails.
    public static func redactInPlace(
        _ path: String, scanner: SecretScanner = SecretScanner(), workers: Int = onlineProcessors
    ) async throws -> RedactionSummary {
        let mode: mode_t
        do {
            let input = try InputFile(path: path)
            var info = stat()
            mode = fstat(input.descriptor, &info) == 0 ? info.st_mode & 0o7777 : 0o600
        }
        let temporary = path + ".redact-\(getpid()).tmp"
        let out = try OutputFile(creating: temporary, mode: mode)
        do {
            let summary = try await redact(path: path, to: out, scanner: scanner, workers: workers)
            try out.close()
            if rename(temporary, path) != 0 { throw FileIOError(path: path, operation: "replace", code: errno) }
            return summary
        } catch {
            try? out.close()
            unlink(temporary)
            throw error
        }
    }

    /// Writes one window with its secrets replaced by tokens, counting lines and secrets.
    static func write(_ window: SecretStream.Window, to output: OutputFile, summary: inout RedactionSummary) throws {
        var position = window.committed.lowerBound
        let bytes = window.bytes
        // Tokens are made as bytes in one scratch buffer: a string (and its copy into an array
        // to write it) per secret cost more than the scan on a log with cookie headers.
        var token: [UInt8] = []
        token.reserveCapacity(64)
        for match in window.matches {
            try output.write(UnsafeBufferPointer(rebasing: bytes[position..<match.range.lowerBound]))
            token.removeAll(keepingCapacity: true)
            RedactionToken.appendToken(
                for: UnsafeBufferPointer(rebasing: bytes[match.range]), kind: match.kind, to: &token)
            try token.withUnsafeBufferPointer { (token) throws(FileIOError) in try output.write(token) }
            summary.replaced[match.kind.label, default: 0] += 1
            summary.bytesOut += token.count + match.range.lowerBound - position
            position = match.range.upperBound
        }
        try output.write(UnsafeBufferPointer(rebasing: bytes[position..<window.committed.upperBound]))
        summary.bytesOut += window.committed.upperBound - position
        summary.bytesIn += window.committed.count
        summary.lines += ScanKernel().lineBreaks(in: UnsafeBufferPointer(rebasing: bytes[window.committed]))
    }

    /// Whether the first bytes of a document look like a HAR file (`{` … `"log"`), which
    /// ``redact(_:to:scanner:)`` rewrites by structure rather than as text.
    public static func looksLikeHAR(_ head: UnsafeBufferPointer<UInt8>) -> Bool {
        HARRedactor.looksLikeHAR(head)
    }

    /// How an input that starts with `head` is redacted: `true` for a HAR document (by
    /// structure), `false` for text (as a stream).
    ///
    /// - Throws: ``BinaryInputError`` when the head holds a NUL byte.
    static func isHAR(head: UnsafeBufferPointer<UInt8>, path: String) throws(BinaryInputError) -> Bool {
        if looksBinary(head) { throw BinaryInputError(path: path) }
        return HARRedactor.looksLikeHAR(head)
    }

    /// Whether the first bytes of an input hold a NUL byte (what `grep` and `git` call binary).
    static func looksBinary(_ head: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = min(head.count, sniffLength)
        guard n > 0 else { return false }
        return memchrNUL(UnsafeBufferPointer(rebasing: head[0..<n]))
    }

    private static func memchrNUL(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.contains(0)
    }
}
