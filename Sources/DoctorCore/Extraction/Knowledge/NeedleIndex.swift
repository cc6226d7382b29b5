#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds many fixed needles in one pass over a text, however many there are.
///
/// Each needle is filed under its first four bytes (folded as ``ScanText`` folds the text).
/// The pass reads the text's folded bytes once: at each position a 65,536-bit table of the
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
    /// One needle found: its position in the list given, and the offset of its first occurrence.
    struct Hit: Sendable, Equatable {
        /// The needle's index in the list the index was built from.
        let needle: Int
        /// The byte offset of its first occurrence.
        let offset: Int
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

    /// Builds the index of `needles` (lowercase, as ``ScanText/lower`` holds text), each with
    /// whether it must stand alone as a token.
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
        var found: [Hit] = []
        var seen = [UInt64](repeating: 0, count: (needles.count + 63) >> 6)
        let text = scan.lower
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
                    found.append(Hit(needle: n, offset: i))
                }
            }
        }
        for n in short {
            var from = 0
            while let at = ScanText.search(needles[n], in: text, from: from) {
                let alone = text.withUnsafeBufferPointer { Self.standsAlone($0, at: at, length: needles[n].count) }
                if !isToken[n] || alone {
                    found.append(Hit(needle: n, offset: at))
                    break
                }
                from = at + 1
            }
        }
        return found.sorted { ($0.offset, $0.needle) < ($1.offset, $1.needle) }
    }

    /// Folds a needle the way ``ScanText`` folds text (ASCII letters lowercased).
    static func fold(_ needle: String) -> [UInt8] {
        needle.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
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
