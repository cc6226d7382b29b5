/// A `.env` file read the way python-dotenv reads it (the reader every OpenAI quick-start uses).
///
/// Rules followed (python-dotenv's parser and `dotenv_values` with `interpolate=True`):
/// - `KEY=value`, optionally prefixed by `export `; blank lines and `#` comment lines skipped.
/// - Unquoted values end at ` #` (an inline comment) and lose surrounding white space.
/// - `'single'` quotes are literal; `"double"` quotes understand `\n`, `\t`, `\"`, `\\`, … and may
///   span lines.
/// - `${NAME}` and `${NAME:-default}` are expanded in unquoted and double-quoted values, from the
///   real environment first, then from earlier lines of the file (python-dotenv's default with
///   `override=False`). `$NAME` without braces stays as written.
/// - A line with a name and no `=` gives the name with no value.
///
/// ```swift
/// let file = DotEnv.parse("OPENAI_API_KEY='sk-…'\n# comment\nOPENAI_ORG_ID=org-abc # mine\n")
/// file.value(for: "OPENAI_ORG_ID")  // "org-abc"
/// ```
public struct DotEnv: Sendable, Equatable {
    /// One assignment of the file.
    public struct Entry: Sendable, Equatable {
        /// The variable name.
        public var name: String
        /// The value after unquoting and expansion; `nil` for a bare name.
        public var value: String?
        /// The 1-based line where the assignment starts.
        public var line: Int
        /// How the value was quoted: `none`, `single` or `double`.
        public var quoting: Quoting

        /// Creates an entry.
        public init(name: String, value: String?, line: Int, quoting: Quoting) {
            self.name = name
            self.value = value
            self.line = line
            self.quoting = quoting
        }
    }

    /// How a value was written.
    public enum Quoting: String, Sendable, Equatable {
        /// No quotes.
        case none
        /// `'…'`.
        case single
        /// `"…"`.
        case double
    }

    /// The assignments in file order (a name may repeat; the last one wins).
    public var entries: [Entry]
    /// 1-based numbers of lines that could not be parsed (python-dotenv warns and skips them).
    public var unparsedLines: [Int]

    /// The value for `name` (the last assignment), if the file sets one.
    public func value(for name: String) -> String? {
        entries.last { $0.name == name }?.value
    }

    /// The entry for `name` (the last assignment).
    public func entry(for name: String) -> Entry? {
        entries.last { $0.name == name }
    }

    /// Parses the text of a `.env` file.
    ///
    /// - Parameters:
    ///   - text: The file's contents.
    ///   - environment: The real environment, used first when expanding `${NAME}`.
    /// - Returns: The parsed file.
    public static func parse(_ text: String, environment: [String: String] = [:]) -> DotEnv {
        var parser = Parser(text: text)
        var entries: [Entry] = []
        var unparsed: [Int] = []
        var known: [String: String] = [:]
        while !parser.atEnd {
            let line = parser.line
            switch parser.nextStatement() {
            case .blank:
                continue
            case .error:
                unparsed.append(line)
            case .assignment(let name, let raw, let quoting):
                var value = raw
                if let raw, quoting != .single {
                    value = expand(raw, environment: environment, known: known)
                }
                if let value { known[name] = value }
                entries.append(Entry(name: name, value: value, line: line, quoting: quoting))
            }
        }
        return DotEnv(entries: entries, unparsedLines: unparsed)
    }

    /// Expands `${NAME}` and `${NAME:-default}`: the real environment wins over the file.
    static func expand(_ value: String, environment: [String: String], known: [String: String]) -> String {
        var out = ""
        var rest = Substring(value)
        while let start = rest.firstRange(of: "${") {
            out += rest[..<start.lowerBound]
            guard let close = rest[start.upperBound...].firstIndex(of: "}") else {
                out += rest[start.lowerBound...]
                return out
            }
            let inner = rest[start.upperBound..<close]
            let name: Substring
            var fallback: Substring = ""
            if let sep = inner.firstRange(of: ":-") {
                name = inner[..<sep.lowerBound]
                fallback = inner[sep.upperBound...]
            } else {
                name = inner
            }
            let resolved = environment[String(name)] ?? known[String(name)]
            out += resolved.flatMap { $0.isEmpty ? nil : $0 } ?? String(fallback)
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }
}

/// A reader of `.env` statements over Unicode scalars.
///
/// Scalars, not `Character`s: Swift joins `\r\n` into one character, so a character-level reader
/// never saw the end of a Windows line and the first value ran on into the next line.
/// `\r\n`, `\n` and a lone `\r` each end a line, as python-dotenv's `_newline` reads them.
private struct Parser {
    enum Statement {
        case blank
        case error
        case assignment(name: String, value: String?, quoting: DotEnv.Quoting)
    }

    let scalars: [Unicode.Scalar]
    var index = 0
    var line = 1

    init(text: String) { self.scalars = Array(text.unicodeScalars) }

    var atEnd: Bool { index >= scalars.count }
    var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    static func isLineEnd(_ c: Unicode.Scalar) -> Bool { c == "\n" || c == "\r" }

    mutating func advance() {
        let c = scalars[index]
        index += 1
        // `\r\n` counts once, at its `\n`.
        if c == "\n" || (c == "\r" && current != "\n") { line += 1 }
    }

    mutating func skipSpaces() {
        while let c = current, c == " " || c == "\t" { advance() }
    }

    /// Consumes one line end: `\r\n`, `\n` or `\r`.
    mutating func consumeLineEnd() {
        if current == "\r" {
            advance()
            if current == "\n" { advance() }
        } else if current == "\n" {
            advance()
        }
    }

    mutating func skipRestOfLine() {
        while let c = current, !Self.isLineEnd(c) { advance() }
        consumeLineEnd()
    }

    /// Reads one statement, consuming through its end of line.
    mutating func nextStatement() -> Statement {
        skipSpaces()
        guard let first = current else { return .blank }
        if Self.isLineEnd(first) || first == "#" {
            skipRestOfLine()
            return .blank
        }
        if matchesExport() {
            index += 6
            skipSpaces()
        }
        let name = readName()
        guard !name.isEmpty else {
            skipRestOfLine()
            return .error
        }
        skipSpaces()
        guard current == "=" else {
            // A bare name (python-dotenv gives it the value None), possibly with a comment.
            let rest = readToEndOfLine().configTrimmed()
            if rest.isEmpty || rest.hasPrefix("#") { return .assignment(name: name, value: nil, quoting: .none) }
            return .error
        }
        advance()
        skipSpaces()
        switch current {
        case "\'":
            advance()
            guard let body = readQuoted(closing: "\'", escapes: false) else { return .error }
            return finishQuoted(name: name, value: body, quoting: .single)
        case "\"":
            advance()
            guard let body = readQuoted(closing: "\"", escapes: true) else { return .error }
            return finishQuoted(name: name, value: body, quoting: .double)
        default:
            let raw = readToEndOfLine()
            var value = raw
            if let hash = raw.firstRange(of: " #") ?? raw.firstRange(of: "\t#") {
                value = String(raw[..<hash.lowerBound])
            }
            return .assignment(name: name, value: value.configTrimmed(), quoting: .none)
        }
    }

    mutating func finishQuoted(name: String, value: String, quoting: DotEnv.Quoting) -> Statement {
        let rest = readToEndOfLine().configTrimmed()
        guard rest.isEmpty || rest.hasPrefix("#") else { return .error }
        return .assignment(name: name, value: value, quoting: quoting)
    }

    /// `export` followed by a space or a tab.
    func matchesExport() -> Bool {
        let word = Array("export".unicodeScalars)
        guard index + word.count < scalars.count else { return false }
        let after = scalars[index + word.count]
        return Array(scalars[index..<index + word.count]) == word && (after == " " || after == "\t")
    }

    mutating func readName() -> String {
        var name = String.UnicodeScalarView()
        if let quote = current, quote == "\'" || quote == "\"" {
            advance()
            while let c = current, c != quote, !Self.isLineEnd(c) {
                name.append(c)
                advance()
            }
            if current == quote { advance() }
            return String(name)
        }
        while let c = current, c != "=", c != " ", c != "\t", !Self.isLineEnd(c), c != "#" {
            name.append(c)
            advance()
        }
        return String(name)
    }

    /// The rest of the line without its line end, which is consumed.
    mutating func readToEndOfLine() -> String {
        var text = String.UnicodeScalarView()
        while let c = current, !Self.isLineEnd(c) {
            text.append(c)
            advance()
        }
        consumeLineEnd()
        return String(text)
    }

    /// A quoted body up to `closing` (line ends inside are kept as written, `\r\n` included).
    mutating func readQuoted(closing: Unicode.Scalar, escapes: Bool) -> String? {
        var text = String.UnicodeScalarView()
        while let c = current {
            advance()
            if c == closing { return String(text) }
            if c == "\\", let next = current {
                if escapes {
                    advance()
                    switch next {
                    case "n": text.append("\n")
                    case "t": text.append("\t")
                    case "r": text.append("\r")
                    case "\"": text.append("\"")
                    case "\\": text.append("\\")
                    case "\'": text.append("\'")
                    case "a": text.append("\u{07}")
                    case "b": text.append("\u{08}")
                    case "f": text.append("\u{0C}")
                    case "v": text.append("\u{0B}")
                    default:
                        text.append("\\")
                        text.append(next)
                    }
                } else if next == "\'" {
                    advance()
                    text.append("\'")
                } else {
                    text.append(c)
                }
                continue
            }
            text.append(c)
        }
        return nil
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and carriage returns.
    func configTrimmed() -> String {
        var slice = Substring(self)
        while let c = slice.first, c == " " || c == "\t" || c == "\r" { slice.removeFirst() }
        while let c = slice.last, c == " " || c == "\t" || c == "\r" { slice.removeLast() }
        return String(slice)
    }
}
