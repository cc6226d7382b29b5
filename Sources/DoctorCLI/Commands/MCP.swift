import ArgumentParser
import DoctorCore
import DoctorProbes

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RootCommand {
    /// `openai-doctor mcp`: serve the tool to a coding agent over the Model Context Protocol (stdio).
    ///
    /// The server is the `openai-doctor-mcp` executable installed beside this one; this command
    /// replaces the process with it (same arguments, standard streams and environment). It
    /// lives apart because the MCP SDK links full Foundation and FoundationNetworking (libcurl
    /// and about 25 more shared libraries), which every other command would load at start.
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
                with --allow-host; a proxy or resolve address given in the call must be the \
                environment's, loopback, or named with --allow-host too.

                The server is the openai-doctor-mcp executable beside this one.

                Exit status: 0 when the client closed the connection, 64 for a usage error, 70 when \
                openai-doctor-mcp cannot be started.
                """
        )

        /// `--allow-host HOST`: another host `check` may send the key to.
        @Option(
            name: .customLong("allow-host"),
            help: ArgumentHelp("Another host the check tool may send the key to (repeatable).", valueName: "HOST"))
        public var allowHosts: [String] = []

        /// The server executable's name.
        public static let serverExecutable = "openai-doctor-mcp"

        /// Creates the command (ArgumentParser requirement).
        public init() {}

        /// Replaces this process with `openai-doctor-mcp`; returns only when that fails.
        public func run() async throws {
            guard let path = Self.serverPath() else { throw CLIError.mcpServerMissing }
            let arguments = [path] + allowHosts.map { "--allow-host=\($0)" }
            var pointers = arguments.map { strdup($0) } + [nil]
            execv(path, &pointers)
            let reason = String(cString: strerror(errno))
            for pointer in pointers { free(pointer) }
            throw CLIError.mcpServerNotStarted(path: path, reason: reason)
        }

        /// `openai-doctor-mcp` in this executable's folder.
        static func serverPath() -> String? {
            var buffer = [CChar](repeating: 0, count: 4096)
            #if os(Linux)
            let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
            #else
            let count = -1
            #endif
            var executable =
                count > 0
                ? String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                : CommandLine.arguments[0]
            guard let slash = executable.lastIndex(of: "/") else { return nil }
            executable = String(executable[..<slash])
            let candidate = executable + "/" + serverExecutable
            return access(candidate, X_OK) == 0 ? candidate : nil
        }
    }
}

/// The flags the MCP server's `check` tool takes: `check`'s live flags and `--status-url`.
struct CheckToolFlags: ParsableArguments {
    @OptionGroup var live: LiveOptions
    @OptionGroup var statusPage: StatusPageOption
    @OptionGroup var runtimes: RuntimeOption
}

extension LiveOptions {
    /// Resolves `check` flags (as `openai-doctor check` would parse them) into the probes'
    /// options: the one resolution the live commands and the MCP server's `check` tool share.
    ///
    /// - Throws: ``CLIError/usage(_:)`` with the flag parser's message for a bad flag or value,
    ///   ``CLIError/unreadableInput(path:reason:)`` when `.env` or `--cacert` cannot be read.
    public static func checkOptions(
        flags: [String], environment: [String: String], spend: Bool = false
    ) throws(CLIError) -> CheckOptions {
        let parsed: CheckToolFlags
        do {
            parsed = try CheckToolFlags.parse(flags)
        } catch {
            throw CLIError.usage(CheckToolFlags.message(for: error))
        }
        do {
            var options = try parsed.live.checkOptions(
                environment: environment, statusPage: parsed.statusPage, spend: spend)
            options.runtimes = parsed.runtimes.requests
            return options
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError.usage("\(error)")
        }
    }
}
