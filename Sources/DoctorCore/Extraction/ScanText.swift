#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text prepared for pattern scanning: the original UTF-8 bytes, an ASCII-lowercased twin, and
/// the text brought to the one normalization every stage reads (``NormalizedText``).
///
/// Lowercasing only `A`–`Z` keeps ``bytes`` and ``lower`` the same length, so an offset found in
/// the lowercase twin (``offset(of:from:)``) extracts the original spelling from `bytes`. The
/// wording questions (``contains(_:)``, ``restOfLine(after:)``, ``line(containing:)``) are asked
/// of ``folded`` instead — any typography, case, escaping or log framing — and answer from the
/// original text through its origins.
struct ScanText {
    /// The original UTF-8 bytes.
    let bytes: [UInt8]
    /// The same bytes with ASCII letters lowercased.
    let lower: [UInt8]
    /// The text normalized for scanning (``NormalizedText/Options/scanning``: tags kept).
    let folded: NormalizedText
    /// Which pairs of adjacent bytes occur in ``lower`` or ``folded``: the extractor tries
    /// hundreds of needles on each text, and most hold a pair the text lacks.
    private let pairs: BytePairs

    init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        let lower = bytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        let folded = NormalizedText(utf8: bytes, .scanning)
        self.lower = lower
        self.folded = folded
        pairs = BytePairs(lower, folded.bytes)
    }

    /// False when some pair of adjacent bytes of `needle` occurs nowhere in the text.
    private func mayContain(_ needle: [UInt8]) -> Bool {
        pairs.mayContain(needle)
    }

    /// The number of bytes.
    var count: Int { bytes.count }

    /// Whether the needle occurs in the normalized text (given in lowercase; folded the same way
    /// when it holds anything the normalization changes).
    func contains(_ needle: String) -> Bool {
        foldedOffset(of: needle) != nil
    }

    /// The offset in ``folded`` of the first occurrence of `needle`.
    func foldedOffset(of needle: String, from start: Int = 0) -> Int? {
        let needle = NormalizedText.needle(needle, .scanning)
        guard mayContain(needle) else { return nil }
        return Self.search(needle, in: folded.bytes, from: start)
    }

    /// Whether any of the lowercase needles occurs.
    func containsAny(_ needles: [String]) -> Bool {
        needles.contains { contains($0) }
    }

    /// The first of `needles` that occurs.
    func firstPresent(_ needles: [String]) -> String? {
        needles.first { contains($0) }
    }

    /// The offset of the first case-insensitive occurrence of `needle` (given in lowercase) at or after `from`.
    func offset(of needle: String, from start: Int = 0) -> Int? {
        let needle = Array(needle.utf8)
        guard mayContain(needle) else { return nil }
        return Self.search(needle, in: lower, from: start)
    }

    /// Every case-insensitive occurrence of `needle`, at most `limit`.
    func offsets(of needle: String, limit: Int = 64) -> [Int] {
        var found: [Int] = []
        var from = 0
        let length = max(needle.utf8.count, 1)
        while found.count < limit, let at = offset(of: needle, from: from) {
            found.append(at)
            from = at + length
        }
        return found
    }

    /// The original text of `range` (clamped).
    /// Whether the byte at `offset` is an ASCII digit (`false` past the end).
    func isDigit(at offset: Int) -> Bool {
        offset >= 0 && offset < bytes.count && (0x30...0x39).contains(bytes[offset])
    }

    func text(_ range: Range<Int>) -> String {
        let lo = max(0, min(range.lowerBound, bytes.count))
        let hi = max(lo, min(range.upperBound, bytes.count))
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }

    /// The offset where the line containing `offset` ends (at its newline or the end).
    func lineEnd(from offset: Int) -> Int {
        var i = offset
        while i < bytes.count, bytes[i] != 0x0A { i += 1 }
        return i
    }

    /// The offset where the line containing `offset` starts.
    func lineStart(before offset: Int) -> Int {
        var i = min(offset, bytes.count)
        while i > 0, bytes[i - 1] != 0x0A { i -= 1 }
        return i
    }

    /// The rest of the line after the needle (original spelling, trimmed), or `nil` when absent.
    ///
    /// The needle is found in the normalized text; the rest is read from the original.
    func restOfLine(after needle: String) -> String? {
        let folding = NormalizedText.needle(needle, .scanning)
        guard mayContain(folding), let at = Self.search(folding, in: folded.bytes, from: 0) else { return nil }
        let start = folded.originalOffset(at + folding.count)
        return text(start..<lineEnd(from: start)).trimmed(lineEnds: true)
    }

    /// The whole line holding the first occurrence of `needle` (original spelling).
    func line(containing needle: String) -> String? {
        guard let folding = foldedOffset(of: needle) else { return nil }
        let at = folded.originalOffset(folding)
        return text(lineStart(before: at)..<lineEnd(from: at)).trimmed(lineEnds: true)
    }

    /// The lines of the text (original spelling), without line terminators.
    ///
    /// Swift reads `\r\n` as one `Character`, unequal to `"\n"`: both are separators here, or a
    /// `curl -i` dump (CRLF) would be one long line.
    func lines() -> [Substring] {
        String(decoding: bytes, as: UTF8.self)
            .split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }

    /// A token (letters, digits and `-._:[]%`) starting at `offset`, for hosts and addresses.
    func token(at offset: Int) -> String {
        var end = offset
        while end < bytes.count, Self.isTokenByte(bytes[end]) { end += 1 }
        var text = text(offset..<end)
        while let last = text.last, ".:,;)".contains(last) { text.removeLast() }
        return text
    }

    private static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: ":"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "%"):
            return true
        default:
            return false
        }
    }

    /// Finds `needle` in `haystack` from `start`: memchr on the needle's first byte, then a compare.
    static func search(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, start >= 0, start + needle.count <= haystack.count else { return nil }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { ndl in
                guard let base = hay.baseAddress, let nbase = ndl.baseAddress else { return nil }
                let first = Int32(ndl[0])
                let last = hay.count - ndl.count
                var i = start
                while i <= last {
                    guard let hit = memchr(base + i, first, last - i + 1) else { return nil }
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + at, nbase, ndl.count) == 0 { return at }
                    i = at + 1
                }
                return nil
            }
        }
    }
}

/// Whether `text` consists only of ASCII digits (and is not empty).
func isDigits<S: StringProtocol>(_ text: S) -> Bool {
    !text.isEmpty && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
}
