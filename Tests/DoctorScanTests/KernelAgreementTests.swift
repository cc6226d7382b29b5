import DoctorTestSupport
import Testing

@testable import DoctorCore
@testable import DoctorScan

/// What makes the split of the scanner safe: the core searches its anchors in Swift
/// (``ScalarAnchorSearch``), the scanning module with the C kernel (``ScanKernel``), and both
/// must find exactly the same candidates, matches, error marks and redacted bytes, at every
/// kernel level this CPU has, on many generated texts with keys of every shape planted in them.
@Suite("Kernel and Swift search agree")
struct KernelAgreementTests {
    /// Where keys are planted (`{K}` marks the key): headers, JSON, URLs, cookies, escapes, prose.
    static let surroundings = [
        "{K}", " {K} ", "key={K}", "OPENAI_API_KEY={K}\n", "Authorization: Bearer {K}\n", "authorization: bearer {K}",
        "-H 'Authorization: Bearer {K}'", "{\"api_key\": \"{K}\"}", "{\\\"apiKey\\\":\\\"{K}\\\"}", "api-key: {K}\n",
        "x-api-key: {K}", "?api_key={K}&limit=2", "%22{K}%22", "api_key%3D{K}%26", "\\n{K}\\n", "\\u0022{K}\\u0022",
        "Cookie: session={K}; theme=dark\n", "Set-Cookie: __Secure-next-auth.session-token={K}; Path=/\n",
        "https://user:{K}@proxy.internal:3128/", "https://{K}@git.example.com/", "task-{K}", "risk{K}", "Q{K}9",
        "Ocp-Apim-Subscription-Key: {K}\n", "bearer {K},", "'{K}'", "`{K}`", "({K})", "<{K}>",
    ]

    /// Text between the planted keys: anchor bytes in and out of words, error words, emails,
    /// placeholders, escapes, line ends and UTF-8 beyond ASCII.
    static let filler = [
        " ", "\n", "\r\n", "\t", "task-runner ", "risk-free ", "desk-", "sk-", "sk_", "hf_", "xai", "pplx-", "sess-",
        "AIza", "://", "Bearer ", "Authorization: ", "api_key=", "apikey:", "Cookie: ", "subscription-key",
        "RateLimitError", "error", "Error code: 429", "request_id=req_0123456789abcdef", "cf-ray: 8f1e2d3c4b5a6978-FRA",
        "ops@example.com ", "a.b+c@sub.example.org", "https://api.openai.com/v1/chat/completions", "${OPENAI_API_KEY}",
        "your-api-key", "sk-...", "\\", "%", "\\x", "\"", "'", "=", ":", "é", "日本", "…", "2026-11-26T10:09:25.666Z",
    ]

    /// Every key shape, OpenAI's and other providers', and credential-only ones.
    static let shapes = KeyShape.all + KeyShape.credentialOnly

    /// A text of about `length` bytes with keys of random shapes in random surroundings.
    static func generatedText(_ length: Int) -> String {
        var text = ""
        while text.utf8.count < length {
            switch Int.testRandom(in: 0..<5) {
            case 0, 1:
                let key = TestKey.make(shapes.testRandomElement())
                text += surroundings.testRandomElement().replacingAll("{K}", with: key)
            case 2:
                text += String(
                    decoding: ScanKernelTests.randomBytes(Int.testRandom(in: 1...40)).map { $0 & 0x7F }, as: UTF8.self)
            default:
                text += filler.testRandomElement()
            }
        }
        return text
    }

    /// The levels to compare: scalar up to the best this CPU has.
    static var levels: ClosedRange<Int32> { 0...ScanKernel.bestLevel }

    @Test("the same candidates, over whole texts and windows with context before them")
    func candidates() {
        let filter = Anchors.filter
        for _ in 0..<300 {
            let bytes = Array(Self.generatedText(Int.testRandom(in: 1...3000)).utf8)
            let start = Int.testRandom(in: 0...min(12, bytes.count))
            let count = Int.testRandom(in: 0...(bytes.count - start))
            let available = Int.testRandom(in: count...(bytes.count - start))
            let swift = ScanKernelTests.candidates(
                bytes, start: start, count: count, available: available, filter: filter, search: ScalarAnchorSearch())
            for level in Self.levels {
                let kernel = ScanKernelTests.candidates(
                    bytes, start: start, count: count, available: available, filter: filter,
                    search: ScanKernel(level: level))
                #expect(kernel == swift, "level \(level), \(bytes.count) bytes, start \(start), count \(count)")
            }
        }
    }

    @Test("the same matches, error marks and scan ends, with and without emails", arguments: [false, true])
    func matches(emails: Bool) {
        let swift = SecretScanner(options: .init(emails: emails))
        var total = 0
        for _ in 0..<250 {
            let bytes = Array(Self.generatedText(Int.testRandom(in: 200...6000)).utf8)
            let from = Int.testRandom(in: 0...(bytes.count / 3))
            let limit = Int.testRandom(in: from...bytes.count)
            let expected = Self.scan(bytes, from: from, limit: limit, swift)
            total += expected.matches.count
            for level in Self.levels {
                var kernel = swift
                kernel.anchorSearch = ScanKernel(level: level)
                let found = Self.scan(bytes, from: from, limit: limit, kernel)
                #expect(found.matches == expected.matches, "level \(level): matches differ")
                #expect(found.marks == expected.marks, "level \(level): error marks differ")
                #expect(found.end == expected.end, "level \(level): scan end differs")
            }
        }
        #expect(total > 1000, "the generated texts hold secrets")
    }

    @Test("the same redacted text, byte for byte", arguments: [false, true])
    func redaction(emails: Bool) {
        let swift = SecretScanner(options: .init(emails: emails))
        var changed = 0
        for _ in 0..<250 {
            let text = Self.generatedText(Int.testRandom(in: 100...4000))
            let expected = Redactor.redact(text, scanner: swift)
            if expected != text { changed += 1 }
            for level in Self.levels {
                var kernel = swift
                kernel.anchorSearch = ScanKernel(level: level)
                #expect(Array(Redactor.redact(text, scanner: kernel).utf8) == Array(expected.utf8), "level \(level)")
            }
            // The scanning module's own scanner (the process's level) too.
            #expect(Array(Redactor.redact(text, scanner: swift.onKernel).utf8) == Array(expected.utf8))
        }
        #expect(changed > 200, "the generated texts hold secrets")
    }

    /// One scan of `bytes[from..<limit]` with everything it reports.
    static func scan(
        _ bytes: [UInt8], from: Int, limit: Int, _ scanner: SecretScanner
    ) -> (matches: [SecretMatch], marks: [Int], end: Int) {
        var matches: [SecretMatch] = []
        var marks: [Int] = []
        let end = bytes.withUnsafeBufferPointer { buffer in
            scanner.scan(buffer, from: from, limit: limit, into: &matches, errorMarks: &marks)
        }
        return (matches, marks, end)
    }
}

extension String {
    /// This string with every `target` replaced by `replacement` (no Foundation).
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
