/// The only form in which a key may be shown: its type prefix, an ellipsis and its last four characters.
///
/// `sk-proj-…a1B2` tells two keys apart and matches the API's own masked echo
/// ("Incorrect API key provided: sk-abc***…a1B2") without revealing the secret. When the
/// part after the prefix is shorter than 16 characters, the last four would be too large a
/// share of it, so only the prefix is shown (`sk-proj-…`).
///
/// ```swift
/// KeyFingerprint.fingerprint(key)   // "sk-proj-…a1B2"
/// ```
public enum KeyFingerprint {
    /// The fewest characters after the prefix for which the last four may be shown.
    public static let minimumBodyForTail = 16

    /// The fingerprint of `key`: type prefix + "…" + last four characters.
    ///
    /// Surrounding white space, quotes and angle brackets are ignored, so a damaged
    /// configured key still fingerprints to the same value as the clean one. The prefix
    /// is the recognised kind's (``KeyKind/prefix``); an unrecognised key shows none.
    public static func fingerprint(_ key: String) -> String {
        let trimmed = Substring(key).trimmingKeyNoise()
        return fingerprint(utf8: Array(trimmed.utf8))
    }

    /// The fingerprint of a key given as UTF-8 bytes.
    public static func fingerprint(utf8 bytes: some Collection<UInt8>) -> String {
        let scalars = Array(bytes)
        let asString = String(decoding: scalars, as: UTF8.self)
        let kind = KeyKind.recognise(asString)
        let prefix = kind.prefix
        let prefixCount = prefix.utf8.count
        let bodyCount = scalars.count - prefixCount
        guard bodyCount >= minimumBodyForTail else { return prefix + "…" }
        let tail = scalars.suffix(4)
        // Only ASCII tails are shown; anything else is replaced, never half-printed.
        let printable = tail.allSatisfy { $0 > 0x20 && $0 < 0x7F }
        return prefix + "…" + (printable ? String(decoding: tail, as: UTF8.self) : "????")
    }
}

extension Substring {
    /// The key without surrounding white space, newlines, quotes, backticks or angle brackets.
    func trimmingKeyNoise() -> Substring {
        let noise: Set<Character> = [" ", "\t", "\n", "\r", "\"", "'", "`", "<", ">", "\u{FEFF}", "\u{200B}"]
        var s = self
        while let first = s.first, noise.contains(first) { s = s.dropFirst() }
        while let last = s.last, noise.contains(last) { s = s.dropLast() }
        return s
    }
}
