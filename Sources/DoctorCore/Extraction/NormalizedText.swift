import Synchronization

/// Text brought to one comparable form, with a way back to the original.
///
/// Every stage that compares wording — extraction's needles (``ScanText``), page markers, the
/// wording rules (`Facts`) — reads text through this one normalization, so a sentence matches
/// the same way wherever it is read, whatever typography, escaping or log framing it arrived in:
///
/// - **escapes**, at every level: `\"`, `\\\"`, `\\n`, `\/`, `\u00e9` (JSON in a string in JSON
///   in a log line reads as the JSON itself);
/// - **HTML**: named and numeric entities (`&quot;`, `&#39;`, `&#x2019;`), and tags taken out
///   (``Options/stripTags``: wording only; page markers look for the tags themselves);
/// - **typography**: curly quotes and apostrophes, primes and guillemets → `'` `"`; every dash
///   and minus → `-`; full-width forms → ASCII; every kind of space (no-break, narrow no-break,
///   ideographic, tabs) → one space, runs squeezed; zero-width characters and soft hyphens
///   dropped; `…` → `...`;
/// - **case**: ASCII and every other script that has case (`Ü` → `ü`, `É` → `é`);
/// - **log prefixes** at line starts: timestamps, `[level]`-free container prefixes
///   (`api-1  | `), `|` and `>` quoting.
///
/// ``origins`` maps every output byte to the offset of the input byte it came from, so a match
/// found here is shown from the original text (``originalRange(of:)``): what a person sees stays
/// the real text, never the folded one.
///
/// ```swift
/// let folded = NormalizedText("You\u{2019}ve exceeded\u{00A0}your QUOTA")
/// folded.text                                  // "you've exceeded your quota"
/// NormalizedText.fold("Ｅｒｒｏｒ：　403")          // "error: 403"
/// ```
public struct NormalizedText: Sendable, Equatable {
    /// What the normalization does; ``Options/matching`` is everything.
    public struct Options: OptionSet, Sendable, Hashable {
        /// The raw value.
        public let rawValue: Int
        /// Creates options from a raw value.
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Backslash escapes, at every level of nesting, are read as what they stand for.
        public static let unescape = Options(rawValue: 1)
        /// HTML entities, named and numeric, are read as their characters.
        public static let decodeEntities = Options(rawValue: 2)
        /// HTML tags become one space.
        public static let stripTags = Options(rawValue: 4)
        /// Quotes, dashes, full-width forms and spaces fold to ASCII; space runs are squeezed.
        public static let foldTypography = Options(rawValue: 8)
        /// Letters of every cased script are lowercased.
        public static let foldCase = Options(rawValue: 16)
        /// Timestamps, container names, `|` and `>` at the start of lines are dropped.
        public static let stripLogPrefixes = Options(rawValue: 32)

        /// What extraction's needles are compared with: everything but tag stripping (page
        /// markers look for tags and attributes).
        public static let scanning: Options = [
            .unescape, .decodeEntities, .foldTypography, .foldCase, .stripLogPrefixes,
        ]
        /// What wording is compared with: everything.
        public static let matching: Options = scanning.union(.stripTags)
        /// Escapes and entities read, case and typography kept: JSON objects to parse, titles to show.
        public static let decoded: Options = [.unescape, .decodeEntities]
    }

    /// The normalized UTF-8 bytes.
    public let bytes: [UInt8]
    /// For each byte of ``bytes``, the offset in the input of the byte it came from.
    public let origins: [Int32]
    /// The length of the input, in UTF-8 bytes.
    public let inputCount: Int

    /// Normalizes text.
    public init(_ text: String, _ options: Options = .matching) {
        self.init(utf8: Array(text.utf8), options)
    }

    /// Normalizes UTF-8 bytes (invalid sequences pass through byte by byte).
    public init(utf8 input: [UInt8], _ options: Options = .matching) {
        var writer = Writer(options: options, capacity: input.count, tracksOrigins: true)
        input.withUnsafeBufferPointer { writer.run($0) }
        var bytes = writer.out
        var origins = writer.origins
        // What decoding produced can itself be escaped or marked up (`&amp;quot;`, `&lt;b&gt;`,
        // `\&quot;`): read again until nothing changes, so the result is a fixed point.
        var rounds = 1
        while writer.decoded, rounds < Self.maxRounds {
            rounds += 1
            writer = Writer(options: options, capacity: bytes.count, tracksOrigins: true)
            bytes.withUnsafeBufferPointer { writer.run($0) }
            guard writer.out != bytes else { break }
            origins = writer.origins.map { origins[Int($0)] }
            bytes = writer.out
        }
        self.bytes = bytes
        self.origins = origins
        inputCount = input.count
    }

    /// The most passes over one text (each level of nesting that decoding reveals takes one).
    static let maxRounds = 6

    /// The normalized bytes alone, without the way back (what the wording rules compare: half
    /// the work of keeping ``origins``).
    public static func bytes(of input: some Collection<UInt8>, _ options: Options = .matching) -> [UInt8] {
        // The plain pass rejects `<`, so it serves both option sets that fold everything but tags.
        if options == .matching || options == .scanning,
            let plain = input.withContiguousStorageIfAvailable(plainFold), let plain
        {
            return plain
        }
        var writer = Writer(options: options, capacity: input.count, tracksOrigins: false)
        let done: Void? = input.withContiguousStorageIfAvailable { writer.run($0) }
        if done == nil { Array(input).withUnsafeBufferPointer { writer.run($0) } }
        var bytes = writer.out
        var rounds = 1
        while writer.decoded, rounds < maxRounds {
            rounds += 1
            writer = Writer(options: options, capacity: bytes.count, tracksOrigins: false)
            bytes.withUnsafeBufferPointer { writer.run($0) }
            guard writer.out != bytes else { break }
            bytes = writer.out
        }
        return bytes
    }

    /// The normalized text as a string.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The input range that a range of ``bytes`` came from (clamped).
    public func originalRange(of range: Range<Int>) -> Range<Int> {
        guard !bytes.isEmpty else { return 0..<0 }
        let lo = max(0, min(range.lowerBound, bytes.count))
        let hi = max(lo, min(range.upperBound, bytes.count))
        let start = lo < bytes.count ? Int(origins[lo]) : inputCount
        let end = hi < bytes.count ? Int(origins[hi]) : inputCount
        return start..<max(start, end)
    }

    /// The input offset that output offset `offset` stands for (the end of the input past the end).
    public func originalOffset(_ offset: Int) -> Int {
        offset >= 0 && offset < origins.count ? Int(origins[offset]) : inputCount
    }

    /// The normalized form of a short text (a needle, a wording fragment), as a string.
    public static func fold(_ text: String, _ options: Options = .matching) -> String {
        NormalizedText(text, options).text
    }

    /// The common case done in one simple pass: ASCII text with nothing for the full pass to read
    /// (no escape, entity, tag, tab, carriage return, `|` or `>`, and no line that starts with a
    /// digit, `[` or a space, where a log prefix could stand): lowercased with space runs
    /// squeezed. `nil` when the full pass is needed.
    private static func plainFold(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        if let first = input.first, first == UInt8(ascii: "[") || (0x30...0x39).contains(first) || first == 0x20 {
            return nil
        }
        var out = [UInt8]()
        out.reserveCapacity(input.count)
        var lastWasSpace = false
        for index in input.indices {
            let byte = input[index]
            switch byte {
            case 0x80...0xFF, UInt8(ascii: "\\"), UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: "|"),
                UInt8(ascii: ">"), 0x09, 0x0D:
                return nil
            case 0x0A:
                // A line start that cannot hold a timestamp (nor, without `|` or `>`, any prefix).
                if index + 1 < input.count {
                    let next = input[index + 1]
                    if next == UInt8(ascii: "[") || (0x30...0x39).contains(next) || next == 0x20 { return nil }
                }
                lastWasSpace = false
            case 0x20:
                if lastWasSpace { continue }
                lastWasSpace = true
            default:
                lastWasSpace = false
            }
            out.append(byte &- 0x41 < 26 ? byte | 0x20 : byte)
        }
        return out
    }

    /// Needles that are not plain lowercase ASCII, normalized once (localized OS sentences and
    /// the like are asked for on every input).
    private static let foldedNeedles = Mutex<[NeedleKey: [UInt8]]>([:])

    private struct NeedleKey: Hashable {
        let bytes: [UInt8]
        let options: Int
    }

    /// A needle (given in lowercase) as text normalized with `options` spells it: as it is when
    /// plain lowercase ASCII (no work), normalized otherwise.
    public static func needle(_ text: String, _ options: Options = .matching) -> [UInt8] {
        let bytes = Array(text.utf8)
        let plain = bytes.withUnsafeBufferPointer { buffer -> Bool in
            var previous: UInt8 = 0
            for b in buffer {
                if needsFolding[Int(b)] || (b == 0x20 && previous == 0x20) { return false }
                previous = b
            }
            return true
        }
        if plain { return bytes }
        let key = NeedleKey(bytes: bytes, options: options.rawValue)
        if let known = foldedNeedles.withLock({ $0[key] }) { return known }
        let folded = foldedBytes(text, options)
        foldedNeedles.withLock { cache in
            // Bounded: needles are the code's own literals, but stay safe against any caller.
            if cache.count > 4096 { cache.removeAll() }
            cache[key] = folded
        }
        return folded
    }

    /// The bytes a needle cannot hold as it is: non-ASCII, upper case, `\\`, `&`, `<`, tab.
    private static let needsFolding: [Bool] = (0..<256).map { (b: Int) -> Bool in
        if b >= 0x80 || (0x41...0x5A).contains(b) { return true }
        return [0x5C, 0x26, 0x3C, 0x09].contains(b)
    }

    /// The normalized form of a short text, as bytes.
    public static func foldedBytes(_ text: String, _ options: Options = .matching) -> [UInt8] {
        bytes(of: Array(text.utf8), options)
    }
}

// MARK: - The one pass

extension NormalizedText {
    /// Writes the normalized bytes and their origins in one pass over the input.
    fileprivate struct Writer {
        let unescape: Bool
        let entities: Bool
        let tags: Bool
        let typography: Bool
        let lowercase: Bool
        let logPrefixes: Bool
        var out: [UInt8] = []
        var origins: [Int32] = []
        /// Whether the last byte written was a space (runs are squeezed with typography folding).
        var lastWasSpace = false
        /// Whether the next byte starts a line (log prefixes are dropped there).
        var atLineStart = true
        /// Whether an escape, an entity, a tag or a folded character was read: what it wrote may
        /// read differently once more (`&amp;quot;`, `\\&quot;`, `&nbsp;api-1 | `, `<a<b>>`), so
        /// another pass runs. Case, space runs, tabs, line ends and log prefixes never need one,
        /// which keeps plain log text to a single pass.
        var decoded = false

        /// Whether ``origins`` is kept.
        let tracksOrigins: Bool

        init(options: Options, capacity: Int, tracksOrigins: Bool) {
            self.tracksOrigins = tracksOrigins
            unescape = options.contains(.unescape)
            entities = options.contains(.decodeEntities)
            tags = options.contains(.stripTags)
            typography = options.contains(.foldTypography)
            lowercase = options.contains(.foldCase)
            logPrefixes = options.contains(.stripLogPrefixes)
            out.reserveCapacity(capacity)
            if tracksOrigins { origins.reserveCapacity(capacity) }
        }

        @inline(__always) mutating func emit(_ byte: UInt8, from origin: Int) {
            if typography, byte == 0x20 {
                if lastWasSpace { return }
                lastWasSpace = true
            } else {
                lastWasSpace = false
            }
            out.append(lowercase && byte &- 0x41 < 26 ? byte | 0x20 : byte)
            if tracksOrigins { origins.append(Int32(truncatingIfNeeded: origin)) }
            if byte == 0x0A { atLineStart = logPrefixes }
        }

        mutating func run(_ input: UnsafeBufferPointer<UInt8>) {
            var i = 0
            let n = input.count
            while i < n {
                if atLineStart {
                    atLineStart = false
                    if logPrefixes {
                        i = Self.skipLogPrefix(input, from: i)
                    }
                    if i >= n { break }
                }
                let byte = input[i]
                if byte < 0x80 {
                    switch byte {
                    case UInt8(ascii: "\\") where unescape:
                        i = unescaped(input, at: i)
                    case UInt8(ascii: "&") where entities:
                        if let (scalar, end) = Self.entity(input, at: i) {
                            decoded = true
                            emit(scalar, from: i)
                            i = end
                        } else {
                            emit(byte, from: i)
                            i += 1
                        }
                    case UInt8(ascii: "<") where tags:
                        if let end = Self.tagEnd(input, at: i) {
                            decoded = true
                            emit(0x20, from: i)
                            i = end
                        } else {
                            emit(byte, from: i)
                            i += 1
                        }
                    case 0x09 where typography:
                        emit(0x20, from: i)
                        i += 1
                    case 0x0D where typography:
                        if i + 1 < n, input[i + 1] != 0x0A { decoded = true }
                        i += 1
                    default:
                        emit(byte, from: i)
                        i += 1
                    }
                    continue
                }
                guard let (scalar, length) = Self.decodeScalar(input, at: i) else {
                    emit(byte, from: i)
                    i += 1
                    continue
                }
                emit(scalar, from: i)
                i += length
            }
        }

        /// Writes one decoded scalar, folded.
        mutating func emit(_ scalar: Unicode.Scalar, from origin: Int) {
            let value = scalar.value
            if value < 0x80 {
                emit(UInt8(value), from: origin)
                return
            }
            if typography, let folded = Self.typographic(value) {
                decoded = true
                for byte in folded.utf8 { emit(byte, from: origin) }
                return
            }
            if typography,
                value == 0x200B || value == 0x200C || value == 0x200D || value == 0x2060
                    || value == 0xFEFF || value == 0x00AD
            {
                decoded = true
                return
            }
            if typography, (0xFF01...0xFF5E).contains(value) {
                decoded = true
                emit(UInt8(value - 0xFEE0), from: origin)
                return
            }
            if lowercase, scalar.properties.changesWhenLowercased {
                let mapping = scalar.properties.lowercaseMapping
                decoded = true
                for byte in mapping.utf8 { emit(byte, from: origin) }
                return
            }
            var buffer: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
            let count = withUnsafeMutableBytes(of: &buffer) { raw -> Int in
                var k = 0
                // Safe: UTF-8 encodes every Unicode scalar
                // swift-format-ignore: NeverForceUnwrap
                for unit in UTF8.encode(scalar)! {
                    raw[k] = unit
                    k += 1
                }
                return k
            }
            withUnsafeBytes(of: buffer) { raw in
                for k in 0..<count { emit(raw[k], from: origin) }
            }
        }

        /// The ASCII a typographic character folds to, if it is one.
        static func typographic(_ value: UInt32) -> String? {
            switch value {
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2035, 0x02BC, 0x02B9, 0x00B4:
                return "'"
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2036, 0x00AB, 0x00BB, 0x02BA:
                return "\""
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63:
                return "-"
            case 0x00A0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000, 0x2028, 0x2029:
                return " "
            case 0x2026: return "..."
            case 0x3002, 0xFF61: return "."
            case 0x3001, 0xFF64: return ","
            case 0x2039: return "<"
            case 0x203A: return ">"
            default: return nil
            }
        }

        /// Reads a run of backslashes and what it escapes; returns where reading goes on.
        mutating func unescaped(_ input: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
            var i = start
            while i < input.count, input[i] == UInt8(ascii: "\\") { i += 1 }
            guard i < input.count else {
                emit(UInt8(ascii: "\\"), from: start)
                return i
            }
            switch input[i] {
            case UInt8(ascii: "n"):
                emit(0x0A, from: start)
                return i + 1
            case UInt8(ascii: "r"):
                return i + 1
            case UInt8(ascii: "t"):
                emit(typography ? 0x20 : 0x09, from: start)
                return i + 1
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "/"):
                emit(input[i], from: start)
                return i + 1
            case UInt8(ascii: "u"):
                guard let high = Self.hex(input, from: i + 1, count: 4) else { break }
                var end = i + 5
                var value = high
                // A surrogate pair, itself escaped at the same or any level: \ud83d\ude00.
                if (0xD800...0xDBFF).contains(high) {
                    var j = end
                    while j < input.count, input[j] == UInt8(ascii: "\\") { j += 1 }
                    if j > end, j < input.count, input[j] == UInt8(ascii: "u"),
                        let low = Self.hex(input, from: j + 1, count: 4), (0xDC00...0xDFFF).contains(low)
                    {
                        value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                        end = j + 5
                    }
                }
                let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                decoded = true
                emit(scalar, from: start)
                return end
            default:
                break
            }
            // Not an escape (a Windows path, a regex): the backslash stays, once. What follows may
            // fold into something it escapes (`\’`, `\&quot;`): then another pass reads it.
            if input[i] >= 0x80 || input[i] == UInt8(ascii: "&") { decoded = true }
            emit(UInt8(ascii: "\\"), from: start)
            return i
        }

        static func hex(_ input: UnsafeBufferPointer<UInt8>, from start: Int, count: Int) -> UInt32? {
            guard start + count <= input.count else { return nil }
            var value: UInt32 = 0
            for k in start..<(start + count) {
                guard let digit = hexDigit(input[k]) else { return nil }
                value = value << 4 | digit
            }
            return value
        }

        @inline(__always) static func hexDigit(_ b: UInt8) -> UInt32? {
            switch b {
            case 0x30...0x39: UInt32(b - 0x30)
            case 0x41...0x46: UInt32(b - 0x37)
            case 0x61...0x66: UInt32(b - 0x57)
            default: nil
            }
        }

        /// An HTML entity at `start` (`&amp;`, `&#39;`, `&#x2019;`) and where it ends.
        static func entity(_ input: UnsafeBufferPointer<UInt8>, at start: Int) -> (Unicode.Scalar, Int)? {
            var i = start + 1
            let limit = min(input.count, start + 12)
            if i < limit, input[i] == UInt8(ascii: "#") {
                i += 1
                var value: UInt32 = 0
                var digits = 0
                let isHex = i < limit && (input[i] | 0x20) == UInt8(ascii: "x")
                if isHex { i += 1 }
                while i < limit, input[i] != UInt8(ascii: ";") {
                    if isHex, let digit = hexDigit(input[i]) {
                        value = value &* 16 &+ digit
                    } else if !isHex, (0x30...0x39).contains(input[i]) {
                        value = value &* 10 &+ UInt32(input[i] - 0x30)
                    } else {
                        return nil
                    }
                    digits += 1
                    i += 1
                }
                guard digits > 0, i < limit, value <= 0x10FFFF, let scalar = Unicode.Scalar(value) else { return nil }
                return (scalar, i + 1)
            }
            var name: [UInt8] = []
            while i < limit, input[i] != UInt8(ascii: ";") {
                let b = input[i]
                guard (0x61...0x7A).contains(b | 0x20) || (0x30...0x39).contains(b) else { return nil }
                name.append(b)
                i += 1
            }
            guard i < limit, let scalar = namedEntities[name] else { return nil }
            return (scalar, i + 1)
        }

        /// The named entities error pages and escaped messages use.
        static let namedEntities: [[UInt8]: Unicode.Scalar] = {
            let pairs: [(String, Unicode.Scalar)] = [
                ("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\""), ("apos", "'"), ("nbsp", "\u{A0}"),
                ("lsquo", "\u{2018}"), ("rsquo", "\u{2019}"), ("ldquo", "\u{201C}"), ("rdquo", "\u{201D}"),
                ("sbquo", "\u{201A}"), ("bdquo", "\u{201E}"), ("laquo", "\u{AB}"), ("raquo", "\u{BB}"),
                ("ndash", "\u{2013}"), ("mdash", "\u{2014}"), ("minus", "\u{2212}"), ("hellip", "\u{2026}"),
                ("bull", "\u{2022}"), ("middot", "\u{B7}"), ("copy", "\u{A9}"), ("reg", "\u{AE}"),
                ("trade", "\u{2122}"), ("thinsp", "\u{2009}"), ("ensp", "\u{2002}"), ("emsp", "\u{2003}"),
                ("shy", "\u{AD}"), ("zwsp", "\u{200B}"), ("prime", "\u{2032}"), ("Prime", "\u{2033}"),
                ("colon", ":"), ("comma", ","), ("period", "."), ("sol", "/"), ("bsol", "\\"), ("num", "#"),
                ("lpar", "("), ("rpar", ")"), ("lsqb", "["), ("rsqb", "]"), ("lcub", "{"), ("rcub", "}"),
                ("excl", "!"), ("quest", "?"), ("equals", "="), ("percnt", "%"), ("ast", "*"),
                ("eacute", "\u{E9}"), ("egrave", "\u{E8}"), ("agrave", "\u{E0}"), ("uuml", "\u{FC}"),
                ("ouml", "\u{F6}"), ("auml", "\u{E4}"), ("szlig", "\u{DF}"), ("ccedil", "\u{E7}"),
                ("AMP", "&"), ("LT", "<"), ("GT", ">"), ("QUOT", "\""),
            ]
            var table: [[UInt8]: Unicode.Scalar] = [:]
            for (name, scalar) in pairs { table[Array(name.utf8)] = scalar }
            return table
        }()

        /// Where an HTML tag that starts at `start` ends (after its `>`), if it is one.
        static func tagEnd(_ input: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
            let next = start + 1
            guard next < input.count else { return nil }
            let b = input[next]
            guard (0x61...0x7A).contains(b | 0x20) || b == UInt8(ascii: "/") || b == UInt8(ascii: "!") else {
                return nil
            }
            // A name first: "<br>", "</div>", "<!--"; then anything but a line end up to ">".
            var i = next
            let limit = min(input.count, start + 2048)
            while i < limit {
                switch input[i] {
                case UInt8(ascii: ">"): return i + 1
                case UInt8(ascii: "<"): return nil
                default: i += 1
                }
            }
            return nil
        }

        /// Decodes one UTF-8 scalar of two to four bytes at `start`.
        static func decodeScalar(_ input: UnsafeBufferPointer<UInt8>, at start: Int) -> (Unicode.Scalar, Int)? {
            let lead = input[start]
            let length: Int
            var value: UInt32
            switch lead {
            case 0xC2...0xDF:
                length = 2
                value = UInt32(lead & 0x1F)
            case 0xE0...0xEF:
                length = 3
                value = UInt32(lead & 0x0F)
            case 0xF0...0xF4:
                length = 4
                value = UInt32(lead & 0x07)
            default:
                return nil
            }
            guard start + length <= input.count else { return nil }
            for k in 1..<length {
                let b = input[start + k]
                guard b & 0xC0 == 0x80 else { return nil }
                value = value << 6 | UInt32(b & 0x3F)
            }
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return (scalar, length)
        }

        /// Skips a log line's framing: timestamps, `[…]`-wrapped timestamps, container prefixes
        /// (`api-1  | `), `|` and `>` quoting, in any order, and the spaces between them.
        static func skipLogPrefix(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
            var i = start
            var rounds = 0
            while rounds < 16 {
                rounds += 1
                var j = i
                while j < input.count, input[j] == 0x20 || input[j] == 0x09 { j += 1 }
                guard j < input.count else { return j }
                let b = input[j]
                if b == UInt8(ascii: ">") || b == UInt8(ascii: "|") {
                    j += 1
                    while j < input.count, input[j] == UInt8(ascii: ">") { j += 1 }
                    i = j
                    continue
                }
                if let end = timestampEnd(input, from: j) {
                    i = end
                    continue
                }
                if let end = containerPrefixEnd(input, from: j) {
                    i = end
                    continue
                }
                return rounds == 1 ? start : j
            }
            return i
        }

        /// The end of a timestamp at `start`: `2024-05-01T12:00:00.123Z`, `2024/05/01 12:00:00,123`,
        /// `12:00:00.123`, optionally in `[…]`, followed by a space or `]`.
        static func timestampEnd(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
            var i = start
            let bracketed = input[i] == UInt8(ascii: "[")
            if bracketed { i += 1 }
            let first = i
            guard i < input.count, (0x30...0x39).contains(input[i]) else { return nil }
            var digits = 0
            var colons = 0
            var dashes = 0
            while i < input.count, i - first < 40 {
                let b = input[i]
                if (0x30...0x39).contains(b) {
                    digits += 1
                } else if b == UInt8(ascii: ":") {
                    colons += 1
                } else if b == UInt8(ascii: "-") || b == UInt8(ascii: "/") {
                    dashes += 1
                } else if b | 0x20 == UInt8(ascii: "t") || b | 0x20 == UInt8(ascii: "z") || b == UInt8(ascii: ".")
                    || b == UInt8(ascii: ",") || b == UInt8(ascii: "+")
                {
                } else if b == 0x20 || b == 0x09, digits >= 6, colons == 0, dashes == 2, i + 1 < input.count,
                    (0x30...0x39).contains(input[i + 1])
                {
                    // The date's space before the time.
                } else {
                    break
                }
                i += 1
            }
            guard digits >= 6, colons >= 2 || dashes >= 2 else { return nil }
            if bracketed {
                guard i < input.count, input[i] == UInt8(ascii: "]") else { return nil }
                i += 1
            }
            guard i >= input.count || input[i] == 0x20 || input[i] == 0x09 || input[i] == UInt8(ascii: "]") else {
                return nil
            }
            return i
        }

        /// The end of a container prefix at `start`: a name of letters, digits, `-_.` then spaces and `| `.
        static func containerPrefixEnd(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
            var i = start
            while i < input.count, i - start < 64 {
                let b = input[i]
                guard
                    (0x61...0x7A).contains(b | 0x20) || (0x30...0x39).contains(b) || b == UInt8(ascii: "-")
                        || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
                else { break }
                i += 1
            }
            guard i > start, i < input.count, input[i] == 0x20 || input[i] == 0x09 else { return nil }
            while i < input.count, input[i] == 0x20 || input[i] == 0x09 { i += 1 }
            guard i + 1 < input.count, input[i] == UInt8(ascii: "|"), input[i + 1] == 0x20 || input[i + 1] == 0x09
            else { return nil }
            return i + 2
        }
    }
}
