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
            abstract: "Verify a fix: re-run what failed with inputs held constant, plus a known-good and a known-bad request.",
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

        /// `--format`, `--output`, `--color`.
        @OptionGroup public var out: ReportOutputOptions

        /// `--from REPORT.json`.
        @Option(help: ArgumentHelp("A saved check report (JSON) whose failures to re-run.", valueName: "REPORT.json"))
        public var from: String?

        /// `--retry-attempts N`.
        @Option(name: .customLong("retry-attempts"), help: "The attempts the retry client is configured for (the cap the retry-limit step checks).")
        public var retryAttempts: Int = 3

        /// Creates the command (ArgumentParser requirement).
        public init() {}

        /// Checks values that parse but make no sense.
        public func validate() throws {
            guard (1...10).contains(retryAttempts) else { throw ValidationError("--retry-attempts must be between 1 and 10") }
        }

        /// Runs the verification and renders it.
        public func run() async throws {
            let environment = ProcessEnvironment.current
            CLILogging.bootstrapOnce(environment: environment)
            let logger = Logger(label: "openai-doctor.verify")
            var saved: CheckReport?
            let options: CheckOptions
            do {
                if let from { saved = try Self.readCheckReport(from) }
                // The same resolution of flags, environment, .env and --cacert as check's.
                // With --from, every step aims at the saved target unless a flag says otherwise.
                options = try live.checkOptions(
                    environment: environment, spend: false, progress: out.output == nil, holding: saved.map { ($0.target, from ?? "-") })
            } catch let error as CLIError {
                Terminal.err("openai-doctor: \(error)")
                throw error.exitCode
            }
            logger.debug("verify started", metadata: ["doctor.from": "\(from ?? "-")", "doctor.key": "\(options.configuration.key.map { _ in "present" } ?? "absent")"])
            // Sixteen hex digits always: the request's size does not vary from run to run.
            let hex = String(UInt64.random(in: 0...UInt64.max), radix: 16)
            let suffix = String(repeating: "0", count: 16 - hex.count) + hex
            var result = await VerifyRunner.run(options, saved: saved, randomSuffix: suffix)
            result.steps.append(await RetryLimitCheck.run(attempts: retryAttempts, logger: logger))
            for step in result.steps {
                logger.debug(
                    "step", metadata: ["doctor.step": "\(step.id)", "doctor.outcome": "\(step.outcome.rawValue)",
                                       "doctor.cause": "\(step.observedCause?.rawValue ?? "-")"])
            }
            let report = VerifyReport(
                tool: options.tool, startedAt: ISO8601Timestamp.format(secondsSince1970: options.startedAtSeconds, offsetSeconds: options.utcOffsetSeconds),
                timeZone: options.timeZone, from: from, target: result.target, inputsChanged: result.inputsChanged,
                steps: result.steps)
            let color = out.colors(environment: environment)
            let context = SupportTicketContext(operatingSystem: HostInfo.operatingSystem, swiftVersion: HostInfo.swiftVersion)
            let text = Report.render(.verify(report), format: out.format, context: context, color: color)
            try LiveOutput.emit(text, to: out.output)
            if report.verdict == .problem { throw ExitCodes.problem }
        }

        /// Reads a saved check report.
        ///
        /// - Throws: ``CLIError/unreadableInput(path:reason:)`` when it cannot be read or is not a check report.
        static func readCheckReport(_ path: String) throws -> CheckReport {
            let input = try BoundedInput.read(path: path, headLimit: 64 << 20, tailLimit: 0)
            do {
                switch try SavedReport.decode(input.bytes) {
                case .check(let report): return report
                case .verify: throw CLIError.unreadableInput(path: path, reason: "a verify report; --from takes a check report")
                }
            } catch let failure as SavedReport.DecodingFailure {
                throw CLIError.unreadableInput(path: path, reason: failure.reason)
            }
        }
    }
}
