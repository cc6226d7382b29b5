import ArgumentParser

extension RootCommand {
    /// `openai-doctor check` (not built yet: see the open issues).
    public struct Check: AsyncParsableCommand {
        /// The command's configuration.
        public static let configuration = CommandConfiguration(abstract: "(not built yet)")

        /// Creates the command (ArgumentParser requirement).
        public init() {}

        /// Reports that the command does not exist yet.
        public func run() async throws {
            throw CLIError.notBuiltYet("check")
        }
    }
}
