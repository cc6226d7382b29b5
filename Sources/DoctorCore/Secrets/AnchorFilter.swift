/// A set of three-byte anchors in the nibble-table form of a three-byte "Teddy" filter.
///
/// Anchors are grouped in up to eight buckets; a bucket matches the cross product of its
/// anchors' bytes at each of the three positions (by nibble), so a search reports a superset
/// of the anchors and the caller confirms each candidate exactly. One anchor may be named a
/// token start: a search leaves it out where it sits inside a word.
///
/// The tables are plain bytes in the layout of the C kernel's `DoctorAnchorFilter` (`low[3][16]`,
/// `high[3][16]`, `token_start[4]`), so that the scanning module hands them to the kernel as
/// they are, and ``ScalarAnchorSearch`` reads them in Swift.
package struct AnchorFilter: Sendable {
    /// One anchor: three bytes, in filter bucket `bucket` (0 to 7).
    struct Anchor {
        var bytes: (UInt8, UInt8, UInt8)
        var bucket: Int
    }

    /// The byte count of ``layout``.
    package static let layoutSize = 100

    /// `low[3][16]`, then `high[3][16]`, then `token_start[4]` (the token-start anchor's three
    /// bytes, and 1 when there is one).
    package let layout: [UInt8]

    /// Builds the nibble tables of `anchors`; `tokenStart`, if given, is only a candidate at the
    /// start of a token (after a byte that is no letter or digit, or an escape), as
    /// ``Bytes/boundaryBefore(_:)`` decides.
    init(_ anchors: [Anchor], tokenStart: (UInt8, UInt8, UInt8)? = nil) {
        var layout = [UInt8](repeating: 0, count: Self.layoutSize)
        for anchor in anchors {
            precondition((0..<8).contains(anchor.bucket), "an anchor filter has eight buckets")
            let bit = UInt8(1) << UInt8(anchor.bucket)
            for (k, byte) in [anchor.bytes.0, anchor.bytes.1, anchor.bytes.2].enumerated() {
                layout[k * 16 + Int(byte & 15)] |= bit
                layout[48 + k * 16 + Int(byte >> 4)] |= bit
            }
        }
        if let tokenStart {
            (layout[96], layout[97], layout[98], layout[99]) = (tokenStart.0, tokenStart.1, tokenStart.2, 1)
        }
        self.layout = layout
    }

    /// Positions handed to a search at a time (its output needs a slot for each).
    static let block = 8192

    /// Calls `body` with each candidate position in `range` of `buffer`, in increasing order,
    /// as `search` lists them.
    ///
    /// Bytes past the end of `buffer` are read as 0, so an anchor never matches across it.
    func forEachCandidate(
        in buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, search: any AnchorSearch, _ body: (Int) -> Void
    ) {
        guard let base = buffer.baseAddress, !range.isEmpty else { return }
        precondition(range.lowerBound >= 0 && range.upperBound <= buffer.count)
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Self.block) { candidates in
            var block = range.lowerBound
            while block < range.upperBound {
                let length = min(Self.block, range.upperBound - block)
                // Safe: a temporary allocation of Self.block (> 0) elements: a non-empty buffer has a base address
                // swift-format-ignore: NeverForceUnwrap
                let found = search.candidates(
                    in: base + block, count: length, available: buffer.count - block, before: block, filter: self,
                    into: candidates.baseAddress!)
                for k in 0..<found { body(block + Int(candidates[k])) }
                block += length
            }
        }
    }
}
