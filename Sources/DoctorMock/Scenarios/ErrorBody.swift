/// The byte-exact JSON shapes the API and the gateways in front of it use for errors.
///
/// OpenAI's origin pretty-prints with four spaces and a final newline: the 2023 quota error
/// with `code` null is exactly 206 bytes that way (docs/errors-catalogue.md §2, 429). Cloudflare's
/// zone errors and the region block are compact with sorted keys (the 502 is 84 bytes), and
/// Azure is compact, sometimes with a space after `"message":` (the network-rule 403 is 90 bytes).
public enum ErrorBody {
    /// A JSON value of an error field: a string, a number, or null.
    public enum Value: Sendable, Equatable {
        /// A JSON string.
        case string(String)
        /// A JSON integer.
        case number(Int)
        /// JSON null.
        case null

        var json: String {
            switch self {
            case .string(let text): return ErrorBody.quoted(text)
            case .number(let value): return String(value)
            case .null: return "null"
            }
        }
    }

    /// OpenAI's origin envelope, pretty-printed, fields in the order given.
    ///
    /// Chat and most endpoints use `message, type, param, code`; the images endpoint uses
    /// `code, message, param, type`. Fields absent from the real body are simply not listed.
    public static func openAI(_ fields: KeyValuePairs<String, Value>) -> String {
        var out = "{\n    \"error\": {\n"
        var first = true
        for (name, value) in fields {
            if !first { out += ",\n" }
            first = false
            out += "        \(quoted(name)): \(value.json)"
        }
        out += "\n    }\n}\n"
        return out
    }

    /// The usual OpenAI error: `message, type, param, code`, pretty-printed.
    public static func openAI(message: String, type: String?, param: String? = nil, code: String?) -> String {
        openAI([
            "message": .string(message),
            "type": type.map(Value.string) ?? .null,
            "param": param.map(Value.string) ?? .null,
            "code": code.map(Value.string) ?? .null,
        ])
    }

    /// A compact envelope, fields in the order given (`{"error":{…}}`).
    ///
    /// - Parameters:
    ///   - fields: The fields of the error object, in wire order.
    ///   - spaceAfterMessageColon: Azure writes `"message": "…"` in some bodies.
    ///   - wrapped: `false` writes the fields at the top level (Azure's virtual-network 403).
    public static func compact(
        _ fields: KeyValuePairs<String, Value>, spaceAfterMessageColon: Bool = false, wrapped: Bool = true
    ) -> String {
        var inner = ""
        var first = true
        for (name, value) in fields {
            if !first { inner += "," }
            first = false
            let separator = (spaceAfterMessageColon && name == "message") ? ": " : ":"
            inner += quoted(name) + separator + value.json
        }
        return wrapped ? "{\"error\":{\(inner)}}" : "{\(inner)}"
    }

    /// `text` as a JSON string literal, escaped the way Python's and Go's encoders do
    /// (quotes, backslashes and control characters; `/` and non-ASCII left as they are).
    public static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
