import DoctorCore

/// Audits one file, or one byte range of it: credentials by line, and OpenAI error records.
struct FileAuditor: Sendable {
    /// What one file (or range) held.
    struct Result: Sendable {
        /// The credentials found, lines counted from the start of the range.
        var findings: [AuditFinding] = []
        /// Error records by cause.
        var records: [CauseID: ErrorRecordTally] = [:]
        /// The line breaks in the range.
        var lines = 0
        /// The bytes read.
        var bytes = 0
        /// Whether the file was skipped as binary.
        var isBinary = false
    }

    /// The scanner in use.
    var scanner: SecretScanner
    /// Whether to look for OpenAI error records too.
    var readsErrorRecords: Bool
    /// Error-record verdicts shared with the other workers of the same audit, if any.
    var verdicts: ErrorRecordReader.SharedVerdicts?

    /// Creates an auditor.
    init(
        scanner: SecretScanner = SecretScanner(), readsErrorRecords: Bool = true,
        verdicts: ErrorRecordReader.SharedVerdicts? = nil
    ) {
        self.scanner = scanner
        self.readsErrorRecords = readsErrorRecords
        self.verdicts = verdicts
    }

    /// Audits `path`, or only the bytes in `range` of it (for splitting a large file between workers).
    func audit(path: String, range: Range<Int>? = nil) throws -> Result {
        let input = try InputFile(path: path)
        let stream = SecretStream(scanner: scanner, collectsErrorMarks: readsErrorRecords)
        var result = Result()
        var records = ErrorRecordReader(shared: verdicts)
        var census = ErrorRecordCensus()
        var lineBase = 0  // line breaks before the current window's committed start
        var first = range.map { $0.lowerBound == 0 } ?? true
        // A range's last window may run on past its end to finish a secret; what lies there
        // belongs to the next range, which reads it too.
        let lower = range?.lowerBound ?? 0
        let upper = range?.upperBound ?? Int.max
        var recordEnd = 0  // where the last record read ends, in file offsets: its other marks are skipped
        try stream.consume(input, range: range) { window in
            if first {
                first = false
                let head = UnsafeBufferPointer(
                    rebasing: window.bytes[
                        window.committed
                            .lowerBound..<min(
                                window.bytes.count, window.committed.lowerBound + StreamRedactor.sniffLength)])
                if StreamRedactor.looksBinary(head) {
                    result.isBinary = true
                    return false
                }
            }
            // Events in order: credentials and error-record candidates; lines counted up to each.
            var cursor = window.committed.lowerBound
            var linesSoFar = lineBase
            func advance(to position: Int) {
                if position > cursor {
                    linesSoFar += ScanKernel().lineBreaks(
                        in: UnsafeBufferPointer(rebasing: window.bytes[cursor..<position]))
                    cursor = position
                }
            }
            for match in window.matches where match.kind.isCredential {
                advance(to: match.range.lowerBound)
                let secret = UnsafeBufferPointer(rebasing: window.bytes[match.range])
                let keyKind = match.kind.keyKind
                let lineStart = Self.lineStart(
                    window.bytes, before: match.range.lowerBound, atFileStart: window.offset == 0)
                var finding = AuditFinding(
                    path: path, line: linesSoFar + 1,
                    column: lineStart.map { match.range.lowerBound - $0 + 1 },
                    kind: match.kind.auditKind, keyType: keyKind?.rawValue,
                    fingerprint: keyKind != nil
                        ? KeyFingerprint.fingerprint(utf8: secret) : "[\(match.kind.auditKind)]",
                    token: RedactionToken.token(for: secret, kind: match.kind)
                )
                finding.offset = window.offset + match.range.lowerBound
                finding.length = match.range.count
                result.findings.append(finding)
            }
            advance(to: window.committed.upperBound)
            if readsErrorRecords {
                var next = max(window.committed.lowerBound, recordEnd - window.offset)
                for position in window.errorMarks where position >= next {
                    if window.offset + position >= upper { break }
                    // The record around the candidate: its line, or a bounded window of a very long line.
                    let lineStart = Self.lineStart(window.bytes, before: position, atFileStart: window.offset == 0)
                    let start = max(lineStart ?? 0, position - Self.recordContextBefore)
                    let cap = min(window.bytes.count, position + Self.recordContextAfter)
                    let found = ScanKernel.firstLineBreak(
                        in: UnsafeBufferPointer(rebasing: window.bytes[position..<cap]))
                    let end = found.map { position + $0 } ?? cap
                    next = end
                    recordEnd = window.offset + end
                    // A record whose line begins in the range before and has a mark there was counted there.
                    let from = lineStart ?? start
                    if window.offset + from < lower,
                        Self.holdsErrorMark(window.bytes, from..<min(position, lower - window.offset))
                    {
                        continue
                    }
                    let line = UnsafeBufferPointer(rebasing: window.bytes[start..<end])
                    if let cause = records.cause(of: line) { census.add(cause, line: line) }
                }
            }
            lineBase = linesSoFar
            result.bytes += min(window.committed.upperBound, upper - window.offset) - window.committed.lowerBound
            return true
        }
        result.lines = lineBase
        result.records = census.tallies(path: path)
        return result
    }

    /// Bytes of a long line read before an error-record candidate.
    static let recordContextBefore = 256
    /// Bytes of a long line read after an error-record candidate.
    static let recordContextAfter = 1536

    /// Whether an error-record mark (`rror`, as the scanner marks it) starts in `range` of `bytes`.
    static func holdsErrorMark(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard !range.isEmpty, let base = bytes.baseAddress else { return false }
        let view = Bytes(base: base, count: bytes.count)
        return range.contains { view.matches("rror", at: $0) }
    }

    /// The index just after the previous line break before `position`, if it is in the buffer.
    static func lineStart(_ bytes: UnsafeBufferPointer<UInt8>, before position: Int, atFileStart: Bool) -> Int? {
        let stop = max(0, position - ErrorRecordReader.lineLimit)
        if position > stop {
            if let found = ScanKernel.lastLineBreak(in: UnsafeBufferPointer(rebasing: bytes[stop..<position])) {
                return stop + found + 1
            }
        }
        return stop == 0 && atFileStart ? 0 : nil
    }
}
