import DoctorCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Redacts a large regular file on every core, with the output still in order.
///
/// The file is cut into segments (``segmentSize`` bytes by default). Workers scan segments side by
/// side (the same ``SecretStream`` windows as a sequential run, so a secret that crosses a
/// segment boundary is found whole) and hand back only where the secrets are and what
/// replaces them. The calling task writes the segments in order: the bytes between secrets
/// go straight from the input file to the output (``OutputFile/copy(from:range:)``), then
/// each secret's token. At most `workers + 1` segments are in flight, so memory stays flat
/// however large the file is.
///
/// Used by ``StreamRedactor/redact(path:to:scanner:workers:)`` for regular files of at least
/// ``StreamRedactor/parallelThreshold`` bytes that are not HAR documents.
enum ParallelRedactor {
    /// The bytes one worker scans at a time.
    static let segmentSize = 2 << 20

    /// One scanned segment: its secrets (absolute offsets) and what replaces them, in order.
    ///
    /// The text written for a secret (its token, and before it the bytes since the secret
    /// before when those were in the same window) sits in one byte store per segment. A cookie
    /// header holds several secrets a few bytes apart; copying each short gap from the file
    /// (`sendfile(2)`) and each token (`write(2)`) as calls of their own cost two system calls
    /// per secret, which made `redact` of a log with cookie lines slower than `cat`.
    struct Segment: Sendable {
        /// One secret: where it is, its label, and its text in ``text``.
        struct Replacement: Sendable {
            var range: Range<Int>
            var label: String
            /// The bytes to write: the gap from ``gapStart`` (when stored), then the token.
            var text: Range<Int>
            /// Where the stored gap begins in the file (the previous secret's end), or
            /// `Int.min` when ``text`` holds the token alone.
            var gapStart: Int
        }

        var replacements: [Replacement] = []
        /// The stored gaps and tokens of every replacement, one after another.
        var text: [UInt8] = []
        var lines = 0
        /// Where the scan stopped: the segment's end, or later when a secret crosses it.
        var end = 0
    }

    /// The longest gap between two secrets that is stored with the token rather than copied from the file.
    static let storedGap = 4096

    /// Redacts the regular file at `path` into `output` using `workers` cores, `segmentSize`
    /// bytes at a time.
    static func redact(
        path: String, to output: OutputFile, scanner: SecretScanner, workers: Int, segmentSize: Int = segmentSize
    ) async throws -> RedactionSummary {
        let input = try InputFile(path: path)
        guard let size = input.regularFileSize else {
            throw FileIOError(path: path, operation: "read", code: ESPIPE)
        }
        let count = max(1, (size + segmentSize - 1) / segmentSize)
        var summary = RedactionSummary()
        var position = 0
        try await withThrowingTaskGroup(of: (Int, Segment).self) { group in
            var launched = 0
            func launch() {
                guard launched < count else { return }
                let index = launched
                let lower = index * segmentSize
                // The last segment reads to the end of the file as it is when it gets there.
                let range = lower..<(index == count - 1 ? Int.max : lower + segmentSize)
                group.addTask { (index, try scan(path: path, range: range, scanner: scanner)) }
                launched += 1
            }
            for _ in 0..<min(count, workers + 1) { launch() }
            var ready: [Int: Segment] = [:]
            var next = 0
            while next < count, let (index, segment) = try await group.next() {
                ready[index] = segment
                while let segment = ready.removeValue(forKey: next) {
                    try write(segment, from: input, to: output, position: &position, summary: &summary)
                    next += 1
                    launch()
                }
            }
        }
        try output.flush()
        return summary
    }

    /// Scans one segment of the file.
    static func scan(path: String, range: Range<Int>, scanner: SecretScanner) throws -> Segment {
        let input = try InputFile(path: path)
        let stream = SecretStream(scanner: scanner)
        var segment = Segment()
        segment.end = range.lowerBound
        try stream.consume(input, range: range) { window in
            for match in window.matches {
                let secret = UnsafeBufferPointer(rebasing: window.bytes[match.range])
                let range = (window.offset + match.range.lowerBound)..<(window.offset + match.range.upperBound)
                let textStart = segment.text.count
                var gapStart = Int.min
                // The bytes since the secret before, when short and still in this window.
                if let last = segment.replacements.last?.range.upperBound, last <= range.lowerBound,
                    range.lowerBound - last <= storedGap, last >= window.offset
                {
                    segment.text.append(contentsOf: window.bytes[(last - window.offset)..<match.range.lowerBound])
                    gapStart = last
                }
                RedactionToken.appendToken(for: secret, kind: match.kind, to: &segment.text)
                segment.replacements.append(
                    .init(
                        range: range, label: match.kind.label, text: textStart..<segment.text.count, gapStart: gapStart)
                )
            }
            segment.lines += ScanKernel().lineBreaks(in: UnsafeBufferPointer(rebasing: window.bytes[window.committed]))
            segment.end = window.offset + window.committed.upperBound
            return true
        }
        return segment
    }

    /// Writes one segment after the ones before it; `position` is how far the output has got.
    static func write(
        _ segment: Segment, from input: borrowing InputFile, to output: OutputFile, position: inout Int,
        summary: inout RedactionSummary
    ) throws {
        // A secret that crossed into this segment was written whole by the one before.
        try segment.text.withUnsafeBufferPointer { (text) throws(FileIOError) in
            for replacement in segment.replacements where replacement.range.lowerBound >= position {
                var written = replacement.text
                if replacement.gapStart != position {
                    // No stored gap, or not from here: copy the gap from the file, write the token alone.
                    if replacement.gapStart != Int.min {
                        let stored = replacement.range.lowerBound - replacement.gapStart
                        written = (written.lowerBound + stored)..<written.upperBound
                    }
                    try output.copy(from: input, range: position..<replacement.range.lowerBound)
                    summary.bytesOut += replacement.range.lowerBound - position
                }
                try output.write(UnsafeBufferPointer(rebasing: text[written]))
                summary.bytesOut += written.count
                summary.replaced[replacement.label, default: 0] += 1
                position = replacement.range.upperBound
            }
        }
        if segment.end > position {
            try output.copy(from: input, range: position..<segment.end)
            summary.bytesOut += segment.end - position
            position = segment.end
        }
        summary.bytesIn = position
        summary.lines += segment.lines
    }
}
