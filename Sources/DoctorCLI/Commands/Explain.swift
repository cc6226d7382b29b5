import ArgumentParser

extension RootCommand {
    /// `openai-doctor explain` (being written).
    public struct Explain: AsyncParsableCommand {
        /// The command's configuration.
        public static let configuration = CommandConfiguration(abstract: "(being written)")

        /// Creates the command (ArgumentParser requirement).
        public init() {}
    }
}
