import ArgumentParser
import DoctorCore
import DoctorProbes
import DoctorScan

/// A command's result as ``CommandOutput`` writes it: each format its command offers, rendered
/// by the one renderer for that format, and whether the result found a problem (exit 1).
///
/// The conformances in this file are the one mapping from `--format` to a renderer for every
/// command; a command's help lists exactly its document's formats.
protocol CommandDocument {
    /// The formats `--format` offers for this document.
    associatedtype Format: CaseIterable & ExpressibleByArgument
    /// The document in `format`, as it is printed.
    func rendered(as format: Format, style: DocumentStyle) -> String
    /// Whether the result found a problem, which exits 1; `false` for an analysis (`explain`, `report`).
    var foundProblem: Bool { get }
}

extension CommandDocument {
    /// An analysis is produced whatever it says: exit 0.
    var foundProblem: Bool { false }
}

/// How a text or Markdown document is laid out; the JSON and HTML documents ignore it.
struct DocumentStyle {
    /// Colour text (a terminal, `--color` and `NO_COLOR` permitting).
    var color = false
    /// Show each check's evidence in text (`-v`).
    var verbose = false
    /// What a support ticket (Markdown) adds: OS and Swift versions, steps tried.
    var ticket = SupportTicketContext()
}

/// `check`: the live report.
extension CheckReport: CommandDocument {
    func rendered(as format: OutputFormat, style: DocumentStyle) -> String {
        switch format {
        case .text: return CheckConsoleRenderer.render(self, verbose: style.verbose, style: .init(color: style.color))
        case .json: return JSONOutput.encode(self) + "\n"
        case .markdown: return SupportTicketRenderer.render(self, context: style.ticket)
        // The `report` command's page, so that a saved JSON report and a live run look the same.
        case .html: return CheckReportHTMLRenderer.render(self)
        }
    }

    var foundProblem: Bool { verdict == .problem }
}

/// `verify`: the verification.
extension VerifyReport: CommandDocument {
    func rendered(as format: OutputFormat, style: DocumentStyle) -> String {
        switch format {
        case .text: return VerifyReportRenderer.text(self, style: .init(color: style.color))
        case .markdown: return VerifyReportRenderer.markdown(self, context: style.ticket)
        case .html: return VerifyReportRenderer.html(self)
        case .json: return JSONOutput.encode(self) + "\n"
        }
    }

    var foundProblem: Bool { verdict == .problem }
}

/// `report`: a saved check or verify report, rendered as its live command renders it.
extension SavedReport: CommandDocument {
    func rendered(as format: OutputFormat, style: DocumentStyle) -> String {
        switch self {
        case .check(let check): return check.rendered(as: format, style: style)
        case .verify(let verify): return verify.rendered(as: format, style: style)
        }
    }
}

/// `explain`: one diagnosis, or one per failed HAR entry.
extension ExplainDocument: CommandDocument {
    func rendered(as format: DocumentFormat, style: DocumentStyle) -> String {
        switch format {
        case .json:
            return JSONOutput.encode(self) + "\n"
        case .markdown:
            return items.map { item in
                DiagnosisMarkdownRenderer.render(item.diagnosis, heading: heading(item.entry))
            }.joined(separator: "\n")
        case .text:
            let textStyle = DiagnosisTextRenderer.Style(color: style.color)
            return items.map { item in
                DiagnosisTextRenderer.render(item.diagnosis, heading: heading(item.entry), style: textStyle)
            }.joined(separator: "\n")
        }
    }

    /// "HAR entry N" above each diagnosis of a HAR file.
    private func heading(_ entry: Int?) -> String? {
        guard isHAR, let entry else { return nil }
        return "HAR entry \(entry)"
    }
}

/// `baseline save`: the snapshot, and in text where it was saved.
struct SavedBaseline: CommandDocument {
    /// The snapshot written.
    var snapshot: BaselineSnapshot
    /// The file it was written to.
    var file: String

    func rendered(as format: DocumentFormat, style: DocumentStyle) -> String {
        switch format {
        case .json: return JSONOutput.encode(snapshot) + "\n"
        case .markdown: return BaselineRenderer.markdown(snapshot)
        case .text: return BaselineRenderer.text(snapshot) + "saved to \(file)\n"
        }
    }
}

/// `baseline compare`: what changed since the baseline.
extension BaselineComparison: CommandDocument {
    func rendered(as format: DocumentFormat, style: DocumentStyle) -> String {
        switch format {
        case .json: return JSONOutput.encode(self) + "\n"
        case .markdown: return BaselineRenderer.markdown(self)
        case .text: return BaselineRenderer.text(self)
        }
    }

    var foundProblem: Bool { verdict == .problem }
}

/// `audit`: the credentials and error records found.
extension AuditReport: CommandDocument {
    func rendered(as format: RootCommand.Audit.Format, style: DocumentStyle) -> String {
        switch format {
        case .text: return renderText()
        case .json: return JSONOutput.encode(self) + "\n"
        case .sarif: return JSONOutput.encode(sarif(toolVersion: ToolInfo.version)) + "\n"
        }
    }

    var foundProblem: Bool { foundCredentials }
}
