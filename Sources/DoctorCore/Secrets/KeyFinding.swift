/// One thing wrong (or worth saying) about a configured key, with the context to fix it.
///
/// Positions are 1-based character positions in the value as configured, so a person can
/// count to them. No finding ever carries the key itself; ``placeholder(_:)`` carries the
/// placeholder text, which is not a secret.
public enum KeyFinding: Sendable, Hashable, Codable {
    /// Nothing is configured (empty or only white space).
    case empty
    /// White space before the key (spaces, tabs, newlines), `count` characters.
    case leadingWhitespace(count: Int)
    /// White space after the key, `count` characters (a newline from `echo` or a copied line).
    case trailingWhitespace(count: Int)
    /// A newline inside the key (a wrapped paste).
    case embeddedNewline(position: Int)
    /// A space or tab inside the key.
    case embeddedWhitespace(position: Int)
    /// Quotes around or inside the key (`"sk-…"` kept literally by a shell or a `.env` parser).
    case quotes(character: String)
    /// Angle brackets around the key (`<sk-…>` copied from documentation).
    case angleBrackets
    /// `Bearer ` written into the key itself (the SDK adds it again).
    case bearerPrefix
    /// A whole assignment pasted as the value (`OPENAI_API_KEY=sk-…`).
    case assignment(name: String)
    /// An invisible character (zero-width space, BOM, soft hyphen…) at `position`, as `U+XXXX`.
    case invisibleCharacter(position: Int, codePoint: String)
    /// A non-ASCII character at `position` (a look-alike letter, a typographic dash), as `U+XXXX`.
    case nonASCIICharacter(position: Int, codePoint: String)
    /// An ASCII character no key contains (`.`, `/`, `+`, `=`…) at `position`.
    case invalidCharacter(position: Int, character: String)
    /// Shorter than every known length for its prefix: probably cut off.
    case truncated(kind: KeyKind, length: Int, expected: [Int])
    /// Longer than the known length for its prefix: something was appended.
    case tooLong(kind: KeyKind, length: Int, expected: [Int])
    /// Placeholder text from an example (`YOUR_API_KEY`, `<your key>`, `sk-xxxx`, `sk-...`).
    case placeholder(String)
    /// A masked copy of a key (`sk-abc***…wxyz`) as dashboards and error messages show it.
    case maskedCopy
    /// Another provider's key (Anthropic, Google, Groq, an Azure key against OpenAI…).
    case otherProvider(KeyKind)
    /// An OpenAI key used where an Azure key is expected.
    case openAIKeyForAzure(KeyKind)
    /// An organization admin key: it manages the organization and cannot call models.
    case adminKey
    /// A browser session token (`sess-…`), not an API key.
    case sessionToken
    /// No known key shape: fine for some OpenAI-compatible servers, wrong for api.openai.com.
    case unrecognizedShape(length: Int)

    /// The cause a request with this key would fail with, or `nil` for a remark that need not fail.
    public var cause: CauseID? {
        switch self {
        case .empty: return .keyMissing
        case .leadingWhitespace, .trailingWhitespace, .embeddedNewline, .embeddedWhitespace, .quotes,
            .angleBrackets, .bearerPrefix, .assignment, .invisibleCharacter, .nonASCIICharacter, .invalidCharacter,
            .truncated, .tooLong:
            return .keyMalformed
        case .placeholder, .maskedCopy, .otherProvider, .openAIKeyForAzure, .adminKey, .sessionToken:
            return .keyInvalid
        case .unrecognizedShape: return nil
        }
    }

    /// One sentence for a person: what is wrong and what to do.
    public var sentence: String {
        switch self {
        case .empty:
            return "The key is empty; set it to the key from the API keys page."
        case .leadingWhitespace(let count):
            return "The key starts with \(count) white-space character\(count == 1 ? "" : "s"); remove them."
        case .trailingWhitespace(let count):
            return
                "The key ends with \(count) white-space character\(count == 1 ? "" : "s") (often a newline from a file or `echo`); remove them."
        case .embeddedNewline(let position):
            return
                "The key has a line break at position \(position); it was wrapped when pasted. Join it into one line."
        case .embeddedWhitespace(let position):
            return "The key has a space at position \(position); keys contain no spaces."
        case .quotes(let character):
            return
                "The key contains the quote character \(character); the quotes became part of the value. Remove them."
        case .angleBrackets:
            return "The key is wrapped in angle brackets copied from an example; remove < and >."
        case .bearerPrefix:
            return "The key starts with \"Bearer \"; the client adds that itself, so set only the key."
        case .assignment(let name):
            return "The value is a whole assignment (\(name)=…); set only the part after the equals sign."
        case .invisibleCharacter(let position, let codePoint):
            return "The key has an invisible character (\(codePoint)) at position \(position); retype or re-copy it."
        case .nonASCIICharacter(let position, let codePoint):
            return
                "The key has a non-ASCII character (\(codePoint)) at position \(position), often a look-alike letter or a typographic dash; re-copy the key."
        case .invalidCharacter(let position, let character):
            return "The key has the character \(character) at position \(position), which keys never contain."
        case .truncated(let kind, let length, let expected):
            return
                "This \(kind.displayName) is \(length) characters long, but such keys have \(Self.list(expected)); it looks cut off. Copy it again in full."
        case .tooLong(let kind, let length, let expected):
            return
                "This \(kind.displayName) is \(length) characters long, but such keys have \(Self.list(expected)); something was appended to it."
        case .placeholder(let text):
            return "The key is placeholder text (\(text)), not a real key; create a key and set it."
        case .maskedCopy:
            return
                "The key is a masked copy (with *** or …) as dashboards show it; the full key is shown only once, at creation. Create a new one."
        case .otherProvider(let kind):
            return kind == .azure
                ? "This looks like an Azure key (32 hexadecimal digits); it works only against an Azure OpenAI endpoint, not api.openai.com."
                : "This is an \(kind.displayName), not an OpenAI key; it cannot authenticate to OpenAI."
        case .openAIKeyForAzure(let kind):
            return
                "This is an OpenAI \(kind.displayName); an Azure OpenAI endpoint needs the resource's own key (32 hexadecimal digits)."
        case .adminKey:
            return "This is an admin key: it manages the organization and cannot call models. Use a project key."
        case .sessionToken:
            return "This is a browser session token (sess-…), not an API key; create an API key."
        case .unrecognizedShape(let length):
            return
                "The key (\(length) characters) has no known OpenAI shape; that is fine for some OpenAI-compatible servers, but api.openai.com will refuse it."
        }
    }

    static func list(_ lengths: [Int]) -> String {
        let sorted = lengths.sorted().map(String.init)
        if sorted.count <= 1 { return sorted.first ?? "?" }
        return sorted.dropLast().joined(separator: ", ") + " or " + (sorted.last ?? "?")
    }
}
