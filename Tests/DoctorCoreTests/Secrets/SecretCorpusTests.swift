import DoctorTestSupport
import Testing

@testable import DoctorCore

/// The detection corpus of issue 6: every key shape planted in every surrounding must be found
/// exactly (recall 100%), and no decoy may match anything (precision 100%).
@Suite("Secret detection corpus")
struct SecretCorpusTests {
    /// Surroundings where a key is found by its shape alone. `{K}` marks the key.
    static let surroundings = [
        "{K}", " {K} ", "key={K}", "key: {K}", "OPENAI_API_KEY={K}", "export OPENAI_API_KEY=\"{K}\"", "'{K}'",
        "\"{K}\"",
        "`{K}`", "({K})", "[{K}]", "{\"api_key\":\"{K}\"}", "{\"apiKey\": \"{K}\", \"model\": \"gpt-4o\"}", "<{K}>",
        "GET /v1/models?api_key={K}&limit=2", "https://api.example.com/v1?api_key={K}", "https://x.test/?key={K}#frag",
        "{K}&", "{K},", "{K})", "{K}}", "{K}|", "{K}<", "{K}.", "{K}:", "{K};", "key:{K};", "Authorization: Bearer {K}",
        "authorization: bearer {K}", "AUTHORIZATION: BEARER {K}", "-H 'Authorization: Bearer {K}'",
        "curl -H \"Authorization: Bearer {K}\" https://api.openai.com/v1/models", "%22{K}%22", "api_key%3D{K}%26",
        "{\\\"api_key\\\": \\\"{K}\\\"}", "\\n{K}\\n", "\\u0022{K}\\u0022", "line one\n{K}\nline three", "\t{K}\t",
        "{K}\r\n",
        "client = OpenAI(api_key=\"{K}\")", "const openai = new OpenAI({ apiKey: '{K}' });", "OPENAI_API_KEY: '{K}'",
        "2026-11-26T10:00:00Z INFO using key {K} request_id=req_0123456789abcdef", "Bearer {K}", "x-api-key: {K}",
        "api-key={K}", "{'Authorization': 'Bearer {K}'}", "> Authorization: Bearer {K}\r\n",
    ]

    /// Surroundings for a shape that is a secret only where a name says so (Azure's 32 hex digits).
    static let namedSurroundings = [
        "api-key: {K}", "Api-Key: {K}", "AZURE_OPENAI_API_KEY={K}", "\"api-key\": \"{K}\"",
        "Ocp-Apim-Subscription-Key: {K}",
        "AZURE_OPENAI_API_KEY: \"{K}\"", "x-api-key: {K}", "azure_api_key = '{K}'",
    ]

    /// Text that must match nothing: prose with sk- words, hashes, ids, placeholders, masked echoes.
    static let decoys = [
        "the sk- prefix marks OpenAI keys", "pip install scikit-learn sk-learn==1.4.2", "risk-assessment and task-list",
        "desk-proj-alpha disk-None-available",
        "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "da39a3ee5e6b4b0d3255bfef95601890afd80709", "d41d8cd98f00b204e9800998ecf8427e",
        "550e8400-e29b-41d4-a716-446655440000",
        "x-request-id: req_0123456789abcdef0123456789abcdef", "cf-ray: 8f1a2b3c4d5e6f70-FRA",
        "org-AbCdEf0123456789ghIJklMN",
        "proj_AbCdEf0123456789ghIJ", "chatcmpl-9xYzAbCdEfGhIjKlMnOpQrStUvWx", "asst_abc123DEF456ghi789JKL",
        "file-AbC123dEf456",
        "sk-proj-", "sk-proj-XXXXXXXXXXXXXXXXXXXX", "sk-...", "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "Incorrect API key provided: sk-PMafP***...E873.", "sk-abc***...wxyz", "sk-proj-…a1B2#3f9c0d",
        "sk-" + String(repeating: "0123456789abcdef", count: 3), "Authorization: Bearer $OPENAI_API_KEY",
        "Authorization: Bearer <YOUR_API_KEY>", "Authorization: Bearer ${OPENAI_API_KEY}",
        "Authorization: Bearer YOUR_API_KEY",
        "api_key=os.environ['OPENAI_API_KEY']", "apiKey: process.env.OPENAI_API_KEY", "api_key: null",
        "https://api.openai.com/v1/chat/completions", "http://localhost:8080/v1", "git@github.com:org/repo.git",
        "ssh://git@github.com/org/repo.git", "sess-ion-timeout=30", "x-ratelimit-remaining-tokens: 8999",
        "OpenAI-Organization: org-abc123", "AIzaShort", "gsk_test", "hf_hub_download", "xai-grok-2", "pplx-api",
        "the bearer of bad news", "Cookie: theme=dark",
        "dGhpcyBpcyBhIGJhc2U2NCBibG9iIHRoYXQgaXMgbm90IGEga2V5IGF0IGFsbA==",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abc", "version 2020-10-01 openai-processing-ms=812",
        "T3BlbkFJ alone is just the marker", "proxy http://proxy.corp:3128 refused", "http://user@proxy.corp:3128",
        "  apiKey: string;", "    api_key: Optional[str] = None", "interface Config { apiKey?: string }",
        "Authorization: Bearer token", "x-api-key: <your key here>", "api_key = get_secret(\"openai\")",
    ]

    struct Case: CustomTestStringConvertible {
        let shape: KeyShape
        let surrounding: String
        var testDescription: String { "\(shape.kind.rawValue)/\(shape.length) in \(surrounding.debugDescription)" }
    }

    static var cases: [Case] {
        var all: [Case] = []
        for shape in KeyShape.all {
            let templates = shape.kind == .azure ? namedSurroundings : surroundings
            for surrounding in templates { all.append(Case(shape: shape, surrounding: surrounding)) }
        }
        return all
    }

    /// Plants a fresh key; returns the text and the key's byte range.
    static func plant(_ c: Case) -> (String, Range<Int>, String) {
        let key = TestKey.make(c.shape)
        let parts = c.surrounding.split(separator: "{K}", omittingEmptySubsequences: false)
        let before = String(parts[0])
        let text = before + key + String(parts[1])
        let start = before.utf8.count
        return (text, start..<(start + key.utf8.count), key)
    }

    @Test("recall: every planted key is found exactly, as its kind", arguments: cases)
    func recall(c: Case) {
        let (text, range, key) = Self.plant(c)
        let matches = SecretScanner().matches(in: text)
        #expect(matches.count == 1, "\(matches)")
        #expect(matches.first?.range == range)
        #expect(matches.first?.kind == .apiKey(c.shape.kind))
        #expect(!Redactor.redact(text).contains(key))
    }

    @Test("precision: no decoy matches", arguments: decoys)
    func precision(decoy: String) {
        #expect(SecretScanner().matches(in: decoy) == [])
        #expect(Redactor.redact(decoy) == decoy)
    }

    @Test("precision and recall over the whole corpus, decoys and keys mixed in one document")
    func wholeCorpus() {
        var document = ""
        var planted: [Range<Int>] = []
        for (i, c) in Self.cases.enumerated() {
            let (text, range, _) = Self.plant(c)
            let base = document.utf8.count
            document += text + "\n" + Self.decoys[i % Self.decoys.count] + "\n"
            planted.append((base + range.lowerBound)..<(base + range.upperBound))
        }
        let found = SecretScanner().matches(in: document).map(\.range)
        let truePositives = found.filter { planted.contains($0) }.count
        let precision = Double(truePositives) / Double(max(found.count, 1))
        let recall = Double(truePositives) / Double(planted.count)
        #expect(precision == 1.0, "false positives: \(found.filter { !planted.contains($0) }.count)")
        #expect(recall == 1.0, "missed: \(planted.filter { !found.contains($0) }.count)")
    }

    @Test(
        "other secrets: sess- tokens, URL passwords, cookies, opaque bearer tokens",
        arguments: [
            ("session token sess-{R40} here", SecretKind.apiKey(.session)),
            ("proxy http://alice:{R16}@proxy.corp:3128", .urlCredential),
            ("HTTPS_PROXY=http://svc:{R16}@10.0.0.1:8080", .urlCredential),
            ("Cookie: __Secure-next-auth.session-token={R40}", .sessionCookie),
            ("set-cookie: __cf_bm={R40}; path=/; HttpOnly", .cookie),
            ("Authorization: Bearer eyJ{R40}", .authorization),
            ("proxy-authorization: Basic {R40}", .authorization),
            ("token was Bearer tk{R40} then", .authorization),
        ])
    func otherSecrets(template: String, kind: SecretKind) {
        let secret = TestKey.random(40, from: TestKey.alphanumeric)
        let text = template.replacing("{R40}", with: secret).replacing("{R16}", with: String(secret.prefix(16)))
        let matches = SecretScanner().matches(in: text)
        #expect(matches.count == 1, "\(matches)")
        #expect(matches.first?.kind == kind)
        #expect(!Redactor.redact(text).contains(String(secret.prefix(16))))
    }
}
