import DoctorTestSupport
import Testing

@testable import DoctorCore

/// The extractor's text search: case-insensitive, by byte offset, and never fooled by its
/// pair table into missing a needle that is there.
@Suite("Scan text")
struct ScanTextTests {
    /// Where `needle` (lowercase) first occurs in `text` at or after `from`, ASCII case folded.
    static func naive(_ needle: [UInt8], in text: [UInt8], from: Int) -> Int? {
        let lower = text.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        guard !needle.isEmpty, from >= 0, needle.count <= lower.count else { return nil }
        var i = from
        while i + needle.count <= lower.count {
            if Array(lower[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    @Test("every needle taken from the text is found where a plain search finds it; others are not")
    func agreesWithAPlainSearch() {
        let alphabet = Array("abcAB :/-_\"{}e0r9".utf8) + [0xC3, 0xA9]
        for _ in 0..<300 {
            let text = (0..<Int.testRandom(in: 0...400)).map { _ in alphabet.testRandomElement() }
            let scan = ScanText(bytes: text)
            let lower = text.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
            var needles: [[UInt8]] = (0..<5).map { _ in
                (0..<Int.testRandom(in: 1...6)).map { _ in alphabet.testRandomElement() | 0x20 }
            }
            if lower.count > 8 {
                let at = Int.testRandom(in: 0..<(lower.count - 8))
                needles.append(Array(lower[at..<(at + Int.testRandom(in: 1...8))]))
            }
            for needle in needles {
                let from = Int.testRandom(in: 0...20)
                let text = String(decoding: needle, as: UTF8.self)
                guard Array(text.utf8) == needle else { continue }  // not valid UTF-8 alone
                #expect(scan.offset(of: text, from: from) == Self.naive(needle, in: lower, from: from))
            }
        }
    }

    @Test("real wording: a catalogue body holds its phrases and not others")
    func realWording() {
        let scan = ScanText(
            #"openai.RateLimitError: Error code: 429 - {"error": {"message": "You exceeded your current quota, please check your plan and billing details.", "type": "insufficient_quota"}}"#
        )
        #expect(scan.contains("exceeded your current quota"))
        #expect(scan.contains("ratelimiterror"))
        #expect(scan.offset(of: "error code: 429") == 23)
        #expect(!scan.contains("country, region, or territory not supported"))
        #expect(!scan.contains("econnrefused"))
    }
}
