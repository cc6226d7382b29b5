import ArgumentParser
import DoctorCore
import DoctorProbes
import Logging

extension RootCommand {
    /// `openai-doctor verify [--from REPORT.json]`: verify a fix without hiding the original error.
    public struct Verify: AsyncParsableCommand {
        /// The command's configuration.
        public static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract:
                "Verify a fix: re-run what failed with inputs held constant, plus a known-good and a known-bad request.",
            discussion: """
                With --from, every step aims at the saved report's target: its base URL, model, organization, \
                project and proxy choice are held constant (a flag given now overrides one, and the override is \
                listed under inputs changed); the failing request(s) are sent again with today's key, and each is \
                fixed, still failing (same cause) or a new failure. Inputs that changed since the report (key \
                fingerprint, an overridden input, egress country) are listed. Then one known-good request (list \
                the models), one controlled failure \
                (a nonexistent model, which must come back as a clean model.not_found with a sanitized message), \
                and a retry-limit check (the retry client, against a local always-failing server, must stop at \
                --retry-attempts). Nothing billable is sent.

                Exit status: 0 only when every step holds, 1 when one does not, 64 for a usage error, \
                66 when --from cannot be read.
                """
        )

        /// The shared live flags.
        @OptionGroup public var live: LiveOptions

        /// `--status-url`, accepted as on every live command but not listed: verify asks no status page.
        @OptionGroup(visibility: .hidden) public var statusPage: StatusPageOption

        /// `--format`, `--output`, `--color`.
        @OptionGroup public var out: ReportOutputOptions

        /// `--from REPORT.json`.
        @Option(help: ArgumentHelp("A saved check report (JSON) whose failures to re-run.", valueName: "REPORT.json"))
        public var from: String?

        /// `--retry-attempts N`.
        @Option(
            name: .customLong("retry-attempts"),
            help: "The attempts the retry client is configured for (the cap the retry-limit step checks).")
        public var retryAttempts: Int = 3

        /// Creates the command (ArgumentParser requirement).
        public init() {}

        /// Checks values that parse but make no sense.
        public func validate() throws {
            guard (1...10).contains(retryAttempts) else {
                throw ValidationError("--retry-attempts must be between 1 and 10")
            }
        }

        /// Runs the verification and renders it.
        public func run() async throws {
            let environment = ProcessEnvironment.current
            CLILogging.bootstrapOnce(environment: environment)
            let logger = Logger(label: "openai-doctor.verify")
            let saved = try from.map(Self.readCheckReport)
            // The same resolution of flags, environment, .env and --cacert as check's.
            // With --from, every step aims at the saved target unless a flag says otherwise.
            let options = try live.checkOptions(
                environment: environment, statusPage: nil, spend: false, progress: out.output == nil,
                holding: saved.map { ($0.target, from ?? "-") })
            let attempts = retryAttempts
            let report = await Verification.run(
                options, saved: saved, from: from,
                then: [{ await RetryLimitCheck.run(attempts: attempts, logger: logger) }], logger: logger)
            let style = DocumentStyle(
                color: out.colors(environment: environment),
                ticket: SupportTicketContext(
                    operatingSystem: HostInfo.operatingSystem, swiftVersion: HostInfo.swiftVersion))
            try CommandOutput.write(report, as: out.format, style: style, to: .output(out.output))
            try CommandOutput.conclude(report)
        }

        /// Reads the saved check report `--from` names.
        ///
        /// - Throws: ``CLIError/unreadableInput(path:reason:)`` when it cannot be read or is not a check report.
        static func readCheckReport(_ path: String) throws -> CheckReport {
            let input = try BoundedInput.read(path: path, headLimit: 64 << 20, tailLimit: 0)
            do {
                return try Verification.savedCheckReport(input.bytes)
            } catch {
                throw CLIError.unreadableInput(path: path, reason: error.reason)
            }
        }
    }
}
