/// `docs/causes.md`, written from the ``CauseSpec`` of every cause: the id, layer, retry class,
/// meaning and typical evidence of each (the statuses it answers with, the wording families
/// that name it, the declared rules that can decide it), then each cause's explanation and
/// fixes as the tool prints them.
///
/// The file is generated, never edited: `OPENAI_DOCTOR_WRITE_CAUSES_DOC=1 scripts/test-core.sh
/// --filter CausesDocument` rewrites it, and the same test fails when it is stale.
public enum CausesDocument {
    /// The whole document.
    public static func markdown() -> String {
        var lines = [
            "# Causes: the stable ids every diagnosis names",
            "",
            "<!-- Generated from CauseSpec (Sources/DoctorCore/Taxonomy) by CausesDocumentTests:",
            "     OPENAI_DOCTOR_WRITE_CAUSES_DOC=1 scripts/test-core.sh --filter CausesDocument. Do not edit. -->",
            "",
            "Every diagnosis — `explain` on a pasted error, a live `check`, the library inside an app — names",
            "exactly one primary cause from this table. The ids are a public contract (JSON output, the mock's",
            "scenarios, documentation): never renamed. `unknown` is the honest answer when the evidence does",
            "not tell.",
            "",
            "Columns: **layer**, who refused (client: before anything was sent; network; proxy; tls; edge: the",
            "CDN in front of the API; openai; azure; server); **retry**, whether an automatic retry can ever",
            "help (yes; after: only after the server's wait; no); **typical evidence**, the statuses an answer",
            "of this cause carries, the start of its wording families, and the declared rules",
            "(Sources/DoctorCore/Classification/Rules) that can name it. Real wording, each with its source,",
            "is in the fixture corpus (Tests/DoctorCoreTests/Fixtures/explain) and docs/errors-catalogue.md.",
            "",
            "Evidence is judged strongest first: the transport phase that failed → who answered (OpenAI's",
            "JSON with `openai-*` headers, a Cloudflare page, a proxy page, Azure's shapes) → the error",
            "`code` → its `type` → families of wording → the status alone → the learned wording model",
            "(`learned.wording-model`, only where every rule said nothing, never above `medium`).",
            "",
            "| id | layer | retry | meaning | typical evidence |",
            "|---|---|---|---|---|",
        ]
        for cause in CauseID.allCases {
            let spec = cause.spec
            lines.append(
                "| `\(cause.rawValue)` | \(spec.layer?.rawValue ?? "—") | \(spec.retry.rawValue) | \(cell(spec.title)) | \(cell(evidence(of: spec))) |"
            )
        }
        lines.append("")
        lines.append("## Each cause as the tool explains it")
        for cause in CauseID.allCases {
            let spec = cause.spec
            lines.append("")
            lines.append("### `\(cause.rawValue)`: \(spec.title)")
            lines.append("")
            lines.append(spec.explanation)
            if !spec.fixes.isEmpty {
                lines.append("")
                for fix in spec.fixes { lines.append("- \(fix.text)") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The typical-evidence cell: statuses, wording, the rules that can decide it.
    static func evidence(of spec: CauseSpec) -> String {
        var parts: [String] = []
        if !spec.statuses.isEmpty {
            let statuses = spec.statuses.map {
                $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)"
            }
            parts.append("status " + statuses.joined(separator: ", "))
        } else if !spec.shownByHTTPAnswer {
            parts.append("no HTTP answer: a failed connection or local inspection")
        }
        if let wording = spec.wording, !wording.fragments.isEmpty {
            parts.append("wording such as " + wording.fragments.prefix(3).map { "\"\($0)\"" }.joined(separator: ", "))
        }
        let rules = RuleTable.rules.filter { $0.causes.contains(spec.id) }.map(\.id)
        if !rules.isEmpty {
            let shown = rules.prefix(6).map { "`\($0)`" }.joined(separator: ", ")
            parts.append("rules " + shown + (rules.count > 6 ? " and \(rules.count - 6) more" : ""))
        }
        return parts.joined(separator: "; ")
    }

    /// Text made safe for a table cell.
    static func cell(_ text: String) -> String {
        text.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
            .split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ")
    }
}
