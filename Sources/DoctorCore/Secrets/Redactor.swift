/// Replaces every secret in a text with a ``RedactionToken``: the one function every
/// renderer, report and log line passes through before anything is shown or written.
///
/// It finds keys of every known shape in any surrounding, `Authorization`,
/// `Proxy-Authorization`, `api-key`, `Cookie` and `Set-Cookie` values in any letter case,
/// `Bearer` tokens, `sess-` tokens, URL passwords and `?api_key=` parameters (see
/// ``SecretScanner``). Everything else, line breaks included, is kept byte for byte, so
/// request ids, ray ids, timestamps and status codes stay readable.
///
/// ```swift
/// Redactor.redact("Authorization: Bearer \(key)\nx-request-id: req_123")
/// // "Authorization: Bearer sk-proj-…a1B2#3f9c0d\nx-request-id: req_123"
/// ```
public enum Redactor {
    /// `text` with every secret replaced; the same string when there is none.
    public static func redact(_ text: String) -> String {
        redact(text, scanner: SecretScanner())
    }

    /// `text` with every secret `scanner` finds replaced.
    public static func redact(_ text: String, scanner: SecretScanner) -> String {
        var copy = text
        return copy.withUTF8 { bytes -> String in
            var output: [UInt8] = []
            var written = 0
            scanner.scan(bytes, from: 0, limit: bytes.count) { match in
                if output.isEmpty { output.reserveCapacity(bytes.count + 32) }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[written..<match.range.lowerBound]))
                let secret = UnsafeBufferPointer(rebasing: bytes[match.range])
                output.append(contentsOf: RedactionToken.token(for: secret, kind: match.kind).utf8)
                written = match.range.upperBound
            }
            if written == 0 { return text }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[written...]))
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// Whether `text` holds any secret.
    public static func containsSecret(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            var found: [SecretMatch] = []
            SecretScanner().scan(bytes, from: 0, limit: bytes.count, into: &found)
            return !found.isEmpty
        }
    }
}
