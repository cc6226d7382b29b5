/// The features the learned wording stage (``WordingModel``) reads from one piece of evidence:
/// word unigrams and bigrams, character 4-grams, and a few structural tokens (status, code,
/// type, form, who answered, transport phase), each hashed into a fixed number of buckets with a
/// sign (the hashing trick), with the readable n-gram kept beside it so that a verdict can name
/// the words that weighed most.
///
/// Deterministic on every platform: FNV-1a over bytes, never `Hasher` (seeded per process).
public struct WordingFeatures: Sendable {
    /// One feature: its bucket, its sign, and the n-gram or token it stands for.
    public struct Feature: Sendable, Hashable {
        /// The bucket of the hashed weight table.
        public var bucket: Int
        /// +1 or -1: the hashing trick's sign, which keeps collisions from adding up.
        public var sign: Float
        /// Whether it is a word n-gram or structural token (readable), not a character n-gram.
        public var isWord: Bool
        /// What a person would read: the word, the two words, or `status=403`.
        public var text: String
    }

    /// The distinct features, in first-seen order.
    public var features: [Feature]
    /// The weight every feature carries: 1/√n, so that long inputs do not outweigh short ones.
    public var value: Float

    /// The bytes the model reads from `evidence`: the error message, then the body or the input
    /// excerpt, each folded by ``WordingFeatures/fold(_:)`` and capped.
    public static func text(of evidence: Evidence) -> [UInt8] {
        let message = evidence.error.message ?? ""
        let rest = evidence.body ?? evidence.excerpt ?? ""
        var bytes = fold(String(decoding: message.utf8.prefix(8 << 10), as: UTF8.self))
        if !rest.isEmpty, rest != message {
            bytes.append(0x0A)
            bytes += fold(String(decoding: rest.utf8.prefix(16 << 10), as: UTF8.self))
        }
        return bytes
    }

    /// The one text folding the model uses, at training and at classification alike: the
    /// classifier's own (``Facts/folded(_:)``, that is ``NormalizedText``), so that the model reads
    /// wording in the same form as the rules. Change it only with a retraining
    /// (`scripts/train-explain-model.sh`).
    public static func fold(_ text: String) -> [UInt8] {
        Facts.folded(text.utf8)
    }

    /// Reads the features of `evidence` into `buckets` buckets (``init(text:tokens:buckets:keepText:)``).
    public init(_ evidence: Evidence, buckets: Int, keepText: Bool = true) {
        var tokens: [String] = []
        if let status = evidence.status {
            tokens.append("status=\(status)")
            tokens.append("status=\(status / 100)xx")
        } else {
            tokens.append("status=none")
        }
        if let code = evidence.error.code, !code.isEmpty { tokens.append("code=\(code.lowercased())") }
        if let type = evidence.error.type, !type.isEmpty { tokens.append("type=\(type.lowercased())") }
        tokens.append("form=\(evidence.form.rawValue)")
        if let provider = evidence.provider { tokens.append("answered=\(provider.rawValue)") }
        if let transport = evidence.transport {
            tokens.append("transport=\(transport.phase.rawValue)")
            tokens.append("transport=\(transport.kind.rawValue)")
        }
        self.init(text: Self.text(of: evidence), tokens: tokens, buckets: buckets, keepText: keepText)
    }

    /// Reads the features of folded `text` plus structural `tokens` into `buckets` buckets;
    /// `keepText: false` leaves ``Feature/text`` empty (training and scoring do not read it).
    public init(text: [UInt8], tokens: [String] = [], buckets: Int, keepText: Bool = true) {
        var features: [Feature] = []
        // Distinct features only: an open-addressing set of the hashes, grown to stay at most
        // half full, cheaper than `Set` on this path.
        var seen = [UInt64](repeating: 0, count: 1024)
        func insert(_ key: UInt64) -> Bool {
            let mask = seen.count - 1
            var slot = Int(truncatingIfNeeded: key) & mask
            while seen[slot] != 0 {
                if seen[slot] == key { return false }
                slot = (slot + 1) & mask
            }
            seen[slot] = key
            return true
        }
        func add(_ kind: UInt8, _ first: some Collection<UInt8>, _ second: [UInt8]? = nil, word: Bool) {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            hash = (hash ^ UInt64(kind)) &* 0x100_0000_01b3
            for byte in first { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            if let second {
                hash = (hash ^ 0x20) &* 0x100_0000_01b3
                for byte in second { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            }
            // Fold the high bits in, so that a power-of-two table uses all of them.
            hash ^= hash >> 29
            guard insert(max(hash & 0x7FFF_FFFF_FFFF_FFFF, 1)) else { return }
            if features.count * 2 + 2 >= seen.count {
                let old = seen
                seen = [UInt64](repeating: 0, count: old.count * 2)
                for key in old where key != 0 { _ = insert(key) }
            }
            let bucket = Int(hash % UInt64(buckets))
            var readable = ""
            if word && keepText {
                readable = String(decoding: first, as: UTF8.self)
                if let second { readable += " " + String(decoding: second, as: UTF8.self) }
            }
            features.append(Feature(bucket: bucket, sign: hash >> 63 == 0 ? 1 : -1, isWord: word, text: readable))
        }
        for token in tokens { add(1, token.utf8, word: true) }
        let words = Self.words(text)
        var previous: [UInt8]? = nil
        for word in words {
            add(2, word, word: true)
            if let previous { add(3, previous, word, word: true) }
            previous = word
        }
        // Character 4-grams over the words joined by single spaces (the first 4 KiB): they
        // carry inflections, compounds and scripts written without spaces.
        var joined: [UInt8] = [0x20]
        for word in words {
            joined += word
            joined.append(0x20)
            if joined.count >= 4 << 10 { break }
        }
        if joined.count >= 4 {
            for start in 0...(joined.count - 4) { add(4, joined[start..<start + 4], word: false) }
        }
        self.features = features
        self.value = features.isEmpty ? 0 : 1 / Float(features.count).squareRoot()
    }

    /// The words of folded text: runs of ASCII letters and digits, `_`, `.`- and `-`-joined names
    /// and any non-ASCII byte (so every script makes words). Identifiers are reduced to their
    /// shape: a long run mixing digits and letters (request ids, hashes, keys) becomes `#id`; a key
    /// (`sk-proj-…`, whose alphabet holds `-` and `_`) stays one word, so it becomes `#id` whole.
    static func words(_ text: [UInt8]) -> [[UInt8]] {
        var words: [[UInt8]] = []
        var current: [UInt8] = []
        func flush() {
            defer { current.removeAll(keepingCapacity: true) }
            while let last = current.last, last == 0x2E || last == 0x5F || last == 0x2D { current.removeLast() }
            while let first = current.first, first == 0x2D || first == 0x5F { current.removeFirst() }
            guard !current.isEmpty else { return }
            let digits = current.filter { (0x30...0x39).contains($0) }.count
            if current.count > 40 || (digits > 0 && digits < current.count && current.count >= 12) {
                words.append(Array("#id".utf8))
            } else {
                words.append(current)
            }
        }
        for byte in text {
            let isWordByte =
                (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte >= 0x80 || byte == 0x5F
                || ((byte == 0x2E || byte == 0x2D) && !current.isEmpty) || (0x41...0x5A).contains(byte)
            if isWordByte { current.append(byte) } else { flush() }
        }
        flush()
        return words
    }
}
