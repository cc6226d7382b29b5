import DoctorCore
import DoctorProbes
import MCP

/// The tools the server offers: names, descriptions, argument schemas, result schemas and
/// annotations. Every tool is read-only: none writes a file, changes a setting or spends tokens.
enum DoctorTools {
    /// The tool names (the public vocabulary of the MCP interface).
    enum Name: String, CaseIterable, Sendable {
        case explain
        case check
        case redact
        case audit
        case describeCause = "describe_cause"
    }

    /// Read-only, non-destructive annotations; `openWorld` for the tool that uses the network.
    static func annotations(_ title: String, openWorld: Bool) -> Tool.Annotations {
        Tool.Annotations(
            title: title, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: openWorld)
    }

    static let explain = Tool(
        name: Name.explain.rawValue,
        title: "Explain an OpenAI API failure",
        description: """
            Classify a failed OpenAI API call offline: which layer refused (key, account, region, \
            Cloudflare edge, proxy, TLS, network, server, Azure), why, whether a retry can help, and \
            what to do. `text` is whatever the failure looks like: a JSON error body, an HTTP dump, \
            `curl -v` output, an SDK exception (Python, Node, Go, .NET, LiteLLM, LangChain…), an HTML \
            error page, log lines or a HAR file. Nothing is sent anywhere. Returns \
            {"schema_version": 1, "diagnosis": {…}} (or "diagnoses" for a HAR file with several failed \
            entries), the JSON of `openai-doctor explain --format json`.
            """,
        inputSchema: ToolSchemas.object(
            [
                "text": ToolSchemas.string("The failure as pasted: body, dump, exception, page, log lines or HAR."),
                "status": [
                    "type": "integer", "minimum": 100, "maximum": 599,
                    "description": "The HTTP status, when the text does not show it (a bare JSON body).",
                ],
                "headers": [
                    "description":
                        "Response headers the text does not show: a list of \"Name: value\" strings, or an object of name to value.",
                    "anyOf": [ToolSchemas.stringList, ["type": "object", "additionalProperties": ["type": "string"]]],
                ],
            ],
            required: ["text"], closed: true),
        annotations: annotations("Explain an OpenAI API failure", openWorld: false),
        outputSchema: ToolSchemas.explainOutput)

    static let check = Tool(
        name: Name.check.rawValue,
        title: "Check the live path to the OpenAI API",
        description: """
            Run the live diagnosis of `openai-doctor check`: configuration (the key's fingerprint and \
            damage, base URL, proxy), DNS, TCP, proxy, TLS chain, egress country, the keyless region \
            probe, the status page, and zero-cost authenticated probes (GET /v1/models and the model); \
            then one primary cause, findings and fixes. The key comes from the server's environment \
            (OPENAI_API_KEY, or `key_env`) or .env, and is only ever shown as a fingerprint. It spends \
            no tokens and ends within `timeout` seconds (default 20). The key is sent only to the \
            configured endpoint, api.openai.com, Azure OpenAI, loopback, or hosts the server was \
            started with (--allow-host), and only through a proxy or `resolve` address that the \
            environment sets, loopback or --allow-host names. `runtime` (python, node, java, curl or all, by name only) also runs \
            the same request through the server machine's own runtimes with their own proxy and trust rules, and \
            names what makes each differ ("runtimes" in the report). Returns the JSON report of `check --format \
            json`; a problem found is a normal result with "verdict": "problem".
            """,
        inputSchema: checkInputSchema,
        annotations: annotations("Check the live path to the OpenAI API", openWorld: true),
        outputSchema: ToolSchemas.checkOutput)

    /// The `check` tool's arguments, from the one declaration of the live options (``CheckToolOption``).
    static let checkInputSchema: Value = {
        var properties: [String: Value] = [:]
        for option in CheckToolOption.allCases {
            switch option.kind {
            case .string: properties[option.rawValue] = ToolSchemas.string(option.help)
            case .flag: properties[option.rawValue] = ToolSchemas.boolean(option.help)
            case .strings:
                properties[option.rawValue] = [
                    "type": "array", "items": ["type": "string"], "description": .string(option.help),
                ]
            case .number:
                properties[option.rawValue] = [
                    // ArgumentParser prints the CLI's default itself; the schema says it in words.
                    "type": "number", "exclusiveMinimum": 0, "maximum": 3600,
                    "description": .string(option.help + " Default: 20."),
                ]
            }
        }
        return ToolSchemas.object(properties, closed: true)
    }()

    static let redact = Tool(
        name: Name.redact.rawValue,
        title: "Redact secrets from text",
        description: """
            Make text safe to share, as `openai-doctor redact` does: API keys of every OpenAI shape \
            (and Anthropic, Google, Groq, OpenRouter, xAI, Hugging Face, Perplexity) become their \
            fingerprint plus a short hash; Authorization, Proxy-Authorization, api-key, Cookie and \
            Set-Cookie values, Bearer and sess- tokens, URL passwords and ?api_key= parameters become \
            [REDACTED:kind#hash]. Request ids, cf-ray, timestamps and status codes stay, and so does \
            the line count; a HAR document is rewritten by structure and stays valid JSON. Returns the \
            safe `text` and the count of secrets replaced, by kind.
            """,
        inputSchema: ToolSchemas.object(
            [
                "text": ToolSchemas.string("The text to make safe: log lines, an HTTP dump, a HAR document…"),
                "emails": ToolSchemas.boolean("Also replace email addresses."),
            ],
            required: ["text"], closed: true),
        annotations: annotations("Redact secrets from text", openWorld: false),
        outputSchema: ToolSchemas.redactOutput)

    static let audit = Tool(
        name: Name.audit.rawValue,
        title: "Audit files for leaked keys",
        description: """
            Scan a file or folder (recursively, skipping binary files and .git, honouring .gitignore \
            inside a git work tree) for leaked credentials and OpenAI error records, as \
            `openai-doctor audit --format json` does. Credentials are reported by path, line, column \
            and fingerprint, never by value; error records are counted by cause and hour with request \
            ids. A relative `path` is taken from the server's working directory.
            """,
        inputSchema: ToolSchemas.object(
            [
                "path": ToolSchemas.string("The file or folder to scan."),
                "no_ignore": ToolSchemas.boolean("Scan files that .gitignore rules exclude too."),
                "credentials_only": ToolSchemas.boolean("Look for credentials only, not for OpenAI error records."),
            ],
            required: ["path"], closed: true),
        annotations: annotations("Audit files for leaked keys", openWorld: false),
        outputSchema: ToolSchemas.auditOutput)

    static let describeCause = Tool(
        name: Name.describeCause.rawValue,
        title: "Describe a cause id",
        description: """
            Describe one of the stable cause ids every diagnosis names (for example \
            region.unsupported, billing.quota_exceeded, edge.blocked, key.invalid): its layer, \
            whether a retry can help, a title, an explanation and the fixes, least disruptive first.
            """,
        inputSchema: ToolSchemas.object(
            [
                "cause": [
                    "type": "string", "description": "The cause id.",
                    "enum": .array(CauseID.allCases.map { .string($0.rawValue) }),
                ]
            ],
            required: ["cause"], closed: true),
        annotations: annotations("Describe a cause id", openWorld: false),
        outputSchema: ToolSchemas.describeCauseOutput)

    /// Every tool, in listing order.
    static let all: [Tool] = [explain, check, redact, audit, describeCause]
}
