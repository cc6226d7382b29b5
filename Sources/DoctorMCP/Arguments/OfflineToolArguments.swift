import DoctorCore

/// The arguments of the `explain` tool: the pasted text, an optional status, optional headers.
struct ExplainArguments: Equatable {
    /// `text`: what failed, as pasted.
    var text: String
    /// `status`: the HTTP status, 100…599.
    var status: Int?
    /// `headers`: response headers, in the order given (an object's by name).
    var headers: HeaderFields

    /// The argument names, as the tool's schema lists them.
    static let names = ["text", "status", "headers"]

    /// Reads the arguments of a call.
    init(_ values: [String: ToolArgumentValue]?) throws(ToolCallError) {
        let arguments = try ToolArguments(tool: "explain", values: values, allowed: Self.names)
        text = try arguments.requiredString("text")
        status = try arguments.integer("status")
        if let status, !(100...599).contains(status) {
            throw ToolCallError(argument: "status", "must be an HTTP status between 100 and 599, not \(status).")
        }
        headers = try Self.headers(arguments)
    }

    /// `headers`: a list of "Name: value" strings or an object of name to value.
    static func headers(_ arguments: ToolArguments) throws(ToolCallError) -> HeaderFields {
        var fields = HeaderFields()
        if let object = arguments.values["headers"]?.objectValue {
            for (name, value) in object.sorted(by: { $0.key < $1.key }) {
                guard let text = value.stringValue else {
                    throw ToolCallError(
                        argument: "headers", "the value of \(name) must be a string, not \(value.kind).")
                }
                guard HeaderField.isName(name) else {
                    throw ToolCallError(argument: "headers", "\"\(name)\" is not a header name.")
                }
                fields.append(name: name, value: text)
            }
            return fields
        }
        for line in try arguments.strings("headers") {
            guard let field = HeaderField(line: line) else {
                throw ToolCallError(argument: "headers", "each entry must look like \"Name: value\"; one does not.")
            }
            fields.append(name: field.name, value: field.value)
        }
        return fields
    }
}

/// The arguments of the `describe_cause` tool: one cause id.
struct DescribeCauseArguments: Equatable {
    /// `cause`: the id, read without letter case, spaces, tabs or line ends.
    var cause: CauseID

    /// Reads the arguments of a call.
    init(_ values: [String: ToolArgumentValue]?) throws(ToolCallError) {
        let arguments = try ToolArguments(tool: "describe_cause", values: values, allowed: ["cause"])
        let name = try arguments.requiredString("cause")
        guard
            let cause = CauseID(rawValue: String(name.filter { $0 != " " && $0 != "\t" && !$0.isNewline }).lowercased())
        else {
            throw ToolCallError(
                argument: "cause",
                "\"\(name)\" is not a cause id; the ids are \(CauseID.allCases.map(\.rawValue).joined(separator: ", "))."
            )
        }
        self.cause = cause
    }
}

/// The arguments of the `redact` tool: the text, and whether e-mail addresses go too.
struct RedactArguments: Equatable {
    /// `text`: what to redact.
    var text: String
    /// `emails`: redact e-mail addresses as well.
    var emails: Bool

    /// Reads the arguments of a call.
    init(_ values: [String: ToolArgumentValue]?) throws(ToolCallError) {
        let arguments = try ToolArguments(tool: "redact", values: values, allowed: ["text", "emails"])
        text = try arguments.requiredString("text")
        emails = try arguments.bool("emails")
    }
}

/// The arguments of the `audit` tool: a path, and the two switches of `openai-doctor audit`.
struct AuditArguments: Equatable {
    /// `path`: a file or folder, not empty.
    var path: String
    /// `no_ignore`: scan what `.gitignore` rules exclude too.
    var noIgnore: Bool
    /// `credentials_only`: look for credentials only, not for OpenAI error records.
    var credentialsOnly: Bool

    /// Reads the arguments of a call.
    init(_ values: [String: ToolArgumentValue]?) throws(ToolCallError) {
        let arguments = try ToolArguments(
            tool: "audit", values: values, allowed: ["path", "no_ignore", "credentials_only"])
        path = try arguments.requiredString("path")
        guard !path.isEmpty else { throw ToolCallError(argument: "path", "is empty; give a file or folder.") }
        noIgnore = try arguments.bool("no_ignore")
        credentialsOnly = try arguments.bool("credentials_only")
    }
}
