import MCP

/// A tool call that cannot be carried out: a bad argument, an unreadable input, a refused
/// setting. It becomes a tool result with `isError: true` and this message, so the agent sees
/// what to change (MCP's tool execution errors), never a protocol error.
public struct ToolCallError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The argument at fault, when one is.
    public var argument: String?
    /// What went wrong and what is expected, for the agent.
    public var message: String

    /// Creates an error; `argument` names the argument at fault.
    public init(argument: String? = nil, _ message: String) {
        self.argument = argument
        self.message = message
    }

    /// The message, prefixed by the argument's name when there is one.
    public var description: String {
        guard let argument else { return message }
        return "argument `\(argument)`: \(message)"
    }
}

/// Typed access to a tool call's arguments, refusing what the tool does not take.
struct ToolArguments {
    let tool: String
    let values: [String: Value]

    /// Wraps `values`; throws when an argument is not one of `allowed`.
    init(tool: String, values: [String: Value]?, allowed: [String]) throws(ToolCallError) {
        self.tool = tool
        self.values = values ?? [:]
        for name in self.values.keys.sorted() where !allowed.contains(name) {
            throw ToolCallError(
                argument: name,
                "`\(tool)` takes no such argument; it takes \(allowed.map { "`\($0)`" }.joined(separator: ", ")).")
        }
    }

    private func present(_ name: String) -> Value? {
        guard let value = values[name], !value.isNull else { return nil }
        return value
    }

    /// A required string.
    func requiredString(_ name: String) throws(ToolCallError) -> String {
        guard let value = present(name) else { throw ToolCallError(argument: name, "is required (a string).") }
        guard let text = value.stringValue else {
            throw ToolCallError(argument: name, "must be a string, not \(Self.kind(of: value)).")
        }
        return text
    }

    /// An optional string.
    func string(_ name: String) throws(ToolCallError) -> String? {
        guard let value = present(name) else { return nil }
        guard let text = value.stringValue else {
            throw ToolCallError(argument: name, "must be a string, not \(Self.kind(of: value)).")
        }
        return text
    }

    /// An optional boolean (`false` when absent).
    func bool(_ name: String) throws(ToolCallError) -> Bool {
        guard let value = present(name) else { return false }
        guard let flag = value.boolValue else {
            throw ToolCallError(argument: name, "must be true or false, not \(Self.kind(of: value)).")
        }
        return flag
    }

    /// An optional integer (a JSON number without a fraction).
    func integer(_ name: String) throws(ToolCallError) -> Int? {
        guard let value = present(name) else { return nil }
        if let number = value.intValue { return number }
        if let number = value.doubleValue, number.rounded() == number, abs(number) < 1e15 { return Int(number) }
        throw ToolCallError(argument: name, "must be an integer, not \(Self.kind(of: value)).")
    }

    /// An optional number.
    func number(_ name: String) throws(ToolCallError) -> Double? {
        guard let value = present(name) else { return nil }
        if let number = value.doubleValue { return number }
        if let number = value.intValue { return Double(number) }
        throw ToolCallError(argument: name, "must be a number, not \(Self.kind(of: value)).")
    }

    /// An optional list of strings; a single string counts as a list of one.
    func strings(_ name: String) throws(ToolCallError) -> [String] {
        guard let value = present(name) else { return [] }
        if let text = value.stringValue { return [text] }
        guard let items = value.arrayValue else {
            throw ToolCallError(argument: name, "must be a list of strings, not \(Self.kind(of: value)).")
        }
        var result: [String] = []
        for item in items {
            guard let text = item.stringValue else {
                throw ToolCallError(argument: name, "must be a list of strings; it holds \(Self.kind(of: item)).")
            }
            result.append(text)
        }
        return result
    }

    /// What kind of JSON value `value` is, for messages (never the value itself: it may be a secret).
    static func kind(of value: Value) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int, .double: return "a number"
        case .string, .data: return "a string"
        case .array: return "a list"
        case .object: return "an object"
        }
    }
}
