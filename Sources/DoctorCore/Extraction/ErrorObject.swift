/// What an error envelope said, once unwrapped from whatever carried it.
struct ErrorObject {
    /// The error's fields.
    var fields = APIErrorFields()
    /// Who the envelope's shape points to.
    var provider: Provider?
    /// A request id carried in the body (one-api suffix, `request_id` field).
    var requestID: String?
    /// A status carried in the body (stream error events, NextChat, Azure content filter).
    var status: Int?
    /// Headers carried in the body (stream error events).
    var headers = HeaderFields()
    /// Signals noticed while unwrapping (the relay that rewrapped it).
    var signals: [Signal] = []
}

/// Finds and unwraps error envelopes: OpenAI, Azure, Cloudflare `cf_*`, relays.
enum ErrorObjectFinder {
    /// How many `{` positions are tried before giving up (bounded work on hostile input).
    static let maxAttempts = 200

    /// Unwraps one parsed value into an error object, following known wrappers.
    static func unwrap(_ value: JSONValue, depth: Int = 0) -> ErrorObject? {
        guard depth < 6, value.isObject, !isSystemError(value) else { return nil }
        var result = ErrorObject()

        // Stream error event: {"type":"error","status":429,"error":{...},"headers":{...}}
        if let status = value["status"]?.text, let code = Int(status) { result.status = code }
        if case .object(let pairs)? = value["headers"] {
            for (name, v) in pairs { if let t = v.text { result.headers.append(name: name, value: t) } }
        }

        // Wrappers that carry the API's body inside: NextChat {"body": {…}}, axios {response: {data: {…}}},
        // Vercel AI SDK {responseBody: '{"error":…}'}.
        for key in ["body", "data", "response", "responseBody", "response_body"] {
            guard let inner = value[key] else { continue }
            let parsed: JSONValue? = inner.isObject ? inner : inner.text.flatMap { LenientJSONReader.parse($0) }
            if let parsed, parsed.isObject, let object = unwrap(parsed, depth: depth + 1), !object.fields.isEmpty {
                return merge(object, into: result)
            }
        }

        if let error = value["error"] {
            switch error {
            case .object:
                // OpenRouter: {"error":{"message":"Provider returned error","code":400,"metadata":{"raw":"<escaped body>"}}}
                if let raw = error["metadata"]?["raw"]?.text, let rawValue = LenientJSONReader.parse(raw),
                    let inner = unwrap(rawValue, depth: depth + 1), !inner.fields.isEmpty
                {
                    var merged = merge(inner, into: result)
                    // OpenRouter's outer `code` is the HTTP status the provider answered with.
                    if merged.status == nil, let code = error["code"]?.text.flatMap({ Int($0) }),
                        (400...599).contains(code)
                    {
                        merged.status = code
                    }
                    merged.signals.append(.relay("openrouter"))
                    merged.provider = merged.provider ?? .relay
                    return merged
                }
                result.fields = fields(of: error)
                if let status = error["status"]?.text, let code = Int(status) { result.status = result.status ?? code }
                result.provider = providerOfEnvelope(error, fields: result.fields)
            case .array(let items) where items.first.map({ if case .object = $0 { true } else { false } }) ?? false:
                // Cloudflare's API envelope: {"success":false,"error":[{"code":2008,"message":"Invalid provider"}],…}
                result.fields = fields(of: items[0])
                if result.fields.message == nil, let message = value["message"]?.text {
                    result.fields.message = message
                }
                result.provider = providerOfEnvelope(items[0], fields: result.fields)
            case .string(let message):
                // {"error": "message"} (gateways, some relays)
                result.fields.message = message
                if let code = value["code"]?.text { result.fields.code = code }
            default:
                break
            }
        } else if value["message"] != nil || value["code"] != nil {
            // Azure without the wrapper: {"code":"403","message":"A Virtual Network is configured…"}
            // one-api channel test: {"message":"type invalid_request_error, code account_deactivated, message …","success":false}
            result.fields = fields(of: value)
            if let message = result.fields.message, let relay = oneAPIChannelTest(message) {
                result.fields = relay
                result.signals.append(.relay("one-api"))
                result.provider = .relay
            } else {
                result.provider = providerOfEnvelope(value, fields: result.fields)
            }
        } else {
            return nil
        }

        // one-api / new-api append " (request id: 2024072510…)" to the message.
        if let message = result.fields.message, let range = message.firstRange(of: " (request id: ") {
            let tail = message[range.upperBound...]
            if let close = tail.firstIndex(of: ")") {
                result.requestID = String(tail[..<close])
                result.fields.message = String(message[..<range.lowerBound])
                result.signals.append(.relay("one-api"))
                result.provider = .relay
            }
        }
        if let id = value["request_id"]?.text ?? value["error"]?["request_id"]?.text {
            result.requestID = result.requestID ?? id
        }
        return result
    }

    private static func merge(_ inner: ErrorObject, into outer: ErrorObject) -> ErrorObject {
        var merged = inner
        merged.status = inner.status ?? outer.status
        if merged.headers.isEmpty { merged.headers = outer.headers }
        merged.signals = outer.signals + inner.signals
        return merged
    }

    private static func fields(of object: JSONValue) -> APIErrorFields {
        var fields = APIErrorFields()
        fields.message = object["message"]?.text
        if case .string(let type)? = object["type"] { fields.type = type }
        fields.code = object["code"]?.text
        if let param = object["param"]?.text, !param.isEmpty { fields.param = param }
        fields.innerCode = (object["innererror"] ?? object["inner_error"])?["code"]?.text
        return fields
    }

    /// Whether an object is a runtime's description of a failed system call, not an answer: Node's
    /// printed `{ errno: -111, code: 'ECONNREFUSED', syscall: 'connect', address: '127.0.0.1', … }`
    /// (util.inspect), whose `code` is an errno name. The transport tables read its words.
    static func isSystemError(_ object: JSONValue) -> Bool {
        if object["syscall"] != nil || object["errno"] != nil { return true }
        guard object["error"] == nil, let code = object["code"]?.text else { return false }
        return isSystemErrorCode(code)
    }

    /// Whether a code is an errno name (`ECONNREFUSED`, `EAI_AGAIN`) or Node's and undici's
    /// failure codes (`ERR_TLS_CERT_ALTNAME_INVALID`, `UND_ERR_CONNECT_TIMEOUT`): a transport
    /// failure's code, never an API's.
    static func isSystemErrorCode(_ code: String) -> Bool {
        guard code.count > 2, code == code.uppercased() else { return false }
        return TransportPatterns.isErrnoName(code.lowercased()) || code.hasPrefix("UND_ERR_")
            || code.hasPrefix("ERR_")
    }

    /// Judges the provider from an envelope's shape alone.
    private static func providerOfEnvelope(_ object: JSONValue, fields: APIErrorFields) -> Provider? {
        if let type = fields.type, type.hasPrefix("cf_") { return .cloudflare }
        if fields.innerCode != nil { return .azure }
        if let code = fields.code, isSystemErrorCode(code) { return nil }
        if let code = fields.code {
            // Azure codes are PascalCase names or numeric strings, with no `type`.
            if fields.type == nil, object["type"] == nil, object["param"] == nil,
                code.first?.isUppercase == true || isDigits(code)
            {
                if case .number? = object["code"] { return nil }
                return .azure
            }
        }
        return nil
    }

    /// Reads one-api's channel-test message "type X, code Y, message Z".
    /// The parts in any other order (`type x, message y, code z`) are not that format: `nil`.
    private static func oneAPIChannelTest(_ message: String) -> APIErrorFields? {
        guard message.hasPrefix("type ") else { return nil }
        let afterType = message.index(message.startIndex, offsetBy: 5)
        guard let codeRange = message[afterType...].firstRange(of: ", code "),
            let messageRange = message[codeRange.upperBound...].firstRange(of: ", message ")
        else { return nil }
        let type = String(message[afterType..<codeRange.lowerBound])
        let code = String(message[codeRange.upperBound..<messageRange.lowerBound])
        let text = String(message[messageRange.upperBound...])
        return APIErrorFields(message: text, type: type, code: code)
    }
}
