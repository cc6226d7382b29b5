/// How client libraries print an API error: where the status and message sit in their text.
///
/// From docs/errors-catalogue.md §5. Each entry names the client so the evidence can say whose
/// wording was read; the status found here is used only when no HTTP status line exists.
enum ClientWrappers {
    /// What a wrapper told us.
    struct Reading {
        var client: String?
        var status: Int?
        var message: String?
        var code: String?
        var type: String?
        /// Whether the status was only implied by an exception class name (weak evidence).
        var statusFromClassName = false
    }

    /// openai-python ≥1 and LiteLLM class names → the status they stand for.
    static let exceptionStatus: [(String, Int)] = [
        ("authenticationerror", 401), ("permissiondeniederror", 403), ("notfounderror", 404),
        ("ratelimiterror", 429), ("badrequesterror", 400), ("internalservererror", 500),
        ("unprocessableentityerror", 422), ("conflicterror", 409), ("serviceunavailableerror", 503),
        ("contextwindowexceedederror", 400), ("contentpolicyviolationerror", 400), ("badgatewayerror", 502),
        ("gatewaytimeouterror", 504),
    ]

    /// Fragments only openai-python's exception classes print (`openai.RateLimitError`, `openai._exceptions`).
    static let pythonClassMarkers =
        exceptionStatus.map { "openai.\($0.0)" } + [
            "openai._exceptions", "openai.apiconnectionerror", "openai.apitimeouterror", "openai.apistatuserror",
            "openai.apierror", "openai.openaierror",
        ]

    /// Reads the status, message and client from wrapper wording.
    static func read(_ scan: ScanText) -> Reading {
        var reading = Reading()

        // openai-python ≥1: "openai.PermissionDeniedError: Error code: 403 - {'error': …}"
        if let rest = scan.restOfLine(after: "error code: "), let status = leadingStatus(rest) {
            reading.status = status
            reading.client = scan.containsAny(pythonClassMarkers) ? "openai-python" : nil
        }
        // go-openai: "error, status code: 429, status: 429 Too Many Requests, message: …"
        if let rest = scan.restOfLine(after: "status code: "), let status = leadingStatus(rest) {
            reading.status = reading.status ?? status
            if scan.contains("error, status code: ") {
                reading.client = "go-openai"
                if let message = scan.restOfLine(after: ", message: ") { reading.message = message }
            } else if scan.contains("request failed with status code ") {
                reading.client = "openai-node-v3"
            }
        }
        // OpenAI .NET: "HTTP 401 (invalid_request_error: mismatched_organization)\n\n<message>"
        if let at = scan.offsets(of: "http ").first(where: { at in
            let rest = scan.text((at + 5)..<scan.lineEnd(from: at))
            return scan.bytes[at] == UInt8(ascii: "H") && leadingStatus(rest) != nil
                && rest.dropFirst(3).hasPrefix(" (")
        }), let status = leadingStatus(scan.text((at + 5)..<scan.lineEnd(from: at))) {
            let rest = scan.text((at + 5)..<scan.lineEnd(from: at))
            reading.status = reading.status ?? status
            reading.client = "openai-dotnet"
            let inside = rest.dropFirst(5).prefix { $0 != ")" }
            let parts = inside.split(separator: ":", maxSplits: 1).map { $0.trimmed(lineEnds: true) }
            if parts.count == 2 {
                reading.type = parts[0].isEmpty ? nil : parts[0]
                reading.code = parts[1].isEmpty ? nil : parts[1]
            } else if parts.count == 1, !parts[0].isEmpty {
                reading.code = parts[0]
            }
            // The message is the next non-empty line.
            let end = scan.lineEnd(from: at)
            let after = scan.text(end..<min(scan.count, end + 2000)).split(whereSeparator: \.isNewline).first {
                !$0.trimmed(lineEnds: true).isEmpty
            }
            if let after { reading.message = after.trimmed(lineEnds: true) }
        }
        // Azure SDK: "Status: 404 (Not Found)\nErrorCode: DeploymentNotFound"
        if let rest = scan.restOfLine(after: "\nstatus: "), let status = leadingStatus(rest) {
            reading.status = reading.status ?? status
            if scan.contains("requestfailedexception") { reading.client = "azure-sdk" }
        }
        if let code = scan.restOfLine(after: "\nerrorcode: ") {
            reading.code = reading.code ?? code
        }
        // Vercel AI SDK: "AI_APICallError: …" with "statusCode: 403"
        if scan.contains("ai_apicallerror") {
            reading.client = "vercel-ai-sdk"
            if let rest = scan.restOfLine(after: "statuscode: "), let status = leadingStatus(rest) {
                reading.status = reading.status ?? status
            } else if let rest = scan.restOfLine(after: "\"statuscode\":"), let status = leadingStatus(rest) {
                reading.status = reading.status ?? status
            }
        }
        // Guzzle: "… resulted in a `401 Unauthorized` response:"
        if let rest = scan.restOfLine(after: "resulted in a `"), let status = leadingStatus(rest) {
            reading.status = reading.status ?? status
            reading.client = "guzzle"
        }
        // openai-python 0.x: "HTTP code 502 from API (…"
        if let rest = scan.restOfLine(after: "http code "), let status = leadingStatus(rest) {
            reading.status = reading.status ?? status
            reading.client = "openai-python-v0"
        }
        // openai-node 3 / axios: "Request failed with status code 429"
        if let rest = scan.restOfLine(after: "request failed with status code "), let status = leadingStatus(rest) {
            reading.status = reading.status ?? status
            reading.client = reading.client ?? "openai-node-v3"
        }
        // LiteLLM: "litellm.RateLimitError: OpenAIException - …"
        if scan.contains("litellm.") {
            reading.client = "litellm"
            if let message = scan.restOfLine(after: "exception - "), !message.hasPrefix("{") {
                reading.message = reading.message ?? message
            }
        }
        if scan.contains("troubleshooting url: https://js.langchain.com") || scan.contains("langchain") {
            reading.client = reading.client ?? "langchain"
        }
        // Other clients: Faraday "the server responded with status 429", key=value logs "status=503",
        // openai-java "…Exception: 403: {…}".
        // Codex CLI "unexpected status 400 Bad Request: …", Python logs "status_code=400, …",
        // Cloudflare AI Gateway "\"httpCode\":400".
        for marker in [
            "responded with status ", "status=", "status: ", "exception: ", "unexpected status ", "status_code=",
            "\"httpcode\":",
        ] where reading.status == nil {
            for at in scan.offsets(of: marker, limit: 16) {
                let start = at + marker.utf8.count
                if let status = leadingStatus(scan.text(start..<min(scan.count, start + 8))), status >= 400 {
                    reading.status = status
                    break
                }
            }
        }
        // Swift clients: MacPaw/OpenAI's `APIErrorResponse(error: APIError(message: "…", type: "…", …,
        // code: Optional("…")))` and its `dump()` tree (`- message : "…"`).
        if reading.message == nil, scan.contains("apierror") {
            for (field, prefixes) in [
                ("message", ["- message : \"", "message: \""]), ("type", ["- type : \"", "type: \""]),
                ("code", ["- code : \"", "code: optional(\"", "- code : optional(\""]),
            ] {
                guard let value = prefixes.lazy.compactMap({ scan.restOfLine(after: $0) }).first else { continue }
                let text = swiftStringLiteralBody(value)
                guard !text.isEmpty else { continue }
                switch field {
                case "message": reading.message = text
                case "type": reading.type = text
                default: reading.code = text
                }
            }
            if reading.message != nil { reading.client = reading.client ?? "swift-openai-client" }
        }
        // Python class names.
        if reading.status == nil {
            for (name, status) in exceptionStatus where scan.contains(name) {
                reading.status = status
                reading.statusFromClassName = true
                break
            }
        }
        if scan.contains("openai.error.") {
            reading.client = "openai-python-v0"
            // "openai.error.AuthenticationError: <message>"
            for (name, _) in exceptionStatus {
                if let message = scan.restOfLine(after: "openai.error.\(name): ") {
                    reading.message = reading.message ?? message
                    break
                }
            }
            if reading.message == nil, let message = scan.restOfLine(after: "openai.error.apierror: ") {
                reading.message = message
            }
        }
        if reading.client == nil, scan.containsAny(pythonClassMarkers) { reading.client = "openai-python" }
        // openai-node ≥4 / Continue: a line that starts with the status then the message: "403 Country, region…"
        if reading.status == nil {
            for line in scan.lines().prefix(400) {
                var text = line.trimmed(lineEnds: true)
                // A line pasted as Markdown inline code or quoted (`` `400 Error from provider…` ``,
                // nocobase/nocobase#10487) is the same line.
                let quotes: Set<Character> = ["`", "\"", "'"]
                if let first = text.first, quotes.contains(first) {
                    while let first = text.first, quotes.contains(first) { text.removeFirst() }
                    while let last = text.last, quotes.contains(last) { text.removeLast() }
                }
                for prefix in ["Error: ", "error: ", "Unhandled error: "] where text.hasPrefix(prefix) {
                    text = String(text.dropFirst(prefix.count))
                }
                let head = text.prefix(4)
                guard head.count == 4, head.last == " ", isDigits(head.prefix(3)), let status = Int(head.prefix(3)),
                    (400...599).contains(status)
                else { continue }
                let rest = text.dropFirst(4)
                guard let first = rest.first, first.isLetter || first == "{" || first == "\"" else { continue }
                // Spring prints "400 Bad Request: \"{…}\"": the message is inside the body.
                reading.status = status
                if !rest.hasPrefix("{"), !rest.contains("Bad Request: "), !rest.contains(": \"{") {
                    reading.message = reading.message ?? String(rest)
                    reading.client = reading.client ?? "openai-node"
                } else {
                    reading.client = reading.client ?? "spring"
                }
                break
            }
        }
        return reading
    }

    /// The three-digit status at the start of `text`, if it is an HTTP error or success status.
    static func leadingStatus<S: StringProtocol>(_ text: S) -> Int? {
        let head = text.prefix(3)
        guard head.count == 3, isDigits(head), let status = Int(head), (100...599).contains(status) else { return nil }
        if text.count > 3, let next = text.dropFirst(3).first, next.isNumber { return nil }
        return status
    }

    /// The text of a Swift string literal's body up to its closing quote, with `\"` and `\\` unescaped.
    static func swiftStringLiteralBody(_ text: String) -> String {
        var out = ""
        var escaped = false
        for character in text {
            if escaped {
                out.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                break
            } else {
                out.append(character)
            }
        }
        return out
    }
}
