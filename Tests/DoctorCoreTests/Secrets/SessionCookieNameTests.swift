import DoctorTestSupport
import Testing

@testable import DoctorCore

/// The byte-level judgement of cookie names (the scanner's) must give the string one's answer.
@Suite("Session cookie names")
struct SessionCookieNameTests {
    static let names = [
        "__Secure-next-auth.session-token", "__Secure-next-auth.session-token.0", "__Host-next-auth.csrf-token",
        "sessionid", "SESSIONID", "PHPSESSID", "_session_id", "JSESSIONID", "sess", "ses", "connect.sid", "sid",
        "SID", "_sid", "user_sid", "asid", "sidx", "id", "auth-token", "AUTH_TOKEN", "authtoken", "xauthtokenx",
        "auth-toke", "auth.token", "access-token", "Access_Token", "accesstoken", "access-toke", "cf_clearance",
        "__cf_bm", "oai-did", "csrf-token", "_cfuvid", "  sessionid  ", " sid", "", "s", "a", "auth", "access-",
        String(repeating: "x", count: 130) + "session",
    ]

    @Test("bytes and string agree on every name", arguments: names)
    func agree(name: String) throws {
        var text = "=" + name + "="
        let byBytes = try text.withUTF8 { buffer in
            SessionCookieName.matches(
                Bytes(base: try #require(buffer.baseAddress), count: buffer.count), 1..<(buffer.count - 1))
        }
        let trimmed = name.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()
        let byString = name.utf8.count <= 128 && SessionCookieName.matches(String(trimmed))
        #expect(byBytes == byString)
    }

    @Test("the session cookies of sign-in and frameworks are sessions; the rest are not")
    func known() {
        for name in ["__Secure-next-auth.session-token", "sessionid", "connect.sid", "PHPSESSID", "auth_token"] {
            #expect(SessionCookieName.matches(name), "\(name)")
        }
        for name in ["__Host-next-auth.csrf-token", "cf_clearance", "__cf_bm", "oai-did", "asid"] {
            #expect(!SessionCookieName.matches(name), "\(name)")
        }
    }
}
