/// Finds secrets in raw bytes, without decoding them and without regular expressions.
///
/// Every rule is anchored on a two-byte pair that its pattern must contain (`k-` for
/// `sk-`, `za` for `authorization`, `ki` for `cookie`, `:/` for URL credentials…). One
/// pass over the bytes looks each pair up in two 256-entry tables; only where both
/// halves agree does a rule look around. Matches never cross a line end, and every
/// match is bounded (``maximumMatchLength``), so a caller that streams a file in chunks
/// needs to keep only ``lookbehind`` bytes before and ``lookahead`` bytes after the
/// region it commits (see ``SecretStream``).
///
/// ```swift
/// let matches = SecretScanner().matches(in: "Authorization: Bearer \(key)")
/// // [SecretMatch(range: 22..<186, kind: .apiKey(.project))]
/// ```
public struct SecretScanner: Sendable {
    /// What to look for beyond keys and credentials.
    public struct Options: Sendable, Hashable {
        /// Also report email addresses.
        public var emails: Bool

        /// Creates options.
        public init(emails: Bool = false) {
            self.emails = emails
        }
    }

    /// The options in force.
    public var options: Options

    /// Creates a scanner.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// The most bytes a rule reads before its anchor.
    public static let lookbehind = 256
    /// The longest header or field value considered (longer values are cut there).
    public static let maximumValueLength = 16 * 1024
    /// The most bytes a match may end past its anchor.
    public static let maximumMatchLength = maximumValueLength + 512
    /// The bytes a streaming caller must keep after the region it commits.
    public static let lookahead = maximumMatchLength + 64

    /// Every secret in `text`, in order, as UTF-8 byte ranges.
    public func matches(in text: String) -> [SecretMatch] {
        var copy = text
        return copy.withUTF8 { matches(in: $0) }
    }

    /// Every secret in `bytes`, in order.
    public func matches(in bytes: UnsafeBufferPointer<UInt8>) -> [SecretMatch] {
        var found: [SecretMatch] = []
        scan(bytes, from: 0, limit: bytes.count, into: &found)
        return found
    }

    /// Scans `buffer`, calling `emit` for each match that starts in `from..<limit`, in order.
    ///
    /// Bytes before `from` and after `limit` are read as context only. Matches do not
    /// overlap; a match may end after `limit` (never after the buffer's end).
    /// - Returns: the end of the last match emitted, or `from` when none was.
    @discardableResult
    public func scan(
        _ buffer: UnsafeBufferPointer<UInt8>, from: Int, limit: Int, _ emit: (SecretMatch) -> Void
    ) -> Int {
        var found: [SecretMatch] = []
        let end = scan(buffer, from: from, limit: limit, into: &found)
        for match in found { emit(match) }
        return end
    }

    /// Scans `buffer` like ``scan(_:from:limit:_:)``, appending the matches to `out`.
    @discardableResult
    public func scan(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, limit: Int, into out: inout [SecretMatch]) -> Int {
        guard let base = buffer.baseAddress, buffer.count >= 2 else { return from }
        let bytes = Bytes(base: base, count: buffer.count)
        var state = ScanState(from: from, limit: limit)
        let firstNew = out.count
        let anchorEnd = min(limit + 16, buffer.count - 1)
        var p = max(from - 8, 0)
        PairTables.first.withUnsafeBufferPointer { first in
            PairTables.second.withUnsafeBufferPointer { second in
                let f = first.baseAddress!
                let s = second.baseAddress!
                let rules = SecretRules(bytes: bytes, emails: options.emails)
                // Sixteen positions at a time: a vector filter keeps only positions whose pair
                // can be an anchor; the exact tables and the rules run on those alone.
                var block = p
                while block + 17 <= anchorEnd + 1 && block + 17 <= buffer.count {
                    var lanes = AnchorFilter.candidates(base + block)
                    while lanes != 0 {
                        let lane = lanes.trailingZeroBitCount
                        lanes &= lanes &- 1
                        let q = block + lane
                        guard q >= p, q < anchorEnd else { continue }
                        let pairs = f[Int(base[q])] & s[Int(base[q &+ 1])]
                        if pairs == 0 { continue }
                        let end = rules.apply(pairs, at: q, &state, &out)
                        p = max(q + 1, end)
                    }
                    block += 16
                    p = max(p, block)
                }
                while p < anchorEnd {
                    let pairs = f[Int(base[p])] & s[Int(base[p &+ 1])]
                    if _fastPath(pairs == 0) {
                        p &+= 1
                        continue
                    }
                    let end = rules.apply(pairs, at: p, &state, &out)
                    p = max(p + 1, end)
                }
            }
        }
        if options.emails {
            EmailRule(bytes: bytes).scan(&state, &out, firstNew: firstNew)
        }
        return state.lastEnd
    }
}

/// Where a scan stands: the committed window and the end of the last match.
struct ScanState {
    var from: Int
    var limit: Int
    var lastEnd: Int

    init(from: Int, limit: Int) {
        self.from = from
        self.limit = limit
        self.lastEnd = from
    }

    /// Whether a match starting at `start` may be emitted.
    @inline(__always) func accepts(_ start: Int) -> Bool { start >= lastEnd && start < limit }
}

/// The anchor pairs and their two lookup tables (bit `n` set in both entries = pair `n`).
enum PairTables {
    static let sk: UInt16 = 1 << 0  // "k-" of sk-
    static let sess: UInt16 = 1 << 1  // "s-" of sess-
    static let url: UInt16 = 1 << 2  // ":/" of ://
    static let apiSeparated: UInt16 = 1 << 3  // "i-" / "i_" of api-key, api_key; xai-
    static let apiJoined: UInt16 = 1 << 4  // "ik" of apikey
    static let za: UInt16 = 1 << 5  // "za" of authorization; AIza
    static let cookie: UInt16 = 1 << 6  // "ki" of cookie
    static let bearer: UInt16 = 1 << 7  // "ea" of bearer
    static let underscoreKey: UInt16 = 1 << 8  // "k_" of gsk_
    static let hf: UInt16 = 1 << 9  // "f_" of hf_
    static let pplx: UInt16 = 1 << 10  // "x-" of pplx-
    static let subscription: UInt16 = 1 << 11  // "n-" of subscription-key

    /// (first byte, second byte, case-insensitive, pair bit)
    static let pairs: [(UInt8, UInt8, Bool, UInt16)] = [
        (UInt8(ascii: "k"), UInt8(ascii: "-"), false, sk),
        (UInt8(ascii: "s"), UInt8(ascii: "-"), false, sess),
        (UInt8(ascii: ":"), UInt8(ascii: "/"), false, url),
        (UInt8(ascii: "i"), UInt8(ascii: "-"), true, apiSeparated),
        (UInt8(ascii: "i"), UInt8(ascii: "_"), true, apiSeparated),
        (UInt8(ascii: "i"), UInt8(ascii: "k"), true, apiJoined),
        (UInt8(ascii: "z"), UInt8(ascii: "a"), true, za),
        (UInt8(ascii: "k"), UInt8(ascii: "i"), true, cookie),
        (UInt8(ascii: "e"), UInt8(ascii: "a"), true, bearer),
        (UInt8(ascii: "k"), UInt8(ascii: "_"), false, underscoreKey),
        (UInt8(ascii: "f"), UInt8(ascii: "_"), false, hf),
        (UInt8(ascii: "x"), UInt8(ascii: "-"), false, pplx),
        (UInt8(ascii: "n"), UInt8(ascii: "-"), true, subscription),
    ]

    static let first: [UInt16] = table { $0.0 }
    static let second: [UInt16] = table { $0.1 }

    private static func table(_ pick: ((UInt8, UInt8, Bool, UInt16)) -> UInt8) -> [UInt16] {
        var table = [UInt16](repeating: 0, count: 256)
        for pair in pairs {
            let byte = pick(pair)
            table[Int(byte)] |= pair.3
            if pair.2, ByteClass.isLower(byte) { table[Int(byte & ~0x20)] |= pair.3 }
        }
        return table
    }
}

/// The vector pre-filter: which of sixteen positions start an anchor pair (a superset of the tables).
enum AnchorFilter {
    typealias V = SIMD16<UInt8>

    /// A bit per position `base[0..<16]` whose pair (`base[i]`, `base[i+1]`) may be an anchor.
    @inline(__always)
    static func candidates(_ base: UnsafePointer<UInt8>) -> UInt32 {
        let v0 = UnsafeRawPointer(base).loadUnaligned(as: V.self)
        let v1 = UnsafeRawPointer(base + 1).loadUnaligned(as: V.self)
        let fold = V(repeating: 0x20)
        let f0 = v0 | fold
        let f1 = v1 | fold
        let i = f0 .== V(repeating: UInt8(ascii: "i"))
        let k = f0 .== V(repeating: UInt8(ascii: "k"))
        var m = (v1 .== V(repeating: UInt8(ascii: "-")))
            .& (k .| i .| (v0 .== V(repeating: UInt8(ascii: "s"))) .| (v0 .== V(repeating: UInt8(ascii: "x")))
                .| (f0 .== V(repeating: UInt8(ascii: "n"))))
        m = m .| ((v1 .== V(repeating: UInt8(ascii: "_"))) .& (k .| i .| (v0 .== V(repeating: UInt8(ascii: "f")))))
        m = m .| ((f1 .== V(repeating: UInt8(ascii: "a")))
            .& ((f0 .== V(repeating: UInt8(ascii: "z"))) .| (f0 .== V(repeating: UInt8(ascii: "e")))))
        m = m .| ((f1 .== V(repeating: UInt8(ascii: "i"))) .& k)
        m = m .| ((f1 .== V(repeating: UInt8(ascii: "k"))) .& i)
        m = m .| ((v1 .== V(repeating: UInt8(ascii: "/"))) .& (v0 .== V(repeating: UInt8(ascii: ":"))))
        // `any(_:)` is not inlined on Linux; test the two halves as integers instead.
        let words = unsafeBitCast(m, to: SIMD2<UInt64>.self)
        guard words[0] | words[1] != 0 else { return 0 }
        return UInt32(movemask(words[0])) | UInt32(movemask(words[1])) << 8
    }

    /// The high bit of each of eight bytes, packed into eight bits.
    @inline(__always)
    static func movemask(_ x: UInt64) -> UInt64 {
        ((x & 0x8080_8080_8080_8080) &* 0x0002_0408_1020_4081) >> 56
    }
}

/// Bounds-checked reads over the scanned bytes (out of range reads give 0).
struct Bytes {
    let base: UnsafePointer<UInt8>
    let count: Int

    @inline(__always) subscript(_ i: Int) -> UInt8 { i >= 0 && i < count ? base[i] : 0 }

    /// Whether the bytes at `i` spell `literal` exactly.
    @inline(__always) func matches(_ literal: StaticString, at i: Int) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i >= 0, i + n <= count else { return false }
        let l = literal.utf8Start
        for k in 0..<n where base[i + k] != l[k] { return false }
        return true
    }

    /// Whether the bytes at `i` spell `literal` (lower-case ASCII) in any letter case.
    @inline(__always) func matchesFolded(_ literal: StaticString, at i: Int) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i >= 0, i + n <= count else { return false }
        let l = literal.utf8Start
        for k in 0..<n where ByteClass.lower(base[i + k]) != l[k] { return false }
        return true
    }

    /// The length of the run starting at `i` of bytes in `alphabet`, stopping at `cap`.
    @inline(__always) func run(from i: Int, _ alphabet: KeyAlphabet, cap: Int = 600) -> Int {
        var j = i
        let end = min(count, i + cap)
        while j < end, alphabet.contains(base[j]) { j += 1 }
        return j - i
    }

    /// The first line end (`\n` or `\r`) at or after `i`, or `i + cap`, or the end of the buffer.
    @inline(__always) func lineEnd(from i: Int, cap: Int = SecretScanner.maximumValueLength) -> Int {
        var j = i
        let end = min(count, i + cap)
        while j < end, !ByteClass.isLineEnd(base[j]) { j += 1 }
        return j
    }

    /// Whether the token starting at `s` has a boundary before it: not a letter or digit,
    /// or a percent-encoded or backslash-escaped delimiter (`%3D`, `\n`, `\u0022`).
    @inline(__always) func boundaryBefore(_ s: Int) -> Bool {
        if s <= 0 { return true }
        let c = base[s - 1]
        if !ByteClass.isAlphanumeric(c) { return true }
        if s >= 3, base[s - 3] == UInt8(ascii: "%"), ByteClass.isHex(base[s - 2]), ByteClass.isHex(c) { return true }
        if s >= 2, base[s - 2] == UInt8(ascii: "\\") { return true }
        if s >= 6, base[s - 6] == UInt8(ascii: "\\"), ByteClass.lower(base[s - 5]) == UInt8(ascii: "u") { return true }
        return false
    }
}
