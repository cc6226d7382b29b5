/// Typed access to a tool call's arguments, refusing what the tool does not take.
struct ToolArguments {
    let tool: String
    let values: [String: ToolArgumentValue]

    /// Wraps `values`; throws when an argument is not one of `allowed`.
    init(tool: String, values: [String: ToolArgumentValue]?, allowed: [String]) throws(ToolCallError) {
        self.tool = tool
        self.values = values ?? [:]
        for name in self.values.keys.sorted() where !allowed.contains(name) {
            throw ToolCallError(
                argument: name,
                "`\(tool)` takes no such argument; it takes \(allowed.map { "`\($0)`" }.joined(separator: ", ")).")
        }
    }

    private func present(_ name: String) -> ToolArgumentValue? {
        guard let value = values[name], !value.isNull else { return nil }
        return value
    }

    /// A required string.
    func requiredString(_ name: String) throws(ToolCallError) -> String {
        guard let value = present(name) else { throw ToolCallError(argument: name, "is required (a string).") }
        guard let text = value.stringValue else {
            throw ToolCallError(argument: name, "must be a string, not \(value.kind).")
        }
        return text
    }

    /// An optional string.
    func string(_ name: String) throws(ToolCallError) -> String? {
        guard let value = present(name) else { return nil }
        guard let text = value.stringValue else {
            throw ToolCallError(argument: name, "must be a string, not \(value.kind).")
        }
        return text
    }

    /// An optional boolean (`false` when absent).
    func bool(_ name: String) throws(ToolCallError) -> Bool {
        guard let value = present(name) else { return false }
        guard let flag = value.boolValue else {
            throw ToolCallError(argument: name, "must be true or false, not \(value.kind).")
        }
        return flag
    }

    /// An optional integer (a JSON number without a fraction).
    func integer(_ name: String) throws(ToolCallError) -> Int? {
        guard let value = present(name) else { return nil }
        if case .int(let number) = value { return number }
        if case .double(let number) = value, number.rounded() == number, abs(number) < 1e15 { return Int(number) }
        throw ToolCallError(argument: name, "must be an integer, not \(value.kind).")
    }

    /// An optional number.
    func number(_ name: String) throws(ToolCallError) -> Double? {
        guard let value = present(name) else { return nil }
        if case .double(let number) = value { return number }
        if case .int(let number) = value { return Double(number) }
        throw ToolCallError(argument: name, "must be a number, not \(value.kind).")
    }

    /// An optional list of strings; a single string counts as a list of one.
    func strings(_ name: String) throws(ToolCallError) -> [String] {
        guard let value = present(name) else { return [] }
        if let text = value.stringValue { return [text] }
        guard let items = value.arrayValue else {
            throw ToolCallError(argument: name, "must be a list of strings, not \(value.kind).")
        }
        var result: [String] = []
        for item in items {
            guard let text = item.stringValue else {
                throw ToolCallError(argument: name, "must be a list of strings; it holds \(item.kind).")
            }
            result.append(text)
        }
        return result
    }
}
