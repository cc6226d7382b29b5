import ArgumentParser
import DoctorCore
import DoctorProbes

/// The flags every live command shares (docs/product.md): endpoint, identifiers, key variable,
/// proxy, `--resolve`, `--cacert` and the run's bound (the status page is ``StatusPageOption``). How a command writes
/// its result is not here: each command takes the output flags it honours (``ReportOutputOptions``
/// for `check` and `verify`, `--format`/`--output` for `baseline`, none for `monitor`), so no
/// help lists a flag its command ignores.
///
/// ```swift
/// struct Check: AsyncParsableCommand {
///     @OptionGroup var live: LiveOptions
/// }
/// ```
public struct LiveOptions: ParsableArguments, Sendable {
    /// `--base-url URL`.
    @Option(
        name: .customLong("base-url"),
        help: ArgumentHelp(CheckToolOption.baseURL.help))
    public var baseURL: String?

    /// `--model ID` (the deployment name on Azure).
    @Option(help: ArgumentHelp(CheckToolOption.model.help))
    public var model: String?

    /// `--org ID`.
    @Option(help: ArgumentHelp(CheckToolOption.org.help))
    public var org: String?

    /// `--project ID`.
    @Option(help: ArgumentHelp(CheckToolOption.project.help))
    public var project: String?

    /// `--key-env NAME`.
    @Option(name: .customLong("key-env"), help: ArgumentHelp(CheckToolOption.keyEnv.help))
    public var keyEnv: String?

    /// `--proxy URL`.
    @Option(help: ArgumentHelp(CheckToolOption.proxy.help))
    public var proxy: String?

    /// `--no-proxy`.
    @Flag(name: .customLong("no-proxy"), help: ArgumentHelp(CheckToolOption.noProxy.help))
    public var noProxy: Bool = false

    /// `--resolve HOST:PORT:ADDR` (repeatable).
    @Option(
        help: ArgumentHelp(
            CheckToolOption.resolve.help, valueName: "host:port:addr"))
    public var resolve: [String] = []

    /// `--cacert FILE`.
    @Option(help: ArgumentHelp(CheckToolOption.cacert.help))
    public var cacert: String?

    /// `--timeout SECONDS`.
    @Option(help: ArgumentHelp(CheckToolOption.timeout.help))
    public var timeout: Double = 20

    /// `--no-dotenv`.
    @Flag(name: .customLong("no-dotenv"), help: ArgumentHelp(CheckToolOption.noDotenv.help))
    public var noDotenv: Bool = false

    /// Creates the options (ArgumentParser requirement).
    public init() {}

    /// Checks values that parse but make no sense.
    public func validate() throws {
        guard timeout > 0, timeout <= 3600 else {
            throw ValidationError("--timeout must be between 0 and 3600 seconds")
        }
        for entry in resolve where ResolveOverride(parsing: entry) == nil {
            throw ValidationError("--resolve \(entry): expected HOST:PORT:ADDR (curl's form)")
        }
    }

    /// The flags as configuration inputs.
    public var inputs: LiveInputs {
        LiveInputs(
            baseURL: baseURL, model: model, organization: org, project: project, keyEnv: keyEnv, proxy: proxy,
            noProxy: noProxy)
    }

    /// The run's bound as a duration.
    public var timeoutDuration: Duration { .milliseconds(Int64(timeout * 1000)) }
}
