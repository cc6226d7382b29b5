import DoctorCore

/// The head of an HTTP/1 response as a client prints it (`curl -i`): the one header parser of the
/// test suite. The status line, then `Name: value` lines, then a blank line and the body.
public struct HTTPHead: Sendable {
    /// The status code of the status line, `nil` when the text does not start with one.
    public var status: Int?
    /// The header fields in order, names as sent, values trimmed.
    public var fields: HeaderFields
    /// The header lines as sent, without the status line.
    public var lines: [String]
    /// Everything after the blank line that ends the head (all of the text when there is none).
    public var body: String

    /// Parses `text`, the head and body of one response separated by CRLF CRLF.
    public init(_ text: String) {
        let head: Substring
        if let end = text.firstRange(of: "\r\n\r\n") {
            head = text[..<end.lowerBound]
            body = String(text[end.upperBound...])
        } else {
            head = ""
            body = text
        }
        let statusLine = text.split(separator: "\r\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        if statusLine.hasPrefix("HTTP/") {
            let parts = statusLine.split(separator: " ")
            status = parts.count > 1 ? Int(parts[1]) : nil
        } else {
            status = nil
        }
        lines =
            head.isEmpty
            ? [] : head.split(separator: "\r\n", omittingEmptySubsequences: false).dropFirst().map(String.init)
        fields = Self.fields(lines)
    }

    /// `Name: value` lines as header fields; a line without a colon is skipped.
    public static func fields(_ lines: some Sequence<some StringProtocol>) -> HeaderFields {
        var fields = HeaderFields()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
            fields.append(
                name: String(line[..<colon]),
                value: String(value.reversed().drop { $0 == " " || $0 == "\t" }.reversed()))
        }
        return fields
    }
}
