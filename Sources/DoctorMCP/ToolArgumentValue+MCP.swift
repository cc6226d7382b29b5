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
        // The SDK decodes any string that reads as a `data:` URL into bytes; the tools take text
        // (an error message may start with anything), so it is given back as the string it was.
        case .data(let mimeType, let bytes): self = .string(bytes.dataURLEncoded(mimeType: mimeType))
        case .array(let items): self = .array(items.map(ToolArgumentValue.init))
        case .object(let fields): self = .object(fields.mapValues(ToolArgumentValue.init))
        }
    }

    /// A call's arguments as plain values (`nil` when the call had none).
    static func arguments(_ values: [String: Value]?) -> [String: ToolArgumentValue]? {
        values?.mapValues(ToolArgumentValue.init)
    }
}
