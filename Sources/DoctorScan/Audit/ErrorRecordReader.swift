import DoctorCore
import Synchronization

/// Recognises OpenAI error records in log lines and sorts them by cause, time and request id.
///
/// Candidates are lines holding `rror` (an `"error"` envelope, `Error code: 429`,
/// `RateLimitError`…), which ``SecretScanner`` marks in the same pass that finds secrets. Each candidate line goes through ``EvidenceExtractor`` and
/// ``Classifier``, the same pipeline as `explain`; a line counts when the evidence shows a
/// failing status or an error object. Logs repeat the same failure thousands of times with
/// different ids and numbers, so verdicts are cached by the line's shape (every token
/// holding a digit folded, three-digit status codes kept).
struct ErrorRecordReader {
    /// The verdict on one line.
    struct Record: Sendable, Hashable {
        /// The cause the classifier named.
        var cause: CauseID
        /// The request id on the line, if any.
        var requestID: String?
        /// The hour the line is stamped with (`2026-11-26T10`), if it carries an ISO 8601 time.
        var hour: String?
    }

    private var cache: [Int: CauseID?] = [:]
    private let shared: SharedVerdicts?
    /// Longest line examined; longer lines are cut there.
    static let lineLimit = 16 << 10

    /// Verdicts by line shape, shared by the readers of one audit: each worker reads its own
    /// ranges of a file, and a shape classified by one is not classified again by the others.
    final class SharedVerdicts: Sendable {
        private let verdicts = Mutex<[Int: CauseID?]>([:])

        /// Creates an empty table.
        init() {}

        /// The verdict on `key`, if some reader has reached one.
        func verdict(_ key: Int) -> CauseID?? { verdicts.withLock { $0[key] } }

        /// Records the verdict on `key`.
        func record(_ verdict: CauseID?, for key: Int) {
            verdicts.withLock { table in
                if table.count > ErrorRecordReader.cacheLimit { table.removeAll(keepingCapacity: true) }
                table[key] = verdict
            }
        }
    }

    /// Creates a reader; `shared` lets readers of one audit reuse each other's verdicts.
    init(shared: SharedVerdicts? = nil) {
        self.shared = shared
    }

    /// The most verdicts a cache keeps before it starts again.
    static let cacheLimit = 50_000

    /// The record on `line` (UTF-8 bytes, without its line break), or `nil` when it holds none.
    ///
    /// `wantsRequestID` says, for the record's cause, whether its request id is still wanted
    /// (a tally keeps only the first few), so that most lines skip the search for it.
    mutating func record(
        in line: UnsafeBufferPointer<UInt8>, wantsRequestID: (CauseID) -> Bool = { _ in true }
    ) -> Record? {
        guard let cause = cause(of: line) else { return nil }
        return Record(
            cause: cause, requestID: wantsRequestID(cause) ? Self.requestID(in: line) : nil,
            hour: Self.hourStamp(in: line).map(Self.hourText))
    }

    /// The cause of the record on `line`, or `nil` when it holds none; the verdict is cached
    /// by the line's shape.
    mutating func cause(of line: UnsafeBufferPointer<UInt8>) -> CauseID? {
        let key = Self.shapeKey(line)
        if let cached = cache[key] { return cached }
        let cause: CauseID?
        if let known = shared?.verdict(key) {
            cause = known
        } else {
            cause = Self.classify(line)
            shared?.record(cause, for: key)
        }
        if cache.count > Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[key] = cause
        return cause
    }

    /// The classifier's cause for a line, or `nil` when the line is no error record.
    static func classify(_ line: UnsafeBufferPointer<UInt8>) -> CauseID? {
        guard let evidence = EvidenceExtractor.extract(from: Array(line)).first else { return nil }
        let failing = (evidence.status ?? 0) >= 400
        guard failing || evidence.error.type != nil || evidence.error.code != nil else { return nil }
        return Classifier.classify(evidence).cause
    }

    /// The line's shape: every run of letters, digits and `_` that holds a digit folded to
    /// one mark (three-digit numbers kept), so lines that differ only in ids, times and counts
    /// share a key (``ScanKernel/shapeHash(_:)``).
    static func shapeKey(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard bytes.baseAddress != nil else { return 0 }
        return Int(bitPattern: UInt(ScanKernel().shapeHash(bytes)))
    }

    /// The first `req_…` token, or the value after `request id` / `request_id` / `x-request-id`.
    static func requestID(in line: UnsafeBufferPointer<UInt8>) -> String? {
        guard let base = line.baseAddress else { return nil }
        let bytes = Bytes(base: base, count: line.count)
        var i = 0
        while i + 4 < line.count {
            if line[i] == UInt8(ascii: "r"), bytes.matches("req_", at: i), bytes.boundaryBefore(i) {
                let n = bytes.run(from: i + 4, .alphanumeric, cap: 64)
                if n >= 8 {
                    return String(decoding: UnsafeBufferPointer(rebasing: line[i..<(i + 4 + n)]), as: UTF8.self)
                }
            }
            if line[i] == UInt8(ascii: "r") || line[i] == UInt8(ascii: "R"),
                bytes.matchesFolded("request", at: i),
                bytes[i + 7] == 0x20 || bytes[i + 7] == 0x5F || bytes[i + 7] == 0x2D,
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

    /// The hour of the first ISO 8601 date-time on the line, as the number `YYYYMMDDHH`
    /// (a date and hour separated by `T` or a space), or `nil` when the line has none.
    static func hourStamp(in line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard line.count >= 13 else { return nil }
        let d = ByteClass.isDigit
        var i = 0
        while i + 13 <= line.count {
            if d(line[i]), d(line[i + 1]), d(line[i + 2]), d(line[i + 3]), line[i + 4] == 0x2D, d(line[i + 5]),
                d(line[i + 6]),
                line[i + 7] == 0x2D, d(line[i + 8]), d(line[i + 9]),
                line[i + 10] == UInt8(ascii: "T") || line[i + 10] == 0x20,
                d(line[i + 11]), d(line[i + 12])
            {
                func digit(_ k: Int) -> Int { Int(line[i + k] &- 0x30) }
                let year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)
                let month = digit(5) * 10 + digit(6)
                let day = digit(8) * 10 + digit(9)
                let hour = digit(11) * 10 + digit(12)
                return ((year * 100 + month) * 100 + day) * 100 + hour
            }
            i += 1
        }
        return nil
    }

    /// `YYYY-MM-DDTHH` for an ``hourStamp(in:)`` (thirteen bytes: a small string, no allocation).
    static func hourText(_ stamp: Int) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 13) { text in
            func put(_ value: Int, at end: Int, width: Int) {
                var value = value
                for k in 0..<width {
                    text[end - k] = UInt8(truncatingIfNeeded: 0x30 + value % 10)
                    value /= 10
                }
            }
            put(stamp / 1_000_000, at: 3, width: 4)
            put(stamp / 10_000 % 100, at: 6, width: 2)
            put(stamp / 100 % 100, at: 9, width: 2)
            put(stamp % 100, at: 12, width: 2)
            (text[4], text[7], text[10]) = (0x2D, 0x2D, UInt8(ascii: "T"))
            return String(decoding: UnsafeBufferPointer(text), as: UTF8.self)
        }
    }
}
