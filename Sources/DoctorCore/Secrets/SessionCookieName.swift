/// Which cookie names carry a sign-in session, so that their value is a credential.
///
/// People paste `Cookie:` headers from the browser's developer tools when a ChatGPT or platform
/// request fails; the `__Secure-next-auth.session-token` value in them (split into `.0`, `.1`
/// parts when long) signs its holder in. The same holds for the common session cookies of web
/// frameworks (`sessionid`, `connect.sid`, `JSESSIONID`, `PHPSESSID`, `_session_id`) and for
/// cookies named as auth or access tokens. Other cookies (`cf_clearance`, `__cf_bm`,
/// `oai-did`, `csrf-token`) are redacted but are not reported by `audit`.
///
/// ```swift
/// SessionCookieName.matches("__Secure-next-auth.session-token")   // true
/// SessionCookieName.matches("__Host-next-auth.csrf-token")         // false
/// ```
enum SessionCookieName {
    /// Words that mark a session or sign-in cookie, in lower case, anywhere in the name.
    static let words: [String] = [
        "session", "sess", "auth-token", "auth_token", "authtoken", "access-token", "access_token",
    ]

    /// Whether a cookie of this name holds a sign-in session.
    static func matches(_ name: some StringProtocol) -> Bool {
        let lower = name.lowercased()
        if words.contains(where: { lower.contains($0) }) { return true }
        // `connect.sid`, `sid`, `_sid`: a session id by name.
        return lower == "sid" || lower.hasSuffix(".sid") || lower.hasSuffix("_sid")
    }

    /// Whether the cookie name at `range` of the scanned bytes holds a sign-in session.
    static func matches(_ bytes: Bytes, _ range: Range<Int>) -> Bool {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, ByteClass.isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, ByteClass.isSpace(bytes[upper - 1]) { upper -= 1 }
        guard upper - lower <= 128 else { return false }
        var name = ""
        name.unicodeScalars.reserveCapacity(upper - lower)
        for i in lower..<upper { name.unicodeScalars.append(Unicode.Scalar(bytes[i])) }
        return matches(name)
    }
}
