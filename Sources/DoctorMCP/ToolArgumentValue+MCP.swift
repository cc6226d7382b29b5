import MCP

extension ToolArgumentValue {
    /// The SDK's value as a plain one: the one place a call's `Value`s are converted.
    init(_ value: Value) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .int(number)
        case .double(let number): self = .double(number)
        case .string(let text): self = .string(text)
        case .data: self = .data
        case .array(let items): self = .array(items.map(ToolArgumentValue.init))
        case .object(let fields): self = .object(fields.mapValues(ToolArgumentValue.init))
        }
    }

    /// A call's arguments as plain values (`nil` when the call had none).
    static func arguments(_ values: [String: Value]?) -> [String: ToolArgumentValue]? {
        values?.mapValues(ToolArgumentValue.init)
    }
}
