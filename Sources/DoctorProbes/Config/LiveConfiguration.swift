import DoctorCore

/// One setting's value and where it came from.
public struct SettingValue: Sendable, Equatable {
    /// The value as read (not trimmed: damage is for the checks to find).
    public var value: String
    /// Where it came from: `flag --org`, `env OPENAI_ORG_ID`, `.env:3 OPENAI_ORG_ID`, `default`.
    public var source: String

    /// Creates a setting value.
    public init(value: String, source: String) {
        self.value = value
        self.source = source
    }
}

/// What the live commands are told on the command line (before the environment is consulted).
public struct LiveInputs: Sendable, Equatable {
    /// `--base-url`.
    public var baseURL: String?
    /// `--model` (the deployment name in Azure mode).
    public var model: String?
    /// `--org`.
    public var organization: String?
    /// `--project`.
    public var project: String?
    /// `--key-env NAME`: read the key from this variable instead of the default.
    public var keyEnv: String?
    /// `--proxy URL`.
    public var proxy: String?
    /// `--no-proxy`.
    public var noProxy: Bool

    /// Creates inputs; every flag is optional.
    public init(
        baseURL: String? = nil, model: String? = nil, organization: String? = nil, project: String? = nil,
        keyEnv: String? = nil, proxy: String? = nil, noProxy: Bool = false
    ) {
        self.baseURL = baseURL
        self.model = model
        self.organization = organization
        self.project = project
        self.keyEnv = keyEnv
        self.proxy = proxy
        self.noProxy = noProxy
    }
}

/// The configuration a live run uses, resolved from flags, the environment and `.env`, with the
/// source of every value.
///
/// Precedence, as the official SDKs have it: flag, then the real environment, then `.env`
/// (which never overrides the real environment). Azure mode starts when `AZURE_OPENAI_ENDPOINT`
/// is set (and no `--base-url` says otherwise) or the base URL is an Azure host.
///
/// ```swift
/// let config = LiveConfiguration.resolve(LiveInputs(), environment: ProcessEnv, dotenv: nil)
/// config.key?.source  // "env OPENAI_API_KEY"
/// ```
public struct LiveConfiguration: Sendable, Equatable {
    /// The API key, if one was found.
    public var key: SettingValue?
    /// The variable the key was looked for in (`OPENAI_API_KEY`, `AZURE_OPENAI_API_KEY`, or `--key-env`).
    public var keyVariable: String
    /// The base URL as given (or the default).
    public var baseURL: SettingValue
    /// The parsed base URL, `nil` when it cannot be parsed.
    public var endpoint: EndpointURL?
    /// The API flavour.
    public var flavor: CheckTarget.Flavor
    /// The organization id to send.
    public var organization: SettingValue?
    /// The project id to send.
    public var project: SettingValue?
    /// The model (Azure: deployment) to probe.
    public var model: SettingValue?
    /// The Azure `api-version`.
    public var apiVersion: SettingValue?
    /// The proxy for the API host under curl's rules.
    public var proxy: ProxySelection
    /// The environment the run sees: the real one plus `.env` names it lacks.
    public var environment: [String: String]
    /// The `.env` file's path, when one was read.
    public var dotenvPath: String?
    /// The `--proxy` flag, to choose proxies for other hosts (the status page) the same way.
    public var flagProxy: String?
    /// The `--no-proxy` flag.
    public var noProxyFlag: Bool = false

    /// The proxy curl would use for another URL under the same environment and flags.
    public func proxy(for url: EndpointURL) -> ProxySelection {
        ProxySelection.select(for: url, environment: environment, flagProxy: flagProxy, noProxyFlag: noProxyFlag)
    }

    /// The default OpenAI base URL.
    public static let defaultBaseURL = "https://api.openai.com/v1"
    /// The Azure `api-version` used when none is set (a GA version listing models and deployments).
    public static let defaultAzureAPIVersion = "2024-10-21"

    /// Resolves the configuration.
    ///
    /// - Parameters:
    ///   - inputs: The command-line flags.
    ///   - environment: The real process environment.
    ///   - dotenv: The parsed `.env` file, if one was read.
    ///   - dotenvPath: Its path, for the sources.
    /// - Returns: The resolved configuration.
    public static func resolve(
        _ inputs: LiveInputs, environment: [String: String], dotenv: DotEnv? = nil, dotenvPath: String? = nil
    ) -> LiveConfiguration {
        var merged = environment
        var dotenvSources: [String: String] = [:]
        for entry in dotenv?.entries ?? [] where environment[entry.name] == nil {
            if let value = entry.value {
                merged[entry.name] = value
                dotenvSources[entry.name] = ".env:\(entry.line) \(entry.name)"
            }
        }
        func lookup(_ name: String) -> SettingValue? {
            guard let value = merged[name] else { return nil }
            return SettingValue(value: value, source: dotenvSources[name] ?? "env \(name)")
        }
        func flag(_ value: String?, _ name: String) -> SettingValue? {
            value.map { SettingValue(value: $0, source: "flag \(name)") }
        }

        let azureEndpoint = lookup("AZURE_OPENAI_ENDPOINT").flatMap { $0.value.isEmpty ? nil : $0 }
        let baseURL: SettingValue
        if let given = flag(inputs.baseURL, "--base-url") {
            baseURL = given
        } else if let openaiBase = lookup("OPENAI_BASE_URL"), !openaiBase.value.isEmpty {
            baseURL = openaiBase
        } else if let azureEndpoint {
            baseURL = azureEndpoint
        } else {
            baseURL = SettingValue(value: defaultBaseURL, source: "default")
        }
        let endpoint = EndpointURL(baseURL.value.trimmed(lineEnds: true))
        let flavor: CheckTarget.Flavor
        if let endpoint, BaseURLCheck.isAzureHost(endpoint.host) {
            flavor = .azure
        } else if let endpoint, OpenAIHosts.isAPIHost(endpoint.host) {
            flavor = .openai
        } else {
            flavor = .compatible
        }

        let keyVariable =
            inputs.keyEnv
            ?? (flavor == .azure && merged["AZURE_OPENAI_API_KEY"] != nil ? "AZURE_OPENAI_API_KEY" : "OPENAI_API_KEY")
        var key = lookup(keyVariable)
        if let value = key?.value, value.isEmpty { key = nil }
        if inputs.keyEnv != nil, let found = key { key?.source = found.source + " (--key-env)" }

        let organization =
            flag(inputs.organization, "--org") ?? lookup("OPENAI_ORG_ID") ?? lookup("OPENAI_ORGANIZATION")
        let project = flag(inputs.project, "--project") ?? lookup("OPENAI_PROJECT_ID")
        let model =
            flag(inputs.model, "--model")
            ?? (flavor == .azure ? lookup("AZURE_OPENAI_DEPLOYMENT") ?? lookup("AZURE_OPENAI_DEPLOYMENT_NAME") : nil)
        var apiVersion: SettingValue?
        if flavor == .azure {
            apiVersion = lookup("OPENAI_API_VERSION") ?? SettingValue(value: defaultAzureAPIVersion, source: "default")
        }

        let proxy: ProxySelection
        if let endpoint {
            proxy = ProxySelection.select(
                for: endpoint, environment: merged, flagProxy: inputs.proxy, noProxyFlag: inputs.noProxy)
        } else {
            proxy = ProxySelection(proxy: nil, source: "none")
        }
        return LiveConfiguration(
            key: key, keyVariable: keyVariable, baseURL: baseURL, endpoint: endpoint, flavor: flavor,
            organization: organization.flatMap { $0.value.isEmpty ? nil : $0 },
            project: project.flatMap { $0.value.isEmpty ? nil : $0 }, model: model, apiVersion: apiVersion,
            proxy: proxy, environment: merged, dotenvPath: dotenv == nil ? nil : dotenvPath, flagProxy: inputs.proxy,
            noProxyFlag: inputs.noProxy)
    }

    /// Where each setting came from, for the report's `target.sources`.
    public var sources: [String: String] {
        var result: [String: String] = ["base_url": baseURL.source, "proxy": proxy.source]
        result["key"] = key?.source ?? "not found (\(keyVariable))"
        if let organization { result["organization"] = organization.source }
        if let project { result["project"] = project.source }
        if let model { result["model"] = model.source }
        if let apiVersion { result["api_version"] = apiVersion.source }
        if let dotenvPath { result["dotenv"] = dotenvPath }
        return result
    }
}
