import ArgumentParser
import DoctorCore
import DoctorProbes

extension RootCommand {
    /// `openai-doctor report [FILE|-]`: render a saved check or verify report.
    public struct Report: AsyncParsableCommand {
        /// The command's configuration.
        public static let configuration = CommandConfiguration(
            commandName: "report",
            abstract:
                "Render a saved JSON report (check or verify) as text, a Markdown support ticket, or one HTML page.",
            discussion: """
                Reads the output of `check --format json` or `verify --format json` and renders it: text for a \
                terminal; Markdown for a support ticket (exact local time and zone, product, model, tool/OS/Swift \
                versions, the checks, request ids, cf-ray, steps already tried, the sanitized request shape); or \
                one self-contained HTML page (no script, no external asset) with a waterfall of every request's \
                phase timings. `check --format html` writes the same page. Keys appear only as fingerprints.

                Exit status: 0 when rendered, 64 for a usage error, 66 when the file cannot be read or is not a report.
                """
        )

        /// The saved report; `-` or nothing reads standard input.
        @Argument(help: "The saved JSON report, or - for standard input.")
        public var file: String?

        /// The output format.
        @Option(help: "Output format: text, markdown, html or json.")
        public var format: OutputFormat = .text

        /// Where to write.
        @Option(help: "Write to FILE instead of standard output.")
        public var output: String?

        /// Steps the person already tried, for the support ticket.
        @Option(
            name: .customLong("tried"),
            help: ArgumentHelp("A step already tried, for the ticket (repeatable).", valueName: "TEXT"))
        public var tried: [String] = []

        /// `-v`: show each check's evidence in text.
        @Flag(name: .shortAndLong, help: "Text: show each check's evidence (facts, timings, TLS chain).")
        public var verbose: Bool = false

        /// When to colour text output.
        @Option(help: "Colour text output: auto, always or never (NO_COLOR is honoured).")
        public var color: ColorMode = .auto

        /// Creates the command (ArgumentParser requirement).
        public init() {}

        /// Reads, decodes and renders.
        public func run() async throws {
            CLILogging.bootstrapOnce(environment: ProcessEnvironment.current)
            let input = try BoundedInput.read(path: file, headLimit: 64 << 20, tailLimit: 0)
            guard !input.wasTruncated else {
                throw CLIError.unreadableInput(path: file ?? "-", reason: "larger than 64 MiB: not a report")
            }
            let report: SavedReport
            do {
                report = try SavedReport.decode(input.bytes)
            } catch {
                throw CLIError.unreadableInput(path: file ?? "-", reason: error.reason)
            }
            let style = DocumentStyle(
                color: output == nil && format == .text
                    && color.enabled(environment: ProcessEnvironment.current, isTerminal: Terminal.stdoutIsTerminal),
                verbose: verbose,
                ticket: SupportTicketContext(
                    operatingSystem: HostInfo.operatingSystem, swiftVersion: HostInfo.swiftVersion, stepsTried: tried))
            try CommandOutput.write(report, as: format, style: style, to: .output(output))
        }
    }
}
