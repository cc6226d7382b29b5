import ArgumentParser
import DoctorCore
import DoctorProbes

extension RootCommand {
    /// `openai-doctor explain [FILE|-]`: classify a pasted failure offline.
    public struct Explain: AsyncParsableCommand {
        /// The command's configuration.
        public static let configuration = CommandConfiguration(
            commandName: "explain",
            abstract: "Explain a failure offline: which layer refused, why, and what to do.",
            discussion: """
                Reads any form a failure reaches you in — a raw JSON error body, an HTTP dump, `curl -v` or \
                `curl -i` output, an SDK exception (Python, Node, Go, .NET, Azure, LiteLLM, LangChain, Vercel AI \
                SDK, Guzzle, Spring…), an HTML error page, log lines, or a HAR file (one diagnosis per failed \
                entry). Nothing is sent anywhere. Keys in the input never appear in the output: only their \
                fingerprints (type prefix and last four characters).

                Exit status: 0 when a diagnosis was produced (whatever it says), 64 for a usage error, \
                66 when the input cannot be read.
                """
        )

        /// The input file; `-` or nothing reads standard input.
        @Argument(help: "The file to read, or - for standard input.")
        public var file: String?

        /// A status to use when the input lacks one (a bare JSON body).
        @Option(help: ArgumentHelp("The HTTP status, when the input does not show it.", valueName: "CODE"))
        public var status: Int?

        /// Headers to add to what the input shows.
        @Option(
            name: .customLong("header"),
            help: ArgumentHelp("A response header, \"Name: value\" (repeatable).", valueName: "HEADER"))
        public var headers: [String] = []

        /// The output format.
        @Option(help: "Output format.")
        public var format: DocumentFormat = .text

        /// When to colour text output.
        @Option(help: "Colour text output: auto, always or never (NO_COLOR is honoured).")
        public var color: ColorMode = .auto

        /// Creates the command (ArgumentParser requirement).
        public init() {}

        /// Checks the flags that ArgumentParser cannot check by type.
        public func validate() throws {
            if let status, !(100...599).contains(status) {
                throw ValidationError("--status must be an HTTP status between 100 and 599, not \(status).")
            }
            for header in headers where HeaderField(line: header) == nil {
                throw ValidationError("--header must look like \"Name: value\", not \"\(header)\".")
            }
        }

        /// Reads, diagnoses and prints.
        public func run() async throws {
            let input = try BoundedInput.read(path: file)
            var given = HeaderFields()
            for header in headers {
                if let field = HeaderField(line: header) { given.append(name: field.name, value: field.value) }
            }
            let evidences = SavedReportEvidence.extract(from: input.bytes, status: status, headers: given)
            let note =
                input.wasTruncated
                ? "input truncated: \(input.totalSize) bytes; the first \(input.bytes.count >> 20) MiB and the last part were read"
                : nil
            let items = evidences.map { evidence -> (diagnosis: Diagnosis, entry: Int?) in
                var diagnosis = Diagnoser.diagnose(evidence)
                if let note { diagnosis.evidence.notes.insert(note, at: 0) }
                return (diagnosis, evidence.entry)
            }
            let document = ExplainDocument(items: items, isHAR: evidences.first?.form == .har)
            let style = DocumentStyle(
                color: color.enabled(environment: ProcessEnvironment.current, isTerminal: Terminal.stdoutIsTerminal))
            try CommandOutput.write(document, as: format, style: style, to: .output(nil))
        }
    }
}
