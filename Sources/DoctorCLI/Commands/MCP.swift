import ArgumentParser
import Logging
import DoctorCore
import DoctorMCP
import DoctorProbes

extension RootCommand {
    /// `openai-doctor mcp`: serve the tool to a coding agent over the Model Context Protocol (stdio).
    public struct MCP: AsyncParsableCommand {
        /// The command's configuration.
        public static let configuration = CommandConfiguration(
            commandName: "mcp",
            abstract: "Serve explain, check, redact, audit and cause descriptions to a coding agent (MCP over stdio).",
            discussion: """
                A Model Context Protocol server on standard input and output, for an agent's MCP \
                configuration (command `openai-doctor`, arguments `mcp`). Tools: explain (text, status, \
                headers), check (base_url, model, org, project, key_env, proxy, no_proxy, resolve, cacert, \
                timeout, status_url, no_dotenv), redact (text, emails), audit (path, no_ignore, \
                credentials_only) and describe_cause (cause). All are read-only; results are the JSON of \
                the matching command's --format json. Keys appear only as fingerprints. Logs go to \
                standard error (OPENAI_DOCTOR_LOG_LEVEL), redacted.

                check sends the key only to the configured endpoint (OPENAI_BASE_URL, \
                AZURE_OPENAI_ENDPOINT, .env), api.openai.com, Azure OpenAI, loopback, or a host named \
                with --allow-host.

                Exit status: 0 when the client closed the connection, 64 for a usage error.
                """
        )

        /// `--allow-host HOST`: another host `check` may send the key to.
        @Option(name: .customLong("allow-host"), help: ArgumentHelp("Another host the check tool may send the key to (repeatable).", valueName: "HOST"))
        public var allowHosts: [String] = []

        /// Creates the command (ArgumentParser requirement).
        public init() {}

        /// Serves until the client closes standard input.
        public func run() async throws {
            let environment = ProcessEnvironment.current
            CLILogging.bootstrapOnce(environment: environment)
            let server = DoctorMCPServer(configuration: Self.serverConfiguration(environment: environment, allowedHosts: allowHosts))
            do {
                try await server.serveStandardIO()
            } catch {
                Terminal.err("openai-doctor: mcp: \(Redactor.redact("\(error)"))")
                throw ExitCodes.internalError
            }
        }

        /// The server's configuration: this tool's identity, and `check` arguments resolved
        /// exactly as `check`'s flags are (``LiveOptions`` parsing and validation, `.env`, `--cacert`).
        public static func serverConfiguration(environment: [String: String], allowedHosts: [String] = []) -> DoctorMCPServer.Configuration {
            DoctorMCPServer.Configuration(
                name: ToolInfo.name, version: ToolInfo.version, environment: environment, allowedHosts: allowedHosts,
                resolveCheck: { arguments in try checkOptions(arguments, environment: environment) })
        }

        /// `arguments` as `check` would take them from its command line.
        ///
        /// - Throws: ``ToolCallError`` naming the argument, with the CLI's own message.
        public static func checkOptions(_ arguments: CheckArguments, environment: [String: String]) throws -> CheckOptions {
            let live: LiveOptions
            do {
                live = try LiveOptions.parse(arguments.commandLine)
            } catch {
                throw Self.toolError(LiveOptions.message(for: error))
            }
            do {
                return try live.checkOptions(environment: environment, spend: false)
            } catch let error as CLIError {
                throw Self.toolError("\(error)")
            }
        }

        /// A CLI message about flags, reworded with the tool's argument names.
        static func toolError(_ message: String) -> ToolCallError {
            var text = message
            var argument: String?
            for (flag, name) in [
                ("--base-url", "base_url"), ("--key-env", "key_env"), ("--no-proxy", "no_proxy"),
                ("--status-url", "status_url"), ("--no-dotenv", "no_dotenv"), ("--timeout", "timeout"),
                ("--resolve", "resolve"), ("--cacert", "cacert"), ("--proxy", "proxy"), ("--model", "model"),
                ("--org", "org"), ("--project", "project"),
            ] where text.contains(flag) {
                text = text.replacingOccurrences(of: flag, with: name)
                argument = argument ?? name
            }
            return ToolCallError(argument: argument, text)
        }
    }
}

extension String {
    /// `self` with every `target` replaced by `replacement` (FoundationEssentials has no such call on Linux).
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
