import DoctorCore

/// Runs a ``SecretScanner`` over input of any size in fixed-size chunks, with flat memory.
///
/// The stream keeps one buffer of `chunkSize + lookahead + lookbehind` bytes. Each time
/// it fills, the scanner commits every match that starts before the last
/// ``SecretScanner/lookahead`` bytes, and the stream hands out a ``Window``: the committed
/// bytes and the matches in them. The tail is carried over (with ``lookbehind`` bytes of
/// context) so a secret that crosses a chunk boundary is found whole. A 2 GB single line
/// costs the same memory as a short file.
///
/// ```swift
/// let stream = SecretStream()
/// let input = try InputFile(path: "app.log")
/// try stream.consume(input) { window in … window.matches … }
/// ```
final class SecretStream {
    /// One committed stretch of the input and the secrets that start in it.
    struct Window {
        /// The buffer, including context before and after ``committed``.
        let bytes: UnsafeBufferPointer<UInt8>
        /// The bytes this window hands out, in ``bytes``' coordinates; windows tile the input.
        let committed: Range<Int>
        /// The secrets in ``committed``, in order (a match may end after it, never after ``bytes``).
        let matches: [SecretMatch]
        /// The offset in the whole input of `bytes[0]`.
        let offset: Int
        /// Where `rror` starts in ``committed``, in order, when the stream collects error marks
        /// (see ``SecretScanner/scan(_:from:limit:into:errorMarks:)``); empty otherwise.
        let errorMarks: [Int]
    }

    /// The scanner in use.
    let scanner: SecretScanner
    /// The bytes read between two scans.
    let chunkSize: Int
    /// The bytes of context kept before the committed region (for rules and for line starts).
    let lookbehind: Int
    /// Whether windows carry the error marks found in the same pass.
    let collectsErrorMarks: Bool
    private let capacity: Int
    private let storage: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var committedEnd = 0
    private var offset = 0
    private var matches: [SecretMatch] = []
    private var marks: [Int] = []

    /// Creates a stream; the defaults suit files of any size.
    init(
        scanner: SecretScanner = SecretScanner(), chunkSize: Int = 256 << 10, lookbehind: Int = 16 << 10,
        collectsErrorMarks: Bool = false
    ) {
        self.scanner = scanner.onKernel
        self.collectsErrorMarks = collectsErrorMarks
        self.chunkSize = max(chunkSize, 4096)
        self.lookbehind = max(lookbehind, SecretScanner.lookbehind)
        capacity = self.chunkSize + SecretScanner.lookahead + self.lookbehind
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    /// The total number of bytes read so far.
    var bytesRead: Int { offset + count }

    /// Reads `input` to its end, calling `body` for each window in order.
    func consume<E: Error>(_ input: borrowing InputFile, _ body: (Window) throws(E) -> Void) throws {
        try consume(input, range: nil) { (window: Window) throws(E) -> Bool in
            try body(window)
            return true
        }
    }

    /// Reads the bytes of `input` in `range` (all of it when `nil`), with context around it,
    /// calling `body` for each window until it returns `false`.
    ///
    /// Windows tile `range`; the last may run past its end to finish a match that starts inside.
    func consume<E: Error>(
        _ input: borrowing InputFile, range: Range<Int>?, _ body: (Window) throws(E) -> Bool
    ) throws {
        var stopAt = Int.max
        var position = 0
        if let range {
            let start = max(0, range.lowerBound - lookbehind)
            position = start
            offset = start
            committedEnd = range.lowerBound - start
            stopAt = range.upperBound
        }
        var keepGoing = true
        while keepGoing {
            let want = min(
                capacity - count, max(0, stopAt == Int.max ? Int.max : stopAt + SecretScanner.lookahead - position))
            if want == 0 { break }
            let n =
                range == nil
                ? try input.read(into: storage + count, count: want)
                : try input.read(into: storage + count, count: want, at: position)
            if n == 0 { break }
            count += n
            position += n
            if count == capacity {
                keepGoing = try process(final: false, stopAt: stopAt, body)
                if offset + committedEnd >= stopAt { return }
            }
        }
        if keepGoing { _ = try process(final: true, stopAt: stopAt, body) }
    }

    /// Feeds `bytes`; call ``finish(_:)`` after the last piece.
    func feed<E: Error>(_ bytes: UnsafeRawBufferPointer, _ body: (Window) throws(E) -> Void) throws(E) {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let n = min(bytes.count - done, capacity - count)
            UnsafeMutableRawPointer(storage + count).copyMemory(from: base + done, byteCount: n)
            done += n
            count += n
            if count == capacity {
                _ = try process(final: false, stopAt: Int.max) { (w: Window) throws(E) -> Bool in
                    try body(w)
                    return true
                }
            }
        }
    }

    /// Hands out the rest after the last ``feed(_:_:)``.
    func finish<E: Error>(_ body: (Window) throws(E) -> Void) throws(E) {
        _ = try process(final: true, stopAt: Int.max) { (w: Window) throws(E) -> Bool in
            try body(w)
            return true
        }
    }

    private func process<E: Error>(final: Bool, stopAt: Int, _ body: (Window) throws(E) -> Bool) throws(E) -> Bool {
        var limit = final ? count : count - SecretScanner.lookahead
        var isLast = final
        if stopAt != Int.max, stopAt - offset <= limit {
            limit = stopAt - offset
            isLast = true
        }
        guard limit > committedEnd else { return !isLast }
        let buffer = UnsafeBufferPointer(start: storage, count: count)
        matches.removeAll(keepingCapacity: true)
        marks.removeAll(keepingCapacity: true)
        let lastEnd =
            collectsErrorMarks
            ? scanner.scan(buffer, from: committedEnd, limit: limit, into: &matches, errorMarks: &marks)
            : scanner.scan(buffer, from: committedEnd, limit: limit, into: &matches)
        let end = final && stopAt == Int.max ? count : max(limit, lastEnd)
        while let last = marks.last, last >= end { marks.removeLast() }
        let goOn = try body(
            Window(bytes: buffer, committed: committedEnd..<end, matches: matches, offset: offset, errorMarks: marks))
        // Keep the uncommitted tail and some context before it.
        let keep = final ? count : max(0, end - lookbehind)
        let tail = count - keep
        if keep > 0 && tail > 0 { storage.update(from: storage + keep, count: tail) }
        count = tail
        committedEnd = end - keep
        offset += keep
        return goOn && !isLast
    }
}
