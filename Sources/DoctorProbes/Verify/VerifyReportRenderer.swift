import DoctorCore

/// Renders a ``VerifyReport`` as text (terminal), Markdown (support ticket) or one
/// self-contained HTML page with the requests' phase-timing waterfall.
///
/// ```swift
/// print(VerifyReportRenderer.text(report))
/// ```
public enum VerifyReportRenderer {
    /// The text for a terminal; not a parseable format.
    public static func text(_ report: VerifyReport, style: DiagnosisTextRenderer.Style = .plain) -> String {
        var out = style.bold("openai-doctor verify: \(headline(report))") + "\n"
        out += style.dim(
            "started \(report.startedAt) (\(report.timeZone)) · \(report.tool.name) \(report.tool.version)")
        if let from = report.from { out += style.dim(" · re-running \(from)") }
        out += "\n" + inputsLine(report) + "\n\n"
        let idWidth = report.steps.map(\.id.count).max() ?? 10
        for step in report.steps {
            let id = step.id + String(repeating: " ", count: max(0, idWidth - step.id.count))
            out += "\(CheckConsoleRenderer.symbol(step.status)) \(id)  \(step.outcome.rawValue): \(step.summary)"
            out += style.dim(step.durationMS > 0 ? "  \(step.durationMS) ms" : "") + "\n"
        }
        for step in report.steps where step.status == .fail {
            if let diagnosis = step.diagnosis {
                out += "\n" + DiagnosisTextRenderer.render(diagnosis, heading: step.title, style: style)
            }
        }
        return out
    }

    /// Markdown for an issue or a support ticket.
    public static func markdown(
        _ report: VerifyReport, context: SupportTicketContext = SupportTicketContext()
    ) -> String {
        var out = "# openai-doctor verify: \(headline(report))\n\n| | |\n|---|---|\n"
        var rows: [(String, String?)] = [
            ("Local time", report.startedAt), ("Time zone", report.timeZone),
            ("Product", SupportTicketRenderer.product(report.target)), ("Base URL", report.target.baseURL),
            ("Model", report.target.model), ("API key (fingerprint only)", report.target.key ?? "none found"),
            ("Network path", report.target.proxy.map { "through proxy \($0)" } ?? "direct (no proxy)"),
            ("Tool", "\(report.tool.name) \(report.tool.version)"), ("OS", context.operatingSystem),
            ("Swift", context.swiftVersion), ("Re-ran", report.from),
            (
                "Inputs changed since",
                report.inputsChanged.isEmpty ? "none (held constant)" : report.inputsChanged.joined(separator: ", ")
            ),
        ]
        rows = rows.filter { $0.1 != nil }
        for (name, value) in rows { out += "| \(name) | \(cell(value ?? "")) |\n" }
        out += "\n## Steps\n\n| status | step | outcome | summary | request id |\n|---|---|---|---|---|\n"
        for step in report.steps {
            let ids = step.requests.compactMap(\.requestID).joined(separator: ", ")
            out +=
                "| \(step.status.rawValue) | \(cell(step.title)) | \(step.outcome.rawValue) | \(cell(step.summary)) | \(cell(ids.isEmpty ? "—" : ids)) |\n"
        }
        if !context.stepsTried.isEmpty {
            out += "\n## Steps already tried\n\n"
            for step in context.stepsTried { out += "- \(DiagnosisMarkdownRenderer.escape(step))\n" }
        }
        for step in report.steps where step.status == .fail {
            if let diagnosis = step.diagnosis {
                out += "\n" + DiagnosisMarkdownRenderer.render(diagnosis, heading: step.title)
            }
        }
        out += "\nKeys appear only as fingerprints; no password, cookie or payment detail is included.\n"
        return out
    }

    /// One self-contained HTML page (inline CSS, no script, no external asset).
    public static func html(_ report: VerifyReport) -> String {
        var body = "<header><h1>openai-doctor verify \(HTMLText.badge(report.verdict.rawValue))</h1>\n"
        body += "<div class=\"meta\">Started \(HTMLText.escape(report.startedAt)) (\(HTMLText.escape(report.timeZone)))"
        body += " · \(HTMLText.escape(report.tool.name)) \(HTMLText.escape(report.tool.version))</div></header>\n"
        body += "<h2>Target</h2>\n" + CheckReportHTMLRenderer.targetTable(report.target)
        body += HTMLText.facts([
            ("re-ran", report.from),
            (
                "inputs changed",
                report.inputsChanged.isEmpty ? "none (held constant)" : report.inputsChanged.joined(separator: ", ")
            ),
        ])
        body +=
            "<h2>Steps</h2>\n<table><tr><th>status</th><th>step</th><th>outcome</th><th>summary</th><th>time</th></tr>\n"
        for step in report.steps {
            body +=
                "<tr><td>\(HTMLText.badge(step.status.rawValue))</td><td><b>\(HTMLText.escape(step.title))</b><br><code>\(HTMLText.escape(step.id))</code></td>"
            body +=
                "<td>\(HTMLText.badge(step.outcome.rawValue))</td><td>\(HTMLText.escape(step.summary))</td><td class=\"wf-total\">\(step.durationMS) ms</td></tr>\n"
        }
        body += "</table>\n"
        for step in report.steps where step.status == .fail {
            if let diagnosis = step.diagnosis { body += CheckReportHTMLRenderer.diagnosisSection(diagnosis) }
        }
        let requests = report.steps.flatMap(\.requests)
        body += "<h2>Requests: phase timings</h2>\n" + WaterfallHTML.render(requests)
        body += CheckReportHTMLRenderer.certificatesSection(requests)
        body +=
            "<footer>Generated by \(HTMLText.escape(report.tool.name)) \(HTMLText.escape(report.tool.version)). Keys appear only as fingerprints; no secret is in this page.</footer>"
        return HTMLText.page(title: "openai-doctor verify — \(report.verdict.rawValue)", body: body)
    }

    /// `fixed`, `still failing`, `new failure`, `ok` or `problem`, from the steps.
    static func headline(_ report: VerifyReport) -> String {
        let reruns = report.steps.filter { $0.kind == .rerun && $0.outcome != .skipped }
        if reruns.contains(where: { $0.outcome == .newFailure }) { return "new failure" }
        if reruns.contains(where: { $0.outcome == .stillFailing }) { return "still failing" }
        if !reruns.isEmpty, report.verdict == .ok { return "fixed" }
        return report.verdict.rawValue
    }

    static func inputsLine(_ report: VerifyReport) -> String {
        var line = "target  \(report.target.baseURL)"
        if let model = report.target.model { line += " · model \(model)" }
        line += " · " + (report.target.key.map { "key \($0)" } ?? "no key")
        line += " · " + (report.target.proxy.map { "proxy \($0)" } ?? "direct")
        if report.from != nil {
            line +=
                "\ninputs  "
                + (report.inputsChanged.isEmpty
                    ? "held constant"
                    : "changed since the saved report: " + report.inputsChanged.joined(separator: ", "))
        }
        return line
    }

    private static func cell(_ text: String) -> String {
        text.replacing("|", with: "\\|").replacing("\n", with: " ")
    }
}
