/// The text that replaces a secret: stable within a run, different for different secrets.
///
/// A key becomes its fingerprint plus a short hash (`sk-proj-…a1B2#3f9c0d`), so two keys
/// with the same last four still read differently; any other secret becomes a labelled
/// token (`[REDACTED:cookie#51e07a]`). The hash is keyed with the process's random hashing
/// seed (SipHash via `Hasher`), so it cannot be compared across runs or used to confirm a
/// guessed password, yet the same secret gives the same token throughout one run.
package enum RedactionToken {
    /// The replacement for `secret` (UTF-8 bytes) of the given kind.
    package static func token(for secret: UnsafeBufferPointer<UInt8>, kind: SecretKind) -> String {
        let hash = shortHash(secret)
        switch kind {
        case .apiKey:
            return KeyFingerprint.fingerprint(utf8: secret) + "#" + hash
        default:
            return "[REDACTED:" + kind.label + "#" + hash + "]"
        }
    }

    /// Appends the replacement for `secret` to `out`: the same text as ``token(for:kind:)-(UnsafeBufferPointer<UInt8>,_)``,
    /// written as bytes (no string is made for a labelled token; redaction writes one per cookie).
    package static func appendToken(for secret: UnsafeBufferPointer<UInt8>, kind: SecretKind, to out: inout [UInt8]) {
        if case .apiKey = kind {
            var token = token(for: secret, kind: kind)
            token.withUTF8 { out.append(contentsOf: $0) }
            return
        }
        let value = hashValue(secret)
        out.append(contentsOf: "[REDACTED:".utf8)
        out.append(contentsOf: kind.label.utf8)
        out.append(UInt8(ascii: "#"))
        for shift in stride(from: 20, through: 0, by: -4) {
            let digit = UInt8(truncatingIfNeeded: (value >> UInt64(shift)) & 0xF)
            out.append(digit < 10 ? 0x30 + digit : 0x57 + digit)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// The replacement for `secret` given as a string.
    package static func token(for secret: String, kind: SecretKind) -> String {
        var copy = secret
        return copy.withUTF8 { token(for: $0, kind: kind) }
    }

    /// Six hexadecimal digits of the secret's keyed hash.
    static func shortHash(_ secret: UnsafeBufferPointer<UInt8>) -> String {
        let value = hashValue(secret)
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 6 - hex.count) + hex
    }

    /// The low 24 bits of the secret's keyed hash.
    static func hashValue(_ secret: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(secret))
        return UInt64(bitPattern: Int64(hasher.finalize())) & 0xFF_FFFF
    }

    /// Whether `text` starts a token this type produced (so redacting twice changes nothing).
    static func isToken(_ bytes: Bytes, at i: Int) -> Bool {
        bytes.matches("[REDACTED:", at: i)
    }
}
