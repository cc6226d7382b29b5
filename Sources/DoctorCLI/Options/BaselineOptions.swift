import ArgumentParser
import DoctorCore
import DoctorProbes

/// The flags `baseline save` and `baseline compare` both take: the live flags, `--status-url`,
/// `--format text|json|markdown` (no HTML page for a baseline), `--output` and `--file`.
public struct BaselineOptions: ParsableArguments, Sendable {
    /// The shared live flags.
    @OptionGroup public var live: LiveOptions

    /// `--status-url`.
    @OptionGroup public var statusPage: StatusPageOption

    /// `--format text|json|markdown`.
    @Option(help: "Output format.")
    public var format: DocumentFormat = .text

    /// `--output FILE`.
    @Option(help: "Write the output to FILE instead of standard output.")
    public var output: String?

    /// The baseline file: where `save` writes, what `compare` reads.
    @Option(help: "The baseline file.")
    public var file: String = RootCommand.Baseline.defaultFile

    /// Creates the options (ArgumentParser requirement).
    public init() {}
}
