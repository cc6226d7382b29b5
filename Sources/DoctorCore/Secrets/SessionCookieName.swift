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
    ///
    /// The same answer as ``matches(_:)-(StringProtocol)`` without making a string: every cookie
    /// of every `Cookie` header is judged here, and a string, its lower-cased copy and seven
    /// substring searches per cookie doubled the time of a scan whose log has cookie lines.
    /// One pass over the name, letters folded; `session` is covered by `sess`.
    static func matches(_ bytes: Bytes, _ range: Range<Int>) -> Bool {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, ByteClass.isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, ByteClass.isSpace(bytes[upper - 1]) { upper -= 1 }
        guard upper - lower <= 128 else { return false }
        var i = lower
        while i < upper {
            switch ByteClass.lower(bytes[i]) {
            case UInt8(ascii: "s"):
                if i + 4 <= upper, bytes.matchesFolded("sess", at: i) { return true }
            case UInt8(ascii: "a"):
                if i + 9 <= upper, bytes.matchesFolded("auth", at: i) {
                    let sep = bytes[i + 4]
                    let at = sep == UInt8(ascii: "-") || sep == UInt8(ascii: "_") ? i + 5 : i + 4
                    if at + 5 <= upper, bytes.matchesFolded("token", at: at) { return true }
                }
                if i + 12 <= upper, bytes.matchesFolded("access", at: i) {
                    let sep = bytes[i + 6]
                    if sep == UInt8(ascii: "-") || sep == UInt8(ascii: "_"), bytes.matchesFolded("token", at: i + 7) {
                        return true
                    }
                }
            default: break
            }
            i += 1
        }
        // `connect.sid`, `sid`, `_sid`: a session id by name.
        guard upper - lower >= 3, bytes.matchesFolded("sid", at: upper - 3) else { return false }
        if upper - lower == 3 { return true }
        let before = bytes[upper - 4]
        return before == UInt8(ascii: ".") || before == UInt8(ascii: "_")
    }
}
