/// Recognises OpenAI error records in log lines and sorts them by cause, time and request id.
///
/// Candidates are lines holding `rror` (an `"error"` envelope, `Error code: 429`,
/// `RateLimitError`…), which ``SecretScanner`` marks in the same pass that finds secrets. Each candidate line goes through ``EvidenceExtractor`` and
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
    ///
    /// `wantsRequestID` says, for the record's cause, whether its request id is still wanted
    /// (a tally keeps only the first few), so that most lines skip the search for it.
    public mutating func record(
        in line: UnsafeBufferPointer<UInt8>, wantsRequestID: (CauseID) -> Bool = { _ in true }
    ) -> Record? {
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
        return Record(cause: cause, requestID: wantsRequestID(cause) ? Self.requestID(in: line) : nil, hour: Self.hour(in: line))
    }

    /// The classifier's cause for a line, or `nil` when the line is no error record.
    static func classify(_ line: UnsafeBufferPointer<UInt8>) -> CauseID? {
        guard let evidence = EvidenceExtractor.extract(from: Array(line)).first else { return nil }
        let failing = (evidence.status ?? 0) >= 400
        guard failing || evidence.error.type != nil || evidence.error.code != nil else { return nil }
        return Classifier.classify(evidence).cause
    }

    /// A hash of the line with every digit-holding token folded (three-digit numbers kept).
    ///
    /// Computed for every candidate line, so it is built for speed: bytes are shifted into
    /// 64-bit words and only full words go through a multiply, which keeps the dependency
    /// chain short (a byte-at-a-time FNV spends its time waiting on the multiplier).
    static func shapeKey(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var line = ShapeHasher()
        var word = ShapeHasher()
        var length = 0
        var digits = 0
        for b in bytes {
            if ByteClass.isAlphanumeric(b) || b == UInt8(ascii: "_") {
                word.add(b)
                length += 1
                digits += ByteClass.isDigit(b) ? 1 : 0
                continue
            }
            if length > 0 {
                line.add(word: digits == 0 || (digits == 3 && length == 3) ? word.value : UInt64(UInt8(ascii: "#")))
                word = ShapeHasher()
                length = 0
                digits = 0
            }
            line.add(b)
        }
        if length > 0 { line.add(word: digits == 0 || (digits == 3 && length == 3) ? word.value : UInt64(UInt8(ascii: "#"))) }
        return Int(bitPattern: UInt(line.value))
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

/// A fast 64-bit hash of a byte sequence: eight bytes packed per multiply.
struct ShapeHasher {
    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    private var pending: UInt64 = 0
    private var count = 0

    @inline(__always) mutating func add(_ byte: UInt8) {
        pending = pending << 8 | UInt64(byte)
        count += 1
        if count == 8 { flush() }
    }

    /// Adds an already hashed value as one unit.
    @inline(__always) mutating func add(word: UInt64) {
        flush()
        mix(word)
    }

    @inline(__always) private mutating func mix(_ x: UInt64) {
        hash = (hash ^ x) &* 0x9E37_79B9_7F4A_7C15
        hash ^= hash >> 29
    }

    @inline(__always) private mutating func flush() {
        if count > 0 { mix(pending ^ UInt64(count) << 61) }
        pending = 0
        count = 0
    }

    /// The hash of everything added.
    var value: UInt64 {
        var copy = self
        copy.flush()
        return copy.hash
    }
}
