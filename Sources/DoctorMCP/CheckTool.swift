import DoctorCore
import DoctorProbes
import MCP

/// `check`: ``CheckRunner``, with the options the CLI would resolve, bounded by `timeout`.
enum CheckTool {
    static func run(
        _ values: [String: Value]?, configuration: DoctorMCPServer.Configuration
    ) async throws(ToolCallError) -> ToolDocument {
        let arguments = try CheckArguments(ToolArgumentValue.arguments(values))
        // NAME=PATH would run any executable the call names with the key in its environment: an
        // agent steered by what it reads must not get that. Names are looked up on the server's PATH.
        if let given = arguments.runtime.first(where: { $0.contains("=") }) {
            throw ToolCallError(
                argument: "runtime",
                "`\(given)`: the tool takes runtime names only (python, node, java, curl, all), found on the "
                    + "server's PATH; an interpreter path is for `openai-doctor check --runtime NAME=PATH`.")
        }
        var options = try resolve(arguments, configuration.resolveCheck)
        options.progress = nil  // standard error is a log here, not a terminal line to redraw
        options.spend = false
        if options.configuration.key != nil,
            arguments.baseURL != nil || arguments.proxy != nil || !arguments.resolve.isEmpty
        {
            // What the environment and .env configure, without the call's say on where requests go.
            var configured = arguments
            configured.baseURL = nil
            configured.proxy = nil
            configured.resolve = []
            let baseline = try resolve(configured, configuration.resolveCheck).configuration
            let allowed = configuration.allowedHosts
            if arguments.baseURL != nil {
                try checkKeyDestination(
                    options.configuration.endpoint, configuredHost: baseline.endpoint?.host, allowed: allowed)
            }
            if arguments.proxy != nil, let proxy = options.configuration.proxy.proxy {
                try checkKeyDestination(
                    host: proxy.host, argument: "proxy", what: "proxy", configuredHost: baseline.proxy.proxy?.host,
                    allowed: allowed)
            }
            for address in options.transport.resolve.flatMap(\.addresses) {
                try checkKeyDestination(
                    host: address, argument: "resolve", what: "address", configuredHost: nil, allowed: allowed)
            }
        }
        let report = await CheckRunner.run(options)
        return ToolDocument(report)
    }

    private static func resolve(
        _ arguments: CheckArguments, _ resolver: DoctorMCPServer.CheckResolver
    ) throws(ToolCallError) -> CheckOptions {
        do {
            return try resolver(arguments)
        } catch let error as ToolCallError {
            throw error
        } catch {
            throw ToolCallError("\(error)")
        }
    }

    /// Refuses to send the key to a host nobody configured: an agent may be steered by what it
    /// reads, and `base_url` plus the server's key must not become a way to hand the key out.
    /// Allowed: the endpoint the environment or `.env` configures, api.openai.com, Azure OpenAI
    /// resources, loopback, and the hosts of `mcp --allow-host`.
    /// The same holds for a `proxy` (a plain-HTTP endpoint's requests cross it in clear) and for
    /// `resolve` addresses (they decide where a name's requests really go).
    static func checkKeyDestination(
        _ endpoint: EndpointURL?, configuredHost: String?, allowed: [String]
    ) throws(ToolCallError) {
        guard let host = endpoint?.host else { return }
        if host.lowercased() == "api.openai.com" || host.lowercased().hasSuffix(".openai.azure.com") { return }
        try checkKeyDestination(
            host: host, argument: "base_url", what: "endpoint", configuredHost: configuredHost, allowed: allowed)
    }

    static func checkKeyDestination(
        host given: String, argument: String, what: String, configuredHost: String?, allowed: [String]
    ) throws(ToolCallError) {
        let host = given.lowercased().trimmingBrackets
        if host == "localhost" || IPAddress(host)?.isLoopback == true { return }
        if let configuredHost, host == configuredHost.lowercased().trimmingBrackets { return }
        if allowed.contains(where: { $0.lowercased().trimmingBrackets == host }) { return }
        throw ToolCallError(
            argument: argument,
            "the key would travel to \(host), which is not the configured \(what) (\(configuredHost ?? "none"))"
                + (argument == "base_url" ? ", api.openai.com, Azure OpenAI" : "")
                + " or loopback. Configure it in the server's environment, or start the server with `openai-doctor mcp --allow-host \(host)`."
        )
    }
}

extension DoctorMCPServer {
    /// A ``CheckResolver`` over a resolver of `check` command-line flags (``CheckArguments/commandLine``),
    /// whose error messages speak of flags: they are reworded with the tool's argument names.
    public static func commandLineResolver(
        _ resolveFlags: @escaping @Sendable ([String]) throws -> CheckOptions
    ) -> CheckResolver {
        { arguments in
            do {
                return try resolveFlags(arguments.commandLine)
            } catch let error as ToolCallError {
                throw error
            } catch {
                throw CheckArguments.toolError(fromFlagMessage: "\(error)")
            }
        }
    }
}

extension CheckArguments {
    /// The command-line flag of each argument, longest first (so `--no-proxy` is matched before `--proxy`).
    static let flags: [(flag: String, argument: String)] = CheckToolOption.allCases
        .map { ($0.flag, $0.rawValue) }.sorted { $0.0.count > $1.0.count }

    /// A message about `check` flags, reworded with argument names; the first one named is the argument at fault.
    static func toolError(fromFlagMessage message: String) -> ToolCallError {
        var text = message
        var argument: String?
        for (flag, name) in flags where text.contains(flag) {
            text = text.replacing(flag, with: name)
            argument = argument ?? name
        }
        return ToolCallError(argument: argument, text)
    }
}

extension String {
    /// The text without the brackets of an IPv6 literal (`[::1]` → `::1`).
    fileprivate var trimmingBrackets: String {
        hasPrefix("[") && hasSuffix("]") ? String(dropFirst().dropLast()) : self
    }
}
