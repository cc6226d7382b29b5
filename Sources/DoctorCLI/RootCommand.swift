import ArgumentParser

/// The `openai-doctor` command: tells why OpenAI API calls fail. With no subcommand it runs `check`.
public struct RootCommand: AsyncParsableCommand {
    /// The command tree.
    public static let configuration = CommandConfiguration(
        commandName: "openai-doctor",
        abstract: "Tell why OpenAI API calls fail: which layer refused, what to do, and a report safe to share.",
        version: ToolInfo.version,
        subcommands: [
            Check.self,
            Explain.self,
            Verify.self,
            Baseline.self,
            Report.self,
            Redact.self,
            Audit.self,
            Mock.self,
            Monitor.self,
            MCP.self,
        ],
        defaultSubcommand: Check.self
    )

    /// Creates the root command (ArgumentParser requirement).
    public init() {}
}
