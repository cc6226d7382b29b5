/// A client that failed to decode the server's answer: the answer it could not read held the real
/// error, so the text names no cause. Said as an honest `unknown`, with what to capture, rather
/// than left to the learned last stage, which would read the decoder's words as a cause.
enum DecodingRules {
    /// How clients word a failure to decode an answer, as they print it: Swift's `DecodingError`
    /// cases and Foundation's "The data couldn't be read"; Python's `JSONDecodeError`; "failed to
    /// decode"; and "failed to deserialize", which Rust clients built on serde and reqwest, and
    /// .NET and PHP clients, print before the decoder's own message (krypticmouse/DSRs#10 over
    /// async-openai; "Failed to deserialize API response" in many clients' sources, code search).
    static let phrases = [
        "decodingerror", "keynotfound(", "typemismatch(", "valuenotfound(", "datacorrupted(",
        "the data couldn't be read", "jsondecodeerror", "failed to decode", "keynotfound:",
        "failed to deserialize",
    ]

    /// The phrases as the folded text holds them, converted once.
    static let needles = phrases.map { NormalizedText.needle($0) }

    /// Whether the message, or the text around it, shows a decoding failure.
    static func shown(in facts: Facts) -> Bool {
        needles.contains(where: facts.containsAnywhere)
    }

    /// The rules, in precedence order.
    static let rules: [Rule] = [
        // Last of all: any code, wording, page, status or transport failure the text also shows
        // decides before it. Only what no rule read is left to it.
        Rule("fallback.decoding-failure", .fallback, [.unknown]) { facts in
            guard shown(in: facts) else { return nil }
            return .unknown(
                "the client failed to decode the server's answer, so the answer's own error is not in the text",
                next: UnknownAdvice.next(for: facts))
        }
    ]
}
