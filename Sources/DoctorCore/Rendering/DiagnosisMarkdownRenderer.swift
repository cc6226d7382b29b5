/// Renders a ``Diagnosis`` as Markdown, for issues and support tickets.
public enum DiagnosisMarkdownRenderer {
    /// The Markdown for one diagnosis; `heading` prefixes the title (e.g. "HAR entry 3").
    public static func render(_ diagnosis: Diagnosis, heading: String? = nil) -> String {
        var out = "## " + (heading.map { "\($0): " } ?? "") + escape(diagnosis.title) + "\n\n"
        out +=
            "`\(diagnosis.cause.rawValue)` · layer `\(diagnosis.layer?.rawValue ?? "—")` · retry `\(diagnosis.retry.rawValue)` · confidence `\(diagnosis.confidence.rawValue)`\n\n"
        out += diagnosis.explanation + "\n\n"
        if !diagnosis.fixes.isEmpty {
            out += "### What to do\n\n"
            for (index, fix) in diagnosis.fixes.enumerated() { out += "\(index + 1). \(fix)\n" }
            out += "\n"
        }
        out += "### Evidence\n\n| field | value |\n|---|---|\n"
        for line in DiagnosisTextRenderer.evidenceLines(diagnosis) {
            guard let colon = line.firstRange(of: ": ") else { continue }
            out += "| \(escape(String(line[..<colon.lowerBound]))) | \(cell(String(line[colon.upperBound...]))) |\n"
        }
        if !diagnosis.decidedBy.isEmpty {
            out += "\nDecided by: " + diagnosis.decidedBy.map(escape).joined(separator: "; ") + "\n"
        }
        return out
    }

    /// Escapes characters that Markdown would interpret in running text.
    public static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            if "|*_<>[]`\\".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    private static func cell(_ text: String) -> String {
        "`" + text.replacing("`", with: "'").replacing("|", with: "\\|").replacing("\n", with: " ") + "`"
    }
}
