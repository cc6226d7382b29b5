import DoctorCore
import DoctorProbes

@testable import DoctorMCP

/// The MCP tools' arguments (`explain`, `check`, `redact`, `audit`, `describe_cause`) read from
/// plain values, as the SDK adapter hands them over.
///
/// The input's first line names the tool (else a choice from the input's tail picks one); the
/// rest is a JSON object of arguments, read leniently, its numbers as integers or doubles as
/// the SDK decodes them. Each argument is also replaced, in turn, by hostile values (null,
/// empty, huge, the wrong type, extreme numbers) and a key is planted in the string arguments.
enum MCPArgumentsTarget {
    static let target = FuzzTarget(
        name: "mcp-arguments",
        property:
            "MCP tool arguments: no crash on any value; a call reads either to a ToolCallError naming one of the tool's arguments or one given, never holding a planted key, or to arguments whose every field came from the call"
    ) { input in
        let text = input.text
        let newline = text.firstIndex(of: "\n") ?? text.endIndex
        let named = Tool(rawValue: String(text[..<newline]).trimmed())
        let tool = named ?? Tool.allCases[input.choice(0, below: Tool.allCases.count)]
        var arguments: [String: ToolArgumentValue] = [:]
        if let parsed = LenientJSONReader.parse(text[newline...]), case .object(let fields) = plain(parsed.value) {
            arguments = fields
        }
        // A key planted in every string argument: the error the agent would see must not repeat it.
        var generator = SeededGenerator(seed: input.seed)
        let key = PlantedKey.make(
            PlantedKey.shapes[input.choice(1, below: PlantedKey.shapes.count)], using: &generator)
        let keyed = arguments.mapValues { value -> ToolArgumentValue in
            guard case .string(let text) = value else { return value }
            return .string(input.choice(2, below: 2) == 0 ? key + " " + text : text + " " + key)
        }
        check(tool, arguments, key: nil)
        check(tool, keyed, key: key)
        for name in tool.names {
            for hostile in hostileValues {
                var changed = arguments
                changed[name] = hostile
                check(tool, changed, key: nil)
            }
        }
    }

    /// The five tools and their argument names.
    enum Tool: String, CaseIterable {
        case explain
        case check
        case redact
        case audit
        case describeCause = "describe_cause"

        var names: [String] {
            switch self {
            case .explain: return ExplainArguments.names
            case .check: return CheckArguments.names
            case .redact: return ["text", "emails"]
            case .audit: return ["path", "no_ignore", "credentials_only"]
            case .describeCause: return ["cause"]
            }
        }
    }

    /// Empty, huge, wrongly typed and extreme values.
    static let hostileValues: [ToolArgumentValue] = [
        .null, .bool(true), .bool(false), .int(.min), .int(.max), .int(0), .int(-1), .double(.nan),
        .double(.infinity), .double(-.infinity), .double(1e300), .double(-0.0), .double(0.5), .double(1e15),
        .double(999_999_999_999_999), .string(""), .string(String(repeating: "x", count: 100_000)), .string("data:,"),
        .array([]), .array([.string("a"), .int(1)]), .array([.string(""), .string("Name: value")]), .object([:]),
        .object(["": .string("x"), "x-request-id": .int(1)]),
    ]

    /// A value read leniently, as the SDK would have decoded it: a number as an integer when it
    /// is one, else a double (a number too large for either is null).
    static func plain(_ value: JSONValue) -> ToolArgumentValue {
        switch value {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let text):
            if let number = Int(text) { return .int(number) }
            return Double(text).map(ToolArgumentValue.double) ?? .null
        case .string(let text): return .string(text)
        case .array(let items): return .array(items.map(plain))
        case .object(let pairs):
            var fields: [String: ToolArgumentValue] = [:]
            for (name, item) in pairs where fields[name] == nil { fields[name] = plain(item) }
            return .object(fields)
        }
    }

    /// Reads `values` for `tool`: an error naming an argument, or fields from `values`.
    static func check(_ tool: Tool, _ values: [String: ToolArgumentValue], key: String?) {
        do throws(ToolCallError) {
            switch tool {
            case .explain: checkRead(try ExplainArguments(values), values)
            case .check: checkRead(try CheckArguments(values), values)
            case .redact:
                let read = try RedactArguments(values)
                FuzzCheck.require(.string(read.text) == values["text"], "redact text not the one given")
                FuzzCheck.require(read.emails == (values["emails"] == .bool(true)), "redact emails \(read.emails)")
            case .audit:
                let read = try AuditArguments(values)
                FuzzCheck.require(!read.path.isEmpty && .string(read.path) == values["path"], "audit path not given")
                FuzzCheck.require(read.noIgnore == (values["no_ignore"] == .bool(true)), "no_ignore \(read.noIgnore)")
                FuzzCheck.require(
                    read.credentialsOnly == (values["credentials_only"] == .bool(true)),
                    "credentials_only \(read.credentialsOnly)")
            case .describeCause:
                let read = try DescribeCauseArguments(values)
                guard case .string(let given)? = values["cause"] else { FuzzCheck.fail("a cause without a string") }
                FuzzCheck.require(
                    read.cause.rawValue
                        == String(given.filter { $0 != " " && $0 != "\t" && !$0.isNewline }).lowercased(),
                    "cause \(read.cause) read from \(given.debugDescription)")
            }
        } catch {
            FuzzCheck.require(!error.message.isEmpty, "an empty message")
            guard let argument = error.argument else { FuzzCheck.fail("an error naming no argument: \(error)") }
            FuzzCheck.require(
                tool.names.contains(argument) || values[argument] != nil,
                "error names \(argument.debugDescription), neither an argument of \(tool.rawValue) nor one given")
            if let key {
                // What the server sends back (DoctorMCPServer.failure): the error, redacted.
                let sent = Redactor.redact("\(tool.rawValue): \(error)")
                PlantedKey.requireAbsent(key, in: sent, what: "the \(tool.rawValue) error")
            }
        }
    }

    /// `explain`'s arguments came from the call: the text, a status in 100…599, the headers.
    static func checkRead(_ read: ExplainArguments, _ values: [String: ToolArgumentValue]) {
        FuzzCheck.require(.string(read.text) == values["text"], "explain text not the one given")
        if let status = read.status {
            FuzzCheck.require((100...599).contains(status), "status \(status)")
            FuzzCheck.require(
                values["status"] == .int(status) || values["status"] == .double(Double(status)),
                "status \(status) not given")
        } else {
            FuzzCheck.require(values["status"] == nil || values["status"] == .null, "a given status lost")
        }
        switch values["headers"] {
        case .object(let object)?:
            FuzzCheck.require(read.headers.count == object.count, "\(read.headers.count) of \(object.count) headers")
            for field in read.headers {
                FuzzCheck.require(object[field.name] == .string(field.value), "header \(field.name) not given so")
            }
        case .string(let line)?:
            FuzzCheck.require(
                read.headers.fields.map(Optional.some) == [HeaderField(line: line)],
                "header line \(line.debugDescription)")
        case .array(let lines)?:
            let given = lines.map { line in line.stringValue.flatMap { HeaderField(line: $0) } }
            FuzzCheck.require(read.headers.fields.map(Optional.some) == given, "header lines")
        default:
            FuzzCheck.require(read.headers.isEmpty, "headers from nowhere")
        }
    }

    /// `check`'s arguments came from the call, each as the type its option takes, and the
    /// command line holds only their flags.
    static func checkRead(_ read: CheckArguments, _ values: [String: ToolArgumentValue]) {
        for option in CheckToolOption.allCases {
            let given = values[option.rawValue]
            let expected: [String]?
            switch (option.kind, given) {
            case (_, nil), (_, .null?): expected = nil
            case (.string, .string(let text)?): expected = [text]
            case (.strings, .string(let text)?): expected = [text]
            case (.strings, .array(let items)?): expected = items.isEmpty ? nil : items.compactMap(\.stringValue)
            case (.number, .int(let number)?): expected = ["\(Double(number))"]
            case (.number, .double(let number)?): expected = ["\(number)"]
            case (.flag, .bool(let flag)?): expected = flag ? ["true"] : nil
            default: FuzzCheck.fail("\(option.rawValue) read from a \(given?.kind ?? "missing") value")
            }
            FuzzCheck.require(
                read.values[option] == expected, "\(option.rawValue) read as \(String(describing: read.values[option]))"
            )
        }
        let flags = Set(CheckToolOption.allCases.map(\.flag))
        for argument in read.commandLine {
            // Split at the first "=" byte: a value beginning with a combining mark makes "=" and the
            // mark one Character (a finding of this target).
            let flag = argument.utf8.firstIndex(of: UInt8(ascii: "=")).map { String(argument[..<$0]) } ?? argument
            FuzzCheck.require(flags.contains(flag), "command line holds \(argument.debugDescription)")
        }
    }
}
