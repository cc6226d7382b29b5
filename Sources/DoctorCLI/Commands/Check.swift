import ArgumentParser
import DoctorCore
import DoctorProbes
import Logging

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RootCommand {
    /// `openai-doctor check` (the default command): the live diagnosis across every layer.
    public struct Check: AsyncParsableCommand {
        /// The command's configuration.
        public static let configuration = CommandConfiguration(
            commandName: "check",
            abstract:
                "Diagnose the live path to the API: key, config, DNS, proxy, TLS, egress country, status, account.",
            discussion: """
                Runs the whole checklist at once — configuration (no network), DNS, proxy, TLS, the egress \
                country (/cdn-cgi/trace), the keyless region probe, the status page, zero-cost \
                authenticated probes (models, scopes including the Responses API's) and the Realtime \
                WebSocket handshake (101 and session.created, then closed) — and names the one layer and cause that refused. Nothing billable is \
                sent unless --spend is given. The run ends within --timeout whatever the network does.

                With --runtime python|node|java|curl|all the same zero-cost request also runs through your own \
                runtimes, with their own proxy and trust rules (the key passes in their environment only), and \
                the report names each setting that makes one differ from check's path, with its fix.

                Exit status: 0 when nothing is wrong, 1 when a problem was found, 64 for a usage error, \
                66 when --cacert cannot be read.
                """
        )

        /// The shared live flags.
        @OptionGroup public var live: LiveOptions

        /// `--status-url`.
        @OptionGroup public var statusPage: StatusPageOption

        /// `--runtime NAME[=PATH]`.
        @OptionGroup public var runtimes: RuntimeOption

        /// `--format`, `--output`, `--color`.
        @OptionGroup public var out: ReportOutputOptions

        /// `--spend`: allow one minimal generation.
        @Flag(
            help:
                "Allow one 1-token generation to surface billing and model-access errors (costs a fraction of a cent).")
        public var spend: Bool = false

        /// `--realtime-model`: the model the Realtime WebSocket handshake names.
        @Option(
            name: .customLong("realtime-model"),
            help:
                "Model for the Realtime WebSocket handshake probe (default: \(CheckOptions.defaultRealtimeModel)); nothing billable is sent."
        )
        public var realtimeModel: String = CheckOptions.defaultRealtimeModel

        /// `--no-realtime`: skip the WebSocket handshake.
        @Flag(name: .customLong("no-realtime"), help: "Skip the Realtime WebSocket handshake probe.")
        public var noRealtime: Bool = false

        /// `-v`: show each check's evidence.
        @Flag(name: .shortAndLong, help: "Show each check's evidence: facts, phase timings, TLS chain.")
        public var verbose: Bool = false

        /// Creates the command (ArgumentParser requirement).
        public init() {}

        /// Runs the check and renders it.
        public func run() async throws {
            let environment = ProcessEnvironment.current
            var options = try live.checkOptions(
                environment: environment, statusPage: statusPage, spend: spend, progress: out.output == nil)
            options.realtimeModel = noRealtime ? nil : realtimeModel
            options.runtimes = runtimes.requests
            CLILogging.bootstrapOnce(environment: environment)
            let logger = Logger(label: "openai-doctor.check")
            let report = await CheckRunner.run(options)
            Self.log(report, to: logger)
            if Terminal.stderrIsTerminal { LiveOutput.progress("\r\u{1B}[K") }
            let style = DocumentStyle(color: out.colors(environment: environment), verbose: verbose)
            try CommandOutput.write(report, as: out.format, style: style, to: .output(out.output))
            try CommandOutput.conclude(report)
        }

        /// Logs one line per check and the verdict: ids, statuses, causes and timings, never
        /// values (the handler redacts anything that slips through).
        static func log(_ report: CheckReport, to logger: Logger) {
            for check in report.checks {
                logger.debug(
                    "check finished",
                    metadata: [
                        "doctor.check": "\(check.id)", "doctor.status": "\(check.status.rawValue)",
                        "doctor.duration_ms": "\(check.durationMS)",
                        "doctor.cause": "\(check.evidence.cause?.rawValue ?? "-")",
                    ])
            }
            logger.info(
                "check done",
                metadata: [
                    "doctor.verdict": "\(report.verdict.rawValue)",
                    "doctor.cause": "\(report.diagnosis?.cause.rawValue ?? "-")",
                ])
        }
    }
}
