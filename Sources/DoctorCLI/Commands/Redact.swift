import ArgumentParser
import DoctorCore
import DoctorScan

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension RootCommand {
    /// `openai-doctor redact [FILE...|-] [-o OUT] [--in-place]`: make logs, HAR files and dumps safe to share.
    public struct Redact: AsyncParsableCommand {
        /// The command's configuration.
        public static let configuration = CommandConfiguration(
            commandName: "redact",
            abstract: "Make logs, HAR files and HTTP dumps safe to share: secrets out, request ids kept.",
            discussion: """
                Replaces every API key (all OpenAI shapes, and Anthropic, Google, Groq, OpenRouter, xAI, \
                Hugging Face and Perplexity keys), Authorization, Proxy-Authorization, api-key, Cookie and \
                Set-Cookie values in any letter case, Bearer tokens, sess- tokens, URL passwords and \
                ?api_key= parameters with a token: keys become their fingerprint plus a short hash \
                (sk-proj-…a1B2#3f9c0d), other secrets [REDACTED:cookie#51e07a]. The same secret gives the \
                same token throughout one run. Request ids, cf-ray ids, timestamps and status codes stay; \
                the line count never changes. HAR files are rewritten by structure and stay valid JSON. \
                Input of any size is streamed with flat memory.

                Exit status: 0 when the output was written, 64 for a usage error, 66 when an input \
                cannot be read (binary files are refused).
                """
        )

        /// The inputs; none or `-` reads standard input.
        @Argument(help: "Files to redact, or - for standard input (the default).")
        public var files: [String] = []

        /// Where to write; standard output by default.
        @Option(
            name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Write to FILE instead of standard output.", valueName: "FILE"))
        public var output: String?

        /// Rewrite each file in place.
        @Flag(help: "Rewrite each file in place (through a temporary file and an atomic rename).")
        public var inPlace = false

        /// Also redact email addresses.
        @Flag(help: "Also replace email addresses.")
        public var emails = false

        /// No summary on standard error.
        @Flag(name: .shortAndLong, help: "Do not print the summary on standard error.")
        public var quiet = false

        /// Creates the command (ArgumentParser requirement).
        public init() {}

        /// Checks flag combinations.
        public func validate() throws {
            if inPlace && output != nil { throw ValidationError("--in-place and --output exclude each other.") }
            if inPlace && (files.isEmpty || files.contains("-")) {
                throw ValidationError("--in-place needs files; standard input cannot be rewritten.")
            }
            if let output, output != "-", files.contains(output) {
                throw ValidationError("--output must not be one of the inputs (use --in-place).")
            }
        }

        /// Redacts each input. An input that cannot be redacted is reported as it comes and the
        /// others still are (exit 66 at the end); an output that fails midway ends the run (exit 70).
        public func run() async throws {
            let scanner = SecretScanner(options: .init(emails: emails))
            let inputs = files.isEmpty ? ["-"] : files
            var failed = false
            if inPlace {
                for path in inputs {
                    do {
                        let summary = try await StreamRedactor.redactInPlace(path, scanner: scanner)
                        report(path, summary)
                    } catch {
                        CommandEdge.reportAndContinue(.inputNotRedacted(error))
                        failed = true
                    }
                }
                if failed { throw ExitCodes.inputUnreadable }
                return
            }
            let out: OutputFile
            if let output, output != "-" {
                do {
                    out = try OutputFile(creating: output)
                } catch {
                    throw CLIError.redactionOutputNotCreated(error)
                }
            } else {
                out = OutputFile()
            }
            for path in inputs {
                do {
                    let summary = try await StreamRedactor.redact(path: path, to: out, scanner: scanner)
                    report(path, summary)
                } catch let error as FileIOError where error.operation == "write" {
                    throw CLIError.redactionOutputFailed(error)
                } catch {
                    CommandEdge.reportAndContinue(.inputNotRedacted(error))
                    failed = true
                }
            }
            do {
                try out.close()
            } catch {
                throw CLIError.redactionOutputFailed(error)
            }
            if failed { throw ExitCodes.inputUnreadable }
        }

        private func report(_ path: String, _ summary: RedactionSummary) {
            guard !quiet else { return }
            let name = path == "-" ? "standard input" : path
            let detail = summary.replaced.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(
                separator: ", ")
            Terminal.err(
                "redacted \(summary.total) secret\(summary.total == 1 ? "" : "s") in \(name)"
                    + (detail.isEmpty ? "" : " (\(detail))") + "; \(summary.lines) lines")
        }
    }
}
