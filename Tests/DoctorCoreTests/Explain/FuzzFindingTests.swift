import DoctorTestSupport
import Testing

@testable import DoctorCore

/// Inputs the fuzz targets found (Fuzz/README.md), each kept as a regression test with the
/// exact bytes the fuzzer saved.
@Suite("fuzz findings")
struct FuzzFindingTests {
    /// `text` explained as the CLI does, and its text, Markdown and JSON outputs.
    static func explained(_ text: String) -> (Diagnosis, [String]) {
        let diagnosis = Diagnoser.diagnose(EvidenceExtractor.extract(from: text)[0])
        let outputs = [
            DiagnosisTextRenderer.render(diagnosis), DiagnosisMarkdownRenderer.render(diagnosis),
            JSONOutput.encode(ExplainDocument(items: [(diagnosis, nil)], isHAR: false)),
        ]
        return (diagnosis, outputs)
    }

    /// `page-markers` target: a Cloudflare code span holding `-8` was read as Cloudflare code -8.
    @Test("a cf-error-code span gives a Cloudflare code only for four digits of 1xxx")
    func cloudflareCodeSpan() {
        let found = Array(#"/`="class="cf-error-code">-8"#.utf8)
        let evidence = EvidenceExtractor.extract(from: found)[0]
        #expect(evidence.cloudflareCodes.isEmpty)
        let real = Array(#"<span class="cf-error-code">1020</span>"#.utf8)
        #expect(EvidenceExtractor.extract(from: real)[0].cloudflareCodes == [1020])
    }

    /// `explain` target (CI's fuzz step, 2026-12-07): a page title is kept to 200 characters, and
    /// was cut before it was redacted: a key standing across the cut was no key to the redactor, and
    /// its first 47 characters showed in the text output. The page is the fuzzer's (an nginx 404
    /// page, mutated), the key where the fuzzer put it.
    @Test("a key cut by the page title's limit is redacted before the cut")
    func keyCutInPageTitle() {
        let key = TestKey.make(.serviceAccount)
        let text =
            "<html>\n<head><title>404 Not Found</" + String(repeating: "n", count: 127) + "title></he " + key
            + "\n</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n</body>\n</html>\n"
        let (diagnosis, outputs) = Self.explained(text)
        let piece = String(key.dropFirst(12).prefix(24))
        for output in outputs { #expect(!output.contains(piece)) }
        #expect(diagnosis.evidence.markers.contains { $0.contains("404 Not Found") }, "\(diagnosis.evidence.markers)")
    }

    /// Found beside the `runtime-output` target's finding (a key across an excerpt's cut): an
    /// error message is kept to 2,000 characters and was cut before it was redacted, so a key
    /// standing across the cut was too short for the redactor and a piece of it reached the outputs.
    @Test("a key standing across the 2,000-character message excerpt is redacted before the cut")
    func keyCutInMessageExcerpt() {
        let key = TestKey.make(.project)
        let text =
            #"{"error": {"message": ""# + String(repeating: "a ", count: 977) + key
            + #" more", "type": "invalid_request_error", "code": "invalid_api_key"}}"#
        let (diagnosis, outputs) = Self.explained(text)
        let piece = String(key.dropFirst(12).prefix(24))
        for output in outputs { #expect(!output.contains(piece)) }
        #expect(diagnosis.evidence.message?.hasPrefix("a a a") == true)
    }

    /// `explain` target: a key after a backslash that escapes nothing JSON knows (`\` then `sess-…`,
    /// inside a relayed Azure message's `\n`s) lost the backslash when the message was decoded, so it
    /// stood glued to the word before it, a longer token the redactor rightly leaves, and the JSON
    /// output showed it whole. The message is the fixture's text as the fuzzer mutated it, the key
    /// where the fuzzer put it.
    @Test("a key after an unknown escape keeps the backslash that sets it apart, and is redacted")
    func keyAfterUnknownEscape() {
        let key = TestKey.make(.session)
        let text =
            #"Failed to send message: Error event received: {"sequence_number":3,"code":"server_error","message":"(PermissionDenied) The principal lacks the required data action. For instructions on granting the necessary permissions, see https://aka.ms/FoundryPermissions.\nCode: PermissionDenied\"#
            + key + #" nMessage: The principal lacks the required data action"}"#
        let (_, outputs) = Self.explained(text)
        for output in outputs { #expect(!output.contains(key)) }
        // A known escape still decodes: `\n` is a line break, `\"` a quote.
        #expect(LenientJSONReader.parse(#"{"message":"a\nb \"c\" \s"}"#)?["message"]?.text == "a\nb \"c\" \\s")
    }

    /// `explain` target: a key planted right before an echoed `${…}` made the echo read as a
    /// variable reference, and the reason quoted its first 40 characters: 35 of them the key's.
    /// The line is the fixture's (model_not_found body, mutated) with the key where the fuzzer put it.
    @Test("a key inside an echoed variable reference is not quoted by the reason")
    func keyInVariableReferenceEcho() {
        let key = TestKey.make(.perplexity)
        let text =
            "https://help.openai.com/en/articles/7102672-how-can-i-accIncorrect API key provided: \(key)"
            + "${sk-0rF******************************************1pS}.\ndel_not_found\"rror\","
        let (diagnosis, outputs) = Self.explained(text)
        for output in outputs {
            #expect(!output.contains(key.dropFirst(5).prefix(24)))
        }
        #expect(diagnosis.cause == .keyMalformed)
    }

    /// `explain` target: the transport detail (the input line holding the TLS wording, cut at
    /// 300 characters) was cut through a planted key and quoted raw in the reason. The line is
    /// the fuzzer's, its NUL and `@` run replaced by `@`s of a length that puts the cut in the key.
    @Test("a transport detail cut through a key does not show the key's piece")
    func keyCutInTransportDetail() {
        let key = TestKey.make(.anthropic, length: 108)
        let text =
            "openai.BadRequestError: Error code" + String(repeating: "@", count: 150)
            + ": 063 - {'error': {'message': \"Unsupported paramens', 'code': 'unsuppo por prox \(key) "
            + "y', SSLError(SSLEOFError(4, 'EOF occu;red @n violation of protocol (_sseter'}}%"
        let diagnosis = Diagnoser.diagnose(EvidenceExtractor.extract(from: text)[0])
        for output in [DiagnosisTextRenderer.render(diagnosis), DiagnosisMarkdownRenderer.render(diagnosis)] {
            #expect(!output.contains(key.dropFirst(12).prefix(24)))
        }
    }
}
