import ArgumentParser

/// The one edge between the commands and the process: it parses, runs the command, and turns
/// whatever the command threw into what a person sees: ``CLIError/message`` on standard error
/// and ``CLIError/exitCode``.
///
/// Commands throw ``CLIError`` values and never print a failure themselves. Everything else
/// goes to ArgumentParser as it always did: a usage error prints its message and the usage
/// (exit 64), an `ExitCode` (a verdict, see ``CommandOutput``) exits silently, and an
/// unexpected error prints `Error: …` (exit 1).
///
/// ```swift
/// @main struct Entrypoint {
///     static func main() async { await CommandEdge.main(RootCommand.self) }
/// }
/// ```
public enum CommandEdge {
    /// Parses the command line (or `arguments`) as `root` or one of its subcommands, runs it,
    /// and exits through the one mapping from errors to messages and exit codes.
    public static func main<Root: AsyncParsableCommand>(_ root: Root.Type, arguments: [String]? = nil) async {
        do {
            var command = try await root.asyncParseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            root.exit(withError: report(error))
        }
    }

    /// Writes a ``CLIError``'s message on standard error and returns its exit code; any other
    /// error is returned unchanged, for ArgumentParser to report.
    static func report(_ error: any Error) -> any Error {
        guard let failure = error as? CLIError else { return error }
        if let message = failure.message { Terminal.err(message) }
        return failure.exitCode
    }

    /// Reports a failure that does not end the command (one input of several): its message now,
    /// in order with the command's other lines on standard error, through the same mapping.
    static func reportAndContinue(_ failure: CLIError) {
        if let message = failure.message { Terminal.err(message) }
    }
}
