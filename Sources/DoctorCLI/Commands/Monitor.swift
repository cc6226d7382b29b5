import ArgumentParser
import DoctorCore
import DoctorMonitor
import DoctorProbes
import Logging

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension RootCommand {
    /// `openai-doctor monitor`: the zero-cost probes on a schedule, one log line per change,
    /// Prometheus metrics on `/metrics`.
    public struct Monitor: AsyncParsableCommand {
        /// The command's configuration.
        public static let configuration = CommandConfiguration(
            commandName: "monitor",
            abstract: "Run the zero-cost probes periodically, log changes, export Prometheus metrics.",
            discussion: """
                Runs the same checklist as `check` (never --spend) every --interval with ±10% jitter, keeps \
                each check's state (up, down, changed, flapping) and logs one line to standard error per \
                change, never per run. Metrics are served at http://<metrics-listen>/metrics; the first line \
                of standard output names that URL. While the API rate-limits the probes, runs back off \
                (the server's retry-after, doubling up to an hour). SIGTERM or SIGINT stops cleanly.

                Log lines are at info level and up; OPENAI_DOCTOR_LOG_LEVEL changes that.

                Exit status: 0 after SIGTERM/SIGINT or --max-runs, 1 when the metrics port is already in \
                use (or not permitted), 64 for a usage error (a bad --interval or --metrics-listen, or an \
                address this machine does not have), 66 when --cacert cannot be read.
                """
        )

        /// The shared live flags.
        @OptionGroup public var live: LiveOptions

        /// `--status-url`.
        @OptionGroup public var statusPage: StatusPageOption

        /// `--interval`: the time between runs.
        @Option(
            help: ArgumentHelp(
                "Time between runs: 60s, 500ms, 5m, 1h30m, or seconds (10ms…24h).", valueName: "duration"))
        public var interval: String = "60s"

        /// `--metrics-listen`: where `/metrics` is served.
        @Option(
            name: .customLong("metrics-listen"),
            help: ArgumentHelp(
                "Serve /metrics on HOST:PORT ([::1]:PORT for IPv6, :PORT for every interface, port 0 for any).",
                valueName: "host:port"))
        public var metricsListen: String = ListenAddress.defaultAddress.description

        /// `--max-runs`: stop after this many runs.
        @Option(name: .customLong("max-runs"), help: "Stop after this many runs (default: until SIGTERM/SIGINT).")
        public var maxRuns: Int?

        /// The shortest interval accepted (loopback soak tests go this low).
        static let minimumInterval = Duration.milliseconds(10)
        /// The longest interval accepted.
        static let maximumInterval = Duration.seconds(24 * 3600)

        /// Creates the command (ArgumentParser requirement).
        public init() {}

        /// Rejects an unusable interval, listen address or run count (exit 64).
        public func validate() throws {
            _ = try parsedInterval()
            _ = try parsedListenAddress()
            if let maxRuns, maxRuns < 1 { throw ValidationError("--max-runs must be at least 1") }
        }

        func parsedInterval() throws -> Duration {
            guard let duration = DurationText.parse(interval) else {
                throw ValidationError(
                    "--interval \"\(interval)\": expected a duration such as 60s, 500ms, 5m or 1h30m, or a number of seconds"
                )
            }
            guard duration >= Self.minimumInterval, duration <= Self.maximumInterval else {
                throw ValidationError("--interval \"\(interval)\": must be between 10ms and 24h")
            }
            return duration
        }

        func parsedListenAddress() throws -> ListenAddress {
            do {
                return try ListenAddress.parse(metricsListen)
            } catch {
                throw ValidationError("--metrics-listen \(error)")
            }
        }

        /// Binds `/metrics`, then runs the loop until a signal or `--max-runs`.
        public func run() async throws {
            let environment = ProcessEnvironment.current
            CLILogging.bootstrapOnce(
                environment: environment, level: environment[CLILogging.levelVariable] == nil ? .info : nil)
            let logger = Logger(label: "openai-doctor.monitor")
            let interval = try parsedInterval()
            let address = try parsedListenAddress()

            // `check`'s own resolution of flags, environment, `.env` and --cacert: one place for both
            // commands. Parsing no arguments gives its defaults (and --spend off).
            let base = try live.checkOptions(environment: environment, statusPage: statusPage, spend: false)

            let metrics = MonitorMetrics()
            let server: MetricsServer
            do {
                server = try await MetricsServer.bind(address, metrics: metrics, logger: logger)
            } catch {
                throw CLIError.metricsNotServed(error)
            }
            Terminal.out("metrics on \(server.address.metricsURL)\n")

            let runner = ProbeRunner.zeroCost {
                var options = base
                let now = Date()
                options.startedAtSeconds = now.timeIntervalSince1970
                options.utcOffsetSeconds = TimeZone.current.secondsFromGMT(for: now)
                return options
            }
            let monitor = DoctorMonitor.Monitor(
                runner: runner, metrics: metrics, configuration: .init(interval: interval, maxRuns: maxRuns),
                logger: logger)
            let target = base.configuration.endpoint?.redacted ?? base.configuration.baseURL.value
            logger.info(
                "monitoring \(target) every \(DurationText.format(interval)); metrics on \(server.address.metricsURL)",
                metadata: ["doctor.event": "started"])
            _ = try await MonitorApplication.run(server: server, monitor: monitor, logger: logger)
        }
    }
}
