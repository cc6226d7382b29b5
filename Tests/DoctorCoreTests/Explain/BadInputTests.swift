import DoctorTestSupport
import Testing

@testable import DoctorCore

/// Hostile or empty input gives a diagnosis (`unknown` where honest), never a crash or hang.
@Suite("explain on bad input")
struct BadInputTests {
    @Test("empty input is unknown, with a reason")
    func empty() {
        let evidence = EvidenceExtractor.extract(from: [UInt8]())
        #expect(evidence.count == 1)
        let diagnosis = Diagnoser.diagnose(evidence[0])
        #expect(diagnosis.cause == .unknown)
        #expect(!diagnosis.decidedBy.isEmpty)
    }

    @Test("binary garbage is unknown and noted as binary")
    func binary() {
        let bytes = TestRandom.draw { generator in
            (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        }
        let evidence = EvidenceExtractor.extract(from: bytes)[0]
        #expect(evidence.notes.contains { $0.contains("binary") || $0.contains("UTF-8") })
        _ = Diagnoser.diagnose(evidence)
    }

    @Test("invalid UTF-8 around a real body still classifies, with a note")
    func invalidUTF8() {
        let body =
            #"{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":null}}"#
        let bytes: [UInt8] = [0xFF, 0xFE, 0xC3] + Array(body.utf8) + [0xED, 0xA0, 0x80]
        let evidence = EvidenceExtractor.extract(from: bytes, status: 429)[0]
        #expect(evidence.notes.contains { $0.contains("UTF-8") })
        #expect(Diagnoser.diagnose(evidence).cause == .billingQuotaExceeded)
    }

    @Test("deeply nested JSON neither crashes nor hangs")
    func deepNesting() {
        let depth = 100_000
        let text = String(repeating: "{\"error\":", count: depth) + "1" + String(repeating: "}", count: depth)
        let diagnosis = Diagnoser.diagnose(EvidenceExtractor.extract(from: text)[0])
        #expect(diagnosis.cause == .unknown)
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(Diagnoser.diagnose(EvidenceExtractor.extract(from: arrays)[0]).cause == .unknown)
    }

    @Test("a 50 MB input is truncated with a note and still finds the error at its end")
    func huge() {
        let filler = String(repeating: "2024-05-01 12:00:00 INFO request ok\n", count: 50 * 1024 * 1024 / 36)
        let text =
            filler
            + "openai.RateLimitError: Error code: 429 - {'error': {'message': 'You exceeded your current quota, please check your plan and billing details.', 'type': 'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}\n"
        let evidence = EvidenceExtractor.extract(from: text)[0]
        #expect(evidence.notes.contains { $0.hasPrefix("input truncated") })
        #expect(Diagnoser.diagnose(evidence).cause == .billingQuotaExceeded)
    }

    @Test("a bare status that several causes share stays unknown", arguments: [401, 403, 404, 429])
    func bareStatus(_ status: Int) {
        let evidence = EvidenceExtractor.extract(from: "", status: status)[0]
        let diagnosis = Diagnoser.diagnose(evidence)
        #expect(diagnosis.cause == .unknown)
        #expect(diagnosis.decidedBy.first?.contains("\(status)") == true)
    }

    @Test("prose and unrelated tracebacks are unknown")
    func prose() {
        for text in [
            "I tried everything and it still does not work, please help",
            "Traceback (most recent call last):\n  File \"app.py\", line 3, in <module>\n    x = d['key']\nKeyError: 'key'",
            "{}",
        ] {
            #expect(Diagnoser.diagnose(EvidenceExtractor.extract(from: text)[0]).cause == .unknown, "\(text)")
        }
    }
}
