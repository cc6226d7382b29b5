import DoctorCore

/// The result of an audit: leaked credentials by file and line, OpenAI error records by
/// cause, and what was skipped. Its JSON form (`--format json`) is versioned.
public struct AuditReport: Sendable, Codable {
    /// A path that could not be read, and why.
    public struct Unreadable: Sendable, Hashable, Codable {
        /// The path.
        public var path: String
        /// The system's reason.
        public var reason: String
    }

    /// The schema version of the JSON form.
    public static let schemaVersion = 1

    /// The credentials found, in file order.
    public var findings: [AuditFinding] = []
    /// OpenAI error records by cause, most frequent first.
    public var errorRecords: [ErrorRecordTally] = []
    /// Text files scanned.
    public var filesScanned = 0
    /// Bytes scanned.
    public var bytesScanned = 0
    /// Files skipped because they are binary.
    public var skippedBinary: [String] = []
    /// Files and directories excluded by `.gitignore` rules.
    public var ignored = 0
    /// Paths that could not be read.
    public var unreadable: [Unreadable] = []

    /// Creates an empty report.
    public init() {}

    /// Whether a credential was found (the command then exits 1).
    public var foundCredentials: Bool { !findings.isEmpty }

    enum CodingKeys: String, CodingKey {
        case findings, ignored, unreadable
        case schemaVersion = "schema_version"
        case errorRecords = "error_records"
        case filesScanned = "files_scanned"
        case bytesScanned = "bytes_scanned"
        case skippedBinary = "skipped_binary"
    }

    /// Encodes with `schema_version` first among sorted keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.schemaVersion, forKey: .schemaVersion)
        try c.encode(findings, forKey: .findings)
        try c.encode(errorRecords, forKey: .errorRecords)
        try c.encode(filesScanned, forKey: .filesScanned)
        try c.encode(bytesScanned, forKey: .bytesScanned)
        try c.encode(skippedBinary, forKey: .skippedBinary)
        try c.encode(ignored, forKey: .ignored)
        try c.encode(unreadable, forKey: .unreadable)
    }

    /// Decodes a report written by ``encode(to:)``.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        findings = try c.decode([AuditFinding].self, forKey: .findings)
        errorRecords = try c.decode([ErrorRecordTally].self, forKey: .errorRecords)
        filesScanned = try c.decode(Int.self, forKey: .filesScanned)
        bytesScanned = try c.decode(Int.self, forKey: .bytesScanned)
        skippedBinary = try c.decode([String].self, forKey: .skippedBinary)
        ignored = try c.decode(Int.self, forKey: .ignored)
        unreadable = try c.decode([Unreadable].self, forKey: .unreadable)
    }

    /// The report as text for a person.
    public func renderText() -> String {
        var out = ""
        for finding in findings {
            let place = "\(finding.path):\(finding.line)" + (finding.column.map { ":\($0)" } ?? "")
            out += "\(place): \(finding.summary)\n"
        }
        let files = Set(findings.map(\.path)).count
        out +=
            findings.isEmpty
            ? "No credentials found"
            : "\(findings.count) credential\(findings.count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")"
        var scanned = "\(filesScanned) file\(filesScanned == 1 ? "" : "s") scanned"
        if !skippedBinary.isEmpty { scanned += ", \(skippedBinary.count) binary skipped" }
        if ignored > 0 { scanned += ", \(ignored) ignored by .gitignore" }
        if !unreadable.isEmpty { scanned += ", \(unreadable.count) unreadable" }
        out += " (\(scanned)).\n"
        for item in unreadable { out += "cannot read \(item.path): \(item.reason)\n" }
        if !errorRecords.isEmpty {
            let total = errorRecords.reduce(0) { $0 + $1.count }
            out += "\nOpenAI error records: \(total)\n"
            let width = errorRecords.map(\.cause.rawValue.count).max() ?? 0
            for tally in errorRecords {
                var line = "  " + tally.cause.rawValue.padding(to: width) + "  " + String(tally.count).leftPadded(to: 6)
                if let first = tally.firstHour, let last = tally.lastHour {
                    line += first == last ? "  \(first):00" : "  \(first):00 … \(last):00"
                }
                if !tally.requestIDs.isEmpty {
                    line +=
                        "  " + tally.requestIDs.prefix(3).joined(separator: ", ")
                        + (tally.requestIDs.count > 3 ? ", …" : "")
                }
                out += line + "\n"
            }
        }
        return out
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
