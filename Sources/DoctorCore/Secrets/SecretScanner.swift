/// Finds secrets in raw bytes, without decoding them and without regular expressions.
///
/// Every rule is woken by a three-byte anchor that its pattern must contain (`sk-` for
/// OpenAI keys, `riz` for `authorization`, `oki` for `cookie`, `://` for URL credentials…;
/// see ``Anchors``). An ``AnchorSearch`` lists the positions that may start an anchor (here
/// ``ScalarAnchorSearch``, in Swift; the scanning module plugs in its vector kernel, which lists
/// the same positions faster); three 256-entry tables confirm each exactly, and only there does
/// a rule look around. Matches never cross a line end, and every
/// match is bounded (``maximumMatchLength``), so a caller that streams a file in chunks
/// needs to keep only ``lookbehind`` bytes before and ``lookahead`` bytes after the
/// region it commits (see `SecretStream` in the scanning module, DoctorScan).
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

    /// What lists the anchor candidates; `nil` is ``ScalarAnchorSearch``. The scanning module
    /// sets its kernel here; every search gives the same matches.
    package var anchorSearch: (any AnchorSearch)?

    /// Creates a scanner.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// The most bytes a match may start after its anchor: a field name and its value are
    /// apart by at most ``SecretRules/maximumBlankRun`` blank bytes per gap, a URL's password by
    /// at most 512 bytes of user information. A scan tries the anchors this far before its
    /// region, so that a value whose name lies before the region's start is still found.
    package static let farthestStart = 1024
    /// The most bytes a rule reads before its anchor, plus ``farthestStart``.
    package static let lookbehind = farthestStart + 256
    /// The longest header or field value considered (longer values are cut there).
    package static let maximumValueLength = 16 * 1024
    /// The most bytes a match may end past its anchor.
    package static let maximumMatchLength = maximumValueLength + 512
    /// The bytes a streaming caller must keep after the region it commits.
    package static let lookahead = maximumMatchLength + 64

    /// Every secret in `text`, in order, as UTF-8 byte ranges.
    public func matches(in text: String) -> [SecretMatch] {
        var copy = text
        return copy.withUTF8 { matches(in: $0) }
    }

    /// Every secret in `bytes`, in order.
    package func matches(in bytes: UnsafeBufferPointer<UInt8>) -> [SecretMatch] {
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
    package func scan(
        _ buffer: UnsafeBufferPointer<UInt8>, from: Int, limit: Int, _ emit: (SecretMatch) -> Void
    ) -> Int {
        var found: [SecretMatch] = []
        let end = scan(buffer, from: from, limit: limit, into: &found)
        for match in found { emit(match) }
        return end
    }

    /// Scans `buffer` like ``scan(_:from:limit:_:)``, appending the matches to `out`.
    @discardableResult
    package func scan(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, limit: Int, into out: inout [SecretMatch]) -> Int
    {
        var unused: [Int] = []
        return scan(buffer, from: from, limit: limit, into: &out, errorMarks: &unused, collectingMarks: false)
    }

    /// Scans `buffer` like ``scan(_:from:limit:into:)``, and also appends to `errorMarks` the
    /// start of every `rror` (of `error`, `Error`, `RateLimitError`…) from `from` on, so that
    /// `audit` finds error-record candidates in the same pass over the bytes.
    @discardableResult
    package func scan(
        _ buffer: UnsafeBufferPointer<UInt8>, from: Int, limit: Int, into out: inout [SecretMatch],
        errorMarks: inout [Int]
    ) -> Int {
        scan(buffer, from: from, limit: limit, into: &out, errorMarks: &errorMarks, collectingMarks: true)
    }

    private func scan(
        _ buffer: UnsafeBufferPointer<UInt8>, from: Int, limit: Int, into out: inout [SecretMatch],
        errorMarks: inout [Int], collectingMarks: Bool
    ) -> Int {
        guard let base = buffer.baseAddress, buffer.count >= 2 else { return from }
        let bytes = Bytes(base: base, count: buffer.count)
        var state = ScanState(from: from, limit: limit)
        let firstNew = out.count
        let anchorEnd = min(limit + 16, buffer.count - 1)
        // Anchors before `from` too: a field name before the region whose value starts in it
        // (a stream's chunk boundary between `Authorization:` and its value) is read here.
        let p = max(from - Self.farthestStart - 8, 0)
        let rules = SecretRules(bytes: bytes, emails: options.emails)
        // The search lists the positions whose three bytes may start an anchor; the exact tables
        // confirm each, and the rules run on those alone.
        let search: any AnchorSearch = anchorSearch ?? ScalarAnchorSearch()
        var next = p
        Anchors.tables.withUnsafeBufferPointer { tables in
            Anchors.all.withUnsafeBufferPointer { anchors in
                Anchors.filter.forEachCandidate(in: buffer, max(p - 2, 0)..<anchorEnd, search: search) { q in
                    var hits = tables[Int(base[q])] & tables[256 + Int(bytes[q + 1])] & tables[512 + Int(bytes[q + 2])]
                    while hits != 0 {
                        let anchor = anchors[hits.trailingZeroBitCount]
                        hits &= hits &- 1
                        guard anchor.rule != Anchors.errorMark else {
                            if collectingMarks, q >= from, bytes[q + 3] == UInt8(ascii: "r") { errorMarks.append(q) }
                            continue
                        }
                        let at = q + anchor.offset
                        guard at >= next, at < anchorEnd else { continue }
                        // A key prefix inside a word (`task-`, `risk-`) is no key: skip the rules.
                        if anchor.keyStart != Anchors.notAKey, !bytes.boundaryBefore(q + anchor.keyStart) { continue }
                        next = max(at + 1, rules.apply(anchor.rule, at: at, &state, &out))
                    }
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

/// The rules' anchor points: the two-byte pair each rule is written around (bit `n` = rule `n`).
enum RulePairs {
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
}

/// The three-byte anchors the search looks for, and the rule each one wakes.
///
/// Three bytes are far more selective than the rules' own pairs: `sk-` rather than `k-`,
/// `riz` of authorization rather than `za` (which every `organization` header has), `bea`
/// of bearer rather than `ea`. Each anchor names its rule's pair by an offset from its start.
enum Anchors {
    /// One anchor: its bytes, whether letters match in either case, the rule it wakes, where
    /// that rule's pair starts relative to the anchor, and its bucket in the search's filter.
    struct Anchor {
        var text: StaticString
        var anyCase: Bool
        var rule: UInt16
        var offset: Int
        var bucket: Int
        /// For a key prefix, where the key starts relative to the anchor (it must follow a
        /// token boundary); ``notAKey`` for anchors inside field names.
        var keyStart: Int = Anchors.notAKey
    }

    /// The ``Anchor/keyStart`` of anchors that are not key prefixes.
    static let notAKey = Int.min

    /// The rule value of the anchor that marks a possible error record rather than a secret.
    static let errorMark: UInt16 = 0

    /// Every anchor; a bucket holds anchors whose cross product of bytes adds few false
    /// candidates (`ls-` beside `sk-`, `ss-`, `lx-`; `hf_` sits with `xai`, since beside `sk-`
    /// it would let in the `cf-` of every `cf-ray` header). At most sixteen (one bit each).
    static let all: [Anchor] = [
        Anchor(text: "sk-", anyCase: false, rule: RulePairs.sk, offset: 1, bucket: 0, keyStart: 0),
        Anchor(text: "sk_", anyCase: false, rule: RulePairs.underscoreKey, offset: 1, bucket: 0, keyStart: -1),
        Anchor(text: "hf_", anyCase: false, rule: RulePairs.hf, offset: 1, bucket: 7, keyStart: 0),
        Anchor(text: "ss-", anyCase: false, rule: RulePairs.sess, offset: 1, bucket: 0, keyStart: -2),
        Anchor(text: "lx-", anyCase: false, rule: RulePairs.pplx, offset: 1, bucket: 0, keyStart: -2),
        Anchor(text: "rro", anyCase: false, rule: errorMark, offset: 0, bucket: 1),
        Anchor(text: "pi-", anyCase: true, rule: RulePairs.apiSeparated, offset: 1, bucket: 2),
        Anchor(text: "pi_", anyCase: true, rule: RulePairs.apiSeparated, offset: 1, bucket: 2),
        Anchor(text: "://", anyCase: false, rule: RulePairs.url, offset: 0, bucket: 3),
        Anchor(text: "riz", anyCase: true, rule: RulePairs.za, offset: 2, bucket: 4),
        Anchor(text: "Iza", anyCase: false, rule: RulePairs.za, offset: 1, bucket: 4, keyStart: -1),
        Anchor(text: "bea", anyCase: true, rule: RulePairs.bearer, offset: 1, bucket: 5),
        Anchor(text: "oki", anyCase: true, rule: RulePairs.cookie, offset: 1, bucket: 6),
        Anchor(text: "pik", anyCase: true, rule: RulePairs.apiJoined, offset: 1, bucket: 6),
        Anchor(text: "n-k", anyCase: true, rule: RulePairs.subscription, offset: 0, bucket: 6),
        Anchor(text: "xai", anyCase: false, rule: RulePairs.apiSeparated, offset: 2, bucket: 7, keyStart: 0),
    ]

    /// The bytes of an anchor's position `k` (0 to 2), in every case it accepts.
    static func variants(_ anchor: Anchor, _ k: Int) -> [UInt8] {
        let byte = anchor.text.utf8Start[k]
        return anchor.anyCase && ByteClass.isLetter(byte) ? [byte | 0x20, byte & ~0x20] : [byte]
    }

    /// Three 256-entry tables, one after another: bit `n` of `tables[k * 256 + b]` is set when
    /// anchor `n` accepts byte `b` at position `k`.
    static let tables: [UInt16] = {
        precondition(all.count <= 16 && all.allSatisfy { $0.text.utf8CodeUnitCount == 3 })
        var tables = [UInt16](repeating: 0, count: 3 * 256)
        for (n, anchor) in all.enumerated() {
            for k in 0..<3 {
                for byte in variants(anchor, k) { tables[k * 256 + Int(byte)] |= 1 << n }
            }
        }
        return tables
    }()

    /// The search's filter over every anchor, in every case each accepts. `sk-`, the key prefix
    /// that logs hold most often inside words (`task-`, `risk-`, `desk-`), is a token start: the
    /// search drops it inside a word, as the rules would (its key starts at the anchor).
    static let filter: AnchorFilter = {
        let tokenStart = all[0]
        precondition(tokenStart.text.description == "sk-" && tokenStart.keyStart == 0 && !tokenStart.anyCase)
        let bytes = tokenStart.text.utf8Start
        return AnchorFilter(
            all.flatMap { anchor in
                variants(anchor, 0).flatMap { a in
                    variants(anchor, 1).flatMap { b in
                        variants(anchor, 2).map { c in AnchorFilter.Anchor(bytes: (a, b, c), bucket: anchor.bucket) }
                    }
                }
            },
            tokenStart: (bytes[0], bytes[1], bytes[2]))
    }()
}

/// Bounds-checked reads over the scanned bytes (out of range reads give 0).
package struct Bytes {
    let base: UnsafePointer<UInt8>
    let count: Int

    /// A view of `count` bytes at `base`.
    package init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    @inline(__always) package subscript(_ i: Int) -> UInt8 { i >= 0 && i < count ? base[i] : 0 }

    /// Whether the bytes at `i` spell `literal` exactly.
    @inline(__always) package func matches(_ literal: StaticString, at i: Int) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i >= 0, i + n <= count else { return false }
        let l = literal.utf8Start
        for k in 0..<n where base[i + k] != l[k] { return false }
        return true
    }

    /// Whether the bytes at `i` spell `literal` (lower-case ASCII) in any letter case.
    @inline(__always) package func matchesFolded(_ literal: StaticString, at i: Int) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard i >= 0, i + n <= count else { return false }
        let l = literal.utf8Start
        for k in 0..<n where ByteClass.lower(base[i + k]) != l[k] { return false }
        return true
    }

    /// The length of the run starting at `i` of bytes in `alphabet`, stopping at `cap`.
    @inline(__always) package func run(from i: Int, _ alphabet: KeyAlphabet, cap: Int = 600) -> Int {
        var j = i
        let end = min(count, i + cap)
        while j < end, alphabet.contains(base[j]) { j += 1 }
        return j - i
    }

    /// The first line end (`\n` or `\r`) at or after `i`, or `i + cap`, or the end of the buffer.
    @inline(__always) package func lineEnd(from i: Int, cap: Int = SecretScanner.maximumValueLength) -> Int {
        var j = i
        let end = min(count, i + cap)
        while j < end, !ByteClass.isLineEnd(base[j]) { j += 1 }
        return j
    }

    /// Whether the token starting at `s` has a boundary before it: not a letter or digit,
    /// or a percent-encoded or backslash-escaped delimiter (`%3D`, `\n`, `\u0022`).
    @inline(__always) package func boundaryBefore(_ s: Int) -> Bool {
        if s <= 0 { return true }
        let c = base[s - 1]
        if !ByteClass.isAlphanumeric(c) { return true }
        if s >= 3, base[s - 3] == UInt8(ascii: "%"), ByteClass.isHex(base[s - 2]), ByteClass.isHex(c) { return true }
        if s >= 2, base[s - 2] == UInt8(ascii: "\\") { return true }
        if s >= 6, base[s - 6] == UInt8(ascii: "\\"), ByteClass.lower(base[s - 5]) == UInt8(ascii: "u") { return true }
        return false
    }
}
