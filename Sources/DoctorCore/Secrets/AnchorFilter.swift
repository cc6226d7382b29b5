import DoctorScanKernel

/// A set of three-byte anchors, searched by the vector kernel (`DoctorScanKernel`).
///
/// Anchors are grouped in up to eight buckets; a bucket matches the cross product of its
/// anchors' bytes at each of the three positions (by nibble), so the kernel reports a
/// superset of the anchors and the caller confirms each candidate exactly. One anchor may be
/// named a token start: the kernel leaves it out where it sits inside a word.
struct AnchorFilter: Sendable {
    /// One anchor: three bytes, in filter bucket `bucket` (0 to 7).
    struct Anchor {
        var bytes: (UInt8, UInt8, UInt8)
        var bucket: Int
    }

    /// The nibble tables the kernel reads.
    let tables: DoctorAnchorFilter

    /// Builds the nibble tables of `anchors`; `tokenStart`, if given, is only a candidate at the
    /// start of a token (after a byte that is no letter or digit, or an escape), as
    /// ``Bytes/boundaryBefore(_:)`` decides.
    init(_ anchors: [Anchor], tokenStart: (UInt8, UInt8, UInt8)? = nil) {
        var low = [[UInt8]](repeating: [UInt8](repeating: 0, count: 16), count: 3)
        var high = low
        for anchor in anchors {
            precondition((0..<8).contains(anchor.bucket), "an anchor filter has eight buckets")
            let bit = UInt8(1) << UInt8(anchor.bucket)
            for (k, byte) in [anchor.bytes.0, anchor.bytes.1, anchor.bytes.2].enumerated() {
                low[k][Int(byte & 15)] |= bit
                high[k][Int(byte >> 4)] |= bit
            }
        }
        var tables = DoctorAnchorFilter()
        withUnsafeMutableBytes(of: &tables) { raw in
            // Layout: low[3][16], then high[3][16], then token_start[4].
            for k in 0..<3 {
                for i in 0..<16 {
                    raw[k * 16 + i] = low[k][i]
                    raw[48 + k * 16 + i] = high[k][i]
                }
            }
            if let tokenStart {
                (raw[96], raw[97], raw[98], raw[99]) = (tokenStart.0, tokenStart.1, tokenStart.2, 1)
            }
        }
        self.tables = tables
    }

    /// Positions handed to the kernel at a time (its output needs a slot for each).
    static let block = 8192

    /// Calls `body` with each candidate position in `range` of `buffer`, in increasing order.
    ///
    /// Bytes past the end of `buffer` are read as 0, so an anchor never matches across it.
    /// `level` is the kernel level to search at (lowered to what the CPU can run).
    func forEachCandidate(
        in buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, level: Int32 = doctor_scan_kernel_level(),
        _ body: (Int) -> Void
    ) {
        guard let base = buffer.baseAddress, !range.isEmpty else { return }
        precondition(range.lowerBound >= 0 && range.upperBound <= buffer.count)
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Self.block) { candidates in
            withUnsafePointer(to: tables) { filter in
                var block = range.lowerBound
                while block < range.upperBound {
                    let length = min(Self.block, range.upperBound - block)
                    let found = doctor_anchor_candidates_at(
                        level, base + block, length, buffer.count - block, block, filter, candidates.baseAddress!)
                    for k in 0..<found { body(block + Int(candidates[k])) }
                    block += length
                }
            }
        }
    }
}
