/// Causes recognised by families of message wording, for errors without a usable code:
/// 2022–23 bodies with `code: null`, SDK texts that kept only the message, relays.
///
/// Each family lists fragments seen across years (docs/errors-catalogue.md §2); the order puts
/// the families that are easiest to confuse (quota before rate limit, too large before
/// rate limit, model access before model existence) in the right precedence.
enum WordingRules {
    /// One cause's wording family, as its ``CauseSpec`` declares it.
    struct Family {
        let cause: CauseID
        let confidence: Confidence
        let fragments: [String]
        /// The fragments as bytes, converted once.
        let bytes: [[UInt8]]
        /// The identifier fragments (`function_invocation_timeout`) as a person retypes them from a
        /// screenshot or a popup: words apart, the last word cut or misread after its first four
        /// letters (`FUNCTION INVOCATION TIMEOLJT`); each with the index of its fragment.
        let retyped: [(needle: [UInt8], index: Int)]

        init(cause: CauseID, confidence: Confidence, fragments: [String], bytes: [[UInt8]]) {
            self.cause = cause
            self.confidence = confidence
            self.fragments = fragments
            self.bytes = bytes
            retyped = fragments.enumerated().compactMap { index, fragment in
                // Only identifiers: most fragments are sentences, passed over without Character work.
                guard fragment.utf8.contains(UInt8(ascii: "_")) else { return nil }
                let words = fragment.split(separator: "_")
                // Three words at least, letters only: two words and a cut third still name one code.
                guard words.count >= 3, words.allSatisfy({ $0.allSatisfy(\.isLetter) }), let last = words.last
                else { return nil }
                let cut = words.dropLast().joined(separator: " ") + " " + last.prefix(4)
                return (NormalizedText.needle(cut), index)
            }
        }
    }

    /// Every cause's family, in rank order.
    static let families: [Family] = CauseID.allCases
        .compactMap { cause in cause.spec.wording.map { (cause, $0) } }
        .sorted { $0.1.rank < $1.1.rank }
        .map { cause, wording in
            Family(
                cause: cause, confidence: wording.confidence, fragments: wording.fragments,
                bytes: wording.fragments.map { NormalizedText.needle($0) })
        }

    /// The rules: an echoed key first (invalid or malformed by the echo), then one rule per
    /// cause's family, in rank order.
    static let rules: [Rule] =
        [
            Rule("wording.incorrect-api-key", .wording, [.keyInvalid, .keyMalformed, .keyMissing]) { facts in
                guard facts.hasText, facts.says(["incorrect api key provided", "invalid api key", "invalid_api_key"])
                else { return nil }
                return KeyEchoRules.fromInvalidKey(facts)
            },
            // "Invalid URL (POST /v1/chat/completions)" for a path the API serves: the URL the client
            // built is right, so what changed the request lies in between (a relay, a proxy, a
            // rewritten method): the endpoint family, but not sure of it.
            Rule("wording.invalid-url-served-path", .wording, [.endpointWrong]) { facts in
                guard let request = facts.invalidURLRequest, OpenAIEndpoints.isServed(request) else { return nil }
                return verdict(
                    .endpointWrong, .low,
                    "the answer calls \(request) an invalid URL, yet the API serves that method and path: something between the client and the API changed the request"
                )
            },
        ]
        + families.map { family in
            Rule("wording.\(family.cause.rawValue)", .wording, [family.cause]) { facts in
                guard facts.hasText, let index = family.bytes.firstIndex(where: facts.contains) else { return nil }
                let fragment = family.fragments[index]
                // A wording alone is strong only when the status agrees (or is missing).
                let confidence = family.cause.spec.agrees(with: facts.status) ? family.confidence : .medium
                return verdict(family.cause, confidence, "the message says \"\(fragment)\"")
            }
        } + [
            // A code retyped by hand, after every family read the text as written: less sure.
            Rule("wording.retyped-identifier", .wording, Set(families.map(\.cause))) { facts in
                guard facts.hasText else { return nil }
                for family in families where family.cause.spec.agrees(with: facts.status) {
                    guard let hit = family.retyped.first(where: { facts.contains($0.needle) }) else { continue }
                    return verdict(
                        family.cause, .low,
                        "the text holds \"\(family.fragments[hit.index])\" retyped (words apart, the last one cut or misread)"
                    )
                }
                return nil
            },
            // The extracted message said nothing known, but the text around it does (an SDK that kept
            // the status line as the message, a wrapper around the real body): less sure than the message.
            // Last, a sentence cut at either end (a log line's tail, a truncated paste), in the message
            // or around it: a line that starts with the end of a family's sentence, or ends with its
            // start, where enough words remain. Never against the status.
            Rule("wording.around-message", .wording, Set(families.map(\.cause))) { facts in
                let context = facts.contextBytes
                // A family whose cause the message's own status refutes is the wrapper's words, not
                // the answer's: a plugin's "500 Internal Server Error" around the provider's "Not Found
                // (404)". (The envelope's status can be the wrapper's: a gateway's 500 around the 429
                // it relays is still the 429.)
                let messageStatus = facts.messageStatus
                for family in families where !context.isEmpty && family.cause.spec.agrees(with: messageStatus) {
                    guard
                        let index = family.bytes.firstIndex(where: facts.contextContains)
                    else { continue }
                    return verdict(
                        family.cause, .medium, "the text around the message says \"\(family.fragments[index])\"")
                }
                for text in [facts.textBytes, context] where !text.isEmpty {
                    guard let (family, piece) = CutSentence.find(in: text), family.cause.spec.agrees(with: facts.status)
                    else { continue }
                    return verdict(
                        family.cause, .medium,
                        "the text holds a cut piece of a known sentence: \"\(String(decoding: piece, as: UTF8.self))\"")
                }
                return nil
            },
        ]
}

/// Finds a family's sentence cut at either end: what remains of a line after a log formatter, a
/// terminal or a paste cut it. A piece counts when it holds at least ``minimumBytes`` bytes and
/// ``minimumWords`` words of the sentence, so a cut sentence still names its family and a few
/// common words never do.
enum CutSentence {
    /// The fewest bytes of the sentence that must remain.
    static let minimumBytes = 24
    /// The fewest words of the sentence that must remain (whole or cut).
    static let minimumWords = 4
    /// The most lines looked at.
    static let maxLines = 200

    /// The first family whose sentence a line of `text` holds cut at its start or its end, and the piece.
    static func find(in text: [UInt8]) -> (WordingRules.Family, ArraySlice<UInt8>)? {
        var lines = 0
        var start = 0
        while start < text.count, lines < maxLines {
            var end = start
            while end < text.count, text[end] != 0x0A { end += 1 }
            lines += 1
            let line = trimmedLine(text[start..<end])
            if line.count >= minimumBytes, let found = match(line) { return found }
            start = end + 1
        }
        return nil
    }

    /// A line without surrounding spaces, quotes and the marks of a cut (`...`, ` (truncated...)`).
    private static func trimmedLine(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var line = line
        let junk: Set<UInt8> = [0x20, UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "."), UInt8(ascii: "`")]
        while let last = line.last, junk.contains(last) { line = line.dropLast() }
        if line.count > 14, line.suffix(14).elementsEqual("(truncated...)".utf8) { line = line.dropLast(14) }
        if line.count > 11, line.suffix(11).elementsEqual("(truncated)".utf8) { line = line.dropLast(11) }
        while let last = line.last, junk.contains(last) { line = line.dropLast() }
        while let first = line.first, junk.contains(first) {
            line = line.dropFirst()
        }
        return line
    }

    /// Every run of four bytes in a sentence long enough to be cut: a line whose first (or last)
    /// four bytes are none of them cannot start (or end) with a piece of one.
    private static let grams: Set<UInt32> = {
        var grams = Set<UInt32>()
        for family in WordingRules.families {
            for fragment in family.bytes where fragment.count > minimumBytes {
                for i in 0..<(fragment.count - 3) { grams.insert(gram(fragment[i..<(i + 4)])) }
            }
        }
        return grams
    }()

    private static func gram(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func match(_ line: ArraySlice<UInt8>) -> (WordingRules.Family, ArraySlice<UInt8>)? {
        guard grams.contains(gram(line.prefix(4))) || grams.contains(gram(line.suffix(4))) else { return nil }
        let head = Array(line.prefix(minimumBytes))
        let tail = Array(line.suffix(minimumBytes))
        for family in WordingRules.families {
            for fragment in family.bytes where fragment.count > minimumBytes {
                // The line starts with the end of the sentence: "…ceeded your current quota, please check".
                if let at = ScanText.search(head, in: fragment, from: 1) {
                    let rest = fragment[at...]
                    if line.starts(with: rest) || rest.starts(with: line) {
                        let piece = rest.count <= line.count ? rest : fragment[at..<(at + line.count)]
                        if enoughWords(piece) { return (family, piece) }
                    }
                }
                // The line ends with the start of the sentence: "You exceeded your current quo…".
                if let at = ScanText.search(tail, in: fragment, from: 0) {
                    let piece = fragment[..<(at + tail.count)]
                    if piece.count < fragment.count, line.count >= piece.count,
                        line.suffix(piece.count).elementsEqual(piece), enoughWords(piece)
                    {
                        return (family, piece)
                    }
                }
            }
        }
        return nil
    }

    private static func enoughWords(_ piece: ArraySlice<UInt8>) -> Bool {
        piece.count >= minimumBytes && piece.reduce(0) { $0 + ($1 == 0x20 ? 1 : 0) } + 1 >= minimumWords
    }
}

extension Facts {
    /// The method and path an "Invalid URL (…)" answer names, as the folded text spells it
    /// (`post /v1/chat/completions`), when the text holds one.
    var invalidURLRequest: String? {
        let marker = NormalizedText.needle("invalid url (")
        guard let at = ScanText.search(marker, in: textBytes, from: 0) else { return nil }
        let start = at + marker.count
        guard let close = textBytes[start...].prefix(300).firstIndex(of: UInt8(ascii: ")")) else { return nil }
        return String(decoding: textBytes[start..<close], as: UTF8.self)
    }
}
