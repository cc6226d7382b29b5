import DoctorTestSupport
import Testing

@testable import DoctorCore

/// The one normalization every stage reads (``NormalizedText``): a fixed point, the same text for
/// every typographic rendering of a sentence, and a way back to the original.
@Suite("normalization")
struct NormalizationTests {
    /// Real sentences (errors-catalogue.md §2) the variants are made from.
    static let sentences = [
        "You exceeded your current quota, please check your plan and billing details.",
        "This model's maximum context length is 4097 tokens. However, your messages resulted in 4294 tokens.",
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth",
        "Country, region, or territory not supported",
        "The model `gpt-4` does not exist or you do not have access to it.",
    ]

    /// Each way the issue saw a sentence damaged, applied to a sentence.
    static let damages: [(String, @Sendable (String) -> String)] = [
        ("curly apostrophe", { $0.replacing("'", with: "\u{2019}") }),
        ("prime apostrophe", { $0.replacing("'", with: "\u{2032}") }),
        ("HTML apostrophe", { $0.replacing("'", with: "&#39;") }),
        ("named HTML apostrophe", { $0.replacing("'", with: "&rsquo;") }),
        ("no-break spaces", { $0.replacing(" ", with: "\u{00A0}") }),
        ("narrow no-break spaces", { $0.replacing(" ", with: "\u{202F}") }),
        ("ideographic spaces", { $0.replacing(" ", with: "\u{3000}") }),
        ("padded spaces", { $0.replacing(" ", with: "  \t") }),
        ("&nbsp;", { $0.replacing(" ", with: "&nbsp;") }),
        ("upper case", { $0.uppercased() }),
        (
            "full-width",
            { text in
                String(
                    String.UnicodeScalarView(
                        text.unicodeScalars.map { s in
                            (0x21...0x7E).contains(s.value) ? Unicode.Scalar(s.value + 0xFEE0) ?? s : s
                        }))
            }
        ),
        ("zero-width spaces", { $0.replacing(" ", with: " \u{200B}") }),
        ("curly quotes around", { "\u{201C}" + $0 + "\u{201D}" }),
        ("tags", { "<p>" + $0.replacing(", ", with: ",<br> ") + "</p>" }),
    ]

    @Test("every typographic variant of a real sentence folds to the same text", arguments: sentences)
    func variantsFoldAlike(_ sentence: String) {
        let expected = NormalizedText.fold(sentence)
        for (name, damage) in Self.damages {
            var folded = NormalizedText.fold(damage(sentence)).trimmingSpaces
            if name == "curly quotes around" { folded = String(folded.dropFirst().dropLast()) }
            #expect(folded == expected.trimmingSpaces, "\(name): \(damage(sentence))")
        }
    }

    @Test("escaping at every level reads as the text itself")
    func escapingLevels() {
        let body = #"{"error":{"message":"You exceeded your current quota","code":"insufficient_quota"}}"#
        let once = body.replacing("\"", with: "\\\"")
        let twice = once.replacing("\\", with: "\\\\").replacing("\\\\\"", with: "\\\\\\\"")
        #expect(NormalizedText.fold(once) == NormalizedText.fold(body))
        #expect(NormalizedText.fold(twice) == NormalizedText.fold(body))
        #expect(NormalizedText.fold(#"caf\u00e9 \\u00e9 line\\nnext"#) == "café é line\nnext")
        #expect(NormalizedText.fold("&amp;quot;quoted&amp;quot;") == "\"quoted\"")
        #expect(NormalizedText.fold(#"C:\Users\app"#) == #"c:\users\app"#)
    }

    @Test("log prefixes at line starts are dropped: timestamps, containers, | and >")
    func logPrefixes() {
        let lines = [
            "2024-05-01T12:00:00.123Z Error: 429 You exceeded your current quota",
            "[2024-05-01 12:00:00,123] Error: 429 You exceeded your current quota",
            "api-1  | Error: 429 You exceeded your current quota",
            "> > Error: 429 You exceeded your current quota",
            "12:00:00 | Error: 429 You exceeded your current quota",
        ]
        for line in lines {
            #expect(NormalizedText.fold(line) == "error: 429 you exceeded your current quota", "\(line)")
        }
        // A status at a line start is not a timestamp.
        #expect(NormalizedText.fold("403 Forbidden") == "403 forbidden")
    }

    @Test("case folds beyond ASCII")
    func caseBeyondASCII() {
        #expect(
            NormalizedText.fold("ÉCHEC TEMPORAIRE DANS LA RÉSOLUTION DU NOM")
                == "échec temporaire dans la résolution du nom")
        #expect(NormalizedText.fold("Этот хост неизвестен") == "этот хост неизвестен")
    }

    /// Text drawn from everything the normalization changes.
    static func randomText() -> String {
        let pieces = [
            "a", "B", " ", "  ", "\t", "\n", "\\", "\\\\", "\\\"", "\\n", "\\u00e9", "\\u2019", "&", "&amp;",
            "&lt;b&gt;",
            "&#39;", "&#x2019;", "&nbsp;", "<br>", "</p>", "<", ">", "|", "\u{2019}", "\u{201C}", "\u{00A0}",
            "\u{3000}",
            "\u{FF21}", "\u{FF0C}", "É", "ß", "İ", "\u{200B}", "…", "—", "2024-05-01T12:00:00Z ", "api-1 | ", "403",
            "\"",
            "x", "\u{1F600}", "\\ud83d\\ude00", "\r\n",
        ]
        return (0..<Int.testRandom(in: 0...40)).map { _ in pieces.testRandomElement() }.joined()
    }

    @Test("normalizing twice changes nothing (a fixed point), for every option set")
    func idempotent() {
        for _ in 0..<2000 {
            let text = Self.randomText()
            for options in [NormalizedText.Options.matching, .scanning, .decoded] {
                let once = NormalizedText.fold(text, options)
                #expect(
                    NormalizedText.fold(once, options) == once,
                    "input \(text.debugDescription) options \(options.rawValue) once \(once.debugDescription)")
            }
        }
    }

    @Test("origins lead back to the original text, in order")
    func originsLeadBack() throws {
        for _ in 0..<500 {
            let text = Self.randomText()
            let normalized = NormalizedText(text)
            #expect(normalized.origins.count == normalized.bytes.count)
            #expect(zip(normalized.origins, normalized.origins.dropFirst()).allSatisfy { $0 <= $1 })
            #expect(normalized.origins.allSatisfy { Int($0) < text.utf8.count })
        }
        let text = "Error:\u{00A0}You\u{2019}ve exceeded"
        let normalized = NormalizedText(text)
        let at = try #require(ScanText.search(Array("you've".utf8), in: normalized.bytes, from: 0))
        let range = normalized.originalRange(of: at..<(at + 6))
        #expect(String(decoding: Array(text.utf8)[range], as: UTF8.self) == "You\u{2019}ve")
    }

    @Test("the fast path for wording gives the same bytes as the full one")
    func bytesAgree() {
        for _ in 0..<500 {
            let text = Self.randomText()
            #expect(NormalizedText.bytes(of: Array(text.utf8)) == NormalizedText(text).bytes)
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String { trimmed(lineEnds: true) }
}
