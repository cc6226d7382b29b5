import DoctorCore
import DoctorProbes
import Logging
import MCP

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `openai-doctor mcp`: the Model Context Protocol server that gives a coding agent the tool's
/// offline and live diagnoses — `explain`, `check`, `redact`, `audit` and `describe_cause` —
/// over standard input and output.
///
/// A thin shell: every tool is the library call the matching CLI command makes, and every
/// structured result is the JSON that command prints with `--format json` (``JSONOutput``).
/// All tools are read-only. Nothing but protocol messages goes to standard output; logs go
/// wherever the process's swift-log handler sends them (the CLI's: standard error, redacted).
///
/// ```swift
/// let server = DoctorMCPServer(configuration: .init(
///     name: "openai-doctor", version: "0.1.0", environment: environment,
///     resolveCheck: { arguments in try makeCheckOptions(arguments) }))
/// try await server.serveStandardIO()
/// ```
public struct DoctorMCPServer: Sendable {
    /// Turns a `check` call's arguments into the probes' options, the way `check` resolves its
    /// flags (environment, `.env`, `--cacert`); throws ``ToolCallError`` for a bad value.
    public typealias CheckResolver = @Sendable (CheckArguments) throws -> CheckOptions

    /// What the server needs from its host.
    public struct Configuration: Sendable {
        /// The server's name in the MCP handshake.
        public var name: String
        /// The server's version.
        public var version: String
        /// The process environment (read for the endpoint a key may be sent to).
        public var environment: [String: String]
        /// Hosts besides the default ones that `check` may send the key to (`mcp --allow-host`).
        public var allowedHosts: [String]
        /// Resolves `check` arguments into options.
        public var resolveCheck: CheckResolver
        /// The logger for tool calls and the SDK's transport.
        public var logger: Logger

        /// Creates a configuration.
        public init(
            name: String, version: String, environment: [String: String], allowedHosts: [String] = [],
            resolveCheck: @escaping CheckResolver, logger: Logger = Logger(label: "openai-doctor.mcp")
        ) {
            self.name = name
            self.version = version
            self.environment = environment
            self.allowedHosts = allowedHosts
            self.resolveCheck = resolveCheck
            self.logger = logger
        }
    }

    /// The configuration.
    public let configuration: Configuration

    /// Creates a server.
    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// The tools, in the order `tools/list` returns them.
    public var tools: [Tool] { DoctorTools.all }

    /// Serves one client over standard input and output until it closes its end.
    public func serveStandardIO() async throws {
        let server = Server(
            name: configuration.name, version: configuration.version, title: "openai-doctor",
            instructions: """
                Diagnoses failed OpenAI API calls (403, 401, 429, timeouts, proxy, TLS, region): \
                `explain` classifies a pasted error offline, `check` runs the live zero-cost checks, \
                `redact` makes text safe to share, `audit` finds leaked keys in files, \
                `describe_cause` explains a cause id. No tool ever returns a key, only fingerprints.
                """,
            capabilities: .init(tools: .init(listChanged: false)))
        await register(on: server)
        let transport = DrainingTransport(
            wrapping: StdioTransport(logger: configuration.logger), logger: configuration.logger)
        try await server.start(transport: transport)
        configuration.logger.info("mcp server started", metadata: ["mcp.tools": "\(tools.count)"])
        await server.waitUntilCompleted()
        // The client may close its end right after its last request (`… | openai-doctor mcp`):
        // answer every request still running (each tool is bounded) before the transport goes.
        await transport.drained()
        await server.stop()
        configuration.logger.info("mcp server stopped: the client closed standard input")
    }

    /// Registers the `tools/list` and `tools/call` handlers on `server`.
    public func register(on server: Server) async {
        let tools = self.tools
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: tools) }
        await server.withMethodHandler(CallTool.self) { parameters in try await self.call(parameters) }
    }

    /// Runs one tool call: the result, an `isError` result for a bad argument or a failed
    /// input, or ``MCPError/invalidParams(_:)`` for a tool that does not exist.
    public func call(_ parameters: CallTool.Parameters) async throws -> CallTool.Result {
        let start = ContinuousClock.now
        guard let tool = DoctorTools.Name(rawValue: parameters.name) else {
            configuration.logger.notice("unknown tool called", metadata: ["mcp.tool": "\(parameters.name)"])
            throw MCPError.invalidParams(
                "Unknown tool \(Redactor.redact(parameters.name)); the tools are \(DoctorTools.Name.allCases.map(\.rawValue).joined(separator: ", "))."
            )
        }
        let result: CallTool.Result
        do throws(ToolCallError) {
            let document = try await run(tool, parameters.arguments)
            result = Self.success(document)
        } catch {
            result = Self.failure(tool, error)
        }
        let elapsed = ContinuousClock.now - start
        configuration.logger.info(
            "tool call",
            metadata: [
                "mcp.tool": "\(tool.rawValue)", "mcp.outcome": "\(result.isError == true ? "error" : "ok")",
                "mcp.duration_ms":
                    "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)",
            ])
        return result
    }

    /// The tool's JSON document, or a ``ToolCallError``.
    func run(_ tool: DoctorTools.Name, _ arguments: [String: Value]?) async throws(ToolCallError) -> ToolDocument {
        switch tool {
        case .explain: return try ExplainTool.run(arguments)
        case .check: return try await CheckTool.run(arguments, configuration: configuration)
        case .redact: return try RedactTool.run(arguments)
        case .audit: return try await AuditTool.run(arguments)
        case .describeCause: return try DescribeCauseTool.run(arguments)
        }
    }

    /// A successful result: the document's JSON as text (as the CLI prints it) and as
    /// structured content, every string passed through ``Redactor`` once more.
    static func success(_ document: ToolDocument) -> CallTool.Result {
        let text = document.json
        guard let value = try? JSONDecoder().decode(Value.self, from: Data(text.utf8)) else {
            return CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)], isError: false)
        }
        let safe = redactStrings(value)
        let safeText = safe == value ? text : JSONOutput.encode(safe)
        return CallTool.Result(
            content: [.text(text: safeText, annotations: nil, _meta: nil)],
            structuredContent: Optional<Value>.some(safe), isError: false)
    }

    /// A tool execution error the agent can act on.
    static func failure(_ tool: DoctorTools.Name, _ error: ToolCallError) -> CallTool.Result {
        CallTool.Result(
            content: [.text(text: Redactor.redact("\(tool.rawValue): \(error)"), annotations: nil, _meta: nil)],
            isError: true)
    }

    /// `value` with every string redacted (a last line of defence: the documents are already safe).
    static func redactStrings(_ value: Value) -> Value {
        switch value {
        case .string(let text): return .string(Redactor.redact(text))
        case .array(let items): return .array(items.map(redactStrings))
        case .object(let fields): return .object(fields.mapValues(redactStrings))
        default: return value
        }
    }
}

/// A tool's result document: its JSON text, encoded the CLI's way.
struct ToolDocument: Sendable {
    /// The JSON text (``JSONOutput/encode(_:)``).
    var json: String

    /// Encodes `value` with the CLI's JSON encoder.
    init<T: Encodable>(_ value: T) {
        json = JSONOutput.encode(value)
    }
}
