#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds many fixed needles in one pass over a text, however many there are.
///
/// Needles and text are compared in the one normalization every stage reads
/// (``NormalizedText``, as ``ScanText/folded`` holds the text): curly quotes, full-width forms,
/// every kind of space, escapes and case beyond ASCII match as their plain forms do. Each needle
/// is filed under its first four folded bytes. The pass reads the text's folded bytes once: at each position a 65,536-bit table of the
/// filed four-byte keys rules out almost every position with one bit test, and only a
/// position whose key is filed compares the needles filed under it. Thousands of table rows
/// cost the same pass as one.
///
/// A needle marked as a token matches only where it is not part of a longer word or number:
/// `10061` does not match inside `100612`, `1020` does not match inside `10201`.
///
/// ```swift
/// let index = NeedleIndex([("connection refused", false), ("10061", true)])
/// index.hits(in: ScanText("WinError 10061: Connection refused")).map(\.needle)  // [1, 0]
/// ```
struct NeedleIndex: Sendable {
    /// One needle found: its position in the list given, and where its first occurrence stands.
    struct Hit: Sendable, Equatable {
        /// The needle's index in the list the index was built from.
        let needle: Int
        /// The input byte offset of its first occurrence (in ``ScanText/bytes``).
        let offset: Int
        /// The input byte offset where that occurrence ends.
        let end: Int

        /// A hit from `offset` to `end` in the input.
        init(needle: Int, offset: Int, end: Int) {
            self.needle = needle
            self.offset = offset
            self.end = end
        }
    }

    private let needles: [[UInt8]]
    private let isToken: [Bool]
    /// Needles shorter than a key, searched one by one.
    private let short: [Int]
    /// Bit per hashed four-byte key.
    private let filter: [UInt64]
    /// Open-addressed table: slot → key + 1 (0 = empty).
    private let slotKeys: [UInt64]
    /// Slot → range in `bucketNeedles`.
    private let slotRanges: [Range<Int32>]
    private let bucketNeedles: [Int32]
    private let slotMask: Int

    /// Builds the index of `needles` (any case and typography: each is folded as the text is),
    /// each with whether it must stand alone as a token.
    init(_ entries: [(needle: String, token: Bool)]) {
        needles = entries.map { Self.fold($0.needle) }
        isToken = entries.map(\.token)
        var buckets: [UInt32: [Int32]] = [:]
        var short: [Int] = []
        for (i, bytes) in needles.enumerated() {
            guard bytes.count >= 4 else {
                if !bytes.isEmpty { short.append(i) }
                continue
            }
            buckets[Self.key(bytes, 0), default: []].append(Int32(i))
        }
        self.short = short
        var filter = [UInt64](repeating: 0, count: 1024)
        var capacity = 16
        while capacity < buckets.count * 4 { capacity <<= 1 }
        var slotKeys = [UInt64](repeating: 0, count: capacity)
        var slotRanges = [Range<Int32>](repeating: 0..<0, count: capacity)
        var bucketNeedles: [Int32] = []
        for (key, members) in buckets.sorted(by: { $0.key < $1.key }) {
            let h = Self.filterHash(key)
            filter[h >> 6] |= 1 << UInt64(h & 63)
            var slot = Self.slotHash(key) & (capacity - 1)
            while slotKeys[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            slotKeys[slot] = UInt64(key) + 1
            let start = Int32(bucketNeedles.count)
            bucketNeedles += members
            slotRanges[slot] = start..<Int32(bucketNeedles.count)
        }
        self.filter = filter
        self.slotKeys = slotKeys
        self.slotRanges = slotRanges
        self.bucketNeedles = bucketNeedles
        self.slotMask = capacity - 1
    }

    /// The number of needles.
    var count: Int { needles.count }

    /// Every needle that occurs in `scan`, once each, at its first occurrence, in text order.
    func hits(in scan: ScanText) -> [Hit] {
        hits(inFolded: scan.folded.bytes).map {
            Hit(
                needle: $0.needle, offset: scan.folded.originalOffset($0.offset),
                end: scan.folded.originalRange(of: $0.offset..<$0.end).upperBound)
        }
    }

    /// Every needle that occurs in `text` (already folded), with offsets in it.
    private func hits(inFolded text: [UInt8]) -> [Hit] {
        var found: [Hit] = []
        var seen = [UInt64](repeating: 0, count: (needles.count + 63) >> 6)
        text.withUnsafeBufferPointer { hay in
            guard let base = hay.baseAddress, hay.count >= 4 else { return }
            let raw = UnsafeRawPointer(base)
            for i in 0...(hay.count - 4) {
                let key = raw.loadUnaligned(fromByteOffset: i, as: UInt32.self).littleEndian
                let h = Self.filterHash(key)
                guard filter[h >> 6] & (1 << UInt64(h & 63)) != 0 else { continue }
                var slot = Self.slotHash(key) & slotMask
                while slotKeys[slot] != 0, slotKeys[slot] != UInt64(key) + 1 { slot = (slot + 1) & slotMask }
                guard slotKeys[slot] != 0 else { continue }
                for member in slotRanges[slot] {
                    let n = Int(bucketNeedles[Int(member)])
                    guard seen[n >> 6] & (1 << UInt64(n & 63)) == 0 else { continue }
                    let needle = needles[n]
                    guard i + needle.count <= hay.count else { continue }
                    let equal = needle.withUnsafeBufferPointer { buffer in
                        buffer.baseAddress.map { memcmp(base + i, $0, buffer.count) == 0 } ?? true
                    }
                    guard equal, !isToken[n] || Self.standsAlone(hay, at: i, length: needle.count) else { continue }
                    seen[n >> 6] |= 1 << UInt64(n & 63)
                    found.append(Hit(needle: n, offset: i, end: i + needle.count))
                }
            }
        }
        for n in short {
            var from = 0
            while let at = ScanText.search(needles[n], in: text, from: from) {
                let alone = text.withUnsafeBufferPointer { Self.standsAlone($0, at: at, length: needles[n].count) }
                if !isToken[n] || alone {
                    found.append(Hit(needle: n, offset: at, end: at + needles[n].count))
                    break
                }
                from = at + 1
            }
        }
        return found.sorted { ($0.offset, $0.needle) < ($1.offset, $1.needle) }
    }

    /// Folds a needle the way ``ScanText`` folds text (``NormalizedText/Options/scanning``).
    static func fold(_ needle: String) -> [UInt8] {
        NormalizedText.foldedBytes(needle, .scanning)
    }

    /// Whether the bytes around `[at, at + length)` are not letters, digits or `_`.
    private static func standsAlone(_ text: UnsafeBufferPointer<UInt8>, at: Int, length: Int) -> Bool {
        (at == 0 || !isWordByte(text[at - 1])) && (at + length >= text.count || !isWordByte(text[at + length]))
    }

    @inline(__always) private static func isWordByte(_ b: UInt8) -> Bool {
        (0x30...0x39).contains(b) || (0x61...0x7A).contains(b) || (0x41...0x5A).contains(b) || b == 0x5F
    }

    @inline(__always) private static func key(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }

    @inline(__always) private static func filterHash(_ key: UInt32) -> Int {
        Int((key &* 2_654_435_761) >> 16)
    }

    @inline(__always) private static func slotHash(_ key: UInt32) -> Int {
        Int(((key ^ (key >> 15)) &* 2_246_822_519) >> 7)
    }
}
