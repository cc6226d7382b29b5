import Testing

@testable import DoctorCore

/// The whole input is read, whatever damage the text took on its way: real wording
/// (errors-catalogue.md §2, §5) rendered with the kinds of damage issue 21 names.
@Suite("the whole input, any typography")
struct WholeInputTests {
    /// The cause `explain` names for a text.
    /// The cause the rules name (the learned last stage, which may lean on a few words, is
    /// measured apart: LearnedStageTests).
    static func cause(of text: String, status: Int? = nil) -> CauseID {
        Diagnoser.diagnose(EvidenceExtractor.extract(from: text, status: status)[0], model: nil).cause
    }

    /// The quota body, errors-catalogue.md §2 (429, OpenBMB/ChatDev#399).
    static let quotaBody =
        #"{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"#

    @Test(
        "typographic damage to a message without a code still names its family",
        arguments: [
            // key.missing, errors-catalogue.md §2 (401, chatboxai/chatbox#98), curly apostrophe.
            (
                "Error: You didn\u{2019}t provide an API key. You need to provide your API key in an Authorization header",
                401,
                CauseID.keyMissing
            ),
            // billing, no-break spaces between the words.
            (
                "You\u{00A0}exceeded\u{00A0}your\u{00A0}current\u{00A0}quota, please check your plan", 429,
                .billingQuotaExceeded
            ),
            // region.unsupported in full-width forms (home-assistant/core#120072's message).
            ("Ｃｏｕｎｔｒｙ， ｒｅｇｉｏｎ， ｏｒ ｔｅｒｒｉｔｏｒｙ ｎｏｔ ｓｕｐｐｏｒｔｅｄ", 403, .regionUnsupported),
            // The same, upper case, with HTML entities for its commas' spaces.
            ("COUNTRY,&nbsp;REGION,&nbsp;OR TERRITORY NOT SUPPORTED", 403, .regionUnsupported),
        ] as [(String, Int, CauseID)])
    func typography(_ text: String, _ status: Int, _ expected: CauseID) {
        #expect(Self.cause(of: text, status: status) == expected, "\(text)")
    }

    @Test("an OS sentence with a capitalised non-ASCII word is read (glibc's French resolver text)")
    func capitalisedNonASCII() {
        let text = "socket.gaierror: [Errno -3] Échec temporaire dans la résolution du nom"
        #expect(Self.cause(of: text) == .networkDNS)
    }

    @Test("escaped JSON inside a log line is read as the body it carries")
    func escapedJSONInALogLine() {
        let escaped = Self.quotaBody.replacing("\"", with: "\\\"")
        let line = "2024-05-01T12:00:00.123Z worker-1 | ERROR upstream answered: \"\(escaped)\""
        let evidence = EvidenceExtractor.extract(from: line)[0]
        #expect(evidence.error.code == "insufficient_quota")
        #expect(Diagnoser.diagnose(evidence).cause == .billingQuotaExceeded)
        // Twice escaped: a log line holding a JSON string that holds the body.
        let twice = escaped.replacing("\\\"", with: "\\\\\\\"")
        let nested = #"{"level":"error","msg":"request failed","body":"{\"detail\":\"\#(twice)\"}"}"#
        #expect(Self.cause(of: nested) == .billingQuotaExceeded)
    }

    @Test("a wrapper's generic envelope before the real body does not hide it")
    func wrapperBeforeRealBody() {
        // model.no_access, errors-catalogue.md §2 (403, Aider-AI/aider#604), after a gateway's own envelope.
        let text = """
            {"message":"Forbidden"}
            upstream body: {"error":{"message":"Project `proj_abc123` does not have access to model `gpt-4o`","type":"invalid_request_error","param":null,"code":"model_not_found"}}
            """
        let evidence = EvidenceExtractor.extract(from: text, status: 403)[0]
        #expect(evidence.error.message == "Forbidden")
        let diagnosis = Diagnoser.diagnose(evidence)
        #expect(diagnosis.cause == .modelNoAccess)
        #expect(diagnosis.evidence.errorCode == "model_not_found")
        #expect(diagnosis.decidedBy.contains { $0.contains("past the first error object") }, "\(diagnosis.decidedBy)")
    }

    @Test("a relay's 500 envelope before the API's quota body: the code outranks the status")
    func relayFiveHundredBeforeBody() {
        let text = """
            {"error":{"message":"upstream error","type":"upstream_error","code":500},"status":500}
            \(Self.quotaBody)
            """
        let diagnosis = Diagnoser.diagnose(EvidenceExtractor.extract(from: text)[0])
        #expect(diagnosis.cause == .billingQuotaExceeded)
        #expect(
            diagnosis.decidedBy.contains { $0.hasPrefix("outranked:") && $0.contains("server.") },
            "\(diagnosis.decidedBy)")
    }

    @Test("wording past the first 16 KiB of a long log is still read")
    func wordingPastTheHead() {
        let noise = (0..<400).map { "2024-05-01T12:00:\($0 % 60) worker-1 | processed batch \($0) in 12 ms" }
        // key.missing, errors-catalogue.md §2 (401, chatboxai/chatbox#98), at the end of a long log.
        let text = noise.joined(separator: "\n") + "\nError: You didn't provide an API key.\n"
        #expect(text.utf8.count > 16 << 10)
        #expect(Self.cause(of: text, status: 401) == .keyMissing)
    }

    @Test("a decisive message at the start of a 200 KB log is read: the wording rules read the whole input")
    func wordingAtTheStartOfALongLog() {
        // key.missing, errors-catalogue.md §2 (401, chatboxai/chatbox#98), then 200 KB of a worker's log.
        let noise = (0..<4000).map { "2024-05-01T12:00:\($0 % 60) worker-1 | processed batch \($0) in 12 ms" }
        let text = "Error: You didn't provide an API key.\n" + noise.joined(separator: "\n") + "\n"
        #expect(text.utf8.count > 200_000)
        let evidence = EvidenceExtractor.extract(from: text, status: 401)[0]
        #expect(evidence.excerpt?.utf8.count == text.utf8.count)
        let classification = Classifier.classify(evidence, model: nil)
        #expect(classification.cause == .keyMissing, "\(classification.reasons)")
        #expect(classification.confidence == .high)
        // The same sentence in the middle of a longer log, past the first 16 KiB and far from the end.
        let middle =
            noise.prefix(2000).joined(separator: "\n") + "\nError: You didn't provide an API key.\n"
            + noise.suffix(2000).joined(separator: "\n")
        #expect(WholeInputTests.cause(of: middle, status: 401) == .keyMissing)
    }

    @Test(
        "a status written in any common syntax is read",
        arguments: [
            ("Status Code: 403", 403), ("status=429 msg=\"rate limited\"", 429), ("HTTP 401 returned by upstream", 401),
            ("request failed: 403 Forbidden", 403), (#"{"detail":"failed","status":503}"#, 503),
            (#"log: {\"status\":429,\"detail\":\"x\"}"#, 429), ("upstream HTTP/1.1 502 Bad Gateway (retrying)", 502),
            ("Error code: 404 - not found", 404), ("STATUS\u{00A0}CODE:\u{00A0}429", 429),
        ] as [(String, Int)])
    func statusSyntaxes(_ text: String, _ status: Int) {
        let evidence = EvidenceExtractor.extract(from: "openai call failed. " + text)[0]
        #expect(evidence.status == status, "\(text)")
        #expect(evidence.sightings.contains { $0.kind == .statusMention(status) }, "\(text)")
    }

    @Test("numbers that are not statuses are not read as one")
    func notStatuses() {
        for text in ["took 403 ms", "status: 200 OK", "HTTP 4031 bytes", "error code: 1020"] {
            let mentions = StatusMentions.read(ScanText(text))
            #expect(mentions.isEmpty, "\(text): \(mentions)")
        }
    }

    @Test(
        "a sentence cut at either end still names its family",
        arguments: [
            // The tail of a log line: the start of region.unsupported's sentence is cut off.
            ("ry, region, or territory not supported", 403, CauseID.regionUnsupported),
            // A truncated paste: key.missing's sentence cut inside a word.
            ("Error: 401 You didn't provide an API k…", 401, .keyMissing),
            ("billing worker: You exceeded your current quo", 429, .billingQuotaExceeded),
        ] as [(String, Int, CauseID)])
    func cutSentences(_ text: String, _ status: Int, _ expected: CauseID) {
        let evidence = EvidenceExtractor.extract(from: text, status: status)[0]
        let classification = Classifier.classify(evidence)
        #expect(classification.cause == expected, "\(text): \(classification.reasons)")
        #expect(classification.confidence == .medium)
    }

    @Test("a cut piece never names a family against the status, nor from a few common words")
    func cutSentencesAreCareful() {
        #expect(Self.cause(of: "ry, region, or territory not supported", status: 429) != .regionUnsupported)
        #expect(Self.cause(of: "please check your plan", status: 429) == .unknown)
    }
}
