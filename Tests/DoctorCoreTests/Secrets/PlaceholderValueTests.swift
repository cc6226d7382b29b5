import DoctorTestSupport
import Testing

@testable import DoctorCore

/// A masked value ("***", "...", "…" anywhere in it) is no secret, wherever the mask falls
/// (the scanner reads the value's bytes unchecked looking for one; its edges are where that goes wrong).
@Suite("Masked values")
struct PlaceholderValueTests {
    static let masks = ["***", "...", "…"]

    @Test("a mask at any offset of a cookie value keeps it from being reported", arguments: masks)
    func maskAtEveryOffset(mask: String) {
        let body = TestKey.random(40, from: TestKey.alphanumeric)
        for offset in 0...body.count {
            let value = String(body.prefix(offset)) + mask + String(body.dropFirst(offset))
            let matches = SecretScanner().matches(in: "Cookie: sessionid=\(value); theme=dark\n")
            #expect(matches.isEmpty, "mask at \(offset): \(value)")
        }
    }

    @Test("two of the mask's characters, or the mask broken up, are not a mask")
    func nearMisses() {
        let body = TestKey.random(40, from: TestKey.alphanumeric)
        // Not at the start: a value that starts with "*" is a placeholder by that alone.
        for near in ["**", "..", "*.*", ".*."] {
            for offset in [1, 2, 3, 20, 39, 40] {
                let value = String(body.prefix(offset)) + near + String(body.dropFirst(offset))
                let matches = SecretScanner().matches(in: "Cookie: sessionid=\(value); theme=dark\n")
                #expect(matches.map(\.kind) == [.sessionCookie], "\(near) at \(offset)")
            }
        }
    }
}
