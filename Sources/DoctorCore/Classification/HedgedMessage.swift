/// A product's own sentence that names no failure of its own but offers the user several layers
/// to check ("Überprüfe deinen API-Key oder IP und Port", ha-llmvision#397; "Please check your key
/// or base_url, or network", gptpdf's hint): the app shows it for any failed call, so the words
/// around it (a "could not connect" before it) are the app's, not the failure's.
///
/// It only speaks for a short input with no status and no error object: a bare UI sentence. Beside
/// a real answer (a status, a code, a body) the hedge is a hint after the evidence, and the
/// evidence decides.
enum HedgedMessage {
    /// The ``Classification/rule`` of its verdict: a review of the rule that decided, not a rule
    /// of ``RuleTable``.
    static let ruleID = "review.hedged-message"

    /// The longest input treated as a bare UI sentence.
    static let maxBytes = 512

    /// Words naming the key, in the languages the corpus shows (lowercase, as folded).
    static let keyWords = [
        "api key", "api-key", "apikey", "api_key", "key", "token", "schlüssel", "clé", "clave", "chave", "密钥", "ключ",
    ]
    /// Words naming the network path.
    static let networkWords = [
        "ip", "port", "network", "proxy", "connection", "endpoint", "url", "base_url", "host", "netzwerk",
        "réseau", "rede", "网络", "代理", "сеть",
    ]
    /// "or" in those languages.
    static let orWords = ["or", "oder", "ou", "o", "или", "或", "或者", "oppure"]

    /// The hedge the facts show, as written (folded), or `nil`.
    ///
    /// Reads the folded bytes word by word, with no `Character` or `String` work: it runs for every
    /// short input a transport table or a wording family decides.
    static func hedge(in facts: Facts) -> String? {
        guard facts.status == nil, facts.evidence.error.code == nil, facts.evidence.error.type == nil else {
            return nil
        }
        let raw = facts.evidence.body ?? facts.evidence.excerpt ?? ""
        guard raw.utf8.count <= maxBytes else { return nil }
        // The facts hold the input folded already: the whole body when a message was found, else
        // the excerpt's first 16 KiB (all of an input this short).
        let text = facts.hasMessage ? facts.contextBytes : facts.textBytes
        var start = 0
        // One sentence at a time: a hedge never spans a full stop.
        while start < text.count {
            var end = start
            while end < text.count, sentenceEnd(in: text, at: end) == 0 { end += 1 }
            if let sentence = hedge(in: text[start..<end]) { return sentence }
            start = end + max(1, sentenceEnd(in: text, at: end))
        }
        return nil
    }

    /// The sentence, trimmed, when it offers the key or the network (either first) around an "or".
    private static func hedge(in sentence: ArraySlice<UInt8>) -> String? {
        let words = Words.split(sentence)
        for (index, word) in words.enumerated() where orNeedles.contains(where: { $0.elementsEqual(word) }) {
            let before = words[max(0, index - 4)..<index]
            let after = words[(index + 1)..<min(words.count, index + 5)]
            let keyFirst = names(keyNeedles, in: before) && names(networkNeedles, in: after)
            let networkFirst = names(networkNeedles, in: before) && names(keyNeedles, in: after)
            if keyFirst || networkFirst {
                var trimmed = sentence
                while let first = trimmed.first, first == 0x20 || first == 0x09 || first == 0x0D {
                    trimmed.removeFirst()
                }
                while let last = trimmed.last, last == 0x20 || last == 0x09 || last == 0x0D { trimmed.removeLast() }
                return String(decoding: trimmed, as: UTF8.self)
            }
        }
        return nil
    }

    /// The length of the sentence end at `offset` (`.`, `!`, `?`, a newline, or `。`), 0 when none.
    private static func sentenceEnd(in text: [UInt8], at offset: Int) -> Int {
        guard offset < text.count else { return 0 }
        switch text[offset] {
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), 0x0A: return 1
        case 0xE3 where offset + 2 < text.count && text[offset + 1] == 0x80 && text[offset + 2] == 0x82: return 3
        default: return 0
        }
    }

    /// A term as the words it spans (bytes), and whether it is written without spaces between
    /// words (CJK), so it counts anywhere inside a word.
    private struct Needle {
        let words: [ArraySlice<UInt8>]
        let inside: Bool

        init(_ term: String) {
            let bytes = Array(term.utf8)
            words = Words.split(bytes[...])
            inside = (term.unicodeScalars.first?.value ?? 0) > 0x2E80
        }
    }

    private static let keyNeedles = keyWords.map(Needle.init)
    private static let networkNeedles = networkWords.map(Needle.init)
    private static let orNeedles = orWords.map { Array($0.utf8) }

    /// Whether `words` hold one of `needles` as whole consecutive words (CJK terms: anywhere).
    private static func names(_ needles: [Needle], in words: ArraySlice<ArraySlice<UInt8>>) -> Bool {
        needles.contains { needle in
            if needle.inside, let term = needle.words.first {
                return words.contains { word in ScanText.search(Array(term), in: Array(word), from: 0) != nil }
            }
            guard !needle.words.isEmpty, words.count >= needle.words.count else { return false }
            var at = words.startIndex
            while at + needle.words.count <= words.endIndex {
                if zip(needle.words, words[at..<(at + needle.words.count)]).allSatisfy({ $0.elementsEqual($1) }) {
                    return true
                }
                at += 1
            }
            return false
        }
    }

    /// Words: runs of letters, digits, `_` and `-` (every byte of a non-ASCII letter counts as one).
    private enum Words {
        static func split(_ text: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
            var words: [ArraySlice<UInt8>] = []
            var index = text.startIndex
            while index < text.endIndex {
                guard isWordByte(text[index]) else {
                    index += 1
                    continue
                }
                let start = index
                while index < text.endIndex, isWordByte(text[index]) { index += 1 }
                words.append(text[start..<index])
            }
            return words
        }

        static func isWordByte(_ byte: UInt8) -> Bool {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "_"), UInt8(ascii: "-"), 0x80...0xFF: true
            default: false
            }
        }
    }
}
