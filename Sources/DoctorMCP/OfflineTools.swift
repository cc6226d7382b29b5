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
        let arguments = try ExplainArguments(ToolArgumentValue.arguments(values))
        let evidences = SavedReportEvidence.extract(
            from: Array(arguments.text.utf8), status: arguments.status, headers: arguments.headers)
        let items = evidences.map { (diagnosis: Diagnoser.diagnose($0), entry: $0.entry) }
        return ToolDocument(ExplainDocument(items: items, isHAR: evidences.first?.form == .har))
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
        let cause = try DescribeCauseArguments(ToolArgumentValue.arguments(values)).cause
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
        let arguments = try RedactArguments(ToolArgumentValue.arguments(values))
        let text = arguments.text
        let scanner = SecretScanner(options: .init(emails: arguments.emails))
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
        let arguments = try AuditArguments(ToolArgumentValue.arguments(values))
        let path = arguments.path
        let auditor = Auditor(
            honourIgnoreFiles: !arguments.noIgnore, readsErrorRecords: !arguments.credentialsOnly)
        let report = await auditor.audit([path])
        if let unreadable = report.unreadable.first(where: { $0.path == path }) {
            throw ToolCallError(argument: "path", "cannot read \(path): \(unreadable.reason).")
        }
        return ToolDocument(report)
    }
}
