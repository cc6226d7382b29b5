/// Renders a ``BaselineSnapshot`` and a ``BaselineComparison`` for people: text or Markdown.
public enum BaselineRenderer {
    /// The snapshot as `name: value` lines.
    public static func text(_ snapshot: BaselineSnapshot) -> String {
        var out = "openai-doctor baseline, taken \(snapshot.savedAt) (\(snapshot.timeZone))\n"
        for (name, value) in rows(snapshot) { out += "  \(name): \(value)\n" }
        return out
    }

    /// The comparison: one line per change, most serious first.
    public static func text(_ comparison: BaselineComparison) -> String {
        var out = "openai-doctor baseline compare: \(comparison.verdict.rawValue)\n"
        out += "baseline \(comparison.baselineSavedAt) → today \(comparison.todayAt)\n\n"
        if comparison.changes.isEmpty {
            out += "No change since the baseline.\n"
        }
        for change in comparison.changes {
            let marker = change.severity == .fail ? "✗" : change.severity == .warn ? "!" : "·"
            out += "\(marker) \(change.field): \(change.before ?? "—") → \(change.after ?? "—")\n"
            out += "    \(change.meaning)\n"
        }
        return out
    }

    /// The comparison as Markdown, for a ticket or a change log.
    public static func markdown(_ comparison: BaselineComparison) -> String {
        var out = "# openai-doctor baseline compare: \(comparison.verdict.rawValue)\n\n"
        out += "Baseline taken \(comparison.baselineSavedAt); today \(comparison.todayAt).\n\n"
        if comparison.changes.isEmpty { return out + "No change since the baseline.\n" }
        out += "| severity | field | baseline | today | likely meaning |\n|---|---|---|---|---|\n"
        for change in comparison.changes {
            out +=
                "| \(change.severity.rawValue) | \(cell(change.field)) | \(cell(change.before ?? "—")) | \(cell(change.after ?? "—")) | \(cell(change.meaning)) |\n"
        }
        return out
    }

    /// The snapshot as Markdown.
    public static func markdown(_ snapshot: BaselineSnapshot) -> String {
        var out = "# openai-doctor baseline, \(snapshot.savedAt) (\(snapshot.timeZone))\n\n| | |\n|---|---|\n"
        for (name, value) in rows(snapshot) { out += "| \(name) | \(cell(value)) |\n" }
        return out
    }

    static func rows(_ s: BaselineSnapshot) -> [(String, String)] {
        var rows: [(String, String?)] = [
            ("tool", "\(s.tool.name) \(s.tool.version)"), ("os", s.os), ("swift", s.swift),
            ("key", s.key.map { k in s.keySource.map { "\(k) (\($0))" } ?? k } ?? "none"),
            ("organization", s.organization), ("project", s.project), ("base url", s.baseURL),
            ("proxy", s.proxy ?? "direct"),
            ("egress", [s.egressIP, s.egressCountry].compactMap { $0 }.joined(separator: " in ")),
            ("tls issuer", s.tlsIssuer), ("addresses", s.addresses.joined(separator: " ")),
            ("models", s.modelCount.map { "\($0)" + (s.modelsDigest.map { " (\($0))" } ?? "") }),
            ("model", s.model.map { m in s.modelListed.map { "\(m) (\($0 ? "listed" : "not listed"))" } ?? m }),
            (
                "rate limits",
                s.rateLimits.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            ),
            (
                "latency",
                s.latencyMS.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value) ms" }.joined(separator: ", ")
            ),
            ("verdict", s.verdict.rawValue),
        ]
        rows = rows.filter { !($0.1 ?? "").isEmpty }
        return rows.map { ($0.0, $0.1 ?? "") }
    }

    private static func cell(_ text: String) -> String {
        text.replacing("|", with: "\\|").replacing("\n", with: " ")
    }
}
