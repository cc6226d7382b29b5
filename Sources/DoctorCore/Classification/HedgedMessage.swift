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
    static func hedge(in facts: Facts) -> String? {
        guard facts.status == nil, facts.evidence.error.code == nil, facts.evidence.error.type == nil else {
            return nil
        }
        let raw = facts.evidence.body ?? facts.evidence.excerpt ?? ""
        guard raw.utf8.count <= maxBytes else { return nil }
        // The facts hold the input folded already: the whole body when a message was found, else
        // the excerpt's first 16 KiB (all of an input this short).
        let text = String(decoding: facts.hasMessage ? facts.contextBytes : facts.textBytes, as: UTF8.self)
        // One sentence at a time: a hedge never spans a full stop.
        for sentence in text.split(whereSeparator: { ".!?。\n".contains($0) }) {
            let words = sentence.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
                .map(String.init)
            for (index, word) in words.enumerated() where orWords.contains(word) {
                let before = words[max(0, index - 4)..<index].joined(separator: " ")
                let after = words[(index + 1)..<min(words.count, index + 5)].joined(separator: " ")
                let keyFirst = names(keyWords, in: before) && names(networkWords, in: after)
                let networkFirst = names(networkWords, in: before) && names(keyWords, in: after)
                if keyFirst || networkFirst {
                    return String(
                        sentence.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
                }
            }
        }
        return nil
    }

    /// Whether `words` (space-joined) holds one of `terms` as whole words.
    private static func names(_ terms: [String], in words: String) -> Bool {
        let padded = " " + words + " "
        return terms.contains {
            padded.contains(" " + $0 + " ") || ($0.unicodeScalars.first?.value ?? 0) > 0x2E80 && padded.contains($0)
        }
    }
}
