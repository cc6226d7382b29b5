/// Inspects a configured key (from the environment, a `.env` file or a flag) for the ways
/// keys get damaged or mixed up before they are sent.
///
/// ```swift
/// let inspection = KeyInspector.inspect(environment["OPENAI_API_KEY"] ?? "")
/// inspection.fingerprint          // "sk-proj-…a1B2"
/// inspection.findings             // [.trailingWhitespace(count: 1)]
/// inspection.cause                // .keyMalformed
/// ```
public enum KeyInspector {
    /// Which service the key is meant for: decides whether an Azure key or an OpenAI key is the wrong one.
    public enum Audience: Sendable, Hashable {
        /// api.openai.com.
        case openAI
        /// An Azure OpenAI resource.
        case azure
        /// An OpenAI-compatible server with keys of its own (only OpenAI-specific mix-ups are reported).
        case compatible
    }

    /// Inspects `raw` exactly as configured, meant for api.openai.com.
    public static func inspect(_ raw: String) -> KeyInspection {
        inspect(raw, for: .openAI)
    }

    /// Inspects `raw` exactly as configured, meant for `audience`.
    public static func inspect(_ raw: String, for audience: Audience) -> KeyInspection {
        var findings: [KeyFinding] = []
        let scalars = Array(raw.unicodeScalars)
        guard scalars.contains(where: { !isWhite($0) }) else {
            return KeyInspection(kind: .unrecognized, fingerprint: "…", length: 0, findings: [.empty])
        }

        // 1. Surrounding white space.
        var lo = 0
        var hi = scalars.count
        while lo < hi, isWhite(scalars[lo]) { lo += 1 }
        while hi > lo, isWhite(scalars[hi - 1]) { hi -= 1 }
        if lo > 0 { findings.append(.leadingWhitespace(count: lo)) }
        if hi < scalars.count { findings.append(.trailingWhitespace(count: scalars.count - hi)) }

        // 2. Wrappers: an assignment, quotes, angle brackets, "Bearer ".
        var wrapperFindings: [KeyFinding] = []
        var changed = true
        while changed && lo < hi {
            changed = false
            if let eq = assignmentEnd(scalars, lo, hi) {
                wrapperFindings.append(.assignment(name: String(String.UnicodeScalarView(scalars[lo..<(eq - 1)]))))
                lo = eq
                changed = true
                // `NAME=` with nothing after it: no wrapper left to look at.
                if lo >= hi { break }
            }
            if let quote = quoteCharacter(scalars[lo]), hi - lo >= 2, scalars[hi - 1] == quote {
                if !wrapperFindings.contains(.quotes(character: String(quote))) {
                    wrapperFindings.append(.quotes(character: String(quote)))
                }
                lo += 1
                hi -= 1
                changed = true
                if lo >= hi { break }
            }
            if scalars[lo] == "<", scalars[hi - 1] == ">", hi - lo >= 2 {
                if isPlaceholderText(scalars[lo..<hi]) { break }
                wrapperFindings.append(.angleBrackets)
                lo += 1
                hi -= 1
                changed = true
            }
            if hi - lo > 7, String(String.UnicodeScalarView(scalars[lo..<(lo + 7)])).lowercased() == "bearer " {
                wrapperFindings.append(.bearerPrefix)
                lo += 7
                while lo < hi, isWhite(scalars[lo]) { lo += 1 }
                changed = true
            }
            while lo < hi, isWhite(scalars[lo]) { lo += 1 }
            while hi > lo, isWhite(scalars[hi - 1]) { hi -= 1 }
        }
        findings += wrapperFindings

        let core = scalars[lo..<hi]
        // Wrappers around nothing (`OPENAI_API_KEY=`, `KEY=""`): the value is empty.
        if core.isEmpty {
            findings.append(.empty)
            return finish(core, findings)
        }
        // 3. Placeholders and masked copies say everything; the shape is beside the point.
        if isMaskedCopy(core) {
            findings.append(.maskedCopy)
            return finish(core, findings)
        }
        if isPlaceholderText(core) {
            // Placeholders are short ("YOUR_API_KEY", "<your key>", "sk-xxxx"); a long value is shown
            // only by its prefix, so a real key mistaken for one could never be printed.
            let text = String(String.UnicodeScalarView(core))
            findings.append(
                .placeholder(core.count <= 32 ? text : (KeyKind.kind(forPrefixOf: text)?.prefix ?? "") + "…"))
            return finish(core, findings)
        }

        // 4. Character by character (positions are 1-based in the configured value).
        for (offset, scalar) in core.enumerated() {
            let position = lo + offset + 1
            if scalar == "\n" || scalar == "\r" {
                findings.append(.embeddedNewline(position: position))
            } else if scalar == " " || scalar == "\t" {
                findings.append(.embeddedWhitespace(position: position))
            } else if isInvisible(scalar) {
                findings.append(.invisibleCharacter(position: position, codePoint: codePoint(scalar)))
            } else if !scalar.isASCII {
                findings.append(.nonASCIICharacter(position: position, codePoint: codePoint(scalar)))
            } else if quoteCharacter(scalar) != nil {
                findings.append(.quotes(character: String(scalar)))
            } else if !KeyAlphabet.urlSafe.contains(UInt8(scalar.value)) {
                findings.append(.invalidCharacter(position: position, character: String(scalar)))
            }
        }

        // 5. Kind, length and audience.
        let cleaned = cleanedKey(core)
        let kind = KeyKind.recognise(cleaned)
        let length = cleaned.utf8.count
        let expected = kind.expectedLengths
        if !expected.isEmpty, !expected.contains(length), kind != .azure {
            let nearest = expected.min { abs($0 - length) < abs($1 - length) }!
            findings.append(
                length < nearest
                    ? .truncated(kind: kind, length: length, expected: expected)
                    : .tooLong(kind: kind, length: length, expected: expected))
        }
        switch (kind, audience) {
        case (.admin, _): findings.append(.adminKey)
        case (.session, _): findings.append(.sessionToken)
        case (.azure, .openAI): findings.append(.otherProvider(.azure))
        case (.azure, _): break
        case (.unrecognized, .openAI): findings.append(.unrecognizedShape(length: length))
        case (.unrecognized, _): break
        case (let k, .azure) where k.isOpenAI: findings.append(.openAIKeyForAzure(k))
        case (let k, .openAI) where !k.isOpenAI: findings.append(.otherProvider(k))
        default: break
        }
        return finish(core, findings)
    }

    // MARK: helpers

    private static func finish(_ core: ArraySlice<Unicode.Scalar>, _ findings: [KeyFinding]) -> KeyInspection {
        let cleaned = cleanedKey(core)
        let kind = KeyKind.recognise(cleaned)
        let isPlaceholder = findings.contains {
            if case .placeholder = $0 { return true }
            return $0 == .maskedCopy
        }
        return KeyInspection(
            kind: isPlaceholder ? .unrecognized : kind,
            fingerprint: isPlaceholder ? kind.prefix + "…" : KeyFingerprint.fingerprint(cleaned),
            length: cleaned.utf8.count,
            findings: findings
        )
    }

    /// The key with invisible, white-space and non-ASCII characters removed: what was probably meant.
    private static func cleanedKey(_ core: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        for s in core where s.isASCII && !isWhite(s) && quoteCharacter(s) == nil { view.append(s) }
        return String(view)
    }

    private static func isWhite(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\n" || s == "\r" || s == "\u{0B}" || s == "\u{0C}" || s == "\u{A0}"
    }

    private static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x200B...0x200F, 0x2060...0x2064, 0xFEFF, 0x00AD, 0x180E, 0x202A...0x202E: return true
        case 0x00...0x1F, 0x7F: return true
        default: return false
        }
    }

    private static func quoteCharacter(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        switch s {
        case "\"", "'", "`", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}": return s
        default: return nil
        }
    }

    private static func codePoint(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `NAME=` at the start (an upper-case identifier with an underscore, then `=`): returns the index after `=`.
    private static func assignmentEnd(_ s: [Unicode.Scalar], _ lo: Int, _ hi: Int) -> Int? {
        var i = lo
        var sawUnderscore = false
        while i < hi, i - lo < 64 {
            let c = s[i]
            if c == "=" { return i > lo && sawUnderscore ? i + 1 : nil }
            if c == "_" {
                sawUnderscore = true
            } else if !(c.properties.isUppercase || ("0"..."9").contains(c)) {
                return nil
            }
            i += 1
        }
        return nil
    }

    private static let placeholderWords = [
        "your_api_key", "your-api-key", "your api key", "yourapikey", "your_key", "your-key", "your key",
        "your_openai", "your-openai", "api_key_here", "api-key-here", "key_here", "key-here", "insert", "replace",
        "changeme", "change_me", "placeholder", "dummy", "xxxx", "sk-...", "sk-…", "<your", "todo", "example",
        "fake", "secret_key", "openai_api_key", "$openai", "${", "process.env", "os.environ",
    ]

    private static func isPlaceholderText(_ core: ArraySlice<Unicode.Scalar>) -> Bool {
        let original = String(String.UnicodeScalarView(core))
        let text = original.lowercased()
        let body = text.drop { $0 != "-" }.dropFirst()
        // A value of a real key's exact shape is a key, even when its random characters happen to
        // spell "todo" or "fake" (about one generated key in a thousand did).
        if let kind = KeyKind.kind(forPrefixOf: original), kind.isOpenAI, kind.expectedLengths.contains(original.count),
            original.utf8.allSatisfy(ByteClass.isURLSafe),
            Set(body).count > 1
        {
            return false
        }
        if placeholderWords.contains(where: { text.contains($0) }) { return true }
        // A prefix with nothing after it, or a run of one repeated character ("sk-aaaaaaaa").
        if let kind = KeyKind.kind(forPrefixOf: text), text.count <= kind.prefix.count + 3 { return true }
        if body.count >= 4, Set(body).count == 1 { return true }
        return false
    }

    private static func isMaskedCopy(_ core: ArraySlice<Unicode.Scalar>) -> Bool {
        let text = String(String.UnicodeScalarView(core))
        return text.contains("***") || (text.contains("...") && text.count > 10 && !text.hasSuffix("..."))
            || (text.contains("…") && text.count > 6 && !text.hasSuffix("…"))
    }
}
