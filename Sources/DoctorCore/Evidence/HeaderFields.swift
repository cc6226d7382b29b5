/// One HTTP header as it was seen: name spelling and value kept verbatim.
public struct HeaderField: Sendable, Codable, Equatable, Hashable {
    /// The header name as it appeared (any letter case).
    public var name: String
    /// The header value, trimmed of surrounding white space.
    public var value: String

    /// Creates a header field.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension HeaderField {
    /// Reads one `Name: value` line: the form `explain --header`, the MCP `explain` tool's
    /// `headers` and the header lines of a pasted dump are written in. The name is what precedes
    /// the first colon, without surrounding spaces and tabs (``isName(_:)`` must hold); the value
    /// is the rest, trimmed the same way. `nil` when the line is not of that form.
    ///
    /// ```swift
    /// HeaderField(line: "x-request-id: req_123")  // name "x-request-id", value "req_123"
    /// HeaderField(line: "no colon here")          // nil
    /// ```
    public init?(line: some StringProtocol) {
        let text = Substring(line)
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let name = text[..<colon].trimmed()
        guard Self.isName(name) else { return nil }
        self.init(name: name, value: text[text.index(after: colon)...].trimmed())
    }

    /// Whether `name` can be a header name: not empty, and no space, tab, colon or line end inside.
    public static func isName(_ name: some StringProtocol) -> Bool {
        !name.isEmpty
            && !name.unicodeScalars.contains { $0 == " " || $0 == "\t" || $0 == ":" || $0 == "\r" || $0 == "\n" }
    }
}

/// An ordered list of HTTP headers whose look-ups ignore letter case, as HTTP requires.
///
/// Order and repeated names are kept (`access-control-expose-headers` appears twice on
/// real OpenAI answers), so a dump can be re-rendered faithfully.
public struct HeaderFields: Sendable, Codable, Equatable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// The fields in the order they were seen.
    public private(set) var fields: [HeaderField]

    /// Creates an empty list, or one holding `fields`.
    public init(_ fields: [HeaderField] = []) {
        self.fields = fields
    }

    /// Creates a list from literal pairs, in order.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.fields = elements.map { HeaderField(name: $0.0, value: $0.1) }
    }

    /// The first value for `name`, compared without letter case.
    public subscript(name: String) -> String? {
        fields.first { Self.sameName($0.name, name) }?.value
    }

    /// Every value for `name`, in order.
    public func values(for name: String) -> [String] {
        fields.filter { Self.sameName($0.name, name) }.map(\.value)
    }

    /// Whether any header is named `name`.
    public func contains(_ name: String) -> Bool {
        fields.contains { Self.sameName($0.name, name) }
    }

    /// Whether any header name starts with `prefix` (letter case ignored).
    public func containsName(withPrefix prefix: String) -> Bool {
        fields.contains { $0.name.lowercased().hasPrefix(prefix.lowercased()) }
    }

    /// Appends a field, keeping any earlier one of the same name.
    public mutating func append(name: String, value: String) {
        fields.append(HeaderField(name: name, value: value))
    }

    /// Adds a field unless one of that name is already present.
    public mutating func appendIfAbsent(name: String, value: String) {
        if !contains(name) { append(name: name, value: value) }
    }

    /// The number of fields.
    public var count: Int { fields.count }

    /// Whether there are no fields.
    public var isEmpty: Bool { fields.isEmpty }

    /// Iterates the fields in order.
    public func makeIterator() -> IndexingIterator<[HeaderField]> { fields.makeIterator() }

    /// Whether two names are the same without letter case: ASCII letters folded byte by byte
    /// (header names are ASCII; no copy, since the mock looks up a dozen names per request),
    /// Unicode's lowercasing for any other name.
    static func sameName(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        for (x, y) in zip(a.utf8, b.utf8) where x != y {
            if x >= 0x80 || y >= 0x80 { return a.lowercased() == b.lowercased() }
            if x | 0x20 != y | 0x20 || !(0x61...0x7A).contains(x | 0x20) { return false }
        }
        return true
    }
}
