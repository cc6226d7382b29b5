#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A request body read as JSON by FoundationEssentials' parser (which, like `JSONSerialization`,
/// tolerates a trailing comma and nothing else beyond RFC 8259).
///
/// The mock reads bodies through this rather than `JSONSerialization`, which lives in the full
/// Foundation: keeping to FoundationEssentials spares every `openai-doctor` start the loading
/// of Foundation, its ICU data and their thousands of protocol conformances.
enum JSONBody: Decodable, Equatable {
    /// An object.
    case object([String: JSONBody])
    /// An array.
    case array([JSONBody])
    /// A string.
    case string(String)
    /// A number written without fraction or exponent that fits an `Int`.
    case integer(Int)
    /// Any other number.
    case number(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null

    /// The body parsed, or `nil` when it is not JSON.
    static func parse(_ bytes: [UInt8]) -> JSONBody? {
        try? JSONDecoder().decode(JSONBody.self, from: Data(bytes))
    }

    /// Decodes any JSON value.
    init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer()
        if value.decodeNil() {
            self = .null
        } else if let flag = try? value.decode(Bool.self) {
            self = .bool(flag)
        } else if let whole = try? value.decode(Int.self) {
            self = .integer(whole)
        } else if let number = try? value.decode(Double.self) {
            self = .number(number)
        } else if let text = try? value.decode(String.self) {
            self = .string(text)
        } else if let list = try? value.decode([JSONBody].self) {
            self = .array(list)
        } else {
            self = .object(try value.decode([String: JSONBody].self))
        }
    }

    /// The members when this is an object.
    var object: [String: JSONBody]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The text when this is a string.
    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value when this is `true` or `false`.
    var bool: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The value when this is a whole number.
    var integer: Int? {
        if case .integer(let whole) = self { return whole }
        return nil
    }

    /// The elements when this is an array of strings only.
    var strings: [String]? {
        guard case .array(let list) = self else { return nil }
        var texts: [String] = []
        for element in list {
            guard let text = element.string else { return nil }
            texts.append(text)
        }
        return texts
    }

    /// The value as it would be written in text: strings as they are, numbers and literals as JSON writes them.
    var text: String {
        switch self {
        case .string(let text): return text
        case .integer(let whole): return String(whole)
        case .number(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .array, .object: return "\(self)"
        }
    }
}
