import Testing

@testable import DoctorCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The exact inputs that once killed the process or were misread (issue 20), each kept as a test.
@Suite("inputs that once crashed or were misread")
struct CrashRegressionTests {
    private let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test(
        "a paste that stops right after a colon is read as far as it goes",
        arguments: [#"{"error":"#, #"{"error": {"message": "Rate limit reached", "type":"#, "{error:", "[{'a':"])
    func truncatedAfterColon(text: String) {
        let parsed = LenientJSONReader.parse(text[...])
        let isArray = parsed.map { if case .array = $0.value { true } else { false } } ?? false
        #expect(parsed?.value.isObject == true || isArray)
        #expect(parsed.map { $0.end <= text.utf8.count } == true)
        // The rules read nothing decisive in a cut paste; the learned last stage may lean on its
        // words (“Rate limit reached”), but never with high confidence.
        let evidence = EvidenceExtractor.extract(from: text)[0]
        #expect(Diagnoser.diagnose(evidence, model: nil).cause == .unknown)
        #expect(Diagnoser.diagnose(evidence).confidence != .high)
    }

    @Test("a truncated paste keeps the fields read before the cut")
    func truncatedKeepsFields() {
        let text = #"{"error": {"message": "Rate limit reached for gpt-4", "type":"#
        let value = LenientJSONReader.parse(text)
        #expect(value?["error"]?["message"]?.text == "Rate limit reached for gpt-4")
    }

    @Test("a one-api style message with its parts out of order is kept whole, not cut at an invalid range")
    func oneAPIOutOfOrder() {
        let text = #"{"message":"type x, message y, code z"}"#
        let evidence = EvidenceExtractor.extract(from: text)[0]
        #expect(evidence.error.message == "type x, message y, code z")
        #expect(Diagnoser.diagnose(evidence).cause == .unknown)
    }

    @Test("a one-api channel test message in its own order is still unwrapped")
    func oneAPIInOrder() throws {
        let text = #"{"message":"type invalid_request_error, code account_deactivated, message gone","success":false}"#
        let value = try #require(LenientJSONReader.parse(text))
        let object = try #require(ErrorObjectFinder.unwrap(value))
        #expect(object.fields.code == "account_deactivated")
        #expect(object.fields.type == "invalid_request_error")
        #expect(object.fields.message == "gone")
    }

    @Test(
        "an absurd stated wait is capped, never an overflow",
        arguments: [
            ["retry-after": "Sun, 06 Nov 999999999999 08:49:37 GMT"],
            ["retry-after-ms": "9999999999999999999999999"],
            ["x-ratelimit-remaining-tokens": "0", "x-ratelimit-reset-tokens": "99999999999999999999ns"],
            ["x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "99999999999999999999h"],
            ["retry-after": "99999999999999999999999999999999999999"],
        ] as [HeaderFields])
    func absurdWait(headers: HeaderFields) {
        let wait = ServerWait.stated(in: headers, now: now)
        #expect(wait.map { $0.duration <= ServerWait.longest } ?? true)
        let policy = RetryPolicy()
        let failure = FailedAttempt(cause: .rateLimitExceeded, status: 429, headers: headers)
        let decision = policy.decide(failure, attempt: 1, now: now, randomUnit: 0.5)
        if case .retry(let after, _) = decision {
            #expect(after <= policy.maxTotalWait)
        }
    }

    @Test("a message hint with an absurd number is capped too")
    func absurdHint() {
        let wait = ServerWait.stated(in: [:], message: "Please try again in 99999999999999999999999s.", now: now)
        #expect(wait?.duration == ServerWait.longest)
    }

    @Test("an HTTP date with a year past 9999 is not a date")
    func farYear() {
        #expect(ServerWait.stated(in: ["retry-after": "Sun, 06 Nov 999999999999 08:49:37 GMT"], now: now) == nil)
    }

    @Test(
        "an empty value after NAME= is reported empty, not read past its end",
        arguments: [
            "OPENAI_API_KEY=", "OPENAI_API_KEY=  ", "OPENAI_API_KEY=\"\"", "OPENAI_API_KEY=''", "OPENAI_API_KEY=<>",
        ]
    )
    func emptyAssignment(raw: String) {
        let inspection = KeyInspector.inspect(raw)
        #expect(inspection.findings.contains(.assignment(name: "OPENAI_API_KEY")))
        #expect(inspection.findings.contains(.empty) || raw.hasSuffix("<>"))
    }

    @Test("error code: 10201 is not Cloudflare's 1020", arguments: ["error code: 10201", "error code: 10201\n"])
    func fiveDigitCode(text: String) {
        #expect(PageMarkers.read(ScanText(text), headers: [:]).cloudflareCode == nil)
    }

    @Test(
        "error code: 1020 still is",
        arguments: ["error code: 1020", "error code: 1020\n", "error code: 1020 (blocked)"])
    func fourDigitCode(text: String) {
        #expect(PageMarkers.read(ScanText(text), headers: [:]).cloudflareCode == 1020)
    }

    @Test("on a Cloudflare page, \"error code 10201\" is not 1020 and \"error code 5021\" not a 502")
    func fiveDigitCodeOnPage() {
        let page = "<title>Attention Required! | Cloudflare</title> sorry, you have been blocked. error code 10201"
        #expect(PageMarkers.read(ScanText(page), headers: [:]).cloudflareCode == nil)
        let gateway = "<div id=\"cf-wrapper\"> error code 5021"
        #expect(PageMarkers.read(ScanText(gateway), headers: [:]).pageStatus == nil)
        let real = "<div id=\"cf-wrapper\"> error code 502"
        #expect(PageMarkers.read(ScanText(real), headers: [:]).pageStatus == 502)
    }

    @Test("an HTTP dump with CRLF line ends (curl -i) reads like the same dump with LF")
    func crlfTranscript() {
        let lines = [
            "HTTP/1.1 429 Too Many Requests", "content-type: application/json", "x-request-id: req_abc123",
            "retry-after: 7", "",
            #"{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","#
                + #""type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"#,
        ]
        let lf = EvidenceExtractor.extract(from: lines.joined(separator: "\n"))[0]
        let crlf = EvidenceExtractor.extract(from: lines.joined(separator: "\r\n"))[0]
        #expect(crlf.status == 429)
        #expect(crlf.status == lf.status)
        #expect(crlf.requestID == lf.requestID)
        #expect(crlf.headers["retry-after"] == "7")
        #expect(Diagnoser.diagnose(crlf).cause == Diagnoser.diagnose(lf).cause)
    }

    @Test(
        "one Name: value parser: name before the first colon, both sides trimmed of spaces and tabs",
        arguments: [
            ("x-request-id: req_1", "x-request-id", "req_1"), ("  cf-ray :8f1a-FRA \t", "cf-ray", "8f1a-FRA"),
            ("x-empty:", "x-empty", ""), ("a:b:c", "a", "b:c"),
        ])
    func headerLine(line: String, name: String, value: String) {
        #expect(HeaderField(line: line) == HeaderField(name: name, value: value))
    }

    @Test(
        "lines that are not Name: value", arguments: ["no colon", ": v", "bad name: v", "bad\tname: v", "", "\r\n: x"])
    func notHeaderLine(line: String) {
        #expect(HeaderField(line: line) == nil)
    }

    @Test("the one trim sees CRLF as two line ends and keeps inner white space")
    func trim() {
        #expect(" a b\t".trimmed() == "a b")
        #expect("x\r\n".trimmed() == "x\r\n")
        #expect("\r\n x \r\n".trimmed(lineEnds: true) == "x")
        #expect("".trimmed(lineEnds: true).isEmpty)
    }
}
