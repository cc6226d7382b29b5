/// The rules behind ``SecretScanner``: given an anchor pair at `p`, decide whether a
/// secret is there and emit it.
struct SecretRules {
    let bytes: Bytes
    let emails: Bool

    /// What a named field holds, which decides how its value is cut and labelled.
    enum FieldName {
        case authorization
        case apiKey
        case cookie(setCookie: Bool)
    }

    /// Applies every rule whose pair bit is set; returns the end of what was emitted, or `p`.
    func apply(_ pairs: UInt16, at p: Int, _ state: inout ScanState, _ out: inout [SecretMatch]) -> Int {
        if pairs & RulePairs.sk != 0, bytes[p - 1] == UInt8(ascii: "s"), let end = key(at: p - 1, &state, &out) {
            return end
        }
        if pairs & RulePairs.za != 0 {
            if bytes.matchesFolded("authorization", at: p - 7), bytes.boundaryBefore(p - 7) || bytes[p - 8] == 0x2D {
                if let end = field(.authorization, nameStart: p - 7, nameEnd: p + 6, &state, &out) { return end }
            }
            if bytes.matches("AIza", at: p - 2), let end = key(at: p - 2, &state, &out) { return end }
        }
        if pairs & RulePairs.apiSeparated != 0 {
            if bytes.matchesFolded("ap", at: p - 2), bytes.matchesFolded("key", at: p + 2) {
                if let end = field(.apiKey, nameStart: p - 2, nameEnd: p + 5, &state, &out) { return end }
            }
            if bytes.matches("xa", at: p - 2), let end = key(at: p - 2, &state, &out) { return end }
        }
        if pairs & RulePairs.apiJoined != 0, bytes.matchesFolded("ap", at: p - 2), bytes.matchesFolded("ey", at: p + 2)
        {
            if let end = field(.apiKey, nameStart: p - 2, nameEnd: p + 4, &state, &out) { return end }
        }
        if pairs & RulePairs.subscription != 0, bytes.matchesFolded("subscription-key", at: p - 11) {
            if let end = field(.apiKey, nameStart: p - 11, nameEnd: p + 5, &state, &out) { return end }
        }
        if pairs & RulePairs.cookie != 0, bytes.matchesFolded("cookie", at: p - 3), bytes.boundaryBefore(p - 3) {
            let setCookie = bytes.matchesFolded("set-", at: p - 7)
            if let end = field(.cookie(setCookie: setCookie), nameStart: p - 3, nameEnd: p + 3, &state, &out) {
                return end
            }
        }
        if pairs & RulePairs.bearer != 0, bytes.matchesFolded("bearer", at: p - 1), bytes.boundaryBefore(p - 1),
            let end = bearer(at: p - 1, &state, &out)
        {
            return end
        }
        if pairs & RulePairs.sess != 0, bytes.matches("ses", at: p - 3), let end = key(at: p - 3, &state, &out) {
            return end
        }
        if pairs & RulePairs.url != 0, bytes[p + 2] == UInt8(ascii: "/"), let end = urlCredential(at: p, &state, &out) {
            return end
        }
        if pairs & RulePairs.underscoreKey != 0, bytes.matches("gs", at: p - 2), let end = key(at: p - 2, &state, &out)
        {
            return end
        }
        if pairs & RulePairs.hf != 0, bytes[p - 1] == UInt8(ascii: "h"), let end = key(at: p - 1, &state, &out) {
            return end
        }
        if pairs & RulePairs.pplx != 0, bytes.matches("ppl", at: p - 3), let end = key(at: p - 3, &state, &out) {
            return end
        }
        return p
    }

    // MARK: keys

    /// A key of any known shape starting at `s`, with a token boundary before it.
    func key(at s: Int, _ state: inout ScanState, _ out: inout [SecretMatch]) -> Int? {
        guard state.accepts(s), bytes.boundaryBefore(s),
            let found = KeyShapeMatcher(bytes: bytes).matchAny(at: s)
        else { return nil }
        return commit(s..<found.end, .apiKey(found.kind), &state, &out)
    }

    @inline(__always)
    func commit(_ range: Range<Int>, _ kind: SecretKind, _ state: inout ScanState, _ out: inout [SecretMatch]) -> Int {
        out.append(SecretMatch(range: range, kind: kind))
        state.lastEnd = range.upperBound
        return range.upperBound
    }

    // MARK: named fields

    /// A header, JSON member, variable or query parameter named `name`, and its value.
    func field(
        _ name: FieldName, nameStart: Int, nameEnd: Int, _ state: inout ScanState, _ out: inout [SecretMatch]
    ) -> Int? {
        guard let value = fieldValue(name, nameStart: nameStart, nameEnd: nameEnd) else { return nil }
        switch name {
        case .authorization:
            let credential = afterScheme(value)
            return credentialValue(credential, generic: .authorization, &state, &out)
        case .apiKey:
            return credentialValue(value, generic: .apiKeyField, &state, &out)
        case .cookie(let setCookie):
            return cookies(in: value, onlyFirst: setCookie, &state, &out)
        }
    }

    /// The byte range of the value that follows a field name, or `nil` when no separator follows.
    func fieldValue(_ name: FieldName, nameStart: Int, nameEnd: Int) -> Range<Int>? {
        var i = nameEnd
        var nameQuoted = false
        let q = bytes[i]
        if q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") {
            nameQuoted = true
            i += 1
        } else if q == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "\"") {
            nameQuoted = true
            i += 2
        }
        guard let afterName = skipBlank(from: i) else { return nil }
        i = afterName
        let separator = bytes[i]
        guard separator == UInt8(ascii: ":") || separator == UInt8(ascii: "=") else { return nil }
        i += 1
        if separator == UInt8(ascii: "="), bytes[i] == UInt8(ascii: ">") { i += 1 }
        guard let afterSeparator = skipBlank(from: i) else { return nil }
        i = afterSeparator
        let first = bytes[i]
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") || first == UInt8(ascii: "`") {
            return (i + 1)..<closing(first, from: i + 1)
        }
        if first == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "\"") {
            return (i + 2)..<closing(UInt8(ascii: "\\"), from: i + 2)
        }
        if !nameQuoted, let quote = openingQuote(before: nameStart) {
            return i..<trimmedEnd(i, closing(quote, from: i))
        }
        if !nameQuoted, separator == UInt8(ascii: ":"), atLineStart(nameStart) {
            return i..<trimmedEnd(i, bytes.lineEnd(from: i))
        }
        // Mid-line (logfmt, query strings, prose): one token, plus a scheme word for authorization.
        var start = i
        if case .authorization = name, let scheme = schemeEnd(at: i) { start = scheme }
        if case .cookie = name { return i..<trimmedEnd(i, closing(0, from: i)) }
        return i..<tokenEnd(from: start)
    }

    /// The most spaces and tabs read between a field name, its separator, a scheme word and the value.
    static let maximumBlankRun = 64

    /// The first byte after the spaces and tabs at `i`, or `nil` past ``maximumBlankRun`` of them:
    /// a value that far from its name is not read as its value (which bounds how far a match starts
    /// from its anchor, see ``SecretScanner/farthestStart``).
    func skipBlank(from i: Int) -> Int? {
        var j = i
        while ByteClass.isSpace(bytes[j]) {
            j += 1
            if j - i > Self.maximumBlankRun { return nil }
        }
        return j
    }

    /// The credential part of an `Authorization` value: after a scheme word such as `Bearer` or `Basic`.
    func afterScheme(_ value: Range<Int>) -> Range<Int> {
        guard let end = schemeEnd(at: value.lowerBound), end < value.upperBound else { return value }
        return end..<value.upperBound
    }

    /// Where the credential begins after a scheme word (letters, then spaces) at `i`, if there is one.
    func schemeEnd(at i: Int) -> Int? {
        var j = i
        while ByteClass.isUpper(bytes[j]) || ByteClass.isLower(bytes[j]) || bytes[j] == 0x2D
            || ByteClass.isDigit(bytes[j])
        {
            j += 1
        }
        guard j > i, j - i <= 24, ByteClass.isSpace(bytes[j]), let afterScheme = skipBlank(from: j) else { return nil }
        j = afterScheme
        guard !ByteClass.isLineEnd(bytes[j]), j < bytes.count else { return nil }
        return j
    }

    /// Emits a credential value, as a key when it has a key's shape.
    func credentialValue(
        _ value: Range<Int>, generic: SecretKind, _ state: inout ScanState, _ out: inout [SecretMatch]
    ) -> Int? {
        guard state.accepts(value.lowerBound), !isPlaceholder(value) else { return nil }
        var kind = generic
        let matcher = KeyShapeMatcher(bytes: bytes)
        if let found = matcher.matchAny(at: value.lowerBound) {
            kind = .apiKey(found.kind)
        } else if value.count == 32, (value.lowerBound..<value.upperBound).allSatisfy({ ByteClass.isHex(bytes[$0]) }) {
            kind = .apiKey(.azure)
        } else {
            // Not a known key: it must look like a credential, not a type name or a sentence
            // (`apiKey: string`, `api_key: Optional[str] = None`).
            let minimum = generic == .apiKeyField ? 12 : 8
            guard value.count >= minimum, !value.contains(where: { ByteClass.isSpace(bytes[$0]) }), looksRandom(value)
            else { return nil }
        }
        return commit(value, kind, &state, &out)
    }

    /// Emits each cookie value (`name=value` pairs separated by `;`); for `Set-Cookie`, the first only.
    func cookies(
        in value: Range<Int>, onlyFirst: Bool, _ state: inout ScanState, _ out: inout [SecretMatch]
    ) -> Int? {
        // The value is within the buffer: its passes read unchecked.
        let base = bytes.base
        var i = value.lowerBound
        var emitted: Int?
        while i < value.upperBound {
            var nameEnd = i
            while nameEnd < value.upperBound, base[nameEnd] != UInt8(ascii: "="), base[nameEnd] != UInt8(ascii: ";") {
                nameEnd += 1
            }
            var next = nameEnd
            while next < value.upperBound, base[next] != UInt8(ascii: ";") { next += 1 }
            if nameEnd < next, bytes[nameEnd] == UInt8(ascii: "=") {
                let cookie = (nameEnd + 1)..<trimmedEnd(nameEnd + 1, next)
                if cookie.count >= 8, state.accepts(cookie.lowerBound), !isPlaceholder(cookie) {
                    let kind: SecretKind = SessionCookieName.matches(bytes, i..<nameEnd) ? .sessionCookie : .cookie
                    emitted = commit(cookie, kind, &state, &out)
                }
            }
            if onlyFirst { break }
            i = next + 1
            while i < value.upperBound, ByteClass.isSpace(bytes[i]) { i += 1 }
        }
        return emitted
    }

    /// `Bearer <token>` outside a named header.
    func bearer(at s: Int, _ state: inout ScanState, _ out: inout [SecretMatch]) -> Int? {
        var i = s + 6
        guard ByteClass.isSpace(bytes[i]), let afterScheme = skipBlank(from: i) else { return nil }
        i = afterScheme
        let end = tokenEnd(from: i)
        let token = i..<end
        guard token.count >= 16, looksRandom(token) else { return nil }
        return credentialValue(token, generic: .authorization, &state, &out)
    }

    // MARK: URLs

    /// The password (or bare token) of a URL's user information after `://` at `p`.
    func urlCredential(at p: Int, _ state: inout ScanState, _ out: inout [SecretMatch]) -> Int? {
        guard ByteClass.isUpper(bytes[p - 1]) || ByteClass.isLower(bytes[p - 1]) else { return nil }
        let start = p + 3
        var i = start
        var colon: Int?
        let end = min(bytes.count, start + 512)
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "@") { break }
            if b == UInt8(ascii: ":"), colon == nil { colon = i }
            if b <= 0x20 || b >= 0x7F || Self.stopsUserInfo(b) { return nil }
            i += 1
        }
        guard i < end, bytes[i] == UInt8(ascii: "@") else { return nil }
        let secret: Range<Int>
        if let colon {
            secret = (colon + 1)..<i
        } else {
            secret = start..<i
            guard secret.count >= 16, looksRandom(secret) else { return nil }
        }
        guard !secret.isEmpty, state.accepts(secret.lowerBound), !isPlaceholder(secret) else { return nil }
        return commit(secret, .urlCredential, &state, &out)
    }

    /// Bytes that cannot occur in a URL's user information.
    @inline(__always) static func stopsUserInfo(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "\""), UInt8(ascii: "'"),
            UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "^"):
            return true
        default: return false
        }
    }

    // MARK: value helpers

    /// The end of a value opened by `quote` (a backslash escapes the next byte), or the line end.
    func closing(_ quote: UInt8, from i: Int) -> Int {
        var j = i
        let end = min(bytes.count, i + SecretScanner.maximumValueLength)
        while j < end {
            let b = bytes[j]
            if b == quote || ByteClass.isLineEnd(b) { return j }
            if b == UInt8(ascii: "\\"), quote != UInt8(ascii: "\\") {
                j += 2
                continue
            }
            j += 1
        }
        return min(j, end)
    }

    /// The end of one token: stops at white space, quotes, and `, ; & ) } ] > <`.
    func tokenEnd(from i: Int) -> Int {
        var j = i
        let end = min(bytes.count, i + SecretScanner.maximumValueLength)
        while j < end, !Self.stopsToken(bytes[j]) { j += 1 }
        return j
    }

    /// Bytes that end a bare token.
    @inline(__always) static func stopsToken(_ b: UInt8) -> Bool {
        if b <= 0x20 || b == 0x7F { return true }
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"), UInt8(ascii: ","), UInt8(ascii: ";"),
            UInt8(ascii: "&"), UInt8(ascii: ")"), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ">"),
            UInt8(ascii: "<"), UInt8(ascii: "\\"):
            return true
        default: return false
        }
    }

    /// `end` moved back over trailing white space.
    func trimmedEnd(_ start: Int, _ end: Int) -> Int {
        var e = end
        while e > start, ByteClass.isSpace(bytes[e - 1]) { e -= 1 }
        return e
    }

    /// The quote that opens the string holding a field name (curl's `-H "Authorization: …"`), if any.
    func openingQuote(before nameStart: Int) -> UInt8? {
        let b = bytes[nameStart - 1]
        return b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") ? b : nil
    }

    /// Whether only white space or a dump marker (`>`, `<`, `*`, `-`) stands before `i` on its line.
    func atLineStart(_ i: Int) -> Bool {
        var j = i - 1
        let stop = max(0, i - 64)
        while j >= stop {
            let b = bytes[j]
            if ByteClass.isLineEnd(b) { return true }
            if !(ByteClass.isSpace(b) || b == UInt8(ascii: ">") || b == UInt8(ascii: "<") || b == UInt8(ascii: "*")) {
                return false
            }
            j -= 1
        }
        return j < 0
    }

    /// Whether a value is a variable reference, a placeholder or already masked, not a secret.
    func isPlaceholder(_ value: Range<Int>) -> Bool {
        guard value.count >= 6 else { return true }
        let first = bytes[value.lowerBound]
        if first == UInt8(ascii: "$") || first == UInt8(ascii: "{") || first == UInt8(ascii: "<")
            || first == UInt8(ascii: "%") || first == UInt8(ascii: "[") || first == UInt8(ascii: "*")
        {
            return true
        }
        let s = value.lowerBound
        for word: StaticString in ["your", "xxxx", "process.env", "os.environ", "os.getenv", "getenv", "env[", "env."] {
            if bytes.matchesFolded(word, at: s) { return true }
        }
        for word: StaticString in ["undefined", "null", "none", "nil", "redacted", "masked", "example"]
        where bytes.matchesFolded(word, at: s) && word.utf8CodeUnitCount == value.count {
            return true
        }
        // Every value is within the buffer, so this pass over it (a cookie can be kilobytes) reads unchecked.
        let base = bytes.base
        var i = value.lowerBound
        while i < value.upperBound - 2 {
            let b = base[i]
            if b == UInt8(ascii: "*") || b == UInt8(ascii: ".") || b == 0xE2 {
                if b != 0xE2 ? base[i + 1] == b && base[i + 2] == b : base[i + 1] == 0x80 && base[i + 2] == 0xA6 {
                    return true  // "***", "...", "…"
                }
            }
            i += 1
        }
        return false
    }

    /// Whether a bare token has digits or mixed case, as tokens do and words do not.
    func looksRandom(_ token: Range<Int>) -> Bool {
        var digit = false
        var upper = false
        var lower = false
        for i in token {
            let b = bytes[i]
            digit = digit || ByteClass.isDigit(b)
            upper = upper || ByteClass.isUpper(b)
            lower = lower || ByteClass.isLower(b)
        }
        return digit || (upper && lower)
    }
}

/// Email addresses, found around each `@` (only when ``SecretScanner/Options/emails`` is set).
struct EmailRule {
    let bytes: Bytes

    /// Adds the addresses starting in the scan's window to `out`, keeping it ordered and free of overlaps.
    func scan(_ state: inout ScanState, _ out: inout [SecretMatch], firstNew: Int) {
        var emails: [SecretMatch] = []
        var i = max(state.from, 1)
        let end = min(state.limit + 64, bytes.count - 1)
        while i < end {
            guard bytes[i] == UInt8(ascii: "@") else {
                i += 1
                continue
            }
            var s = i
            while s > 0, i - s < 64, Self.isLocal(bytes[s - 1]) { s -= 1 }
            var e = i + 1
            var lastDot = -1
            while e < bytes.count, e - i < 255,
                ByteClass.isAlphanumeric(bytes[e]) || bytes[e] == 0x2D || bytes[e] == 0x2E
            {
                if bytes[e] == 0x2E { lastDot = e }
                e += 1
            }
            while e > i + 1, bytes[e - 1] == 0x2E || bytes[e - 1] == 0x2D { e -= 1 }
            let tld = lastDot > i ? e - lastDot - 1 : 0
            if s < i, tld >= 2, lastDot < e, ByteClass.isLetter(bytes[e - 1]), s >= state.from, s < state.limit,
                !(s >= 3 && bytes.matches("://", at: s - 3))
            {
                emails.append(SecretMatch(range: s..<e, kind: .email))
                i = e
                continue
            }
            i += 1
        }
        guard !emails.isEmpty else { return }
        var merged = Array(out[firstNew...])
        for email in emails where !merged.contains(where: { $0.range.overlaps(email.range) }) { merged.append(email) }
        merged.sort { $0.range.lowerBound < $1.range.lowerBound }
        out.replaceSubrange(firstNew..., with: merged)
        if let last = merged.last { state.lastEnd = max(state.lastEnd, last.range.upperBound) }
    }

    @inline(__always) static func isLocal(_ b: UInt8) -> Bool {
        ByteClass.isAlphanumeric(b) || b == 0x2E || b == 0x5F || b == 0x25 || b == 0x2B || b == 0x2D
    }
}
