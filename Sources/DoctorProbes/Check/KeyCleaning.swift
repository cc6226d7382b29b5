/// Removes the damage a key picks up on its way into the environment (white space, quotes,
/// angle brackets, zero-width characters, a `Bearer ` prefix), so the probes can still tell
/// whether the key itself is good.
enum KeyCleaning {
    static func clean(_ raw: String) -> String {
        var scalars = raw.unicodeScalars.filter { scalar in
            !scalar.properties.isWhitespace
                && !["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\"", "'", "<", ">", "`"]
                    .contains(scalar)
        }
        var text = String(String.UnicodeScalarView(scalars))
        if text.hasPrefix("Bearer") { text.removeFirst("Bearer".count) }
        if let eq = text.firstIndex(of: "="), text[..<eq].allSatisfy({ $0.isUppercase || $0 == "_" }) {
            text = String(text[text.index(after: eq)...])
        }
        scalars = text.unicodeScalars.filter { $0.isASCII }
        return String(String.UnicodeScalarView(scalars))
    }
}
