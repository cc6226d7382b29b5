/// Lists the positions of a buffer that may start an anchor of an ``AnchorFilter``.
///
/// The core searches with ``ScalarAnchorSearch`` (Swift, no dependency); the scanning module
/// plugs in its vector kernel, which must list exactly the same positions.
package protocol AnchorSearch: Sendable {
    /// Writes to `out` the offsets `i` in `0..<count` whose three bytes pass `filter`, in
    /// increasing order, and returns how many there are (`out` has room for `count`).
    ///
    /// Bytes at or past `available` (at least `count`) are read as 0. The `before` bytes before
    /// `p` are readable too: the filter's token-start anchor is judged inside a word only where
    /// six bytes before it are readable, and counts as a candidate elsewhere.
    func candidates(
        in p: UnsafePointer<UInt8>, count: Int, available: Int, before: Int, filter: AnchorFilter,
        into out: UnsafeMutablePointer<UInt32>
    ) -> Int
}

/// The anchor search in plain Swift: the C kernel's scalar path, byte for byte.
package struct ScalarAnchorSearch: AnchorSearch {
    /// Creates the search.
    package init() {}

    package func candidates(
        in p: UnsafePointer<UInt8>, count: Int, available: Int, before: Int, filter: AnchorFilter,
        into out: UnsafeMutablePointer<UInt32>
    ) -> Int {
        let count = min(count, available)
        return filter.layout.withUnsafeBufferPointer { t in
            var n = 0
            for i in 0..<count {
                let b0 = p[i]
                let first = t[Int(b0 & 15)] & t[48 + Int(b0 >> 4)]
                if first == 0 { continue }
                let b1: UInt8 = i + 1 < available ? p[i + 1] : 0
                let b2: UInt8 = i + 2 < available ? p[i + 2] : 0
                let hits =
                    first & t[16 + Int(b1 & 15)] & t[64 + Int(b1 >> 4)] & t[32 + Int(b2 & 15)] & t[80 + Int(b2 >> 4)]
                if hits != 0, !Self.insideWord(p, i, available: available, before: before, t) {
                    out[n] = UInt32(truncatingIfNeeded: i)
                    n += 1
                }
            }
            return n
        }
    }

    /// Whether position `i` holds the filter's token-start anchor inside a word: judged only
    /// with six bytes of context before it, and only in full view.
    @inline(__always)
    static func insideWord(
        _ p: UnsafePointer<UInt8>, _ i: Int, available: Int, before: Int, _ t: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        guard t[99] != 0, i + before >= 6, i + 2 < available else { return false }
        guard p[i] == t[96], p[i + 1] == t[97], p[i + 2] == t[98], ByteClass.isAlphanumeric(p[i - 1]) else {
            return false
        }
        return p[i - 2] != UInt8(ascii: "\\") && p[i - 3] != UInt8(ascii: "%") && p[i - 6] != UInt8(ascii: "\\")
    }
}
