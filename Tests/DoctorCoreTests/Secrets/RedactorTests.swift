import DoctorTestSupport
import Testing

@testable import DoctorCore

@Suite("Redactor")
struct RedactorTests {
    @Test("every key shape disappears, leaving its fingerprint", arguments: KeyShape.all)
    func everyShape(shape: KeyShape) {
        let key = TestKey.make(shape)
        let text = "key=\(key) done"
        let redacted = Redactor.redact(text)
        if shape.kind == .azure {
            // 32 hexadecimal digits are a secret only where a header or variable names them.
            #expect(redacted == text)
            let named = Redactor.redact("api-key: \(key)\nAZURE_OPENAI_API_KEY=\(key)")
            #expect(!named.contains(key))
            #expect(named.occurrences(of: "…" + String(key.suffix(4)) + "#") == 2)
            return
        }
        #expect(!redacted.contains(key))
        #expect(redacted.contains(KeyFingerprint.fingerprint(key) + "#"))
        #expect(redacted.hasPrefix("key=") && redacted.hasSuffix(" done"))
    }

    @Test("same secret, same token; different secrets, different tokens")
    func stableTokens() {
        let a = TestKey.make(.project, length: 164)
        let b = TestKey.make(.project, length: 164)
        let once = Redactor.redact("\(a) \(b) \(a)")
        let parts = once.split(separator: " ")
        #expect(parts.count == 3)
        #expect(parts[0] == parts[2])
        #expect(parts[0] != parts[1])
        #expect(Redactor.redact(once) == once, "redacting twice changes nothing")
    }

    @Test(
        "header values in any letter case",
        arguments: [
            "Authorization: Bearer TOKENVALUE", "authorization: Bearer TOKENVALUE", "AUTHORIZATION: bearer TOKENVALUE",
            "Proxy-Authorization: Basic TOKENVALUE", "proxy-authorization: Basic TOKENVALUE",
            "api-key: TOKENVALUE", "Api-Key: TOKENVALUE", "x-api-key: TOKENVALUE",
            "Ocp-Apim-Subscription-Key: TOKENVALUE", "Cookie: session=TOKENVALUE", "cookie: a=TOKENVALUE; b=TOKENVALUE",
            "Set-Cookie: __cf_bm=TOKENVALUE; path=/; HttpOnly", "> Authorization: Bearer TOKENVALUE",
            "{\"authorization\": \"Bearer TOKENVALUE\", \"x\": 1}", "headers={'Authorization': 'Bearer TOKENVALUE'}",
            "curl -H \"Authorization: Bearer TOKENVALUE\" https://api.openai.com/v1/models",
            "GET /v1/models?api_key=TOKENVALUE&limit=2", "OPENAI_API_KEY=TOKENVALUE",
            "AZURE_OPENAI_API_KEY: TOKENVALUE",
            "proxy http://alice:TOKENVALUE@proxy.corp:3128 refused", "sent Bearer TOKENVALUE to the server",
        ])
    func headers(template: String) {
        let token = "tk_" + TestKey.random(29, from: TestKey.alphanumeric)
        let text = template.replacing("TOKENVALUE", with: token)
        let redacted = Redactor.redact(text)
        #expect(!redacted.contains(token), "\(redacted)")
        #expect(redacted.contains("[REDACTED:"), "\(redacted)")
    }

    @Test("ids, times and status codes stay; lines stay")
    func keepsContext() {
        let key = TestKey.make(.serviceAccount, length: 167)
        let text = """
            2026-11-26T15:33:21Z POST /v1/responses 401 request_id=req_0123456789abcdef cf-ray=8f1a2b3c4d5e6f70-FRA
            Authorization: Bearer \(key)
            x-request-id: req_0123456789abcdef
            {"error": {"message": "Incorrect API key provided: sk-svcac***...AAAA.", "code": "invalid_api_key"}}
            """
        let redacted = Redactor.redact(text)
        #expect(!redacted.contains(key))
        #expect(redacted.occurrences(of: "\n") == text.occurrences(of: "\n"))
        for kept in [
            "2026-11-26T15:33:21Z", " 401 ", "req_0123456789abcdef", "8f1a2b3c4d5e6f70-FRA", "sk-svcac***...AAAA",
            "x-request-id: req_0123456789abcdef",
        ] {
            #expect(redacted.contains(kept), "\(kept)")
        }
        #expect(redacted.contains("Authorization: Bearer sk-svcacct-…"))
    }

    @Test(
        "text without secrets comes back unchanged",
        arguments: [
            "", "hello", "the sk- prefix marks keys", "risk-free task-list desk-lamp", "scikit-learn sk-learn",
            "sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "Authorization: Bearer $OPENAI_API_KEY", "Authorization: Bearer YOUR_API_KEY", "api_key=os.environ[\"X\"]",
            "Incorrect API key provided: sk-PMafP***...E873.", "https://api.openai.com/v1/models",
            "ssh://git@github.com/org/repo.git", "the bearer of bad news", "Cookie: theme=dark",
            "sk-proj-…a1B2#3f9c0d", "req_0123456789abcdef0123456789abcdef",
        ])
    func decoys(text: String) {
        #expect(Redactor.redact(text) == text)
    }
}

@Suite("Redactor emails")
struct RedactorEmailTests {
    @Test("emails are replaced only when asked, and never break URL credentials")
    func emails() {
        let text =
            "contact jane.doe+openai@example.co.uk or ops@corp.example; proxy http://bob:s3cretPassw0rd@proxy.corp:3128"
        #expect(Redactor.redact(text).contains("jane.doe+openai@example.co.uk"))
        let scanner = SecretScanner(options: .init(emails: true))
        let redacted = Redactor.redact(text, scanner: scanner)
        #expect(!redacted.contains("jane.doe") && !redacted.contains("ops@corp"))
        #expect(redacted.occurrences(of: "[REDACTED:email#") == 2)
        #expect(redacted.contains("http://bob:[REDACTED:password#"))
        #expect(redacted.contains("@proxy.corp:3128"))
    }

    /// Found by the `stream-redactor` fuzz target (Fuzz/README.md): the line of fixture
    /// 002-no-key-beta-openai-py0.txt with a chunk boundary of the streaming redactor between
    /// `Authorization` and its value. The anchor lay before the second window, the value after
    /// the first one's end, so neither window redacted it while the whole text did.
    @Test("a value whose field name lies before the scanned region is still found (fuzz finding)")
    func valueAfterRegionStart() {
        let line = "DEBUG:openai:request headers={'Authorization': 'Bearer “{{KEY:proj}}”', 'Content-Type': 'x'}"
        let whole = SecretScanner().matches(in: line)
        #expect(whole.count == 1)
        let valueStart = whole.first?.range.lowerBound ?? 0
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            let text = UnsafeBufferPointer(buffer)
            let nameEnd = Array(line.utf8).firstRange(of: Array("Authorization".utf8))?.upperBound ?? 0
            for from in nameEnd...valueStart {
                var found: [SecretMatch] = []
                SecretScanner().scan(text, from: from, limit: text.count, into: &found)
                #expect(found == whole, "region from \(from)")
            }
        }
    }

    @Test("a value more than 64 blanks after its field name is not read as its value, whole or in part")
    func blankRunBound() {
        let value = "u7Xq9Lm2Pz4Rt8Wk3Nv6Yb1"
        let near = "Authorization: " + String(repeating: " ", count: 63) + value
        let far = "Authorization: " + String(repeating: " ", count: 65) + value
        #expect(Redactor.redact(near).contains(value) == false)
        #expect(SecretScanner().matches(in: far).isEmpty)
    }
}
