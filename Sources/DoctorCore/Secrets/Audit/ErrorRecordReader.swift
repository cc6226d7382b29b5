/// Recognises OpenAI error records in log lines and sorts them by cause, time and request id.
///
/// Candidates are lines holding `rror` (an `"error"` envelope, `Error code: 429`,
/// `RateLimitError`…). Each candidate line goes through ``EvidenceExtractor`` and
/// ``Classifier``, the same pipeline as `explain`; a line counts when the evidence shows a
/// failing status or an error object. Logs repeat the same failure thousands of times with
/// different ids and numbers, so verdicts are cached by the line's shape (every token
/// holding a digit folded, three-digit status codes kept).
public struct ErrorRecordReader {
    /// The verdict on one line.
    public struct Record: Sendable, Hashable {
        /// The cause the classifier named.
        public var cause: CauseID
        /// The request id on the line, if any.
        public var requestID: String?
        /// The hour the line is stamped with (`2026-11-26T10`), if it carries an ISO 8601 time.
        public var hour: String?
    }

    private var cache: [Int: CauseID?] = [:]
    /// Longest line examined; longer lines are cut there.
    public static let lineLimit = 16 << 10

    /// Creates a reader.
    public init() {}

    /// The record on `line` (UTF-8 bytes, without its line break), or `nil` when it holds none.
    public mutating func record(in line: UnsafeBufferPointer<UInt8>) -> Record? {
        let key = Self.shapeKey(line)
        let cause: CauseID?
        if let cached = cache[key] {
            cause = cached
        } else {
            cause = Self.classify(line)
            if cache.count > 50_000 { cache.removeAll(keepingCapacity: true) }
            cache[key] = cause
        }
        guard let cause else { return nil }
        return Record(cause: cause, requestID: Self.requestID(in: line), hour: Self.hour(in: line))
    }

    /// The classifier's cause for a line, or `nil` when the line is no error record.
    static func classify(_ line: UnsafeBufferPointer<UInt8>) -> CauseID? {
        guard let evidence = EvidenceExtractor.extract(from: Array(line)).first else { return nil }
        let failing = (evidence.status ?? 0) >= 400
        guard failing || evidence.error.type != nil || evidence.error.code != nil else { return nil }
        return Classifier.classify(evidence).cause
    }

    /// A hash of the line with every digit-holding token folded (three-digit numbers kept).
    static func shapeKey(_ line: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        var i = 0
        while i < line.count {
            let b = line[i]
            if ByteClass.isAlphanumeric(b) || b == UInt8(ascii: "_") {
                var j = i
                var digits = 0
                while j < line.count, ByteClass.isAlphanumeric(line[j]) || line[j] == UInt8(ascii: "_") {
                    if ByteClass.isDigit(line[j]) { digits += 1 }
                    j += 1
                }
                if digits == 0 || (digits == 3 && j - i == 3) {
                    hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(line)[i..<j]))
                } else {
                    hasher.combine(UInt8(ascii: "#"))
                }
                i = j
            } else {
                hasher.combine(b)
                i += 1
            }
        }
        return hasher.finalize()
    }

    /// The first `req_…` token, or the value after `request id` / `request_id` / `x-request-id`.
    static func requestID(in line: UnsafeBufferPointer<UInt8>) -> String? {
        let bytes = Bytes(base: line.baseAddress!, count: line.count)
        var i = 0
        while i + 4 < line.count {
            if line[i] == UInt8(ascii: "r"), bytes.matches("req_", at: i), bytes.boundaryBefore(i) {
                let n = bytes.run(from: i + 4, .alphanumeric, cap: 64)
                if n >= 8 { return String(decoding: UnsafeBufferPointer(rebasing: line[i..<(i + 4 + n)]), as: UTF8.self) }
            }
            if line[i] == UInt8(ascii: "r") || line[i] == UInt8(ascii: "R"),
                bytes.matchesFolded("request", at: i), bytes[i + 7] == 0x20 || bytes[i + 7] == 0x5F || bytes[i + 7] == 0x2D,
                bytes.matchesFolded("id", at: i + 8)
            {
                var j = i + 10
                while j < line.count, [0x20, 0x3A, 0x3D, 0x22, 0x27].contains(line[j]) { j += 1 }
                let n = bytes.run(from: j, .urlSafe, cap: 80)
                if n >= 8 { return String(decoding: UnsafeBufferPointer(rebasing: line[j..<(j + n)]), as: UTF8.self) }
            }
            i += 1
        }
        return nil
    }

    /// `YYYY-MM-DDTHH` of the first ISO 8601 date-time on the line.
    static func hour(in line: UnsafeBufferPointer<UInt8>) -> String? {
        guard line.count >= 13 else { return nil }
        let d = ByteClass.isDigit
        var i = 0
        while i + 13 <= line.count {
            if d(line[i]), d(line[i + 1]), d(line[i + 2]), d(line[i + 3]), line[i + 4] == 0x2D, d(line[i + 5]), d(line[i + 6]),
                line[i + 7] == 0x2D, d(line[i + 8]), d(line[i + 9]), line[i + 10] == UInt8(ascii: "T") || line[i + 10] == 0x20,
                d(line[i + 11]), d(line[i + 12])
            {
                var text = Array(line[i..<(i + 13)])
                text[10] = UInt8(ascii: "T")
                return String(decoding: text, as: UTF8.self)
            }
            i += 1
        }
        return nil
    }
}

/// Finds the lines of a buffer that hold `rror`, sixteen positions at a time.
enum ErrorCandidateFinder {
    /// Calls `body` with the start of each `rror` in `bytes[range]` (the caller skips to the line end).
    static func each(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ body: (Int) -> Int) {
        guard let base = bytes.baseAddress else { return }
        typealias V = SIMD16<UInt8>
        var i = range.lowerBound
        let end = min(range.upperBound, bytes.count - 3)
        while i + 19 <= bytes.count && i < end {
            let v0 = UnsafeRawPointer(base + i).loadUnaligned(as: V.self)
            let v1 = UnsafeRawPointer(base + i + 1).loadUnaligned(as: V.self)
            let v2 = UnsafeRawPointer(base + i + 2).loadUnaligned(as: V.self)
            let r = V(repeating: UInt8(ascii: "r"))
            let m = (v0 .== r) .& (v1 .== r) .& (v2 .== V(repeating: UInt8(ascii: "o")))
            let words = unsafeBitCast(m, to: SIMD2<UInt64>.self)
            if words[0] | words[1] != 0 {
                var lanes = UInt32(AnchorFilter.movemask(words[0])) | UInt32(AnchorFilter.movemask(words[1])) << 8
                var next = i + 16
                while lanes != 0 {
                    let q = i + lanes.trailingZeroBitCount
                    lanes &= lanes &- 1
                    guard q < end, base[q + 3] == UInt8(ascii: "r") else { continue }
                    next = max(next, body(q))
                    break
                }
                i = next
                continue
            }
            i += 16
        }
        while i < end {
            if base[i] == UInt8(ascii: "r"), base[i + 1] == UInt8(ascii: "r"), base[i + 2] == UInt8(ascii: "o"),
                base[i + 3] == UInt8(ascii: "r")
            {
                i = max(i + 1, body(i))
            } else {
                i += 1
            }
        }
    }
}
