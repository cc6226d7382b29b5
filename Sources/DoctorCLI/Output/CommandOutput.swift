import DoctorCore
import DoctorScan

/// The one place a command's result leaves the tool: rendered in the format `--format` names
/// (``CommandDocument``), written to standard output or the file `--output` names, then the
/// exit status the result gives.
///
/// ```swift
/// try CommandOutput.write(report, as: out.format, style: style, to: .output(out.output))
/// try CommandOutput.conclude(report)   // exit 1 when the report found a problem
/// ```
enum CommandOutput {
    /// Where a document goes.
    enum Destination {
        /// Standard output, or the file `--output` names, replaced; a file that cannot be
        /// written is ``CLIError/unreadableInput(path:reason:)`` (exit 66).
        case output(String?)
        /// `audit -o`: standard output for none or `-`, else a file created for the report; one
        /// that cannot be written is ``CLIError/auditReportNotWritten(_:)`` (exit 70).
        case auditReport(String?)
    }

    /// Renders `document` as `format` and writes it to `destination`.
    ///
    /// - Throws: ``CLIError`` when the file cannot be written.
    static func write<Document: CommandDocument>(
        _ document: Document, as format: Document.Format, style: DocumentStyle = DocumentStyle(),
        to destination: Destination
    ) throws(CLIError) {
        try write(document.rendered(as: format, style: style), to: destination)
    }

    /// Writes text already rendered to `destination`.
    static func write(_ text: String, to destination: Destination) throws(CLIError) {
        switch destination {
        case .output(nil), .auditReport(nil), .auditReport("-"):
            Terminal.out(text)
        case .output(let path?):
            try LiveOutput.write(text, to: path)
        case .auditReport(let path?):
            do {
                let file = try OutputFile(creating: path)
                try file.write(text)
                try file.close()
            } catch {
                throw CLIError.auditReportNotWritten(error)
            }
        }
    }

    /// Exits 1 (docs/product.md: "ran; a problem was found") when `document` found one; returns otherwise.
    static func conclude<Document: CommandDocument>(_ document: Document) throws {
        if document.foundProblem { throw ExitCodes.problem }
    }
}
