/// Every live option of `check` that the MCP `check` tool also takes, declared once: its tool
/// argument name (the raw value), its command-line flag, the kind of value, and its help.
///
/// The CLI's flags take their help from here, and the MCP side derives everything from it: the
/// tool's argument names and schema, the reading of a call's arguments, their translation to
/// `check` flags, and the rewording of a flag's error with the argument's name. A new live option
/// is one case here (and, for the CLI, the one property ArgumentParser needs, with this help).
///
/// ```swift
/// CheckToolOption.runtime.flag       // "--runtime"
/// CheckToolOption.runtime.kind       // .strings
/// ```
public enum CheckToolOption: String, Sendable, CaseIterable, Hashable {
    /// `--base-url URL`.
    case baseURL = "base_url"
    /// `--model ID`.
    case model
    /// `--org ID`.
    case org
    /// `--project ID`.
    case project
    /// `--key-env NAME`.
    case keyEnv = "key_env"
    /// `--proxy URL`.
    case proxy
    /// `--no-proxy`.
    case noProxy = "no_proxy"
    /// `--resolve HOST:PORT:ADDR`, repeatable.
    case resolve
    /// `--cacert FILE`.
    case cacert
    /// `--timeout SECONDS`.
    case timeout
    /// `--status-url URL`.
    case statusURL = "status_url"
    /// `--no-dotenv`.
    case noDotenv = "no_dotenv"
    /// `--runtime NAME[=PATH]`, repeatable: the user's own runtimes probed beside `check`.
    case runtime

    /// The kind of value an option takes.
    public enum Kind: Sendable, Equatable {
        /// One string.
        case string
        /// A list of strings (a repeatable flag).
        case strings
        /// A number.
        case number
        /// A flag without value (a boolean argument).
        case flag
    }

    /// The command-line flag (`--base-url`).
    public var flag: String { "--" + rawValue.replacing("_", with: "-") }

    /// The kind of value.
    public var kind: Kind {
        switch self {
        case .noProxy, .noDotenv: return .flag
        case .resolve, .runtime: return .strings
        case .timeout: return .number
        default: return .string
        }
    }

    /// The help, for `--help` and the tool's schema.
    public var help: String {
        switch self {
        case .baseURL:
            return "API base URL (default: OPENAI_BASE_URL, AZURE_OPENAI_ENDPOINT, or https://api.openai.com/v1)."
        case .model: return "Model to probe (on Azure: the deployment name)."
        case .org: return "Organization id to send (default: OPENAI_ORG_ID)."
        case .project: return "Project id to send (default: OPENAI_PROJECT_ID)."
        case .keyEnv: return "Read the key from this environment variable (default: OPENAI_API_KEY)."
        case .proxy: return "Proxy URL (overrides the environment; NO_PROXY still applies, as in curl)."
        case .noProxy: return "Use no proxy at all."
        case .resolve: return "Use ADDR for HOST:PORT instead of DNS (curl semantics, repeatable)."
        case .cacert: return "Extra trusted CA certificate(s), PEM, added to the system store."
        case .timeout: return "Bound on the whole run, in seconds."
        case .statusURL: return "Status page base URL (default: https://status.openai.com)."
        case .noDotenv: return "Do not read .env from the working directory."
        case .runtime:
            return "Also run the same zero-cost probe through your own runtime: python, node, java, curl, or all "
                + "(repeatable; NAME=PATH picks an interpreter), and name what makes it differ from check."
        }
    }

    /// The command-line flags of `values` (`--name=value`, so no value is read as a flag), in declaration order.
    public static func commandLine(_ values: [CheckToolOption: [String]]) -> [String] {
        var flags: [String] = []
        for option in allCases {
            guard let given = values[option] else { continue }
            switch option.kind {
            case .flag: if given.first == "true" { flags.append(option.flag) }
            default: for value in given { flags.append("\(option.flag)=\(value)") }
            }
        }
        return flags
    }
}
