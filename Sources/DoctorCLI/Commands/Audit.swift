import ArgumentParser
import DoctorCore
import DoctorScan

extension RootCommand {
    /// `openai-doctor audit [PATH...]`: find leaked credentials and OpenAI error records.
    public struct Audit: AsyncParsableCommand {
        /// The command's configuration.
        public static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "Scan files and folders for leaked credentials and for OpenAI error records.",
            discussion: """
                Recursive; binary files are skipped; inside a git work tree the .gitignore rules apply \
                (--no-ignore scans everything; .git itself is never read). Credentials (API keys of every \
                OpenAI shape and of other providers, sess- tokens, Authorization and api-key values, URL \
                passwords) are reported by file:line and fingerprint, never by value. OpenAI error records \
                found in logs are counted by cause, by hour, with request ids.

                Exit status: 1 when a credential was found, 0 when none was, 64 for a usage error, \
                66 when a path given cannot be read (and no credential was found).
                """
        )

        /// The report formats of `audit`.
        public enum Format: String, CaseIterable, ExpressibleByArgument, Sendable {
            /// For people.
            case text
            /// The versioned JSON report.
            case json
            /// SARIF 2.1.0, for GitHub code scanning.
            case sarif
        }

        /// Files and directories to scan.
        @Argument(help: "Files and directories to scan (default: the current directory).")
        public var paths: [String] = []

        /// Scan ignored files too.
        @Flag(help: "Scan files that .gitignore rules exclude too.")
        public var noIgnore = false

        /// Skip the error-record census.
        @Flag(help: "Look for credentials only, not for OpenAI error records.")
        public var credentialsOnly = false

        /// The report format.
        @Option(help: "Report format: text, json or sarif.")
        public var format: Format = .text

        /// Where to write the report.
        @Option(
            name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Write the report to FILE.", valueName: "FILE"))
        public var output: String?

        /// Creates the command (ArgumentParser requirement).
        public init() {}

        /// Scans and reports.
        public func run() async throws {
            let auditor = Auditor(honourIgnoreFiles: !noIgnore, readsErrorRecords: !credentialsOnly)
            let targets = paths.isEmpty ? ["."] : paths
            let report = await auditor.audit(targets)
            try CommandOutput.write(report, as: format, to: .auditReport(output))
            // The text report lists what it could not read; the other formats tell standard error.
            if format != .text {
                for item in report.unreadable {
                    CommandEdge.reportAndContinue(.unreadableInput(path: item.path, reason: item.reason))
                }
            }
            try CommandOutput.conclude(report)
            let named = Set(targets)
            if report.unreadable.contains(where: { named.contains($0.path) }) { throw CLIError.namedPathsUnreadable }
        }
    }
}
