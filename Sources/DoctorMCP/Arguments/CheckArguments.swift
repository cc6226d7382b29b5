import DoctorProbes

/// The arguments of the `check` tool: the live flags of `openai-doctor check`, by their
/// snake_case names, as ``CheckToolOption`` declares them once. Output flags (`--format`,
/// `--output`, `--color`) have no place here: the result is always the JSON report. `--spend` is
/// not offered: the tool is read-only and free.
public struct CheckArguments: Sendable, Equatable {
    /// Every argument given, by option: one string per value (`"true"` for a flag that is set).
    public var values: [CheckToolOption: [String]] = [:]

    /// Creates empty arguments (every default).
    public init() {}

    /// `base_url` (`--base-url`).
    public var baseURL: String? {
        get { values[.baseURL]?.first }
        set { values[.baseURL] = newValue.map { [$0] } }
    }
    /// `proxy` (`--proxy`).
    public var proxy: String? {
        get { values[.proxy]?.first }
        set { values[.proxy] = newValue.map { [$0] } }
    }
    /// `resolve` (`--resolve`, repeatable).
    public var resolve: [String] {
        get { values[.resolve] ?? [] }
        set { values[.resolve] = newValue.isEmpty ? nil : newValue }
    }
    /// `runtime` (`--runtime`, repeatable).
    public var runtime: [String] {
        get { values[.runtime] ?? [] }
        set { values[.runtime] = newValue.isEmpty ? nil : newValue }
    }

    /// The argument names, as the tool's schema lists them.
    static let names = CheckToolOption.allCases.map(\.rawValue)

    /// Reads the arguments of a call; types are checked here, values by the resolver (the CLI's own checks).
    init(_ values: [String: ToolArgumentValue]?) throws(ToolCallError) {
        let arguments = try ToolArguments(tool: "check", values: values, allowed: Self.names)
        for option in CheckToolOption.allCases {
            let name = option.rawValue
            switch option.kind {
            case .string:
                if let text = try arguments.string(name) { self.values[option] = [text] }
            case .strings:
                let list = try arguments.strings(name)
                if !list.isEmpty { self.values[option] = list }
            case .number:
                if let number = try arguments.number(name) { self.values[option] = ["\(number)"] }
            case .flag:
                if try arguments.bool(name) { self.values[option] = ["true"] }
            }
        }
    }

    /// The same settings as `openai-doctor check` flags (`--name=value`, so no value is read as a flag).
    public var commandLine: [String] { CheckToolOption.commandLine(values) }
}
