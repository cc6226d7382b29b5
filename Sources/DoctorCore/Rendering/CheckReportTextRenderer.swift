/// Renders a ``CheckReport`` for a person in a terminal: the verdict, one line per check, the
/// diagnosis (through ``DiagnosisTextRenderer``) and the other findings. Not a parseable format.
public enum CheckReportTextRenderer {
    /// The text for `report`.
    public static func render(_ report: CheckReport, style: DiagnosisTextRenderer.Style = .plain) -> String {
        var out = style.bold("openai-doctor check: \(report.verdict.rawValue)") + "\n"
        out += style.dim("started \(report.startedAt) (\(report.timeZone)) · \(report.tool.name) \(report.tool.version)") + "\n"
        out += "target  " + targetLine(report.target) + "\n\n"
        let idWidth = min(28, report.checks.map(\.id.count).max() ?? 0)
        for check in report.checks {
            let id = check.id.padding(toLength: idWidth)
            out += "  \(marker(check.status)) \(id)  \(check.summary)" + style.dim("  \(check.durationMS) ms") + "\n"
        }
        out += "\n"
        if let diagnosis = report.diagnosis {
            out += DiagnosisTextRenderer.render(diagnosis, style: style)
        } else {
            out += "Nothing is wrong.\n"
        }
        if !report.findings.isEmpty {
            out += "\n" + style.bold("Other findings") + "\n"
            for finding in report.findings {
                out += "  \(marker(finding.status)) \(finding.summary)"
                if let cause = finding.cause { out += " (\(cause.rawValue))" }
                out += "\n"
                for fix in finding.fixes { out += "      - \(fix)\n" }
            }
        }
        return out
    }

    /// `[pass]`, `[warn]`, `[FAIL]`, `[skip]`.
    static func marker(_ status: CheckStatus) -> String {
        switch status {
        case .pass: return "[pass]"
        case .warn: return "[warn]"
        case .fail: return "[FAIL]"
        case .skip: return "[skip]"
        }
    }

    /// The target in one line: base URL, model, key fingerprint and source, proxy.
    static func targetLine(_ target: CheckTarget) -> String {
        var parts = [target.baseURL]
        if let model = target.model { parts.append("model \(model)") }
        if let organization = target.organization { parts.append("org \(organization)") }
        if let project = target.project { parts.append("project \(project)") }
        if let key = target.key {
            parts.append("key \(key)" + (target.sources["key"].map { " (\($0))" } ?? ""))
        } else {
            parts.append("no key")
        }
        parts.append(target.proxy.map { "proxy \($0)" } ?? "direct")
        return parts.joined(separator: " · ")
    }
}

extension String {
    /// The string cut or padded with spaces to `length` characters.
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
