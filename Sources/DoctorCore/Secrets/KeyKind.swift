/// The family of an API key, recognised by its prefix, length and alphabet.
///
/// OpenAI publishes no official statement of key lengths or alphabets; the shapes below
/// are measured on the sample keys of public scanners (see ``KeyShape``), as recorded in
/// `docs/network-notes.md` section 7. Other providers' shapes are listed so that a configured
/// key that belongs elsewhere can be named ("this is an Anthropic key").
///
/// ```swift
/// KeyKind.recognise("sk-proj-…")   // .project
/// KeyKind.project.prefix            // "sk-proj-"
/// KeyKind.project.expectedLengths   // [164, 132, 56]
/// ```
public enum KeyKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// A legacy user key: `sk-` + 20 + `T3BlbkFJ` + 20 alphanumerics, 51 characters.
    case legacy
    /// A project key: `sk-proj-`, 164 or 132 characters with the `T3BlbkFJ` marker, or the 56-character shape.
    case project
    /// A service-account key: `sk-svcacct-`, 167 or 135 characters.
    case serviceAccount = "service_account"
    /// An organization admin key: `sk-admin-`, 133 characters. It manages the organization and cannot call models.
    case admin
    /// A key whose project is "None": `sk-None-`, 56 characters.
    case noneProject = "none"
    /// A service key of the 2025–26 key scheme: `sk-service-` and at least 40 key characters
    /// (no public statement of its length yet, so any length from there is a key).
    case serviceKey = "service"
    /// An ephemeral client secret for the Realtime API: `ek_` + 32 hexadecimal digits, minted by
    /// `POST /v1/realtime/client_secrets`, valid for minutes. It opens Realtime sessions only.
    case ephemeral
    /// A browser session token (old ChatGPT / DALL·E web), `sess-` + 40 alphanumerics. Not an API key.
    case session
    /// An Anthropic key (`sk-ant-api03-…`, `sk-ant-admin01-…`).
    case anthropic
    /// An OpenRouter key (`sk-or-v1-` + 64 hexadecimal digits).
    case openRouter = "openrouter"
    /// A Groq key (`gsk_` + 52 alphanumerics).
    case groq
    /// A Google AI Studio / Gemini key (`AIza` + 35 characters).
    case google
    /// A Hugging Face token (`hf_` + 34 alphanumerics).
    case huggingFace = "huggingface"
    /// An xAI key (`xai-` + 80 alphanumerics).
    case xai
    /// A Perplexity key (`pplx-` + 48 alphanumerics).
    case perplexity
    /// An Azure OpenAI / Azure AI services key: 32 hexadecimal digits, no prefix.
    case azure
    /// `sk-` + 48 alphanumerics without OpenAI's `T3BlbkFJ` marker: the shape of many other
    /// providers' and relays' keys (one-api/new-api, DeepSeek-style), so its provider is unknown.
    /// Found by the secret scanner; a configured key is judged by ``recognise(_:)`` as before.
    case skUnknownProvider = "sk_unknown_provider"
    /// Nothing recognisable.
    case unrecognized

    /// The literal prefix every key of this kind starts with (empty for ``azure`` and ``unrecognized``).
    public var prefix: String {
        switch self {
        case .legacy: return "sk-"
        case .project: return "sk-proj-"
        case .serviceAccount: return "sk-svcacct-"
        case .admin: return "sk-admin-"
        case .noneProject: return "sk-None-"
        case .serviceKey: return "sk-service-"
        case .ephemeral: return "ek_"
        case .session: return "sess-"
        case .anthropic: return "sk-ant-"
        case .openRouter: return "sk-or-v1-"
        case .groq: return "gsk_"
        case .google: return "AIza"
        case .huggingFace: return "hf_"
        case .xai: return "xai-"
        case .perplexity: return "pplx-"
        case .skUnknownProvider: return "sk-"
        case .azure, .unrecognized: return ""
        }
    }

    /// Every shape this kind is known in.
    public var shapes: [KeyShape] { (KeyShape.all + KeyShape.credentialOnly).filter { $0.kind == self } }

    /// The total lengths a well-formed key of this kind has, most common first (empty when unknown).
    public var expectedLengths: [Int] { shapes.map(\.length) }

    /// Whether OpenAI issues this kind of key (a session token is OpenAI's, but not an API key).
    public var isOpenAI: Bool {
        switch self {
        case .legacy, .project, .serviceAccount, .admin, .noneProject, .session, .serviceKey, .ephemeral: return true
        default: return false
        }
    }

    /// Whether the key can authenticate ordinary API calls (`/v1/models`, `/v1/responses`).
    public var callsModels: Bool {
        switch self {
        case .legacy, .project, .serviceAccount, .noneProject, .serviceKey: return true
        default: return false
        }
    }

    /// A short human name ("project key", "Anthropic key").
    public var displayName: String {
        switch self {
        case .legacy: return "legacy user key"
        case .project: return "project key"
        case .serviceAccount: return "service-account key"
        case .admin: return "admin key"
        case .noneProject: return "key without project (sk-None-)"
        case .serviceKey: return "service key"
        case .ephemeral: return "Realtime ephemeral key"
        case .session: return "browser session token"
        case .anthropic: return "Anthropic key"
        case .openRouter: return "OpenRouter key"
        case .groq: return "Groq key"
        case .google: return "Google AI key"
        case .huggingFace: return "Hugging Face token"
        case .xai: return "xAI key"
        case .perplexity: return "Perplexity key"
        case .azure: return "Azure key"
        case .skUnknownProvider: return "sk- key of unknown provider"
        case .unrecognized: return "unrecognised key"
        }
    }

    /// The kind a key's prefix names, longest prefix first; `nil` when no prefix matches.
    ///
    /// Azure keys have no prefix; see ``recognise(_:)`` for the full judgement.
    public static func kind(forPrefixOf key: some StringProtocol) -> KeyKind? {
        for kind in prefixOrder where key.hasPrefix(kind.prefix) { return kind }
        return nil
    }

    /// The kind of a complete key: by prefix, else 32 hexadecimal digits for Azure, else ``unrecognized``.
    public static func recognise(_ key: some StringProtocol) -> KeyKind {
        if let kind = kind(forPrefixOf: key) { return kind }
        if key.utf8.count == 32 && key.utf8.allSatisfy(KeyAlphabet.hexadecimal.contains) { return .azure }
        return .unrecognized
    }

    /// Kinds with a prefix, longest (most specific) prefix first, so `sk-proj-` wins over `sk-`.
    /// A bare `sk-` prefix names a legacy key here; only the scanner tells ``skUnknownProvider`` apart.
    static let prefixOrder: [KeyKind] = allCases.filter { !$0.prefix.isEmpty && $0 != .skUnknownProvider }
        .sorted { $0.prefix.utf8.count > $1.prefix.utf8.count }
}

/// The characters a key body may hold.
public enum KeyAlphabet: String, Sendable, Codable, CaseIterable {
    /// `[A-Za-z0-9]` (legacy keys, session tokens).
    case alphanumeric
    /// `[A-Za-z0-9_-]`, the URL-safe base64 alphabet (project, service-account and admin keys).
    case urlSafe = "url_safe"
    /// `[0-9a-fA-F]` (Azure keys, OpenRouter).
    case hexadecimal

    /// Whether `byte` (an ASCII code) belongs to the alphabet.
    @inline(__always)
    public func contains(_ byte: UInt8) -> Bool {
        switch self {
        case .alphanumeric: return ByteClass.isAlphanumeric(byte)
        case .urlSafe: return ByteClass.isURLSafe(byte)
        case .hexadecimal: return ByteClass.isHex(byte)
        }
    }
}

/// One well-formed shape of a key: its kind, total length, body alphabet and marker position.
///
/// Sources: OpenAI shapes from gitleaks `cmd/generate/config/rules/openai.go` (ddcc7537),
/// trufflehog `pkg/detectors/openai` and `openaiadmin`, detect-secrets `plugins/openai.py`,
/// lengths measured on gitleaks' samples (docs/network-notes.md §7); the 56-character
/// `sk-proj-`/`sk-None-` shape from issue 6; other providers from gitleaks' rules for
/// Anthropic (`sk-ant-api03-` + 93 + `AA`), OpenRouter, Groq, GCP API keys, Hugging Face,
/// xAI and Perplexity, and Azure's documented 32-hex-digit resource keys.
public struct KeyShape: Sendable, Hashable {
    /// The kind this shape belongs to.
    public var kind: KeyKind
    /// The total length in characters, prefix included.
    public var length: Int
    /// The alphabet of the characters after the prefix.
    public var alphabet: KeyAlphabet
    /// The offset of the `T3BlbkFJ` marker (base64 of "OpenAI"), when the shape carries it.
    public var markerOffset: Int?

    /// The marker OpenAI keys carry: base64 for "OpenAI".
    public static let marker = "T3BlbkFJ"

    /// Shapes recognised where a credential stands (an `Authorization` or `api-key` value, a
    /// configured key) but not in free text, where the scanner has no anchor for them: the
    /// Realtime ephemeral key (`ek_` + 32 hexadecimal digits, as the API reference shows it).
    public static let credentialOnly: [KeyShape] = [
        KeyShape(kind: .ephemeral, length: 35, alphabet: .hexadecimal, markerOffset: nil)
    ]

    /// Every known shape found in free text, OpenAI's first.
    public static let all: [KeyShape] = [
        KeyShape(kind: .project, length: 164, alphabet: .urlSafe, markerOffset: 82),
        KeyShape(kind: .project, length: 132, alphabet: .urlSafe, markerOffset: 66),
        KeyShape(kind: .project, length: 56, alphabet: .urlSafe, markerOffset: nil),
        KeyShape(kind: .serviceAccount, length: 167, alphabet: .urlSafe, markerOffset: 85),
        KeyShape(kind: .serviceAccount, length: 135, alphabet: .urlSafe, markerOffset: 69),
        KeyShape(kind: .admin, length: 133, alphabet: .urlSafe, markerOffset: 67),
        KeyShape(kind: .noneProject, length: 56, alphabet: .urlSafe, markerOffset: nil),
        KeyShape(kind: .legacy, length: 51, alphabet: .alphanumeric, markerOffset: 23),
        KeyShape(kind: .session, length: 45, alphabet: .alphanumeric, markerOffset: nil),
        KeyShape(kind: .anthropic, length: 108, alphabet: .urlSafe, markerOffset: nil),
        KeyShape(kind: .anthropic, length: 110, alphabet: .urlSafe, markerOffset: nil),
        KeyShape(kind: .openRouter, length: 73, alphabet: .hexadecimal, markerOffset: nil),
        KeyShape(kind: .groq, length: 56, alphabet: .alphanumeric, markerOffset: nil),
        KeyShape(kind: .google, length: 39, alphabet: .urlSafe, markerOffset: nil),
        KeyShape(kind: .huggingFace, length: 37, alphabet: .alphanumeric, markerOffset: nil),
        KeyShape(kind: .xai, length: 84, alphabet: .alphanumeric, markerOffset: nil),
        KeyShape(kind: .perplexity, length: 53, alphabet: .alphanumeric, markerOffset: nil),
        KeyShape(kind: .azure, length: 32, alphabet: .hexadecimal, markerOffset: nil),
    ]
}
