import DoctorTestSupport
import Testing

@testable import DoctorCore

/// Header look-ups: HTTP's rule (the name without letter case), on ASCII names by bytes.
@Suite struct HeaderFieldsTests {
    static let headers: HeaderFields = [
        "Content-Type": "application/json", "X-Request-ID": "req_1", "x-request-id": "req_2", "Äpfel-Zahl": "3",
    ]

    @Test func lookUpsIgnoreLetterCaseAndGiveTheFirstValue() {
        #expect(Self.headers["content-type"] == "application/json")
        #expect(Self.headers["CONTENT-TYPE"] == "application/json")
        #expect(Self.headers["x-REQUEST-id"] == "req_1")
        #expect(Self.headers.values(for: "X-Request-Id") == ["req_1", "req_2"])
        #expect(Self.headers["content-typ"] == nil)
        #expect(Self.headers["content-type "] == nil)
    }

    @Test func onlyLettersFoldNotThePunctuationThatDiffersByTheSameBit() {
        // `@` and `` ` ``, `[` and `{`, `-` and `\r` differ by 0x20 too: not the same name.
        #expect(!HeaderFields.sameName("a@", "a`"))
        #expect(!HeaderFields.sameName("x[", "x{"))
        #expect(!HeaderFields.sameName("x-y", "x\ry"))
        #expect(HeaderFields.sameName("X-Y", "x-y"))
    }

    @Test func aNameBeyondASCIIIsComparedAsUnicodeLowercasesIt() {
        #expect(Self.headers["äpfel-zahl"] == "3")
        #expect(HeaderFields.sameName("ÄÖ", "äö"))
        #expect(!HeaderFields.sameName("ä", "ö"))
    }

    @Test func theByteRuleAgreesWithUnicodeLowercasing() {
        let alphabet = Array("aAzZ@`[{-_09 \r\u{7F}äÄ")
        for _ in 0..<2_000 {
            let a = String((0..<Int.testRandom(in: 0...4)).map { _ in alphabet.testRandomElement() })
            var b = a
            if Bool.testRandom(), !b.isEmpty {
                let index = Array(b.indices).testRandomElement()
                b.replaceSubrange(index...index, with: [alphabet.testRandomElement()])
            }
            b = String(b.map { Bool.testRandom() ? Character($0.uppercased()) : $0 })
            let unicode = a.utf8.count == b.utf8.count && a.lowercased() == b.lowercased()
            #expect(HeaderFields.sameName(a, b) == unicode, "\(a.debugDescription) vs \(b.debugDescription)")
        }
    }
}
