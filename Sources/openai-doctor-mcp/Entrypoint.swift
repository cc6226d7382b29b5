import ArgumentParser
import DoctorCLI
import DoctorCore
import DoctorMCP

/// `openai-doctor-mcp`: the MCP server that `openai-doctor mcp` starts (see ``DoctorMCPServer``).
@main
struct OpenAIDoctorMCP: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openai-doctor-mcp",
        abstract: "The MCP server of openai-doctor over stdio (run it as `openai-doctor mcp`).",
        version: ToolInfo.version
    )

    /// `--allow-host HOST`: another host `check` may send the key to.
    @Option(name: .customLong("allow-host"), help: ArgumentHelp("Another host the check tool may send the key to (repeatable).", valueName: "HOST"))
    var allowHosts: [String] = []

    /// Serves until the client closes standard input.
    func run() async throws {
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

    /// This tool's identity, and `check` arguments resolved exactly as `check`'s flags are.
    static func serverConfiguration(environment: [String: String], allowedHosts: [String]) -> DoctorMCPServer.Configuration {
        DoctorMCPServer.Configuration(
            name: ToolInfo.name, version: ToolInfo.version, environment: environment, allowedHosts: allowedHosts,
            resolveCheck: DoctorMCPServer.commandLineResolver { flags in
                try LiveOptions.checkOptions(flags: flags, environment: environment)
            })
    }
}
