/// A JSON-like value read leniently from text people paste.
///
/// Error bodies reach us as strict JSON, as Python reprs (`{'error': {'param': None}}`), as
/// JavaScript object literals (`{ error: { code: 524, message: 'Gateway timeout.' } }`), and
/// cut short by loggers. One tolerant reader serves them all, so no wrapper needs its own.
public indirect enum JSONValue: Sendable, Equatable {
    /// An object, keys in their original order.
    case object([(String, JSONValue)])
    /// An array.
    case array([JSONValue])
    /// A string.
    case string(String)
    /// A number, kept as its text (`502`, `4.5`).
    case number(String)
    /// `true`/`false`, `True`/`False`.
    case bool(Bool)
    /// `null`, `None`, `undefined`, `nil`.
    case null

    /// The value for `key` when this is an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// The value as text: strings as they are, numbers as written, `nil` otherwise.
    public var text: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    /// Whether this is an object.
    public var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    /// Compares structurally (object key order included).
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.array(let a), .array(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        default: return false
        }
    }
}

/// Reads ``JSONValue``s from text: strict JSON, Python reprs and JavaScript literals.
///
/// Bounded: nesting deeper than ``maxDepth`` stops the read (no stack overflow on hostile
/// input), and an unterminated value yields what was read so far when ``allowTruncated``.
public struct LenientJSONReader {
    /// The deepest nesting read.
    public static let maxDepth = 64

    private let bytes: [UInt8]
    private var index: Int
    /// Where reading stops: the end of the bytes, or the limit a caller gave.
    private let end: Int
    private var depth = 0
    private let allowTruncated: Bool

    /// Reads one value starting at the first `{` or `[` of `text[offset...]`.
    ///
    /// - Parameters:
    ///   - text: the text holding the value.
    ///   - allowTruncated: return a partial object when the text ends inside it.
    /// - Returns: the value and the UTF-8 offset just past it, or `nil`.
    public static func parse(_ text: Substring, allowTruncated: Bool = true) -> (value: JSONValue, end: Int)? {
        let bytes = Array(text.utf8)
        return parse(bytes, from: 0, limit: bytes.count, allowTruncated: allowTruncated)
    }

    /// Reads one value starting at `start` of `bytes`, reading nothing at or past `limit`, without
    /// copying the input: what a search trying many starts in one large text needs (a copy per
    /// start made `explain` quadratic in the number of objects, found by the `explain` fuzz target).
    ///
    /// - Returns: the value and the offset in `bytes` just past it, or `nil`.
    static func parse(
        _ bytes: [UInt8], from start: Int, limit: Int, allowTruncated: Bool = true
    ) -> (value: JSONValue, end: Int)? {
        let limit = min(max(limit, 0), bytes.count)
        guard start >= 0, start <= limit else { return nil }
        var reader = LenientJSONReader(bytes: bytes, start: start, end: limit, allowTruncated: allowTruncated)
        reader.skipSpace()
        guard let value = reader.readValue() else { return nil }
        return (value, reader.index)
    }

    /// Reads `text` as one value, or `nil` when it is not one.
    public static func parse(_ text: String) -> JSONValue? {
        parse(text[...])?.value
    }

    private init(bytes: [UInt8], start: Int, end: Int, allowTruncated: Bool) {
        self.bytes = bytes
        self.index = start
        self.end = end
        self.allowTruncated = allowTruncated
    }

    private var atEnd: Bool { index >= end }
    private var current: UInt8 { bytes[index] }

    private mutating func skipSpace() {
        while !atEnd {
            switch current {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func readValue() -> JSONValue? {
        skipSpace()
        guard !atEnd else { return nil }
        switch current {
        case UInt8(ascii: "{"): return readObject()
        case UInt8(ascii: "["): return readArray()
        case UInt8(ascii: "\""), UInt8(ascii: "'"): return readString().map(JSONValue.string)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return readNumber()
        default: return readWord()
        }
    }

    private mutating func readObject() -> JSONValue? {
        guard depth < Self.maxDepth else { return nil }
        depth += 1
        defer { depth -= 1 }
        index += 1
        var pairs: [(String, JSONValue)] = []
        while true {
            skipSpace()
            if atEnd { return allowTruncated ? .object(pairs) : nil }
            if current == UInt8(ascii: "}") {
                index += 1
                return .object(pairs)
            }
            if current == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard let key = readKey() else { return allowTruncated && atEnd ? .object(pairs) : nil }
            skipSpace()
            if atEnd { return allowTruncated ? .object(pairs) : nil }
            guard current == UInt8(ascii: ":") || current == UInt8(ascii: "=") else { return nil }
            index += 1
            // Ruby's hash rocket (`"message" => "…"`, ruby-openai's inspect output).
            if !atEnd, current == UInt8(ascii: ">") { index += 1 }
            guard let value = readValue() else { return allowTruncated && atEnd ? .object(pairs) : nil }
            pairs.append((key, value))
        }
    }

    private mutating func readArray() -> JSONValue? {
        guard depth < Self.maxDepth else { return nil }
        depth += 1
        defer { depth -= 1 }
        index += 1
        var items: [JSONValue] = []
        while true {
            skipSpace()
            if atEnd { return allowTruncated ? .array(items) : nil }
            if current == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            if current == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard let value = readValue() else { return allowTruncated && atEnd ? .array(items) : nil }
            items.append(value)
        }
    }

    private mutating func readKey() -> String? {
        if current == UInt8(ascii: "\"") || current == UInt8(ascii: "'") { return readString() }
        let start = index
        while !atEnd, Self.isWordByte(current) { index += 1 }
        guard index > start else { return nil }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "$"), UInt8(ascii: "-"),
            UInt8(ascii: "."):
            return true
        default:
            return b >= 0x80
        }
    }

    private mutating func readString() -> String? {
        let quote = current
        index += 1
        var out: [UInt8] = []
        while !atEnd {
            let b = current
            if b == quote {
                index += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") {
                index += 1
                guard !atEnd else { break }
                let e = current
                index += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    if let scalar = readHexScalar(count: 4) { appendScalar(scalar, to: &out) }
                case UInt8(ascii: "x"):
                    if let scalar = readHexScalar(count: 2) { appendScalar(scalar, to: &out) }
                case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                default:
                    // An escape no JSON or Python string defines (`\s`): the backslash stays, as
                    // lenient decoders keep it. Dropping it would glue what follows to the word
                    // before, and a key after it would no longer stand apart for the redactor.
                    out.append(UInt8(ascii: "\\"))
                    out.append(e)
                }
                continue
            }
            out.append(b)
            index += 1
        }
        return allowTruncated ? String(decoding: out, as: UTF8.self) : nil
    }

    private mutating func readHexScalar(count: Int) -> UInt32? {
        guard index + count <= end else { return nil }
        var value: UInt32 = 0
        for _ in 0..<count {
            let b = current
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value * 16 + digit
            index += 1
        }
        // A UTF-16 surrogate pair: combine with the low half when it follows.
        if (0xD800...0xDBFF).contains(value), index + 6 <= end, bytes[index] == UInt8(ascii: "\\"),
            bytes[index + 1] == UInt8(ascii: "u")
        {
            let save = index
            index += 2
            if let low = readHexScalar(count: 4), (0xDC00...0xDFFF).contains(low) {
                return 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            }
            index = save
        }
        return value
    }

    private func appendScalar(_ value: UInt32, to out: inout [UInt8]) {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    private mutating func readNumber() -> JSONValue? {
        let start = index
        index += 1
        while !atEnd {
            switch current {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"),
                UInt8(ascii: "+"), UInt8(ascii: "-"):
                index += 1
            default:
                return .number(String(decoding: bytes[start..<index], as: UTF8.self))
            }
        }
        return .number(String(decoding: bytes[start..<index], as: UTF8.self))
    }

    private mutating func readWord() -> JSONValue? {
        let start = index
        while !atEnd, Self.isWordByte(current) { index += 1 }
        guard index > start else { return nil }
        switch String(decoding: bytes[start..<index], as: UTF8.self) {
        case "true", "True": return .bool(true)
        case "false", "False": return .bool(false)
        case "null", "None", "undefined", "nil", "NULL": return .null
        default:
            // A bare word (an unquoted enum in a log line): keep it as a string.
            return .string(String(decoding: bytes[start..<index], as: UTF8.self))
        }
    }
}
