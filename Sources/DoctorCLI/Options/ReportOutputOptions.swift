import ArgumentParser

/// `--format`, `--output` and `--color` of the commands that write a report (`check`, `verify`).
public struct ReportOutputOptions: ParsableArguments, Sendable {
    /// `--format text|json|markdown|html`.
    @Option(help: "Output format.")
    public var format: OutputFormat = .text

    /// `--output FILE`.
    @Option(help: "Write the output to FILE instead of standard output.")
    public var output: String?

    /// `--color auto|always|never`.
    @Option(help: "Colour: auto (terminal and no NO_COLOR), always, never.")
    public var color: ColorMode = .auto

    /// Creates the options (ArgumentParser requirement).
    public init() {}

    /// Whether to colour: text to a terminal, `--color` and `NO_COLOR` permitting.
    public func colors(environment: [String: String]) -> Bool {
        output == nil && format == .text
            && color.enabled(environment: environment, isTerminal: Terminal.stdoutIsTerminal)
    }
}
