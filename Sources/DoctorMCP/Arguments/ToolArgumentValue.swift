/// One JSON value of a tool call's arguments, as the MCP SDK decoded it, in plain Swift.
///
/// The tools read their arguments from this rather than from the SDK's `Value`, so that the
/// reading (types, ranges, the errors an agent sees) compiles without the SDK and is fuzzed
/// (Fuzz/README.md, `mcp-arguments`). ToolArgumentValue+MCP.swift is the one place a `Value`
/// becomes one; the cases mirror `Value`'s one for one.
enum ToolArgumentValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    /// A string; one the SDK decoded as a `data:` URL arrives as the URL it was (ToolArgumentValue+MCP).
    case string(String)
    case array([ToolArgumentValue])
    case object([String: ToolArgumentValue])

    /// Whether the value is `null`.
    var isNull: Bool { self == .null }

    /// The string, when this is a string.
    var stringValue: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    /// The flag, when this is a boolean.
    var boolValue: Bool? {
        guard case .bool(let flag) = self else { return nil }
        return flag
    }

    /// The items, when this is an array.
    var arrayValue: [ToolArgumentValue]? {
        guard case .array(let items) = self else { return nil }
        return items
    }

    /// The fields, when this is an object.
    var objectValue: [String: ToolArgumentValue]? {
        guard case .object(let fields) = self else { return nil }
        return fields
    }

    /// What kind of JSON value this is, for messages (never the value itself: it may be a secret).
    var kind: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int, .double: return "a number"
        case .string: return "a string"
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}
