import ArgumentParser
import DoctorCore
import DoctorProbes

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension RootCommand {
    /// `openai-doctor baseline save|compare`: keep a dated note of a working configuration and diff today against it.
    public struct Baseline: AsyncParsableCommand {
        /// The command's configuration.
        public static let configuration = CommandConfiguration(
            commandName: "baseline",
            abstract: "Save a dated, sanitized snapshot of a working configuration, or compare today's state with it.",
            subcommands: [Save.self, Compare.self]
        )

        /// The default baseline file.
        public static let defaultFile = "openai-doctor-baseline.json"

        /// Creates the command (ArgumentParser requirement).
        public init() {}

        /// `baseline save [--file PATH]`.
        public struct Save: AsyncParsableCommand {
            /// The command's configuration.
            public static let configuration = CommandConfiguration(
                commandName: "save",
                abstract: "Run check and save a dated, sanitized snapshot of the working configuration.",
                discussion: """
                    Records the time and zone, tool/OS/Swift versions, key fingerprint and source, organization and \
                    project, base URL, proxy, egress IP (masked) and country, TLS issuer, resolved addresses, model \
                    count and a digest of the model ids, rate limits, and phase latencies. No secret is written. \
                    A configuration that check finds broken is not saved unless --force is given.

                    Exit status: 0 when saved, 1 when check found a problem (nothing saved), 64 for a usage error, \
                    66 when the file cannot be written.
                    """
            )

            /// The live flags, `--status-url`, `--format`, `--output` and `--file`.
            @OptionGroup public var options: BaselineOptions

            /// Save even when check finds a problem.
            @Flag(help: "Save even when check finds a problem.")
            public var force: Bool = false

            /// Creates the command (ArgumentParser requirement).
            public init() {}

            /// Takes and writes the snapshot.
            public func run() async throws {
                let (snapshot, report) = try await Baseline.take(options)
                if report.verdict == .problem, !force {
                    throw CLIError.notAWorkingConfiguration(cause: report.diagnosis?.cause)
                }
                try LiveOutput.write(JSONOutput.encode(snapshot) + "\n", to: options.file)
                try CommandOutput.write(
                    SavedBaseline(snapshot: snapshot, file: options.file), as: options.format,
                    to: .output(options.output))
            }
        }

        /// `baseline compare [--file PATH]`.
        public struct Compare: AsyncParsableCommand {
            /// The command's configuration.
            public static let configuration = CommandConfiguration(
                commandName: "compare",
                abstract: "Run check and show what changed since the saved baseline, and what it likely means.",
                discussion: """
                    Flags a new egress country, a new TLS issuer (inspection when it names a security product), a \
                    proxy that appeared or went, a model no longer listed or fewer models, another key or key \
                    source, other organization/project/base URL, addresses outside the API's ranges, changed rate \
                    limits, a phase latency that tripled, and updated tool/OS/Swift versions.

                    Exit status: 0 when nothing serious changed and today's check passes, 1 otherwise, 64 for a \
                    usage error, 66 when the baseline file cannot be read.
                    """
            )

            /// The live flags, `--status-url`, `--format`, `--output` and `--file`.
            @OptionGroup public var options: BaselineOptions

            /// Creates the command (ArgumentParser requirement).
            public init() {}

            /// Reads the baseline, takes today's snapshot, diffs.
            public func run() async throws {
                let baseline = try Baseline.read(options.file)
                let (today, _) = try await Baseline.take(options)
                let comparison = BaselineComparison(baseline: baseline, today: today)
                try CommandOutput.write(comparison, as: options.format, to: .output(options.output))
                try CommandOutput.conclude(comparison)
            }
        }

        /// Resolves the options as check does and takes today's snapshot (progress on a terminal
        /// when the document goes to standard output).
        static func take(_ flags: BaselineOptions) async throws -> (BaselineSnapshot, CheckReport) {
            let environment = ProcessEnvironment.current
            CLILogging.bootstrapOnce(environment: environment)
            let options = try flags.live.checkOptions(
                environment: environment, statusPage: flags.statusPage, spend: false, progress: flags.output == nil)
            let result = await BaselineCapture.take(options, os: HostInfo.operatingSystem, swift: HostInfo.swiftVersion)
            if Terminal.stderrIsTerminal { LiveOutput.progress("\r\u{1B}[K") }
            return result
        }

        /// Reads a saved baseline.
        static func read(_ path: String) throws -> BaselineSnapshot {
            let input = try BoundedInput.read(path: path, headLimit: 1 << 20, tailLimit: 0)
            do {
                let snapshot = try JSONDecoder().decode(BaselineSnapshot.self, from: Data(input.bytes))
                guard snapshot.kind == "baseline", snapshot.schemaVersion <= BaselineSnapshot.currentSchemaVersion
                else {
                    throw CLIError.unreadableInput(path: path, reason: "not a baseline written by this version")
                }
                return snapshot
            } catch let error as CLIError {
                throw error
            } catch {
                throw CLIError.unreadableInput(
                    path: path, reason: "not a baseline file (save one with `openai-doctor baseline save`)")
            }
        }
    }
}
