/// Recognises a key of a known shape that starts at a given byte offset.
///
/// Exact shapes win (prefix + documented length + alphabet); a `T3BlbkFJ` marker at its
/// documented offset fixes the length even when other token characters are glued on; a
/// typed prefix (`sk-proj-`, `sk-svcacct-`, `sk-admin-`, `sk-None-`) followed by at least
/// 40 key characters is a key of an irregular length (truncated or extended) and still a
/// secret. Legacy `sk-` bodies must be 48 alphanumerics carrying the marker; 48 alphanumerics
/// mixing upper case, lower case and digits without it are an `sk-` key of unknown provider
/// (relays use that shape); hashes and kebab-case words never match.
struct KeyShapeMatcher {
    let bytes: Bytes

    /// The fewest body characters after a typed prefix for a key of irregular length.
    static let minimumIrregularBody = 40

    /// The end and kind of the key starting at `s` (which holds `sk-`), if any.
    func matchSK(at s: Int) -> (end: Int, kind: KeyKind)? {
        let r = s + 3
        if bytes.matches("proj-", at: r) { return typed(s, .project, prefixLength: 8) }
        if bytes.matches("svcacct-", at: r) { return typed(s, .serviceAccount, prefixLength: 11) }
        if bytes.matches("admin-", at: r) { return typed(s, .admin, prefixLength: 9) }
        if bytes.matches("None-", at: r) { return typed(s, .noneProject, prefixLength: 8) }
        if bytes.matches("service-", at: r) { return typed(s, .serviceKey, prefixLength: 11) }
        if bytes.matches("ant-", at: r) {
            return loose(s, .anthropic, prefixLength: 7, alphabet: .urlSafe, minimum: 40)
        }
        if bytes.matches("or-v1-", at: r) {
            return loose(s, .openRouter, prefixLength: 9, alphabet: .hexadecimal, minimum: 32)
        }
        return legacy(s)
    }

    /// Any known key shape starting at `s` (used for header and field values).
    func matchAny(at s: Int) -> (end: Int, kind: KeyKind)? {
        switch bytes[s] {
        case UInt8(ascii: "s"):
            if bytes.matches("sk-", at: s) { return matchSK(at: s) }
            if bytes.matches("sess-", at: s) {
                return loose(s, .session, prefixLength: 5, alphabet: .alphanumeric, minimum: 32)
            }
        case UInt8(ascii: "e"):
            // Realtime ephemeral keys are found where a credential stands (Authorization, api-key
            // fields): the scanner has no anchor for `ek_` in free text.
            if bytes.matches("ek_", at: s) {
                return loose(s, .ephemeral, prefixLength: 3, alphabet: .hexadecimal, minimum: 32)
            }
        case UInt8(ascii: "g"):
            if bytes.matches("gsk_", at: s) {
                return loose(s, .groq, prefixLength: 4, alphabet: .alphanumeric, minimum: 40)
            }
        case UInt8(ascii: "h"):
            if bytes.matches("hf_", at: s) {
                return loose(s, .huggingFace, prefixLength: 3, alphabet: .alphanumeric, minimum: 30)
            }
        case UInt8(ascii: "x"):
            if bytes.matches("xai-", at: s) {
                return loose(s, .xai, prefixLength: 4, alphabet: .alphanumeric, minimum: 60)
            }
        case UInt8(ascii: "p"):
            if bytes.matches("pplx-", at: s) {
                return loose(s, .perplexity, prefixLength: 5, alphabet: .alphanumeric, minimum: 40)
            }
        case UInt8(ascii: "A"):
            if bytes.matches("AIza", at: s) { return google(s) }
        default: break
        }
        return nil
    }

    /// A key of a typed OpenAI prefix.
    func typed(_ s: Int, _ kind: KeyKind, prefixLength: Int) -> (end: Int, kind: KeyKind)? {
        let run = bytes.run(from: s, .urlSafe)
        let shapes = kind.shapes
        for shape in shapes where shape.length == run { return (s + run, kind) }
        for shape in shapes {
            guard let offset = shape.markerOffset, run > shape.length else { continue }
            if bytes.matches("T3BlbkFJ", at: s + offset) { return (s + shape.length, kind) }
        }
        if run - prefixLength >= Self.minimumIrregularBody { return (s + run, kind) }
        return nil
    }

    /// A legacy `sk-` key: 48 alphanumerics with the marker at offset 23, or mixed character classes.
    func legacy(_ s: Int) -> (end: Int, kind: KeyKind)? {
        let body = bytes.run(from: s + 3, .alphanumeric)
        let hasMarker = bytes.matches("T3BlbkFJ", at: s + 23)
        if body == 48 && hasMarker { return (s + 51, .legacy) }
        // The same length without the marker is the shape of other providers' and relays' keys.
        if body == 48 && mixesClasses(s + 3, count: 48) { return (s + 51, .skUnknownProvider) }
        if body > 48 && hasMarker { return (s + 51, .legacy) }
        // trufflehog's wider shape: sk-<alphanumerics>T3BlbkFJ<key characters>, any length.
        let wide = bytes.run(from: s + 3, .urlSafe)
        if wide >= 40, containsMarker(from: s + 3, count: wide) { return (s + 3 + wide, .legacy) }
        return nil
    }

    /// A prefix followed by at least `minimum` characters of `alphabet`.
    func loose(
        _ s: Int, _ kind: KeyKind, prefixLength: Int, alphabet: KeyAlphabet, minimum: Int
    ) -> (end: Int, kind: KeyKind)? {
        let body = bytes.run(from: s + prefixLength, alphabet)
        guard body >= minimum else { return nil }
        return (s + prefixLength + body, kind)
    }

    /// A Google API key: `AIza` + 35 key characters.
    func google(_ s: Int) -> (end: Int, kind: KeyKind)? {
        let body = bytes.run(from: s + 4, .urlSafe)
        return body >= 35 ? (s + 39, .google) : nil
    }

    func mixesClasses(_ s: Int, count: Int) -> Bool {
        var upper = false
        var lower = false
        var digit = false
        for i in s..<(s + count) {
            let b = bytes[i]
            upper = upper || ByteClass.isUpper(b)
            lower = lower || ByteClass.isLower(b)
            digit = digit || ByteClass.isDigit(b)
        }
        return upper && lower && digit
    }

    func containsMarker(from s: Int, count: Int) -> Bool {
        guard count >= 8 else { return false }
        for i in s...(s + count - 8) where bytes[i] == UInt8(ascii: "T") && bytes.matches("T3BlbkFJ", at: i) {
            return true
        }
        return false
    }
}
