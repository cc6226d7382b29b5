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
            guard let path = Self.serverPath() else {
                let command = Self.executablePath().flatMap {
                    Self.serverBuildCommand(executable: $0, fileExists: { access($0, F_OK) == 0 })
                }
                throw CLIError.mcpServerMissing(buildCommand: command)
            }
            let arguments = [path] + allowHosts.map { "--allow-host=\($0)" }
            var pointers = arguments.map { strdup($0) } + [nil]
            execv(path, &pointers)
            let reason = String(cString: strerror(errno))
            for pointer in pointers { free(pointer) }
            throw CLIError.mcpServerNotStarted(path: path, reason: reason)
        }

        /// `openai-doctor-mcp` in this executable's folder.
        static func serverPath() -> String? {
            guard let executable = executablePath(), let slash = executable.lastIndex(of: "/") else { return nil }
            let candidate = String(executable[..<slash]) + "/" + serverExecutable
            return access(candidate, X_OK) == 0 ? candidate : nil
        }

        /// This executable's path (symbolic links resolved on Linux); `nil` when only a bare name is known.
        static func executablePath() -> String? {
            var buffer = [CChar](repeating: 0, count: 4096)
            #if os(Linux)
            let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
            #else
            let count = -1
            #endif
            let executable =
                count > 0
                ? String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                : CommandLine.arguments[0]
            return executable.contains("/") ? executable : nil
        }

        /// The command that builds `openai-doctor-mcp` beside `executable` when `executable` lies
        /// in a SwiftPM build folder of a checkout (`PACKAGE/.build/TRIPLE/CONFIGURATION/`, or a
        /// scratch path of its own under the package, such as `.build/static`); `nil` elsewhere.
        ///
        /// The command names the package and, when they are not the defaults, the configuration
        /// and the scratch path, so it builds into the very folder `openai-doctor` runs from:
        /// `swift build --package-path /src/openai-doctor --product openai-doctor-mcp`.
        public static func serverBuildCommand(executable: String, fileExists: (String) -> Bool) -> String? {
            var parts = executable.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 4, parts.first == "" else { return nil }
            parts.removeLast()  // the executable's own name
            let configuration = parts.removeLast()
            guard configuration == "debug" || configuration == "release" else { return nil }
            // The real folder is TRIPLE/CONFIGURATION; `.build/debug` is SwiftPM's link to it.
            if let triple = parts.last, triple.contains("-"), triple != ".build" { parts.removeLast() }
            let scratch = parts.joined(separator: "/")
            // The package: the nearest folder above the scratch path that holds Package.swift.
            var package = parts
            var found: String?
            while package.count > 1, found == nil {
                package.removeLast()
                let folder = package.joined(separator: "/")
                if fileExists(folder + "/Package.swift") { found = folder.isEmpty ? "/" : folder }
            }
            guard let root = found, scratch.hasPrefix(root == "/" ? "/" : root + "/") else { return nil }
            var command = ["swift", "build"]
            if configuration == "release" { command += ["-c", "release"] }
            command += ["--package-path", shellQuoted(root)]
            if scratch != (root == "/" ? "" : root) + "/.build" { command += ["--scratch-path", shellQuoted(scratch)] }
            command += ["--product", serverExecutable]
            return command.joined(separator: " ")
        }

        /// `text` as one shell word: as it is when it needs no quoting, else in single quotes.
        static func shellQuoted(_ text: String) -> String {
            let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "/._-+:@%=,".contains($0) }
            return plain && !text.isEmpty ? text : "'" + text.replacing("'", with: "'\\''") + "'"
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
