/// Which pairs of adjacent bytes occur in a text, as a 4,096-bit table of their hashes.
///
/// The stages try hundreds of needles on each text (the extractor's patterns, every wording
/// family's fragments), and most needles hold a pair the text lacks: the table rules them out
/// with a few bit tests instead of a search. It never rules out a needle the text holds.
struct BytePairs: Sendable {
    private var table = [UInt64](repeating: 0, count: 64)

    /// The pairs of every one of `texts`.
    init(_ texts: [UInt8]...) {
        table.withUnsafeMutableBufferPointer { table in
            for source in texts {
                source.withUnsafeBufferPointer { text in
                    for i in text.indices.dropFirst() {
                        let h = Self.hash(text[i - 1], text[i])
                        table[h >> 6] |= 1 << UInt64(h & 63)
                    }
                }
            }
        }
    }

    @inline(__always) private static func hash(_ a: UInt8, _ b: UInt8) -> Int {
        (Int(a) &* 31 &+ Int(b)) & 4095
    }

    /// False when some pair of adjacent bytes of `needle` occurs nowhere in the text.
    func mayContain(_ needle: [UInt8]) -> Bool {
        guard needle.count >= 2 else { return true }
        return table.withUnsafeBufferPointer { table in
            needle.withUnsafeBufferPointer { needle in
                for i in 1..<needle.count {
                    let h = Self.hash(needle[i - 1], needle[i])
                    if table[h >> 6] & (1 << UInt64(h & 63)) == 0 { return false }
                }
                return true
            }
        }
    }
}
