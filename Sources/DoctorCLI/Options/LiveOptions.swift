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
        help: "API base URL (default: OPENAI_BASE_URL, AZURE_OPENAI_ENDPOINT, or https://api.openai.com/v1).")
    public var baseURL: String?

    /// `--model ID` (the deployment name on Azure).
    @Option(help: "Model to probe (on Azure: the deployment name).")
    public var model: String?

    /// `--org ID`.
    @Option(help: "Organization id to send (default: OPENAI_ORG_ID).")
    public var org: String?

    /// `--project ID`.
    @Option(help: "Project id to send (default: OPENAI_PROJECT_ID).")
    public var project: String?

    /// `--key-env NAME`.
    @Option(name: .customLong("key-env"), help: "Read the key from this environment variable.")
    public var keyEnv: String?

    /// `--proxy URL`.
    @Option(help: "Proxy URL (overrides the environment; NO_PROXY still applies, as in curl).")
    public var proxy: String?

    /// `--no-proxy`.
    @Flag(name: .customLong("no-proxy"), help: "Use no proxy at all.")
    public var noProxy: Bool = false

    /// `--resolve HOST:PORT:ADDR` (repeatable).
    @Option(
        help: ArgumentHelp(
            "Use ADDR for HOST:PORT instead of DNS (curl semantics, repeatable).", valueName: "host:port:addr"))
    public var resolve: [String] = []

    /// `--cacert FILE`.
    @Option(help: "Extra trusted CA certificate(s), PEM, added to the system store.")
    public var cacert: String?

    /// `--timeout SECONDS`.
    @Option(help: "Bound on the whole run, in seconds.")
    public var timeout: Double = 20

    /// `--no-dotenv`.
    @Flag(name: .customLong("no-dotenv"), help: "Do not read .env from the working directory.")
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
