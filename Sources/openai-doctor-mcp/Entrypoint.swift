import ArgumentParser
import DoctorCLI
import DoctorCore
import DoctorMCP

/// `openai-doctor-mcp`: the MCP server that `openai-doctor mcp` starts (see ``DoctorMCPServer``).
///
/// Its failures go through the CLI's one error edge, as `openai-doctor`'s do.
@main
struct OpenAIDoctorMCP: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openai-doctor-mcp",
        abstract: "The MCP server of openai-doctor over stdio (run it as `openai-doctor mcp`).",
        version: ToolInfo.version
    )

    /// `--allow-host HOST`: another host `check` may send the key to.
    @Option(
        name: .customLong("allow-host"),
        help: ArgumentHelp("Another host the check tool may send the key to (repeatable).", valueName: "HOST"))
    var allowHosts: [String] = []

    /// Serves until the client closes standard input.
    func run() async throws {
        let environment = ProcessEnvironment.current
        CLILogging.bootstrapOnce(environment: environment)
        let server = DoctorMCPServer(
            configuration: Self.serverConfiguration(environment: environment, allowedHosts: allowHosts))
        do {
            try await server.serveStandardIO()
        } catch {
            throw CLIError.mcpServerFailed(error)
        }
    }

    /// Runs through the CLI's one error edge (``DoctorCLI/CommandEdge``).
    static func main() async {
        await CommandEdge.main(Self.self)
    }

    /// This tool's identity, and `check` arguments resolved exactly as `check`'s flags are.
    static func serverConfiguration(
        environment: [String: String], allowedHosts: [String]
    ) -> DoctorMCPServer.Configuration {
        DoctorMCPServer.Configuration(
            name: ToolInfo.name, version: ToolInfo.version, environment: environment, allowedHosts: allowedHosts,
            resolveCheck: DoctorMCPServer.commandLineResolver { flags in
                try LiveOptions.checkOptions(flags: flags, environment: environment)
            })
    }
}
