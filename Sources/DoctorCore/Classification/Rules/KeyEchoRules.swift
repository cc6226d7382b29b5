/// Tells an invalid key from a malformed one by what the API echoed, and an empty key from
/// a damaged one by what the client refused to send.
///
/// "Incorrect API key provided: <echo>" shows the start and end of what arrived. An echo
/// with quotes, brackets, spaces, `Bearer`, a URL or prose means the key variable held
/// something that was never a key (key.malformed); a placeholder or another provider's key is
/// a wrong key (key.invalid), as docs/causes.md files them.
enum KeyEchoRules {
    static let placeholders = [
        "your_api_key", "your-api-key", "your api key", "yourapikey", "your_key", "your-key", "your key",
        "api_key_here",
        "<api", "sk-xxx", "sk-...", "xxxxxxxx", "insert", "replace", "changeme", "placeholder", "dummy", "example",
        "your_openai", "your-openai", "openai_api_key", "api-key-here", "sk-your",
    ]

    static func fromInvalidKey(_ facts: Facts) -> Classification {
        guard let echo = facts.evidence.echoedKey else {
            // "Invalid API key format. OpenAI keys start with 'sk-'…": the key's shape was refused
            // (a check before sending, or a relay's), not the key itself.
            if let said = facts.said(["invalid api key format"]) {
                return verdict(.keyMalformed, .medium, "the answer refused the key's format (\"\(said)\")")
            }
            return verdict(.keyInvalid, .high, "the API answered that the key is incorrect (`invalid_api_key`)")
        }
        let lower = echo.lowercased()
        if ["", "''", "\"\"", "undefined", "null", "none", "nil", "bearer", "bearer undefined", "bearer null"].contains(
            lower)
        {
            return verdict(
                .keyMissing, .high,
                "the API received an empty key (it echoed \(echo.isEmpty ? "nothing" : echo)): the key variable was not set"
            )
        }
        // `${OPENAI_API_KEY}`, `$OPENAI_API_KEY`, `%OPENAI_API_KEY%`: a variable that was never expanded.
        if echo.contains("${") || echo.hasPrefix("$") || (echo.hasPrefix("%") && echo.hasSuffix("%") && echo.count > 2)
        {
            // Quoted redacted: the echo is what arrived, and a whole key can sit beside the reference.
            let shown = Redactor.redact(echo).prefix(40)
            return verdict(
                .keyMalformed, .high,
                "the API received the text of a variable reference (\(shown)), not its value: the variable was never expanded"
            )
        }
        if let placeholder = placeholders.first(where: { lower.contains($0) }) {
            return verdict(
                .keyInvalid, .high,
                "the API echoed a placeholder (\"\(placeholder)\"), not a real key: the key was never filled in")
        }
        if let problem = damage(in: echo) {
            return verdict(.keyMalformed, .high, "the key the API received \(problem): it was damaged before sending")
        }
        if lower.hasPrefix("sk-ant-") || lower.hasPrefix("aiza") || lower.hasPrefix("gsk_") || lower.hasPrefix("xai-")
            || lower.hasPrefix("sk-or-")
        {
            return verdict(
                .keyInvalid, .high, "the key the API received is another provider's (it starts \(echo.prefix(7))…)")
        }
        return verdict(
            .keyInvalid, .high,
            "the API answered that the key is incorrect and echoed its ends; compare them with your key")
    }

    /// What is wrong with an echoed key, or `nil` if it looks like a key.
    static func damage(in echo: String) -> String? {
        let masked = echo.replacing("*", with: "")
        if masked.lowercased().hasPrefix("bearer") { return "starts with \"Bearer\" (the prefix was sent twice)" }
        if masked.contains("://") || masked.lowercased().hasPrefix("http") { return "is a URL" }
        if masked.contains("\"") || masked.contains("'") || masked.contains("“") || masked.contains("”") {
            return "contains quotes"
        }
        if masked.contains("<") || masked.contains(">") || masked.contains("{") || masked.contains("}")
            || masked.contains("[") || masked.contains("]")
        {
            return "contains brackets"
        }
        if masked.contains("…") { return "contains an ellipsis (copied from a shortened display)" }
        let body = masked.replacing("...", with: "")
        if body.contains(" ") || body.contains("\t") { return "contains spaces (prose or a pasted sentence)" }
        if body.unicodeScalars.contains(where: { !$0.isASCII }) { return "contains non-ASCII characters" }
        if body.contains("=") && !body.hasPrefix("sk-") { return "looks like an assignment (KEY=value)" }
        return nil
    }

    static func fromIllegalHeader(_ transport: TransportFailure) -> Classification {
        let detail = transport.detail ?? ""
        let lower = detail.lowercased()
        // "Illegal header value b'Bearer '": nothing after Bearer.
        if lower.contains("b'bearer '") || lower.contains("\"bearer \"") || lower.contains("'bearer '")
            || lower.hasSuffix("bearer") || lower.contains("bearer '")
        {
            return verdict(
                .keyMissing, .high, "the Authorization header was `Bearer ` with nothing after it: the key was empty")
        }
        if lower.contains("codec can't encode character") {
            let position = detail.firstRange(of: "in position ").map {
                String(detail[$0.upperBound...].prefix { $0.isNumber })
            }
            let atStart = position == "7" ? " at position 7, the first character after `Bearer `" : ""
            return verdict(
                .keyMalformed, .high,
                "the key holds a character that cannot go into an HTTP header\(atStart) (a typographic quote, dash or zero-width space pasted with it)"
            )
        }
        return verdict(
            .keyMalformed, .high,
            "the client refused to send a header value with illegal characters: the key holds a newline, space or non-ASCII character"
        )
    }
}
