import DoctorCore
import DoctorProbes
import DoctorScan
import MCP

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `explain`: `SavedReportEvidence` (a saved check report, else `EvidenceExtractor`) then `Diagnoser`,
/// as `openai-doctor explain` runs them.
enum ExplainTool {
    static func run(_ values: [String: Value]?) throws(ToolCallError) -> ToolDocument {
        let arguments = try ToolArguments(tool: "explain", values: values, allowed: ["text", "status", "headers"])
        let text = try arguments.requiredString("text")
        let status = try arguments.integer("status")
        if let status, !(100...599).contains(status) {
            throw ToolCallError(argument: "status", "must be an HTTP status between 100 and 599, not \(status).")
        }
        let headers = try Self.headers(arguments)
        let evidences = SavedReportEvidence.extract(from: Array(text.utf8), status: status, headers: headers)
        let items = evidences.map { (diagnosis: Diagnoser.diagnose($0), entry: $0.entry) }
        return ToolDocument(ExplainDocument(items: items, isHAR: evidences.first?.form == .har))
    }

    /// `headers`: a list of "Name: value" strings or an object of name to value.
    static func headers(_ arguments: ToolArguments) throws(ToolCallError) -> HeaderFields {
        var fields = HeaderFields()
        if let object = arguments.values["headers"]?.objectValue {
            for (name, value) in object.sorted(by: { $0.key < $1.key }) {
                guard let text = value.stringValue else {
                    throw ToolCallError(
                        argument: "headers",
                        "the value of \(name) must be a string, not \(ToolArguments.kind(of: value)).")
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

/// `describe_cause`: one entry of ``CauseCatalog``.
enum DescribeCauseTool {
    /// The document: the cause's row of docs/causes.md with the catalogue's words.
    struct Document: Encodable {
        let description: CauseDescription

        enum Keys: String, CodingKey {
            case schemaVersion = "schema_version"
            case cause, layer, retry, title, explanation, fixes
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(1, forKey: .schemaVersion)
            try c.encode(description.id, forKey: .cause)
            try c.encode(description.id.layer, forKey: .layer)
            try c.encode(description.id.retry, forKey: .retry)
            try c.encode(description.title, forKey: .title)
            try c.encode(description.explanation, forKey: .explanation)
            try c.encode(description.fixes.map(\.text), forKey: .fixes)
        }
    }

    static func run(_ values: [String: Value]?) throws(ToolCallError) -> ToolDocument {
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
        return ToolDocument(Document(description: CauseCatalog.description(of: cause)))
    }
}

/// `redact`: ``StreamRedactor``, the code path of `openai-doctor redact`, HAR handling included.
enum RedactTool {
    /// The document: the safe text and what was replaced.
    struct Document: Encodable {
        let text: String
        let summary: RedactionSummary
        let har: Bool

        enum Keys: String, CodingKey {
            case schemaVersion = "schema_version"
            case text, secrets, replaced, lines, har
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(1, forKey: .schemaVersion)
            try c.encode(text, forKey: .text)
            try c.encode(summary.total, forKey: .secrets)
            try c.encode(summary.replaced, forKey: .replaced)
            try c.encode(summary.lines, forKey: .lines)
            try c.encode(har, forKey: .har)
        }
    }

    static func run(_ values: [String: Value]?) throws(ToolCallError) -> ToolDocument {
        let arguments = try ToolArguments(tool: "redact", values: values, allowed: ["text", "emails"])
        let text = try arguments.requiredString("text")
        let scanner = SecretScanner(options: .init(emails: try arguments.bool("emails")))
        let (safe, summary) = try redact(text, scanner: scanner)
        let isHAR = Array(text.utf8.prefix(64 << 10)).withUnsafeBufferPointer(StreamRedactor.looksLikeHAR)
        return ToolDocument(Document(text: safe, summary: summary, har: isHAR))
    }

    /// Redacts `text` through ``StreamRedactor`` (which reads and writes descriptors): the text
    /// goes into an unlinked file in a private temporary folder, the output into another,
    /// read back at once. Nothing stays on disk.
    static func redact(_ text: String, scanner: SecretScanner) throws(ToolCallError) -> (String, RedactionSummary) {
        guard !text.utf8.contains(0) else {
            throw ToolCallError(argument: "text", "holds NUL bytes: binary input is not redacted.")
        }
        do {
            let folder = try PrivateFolder()
            defer { folder.remove() }
            let inputPath = folder.path + "/input"
            let outputPath = folder.path + "/output"
            let writer = try OutputFile(creating: inputPath, mode: 0o600)
            try writer.write(text)
            try writer.close()
            let input = try InputFile(path: inputPath)
            unlink(inputPath)
            let output = try OutputFile(creating: outputPath, mode: 0o600)
            let readBack = open(outputPath, O_RDONLY | O_CLOEXEC)
            unlink(outputPath)
            guard readBack >= 0 else { throw FileIOError(path: outputPath, operation: "read", code: errno) }
            defer { close(readBack) }
            let summary = try StreamRedactor.redact(input, to: output, scanner: scanner)
            try output.close()
            return (try readAll(readBack, path: outputPath), summary)
        } catch is BinaryInputError {
            throw ToolCallError(argument: "text", "holds NUL bytes: binary input is not redacted.")
        } catch {
            throw ToolCallError("could not redact: \(error)")
        }
    }

    private static func readAll(_ descriptor: Int32, path: String) throws -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            // Safe: the chunk is non-empty: a non-empty buffer has a base address
            // swift-format-ignore: NeverForceUnwrap
            let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileIOError(path: path, operation: "read", code: errno)
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A folder only this user can enter, under `TMPDIR` (or `/tmp`), removed by ``remove()``.
struct PrivateFolder {
    let path: String

    init() throws {
        let base = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/openai-doctor-mcp.XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
            // Safe: the template buffer is non-empty: a non-empty buffer has a base address
            // swift-format-ignore: NeverForceUnwrap
            mkdtemp(buffer.baseAddress!).map { String(cString: $0) }
        }
        guard let made else { throw FileIOError(path: base, operation: "create a folder in", code: errno) }
        path = made
    }

    func remove() {
        unlink(path + "/input")
        unlink(path + "/output")
        rmdir(path)
    }
}

/// `audit`: ``Auditor``, as `openai-doctor audit --format json` runs it.
enum AuditTool {
    static func run(_ values: [String: Value]?) async throws(ToolCallError) -> ToolDocument {
        let arguments = try ToolArguments(
            tool: "audit", values: values, allowed: ["path", "no_ignore", "credentials_only"])
        let path = try arguments.requiredString("path")
        guard !path.isEmpty else { throw ToolCallError(argument: "path", "is empty; give a file or folder.") }
        let auditor = Auditor(
            honourIgnoreFiles: !(try arguments.bool("no_ignore")),
            readsErrorRecords: !(try arguments.bool("credentials_only")))
        let report = await auditor.audit([path])
        if let unreadable = report.unreadable.first(where: { $0.path == path }) {
            throw ToolCallError(argument: "path", "cannot read \(path): \(unreadable.reason).")
        }
        return ToolDocument(report)
    }
}
