import DoctorCore

/// One leaked credential: where it is and what it is, never its value.
public struct AuditFinding: Sendable, Hashable, Codable {
    /// The file.
    public var path: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column in bytes, when the line start was in view.
    public var column: Int?
    /// What sort of secret (`key`, `session`, `authorization`, `api-key`, `password`, `session-cookie`).
    public var kind: String
    /// The key kind for keys (`project`, `service_account`, `admin`, `legacy`, `anthropic`…).
    public var keyType: String?
    /// Type prefix + last four for keys (`sk-proj-…a1B2`); the kind in brackets for other secrets.
    public var fingerprint: String
    /// The redaction token: tells secrets apart within one report (the hash changes between runs).
    public var token: String
    /// The byte offset in the file (for ordering and merging; not encoded).
    public var offset: Int = 0
    /// The byte length of the secret (for merging the ranges of a split file; not encoded).
    var length: Int = 0

    /// Creates a finding.
    public init(
        path: String, line: Int, column: Int?, kind: String, keyType: String?, fingerprint: String, token: String
    ) {
        self.path = path
        self.line = line
        self.column = column
        self.kind = kind
        self.keyType = keyType
        self.fingerprint = fingerprint
        self.token = token
    }

    enum CodingKeys: String, CodingKey {
        case path, line, column, kind, fingerprint, token
        case keyType = "key_type"
    }

    /// Encodes every key, `null` included.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encode(line, forKey: .line)
        try c.encode(column, forKey: .column)
        try c.encode(kind, forKey: .kind)
        try c.encode(keyType, forKey: .keyType)
        try c.encode(fingerprint, forKey: .fingerprint)
        try c.encode(token, forKey: .token)
    }

    /// A one-line description: "project key sk-proj-…a1B2".
    public var summary: String {
        if let keyType, let kind = KeyKind(rawValue: keyType) { return "\(kind.displayName) \(fingerprint)" }
        switch kind {
        case "authorization": return "Authorization credential \(token)"
        case "api-key": return "api-key value \(token)"
        case "password": return "URL password \(token)"
        case "session-cookie": return "session cookie \(token)"
        default: return "\(kind) \(token)"
        }
    }
}

/// OpenAI error records of one cause: how many, when, where and with which request ids.
public struct ErrorRecordTally: Sendable, Hashable, Codable {
    /// The cause.
    public var cause: CauseID
    /// How many records.
    public var count: Int
    /// Records per hour (`2026-11-26T10` → count), for records with a timestamp.
    public var byHour: [String: Int]
    /// The first request ids seen (at most ``requestIDLimit``).
    public var requestIDs: [String]
    /// The files the records were in.
    public var files: [String]

    /// The most request ids kept per cause.
    public static let requestIDLimit = 10

    /// An empty tally for `cause`.
    public init(cause: CauseID) {
        self.cause = cause
        count = 0
        byHour = [:]
        requestIDs = []
        files = []
    }

    /// The earliest hour seen.
    public var firstHour: String? { byHour.keys.min() }
    /// The latest hour seen.
    public var lastHour: String? { byHour.keys.max() }

    mutating func merge(_ other: ErrorRecordTally) {
        count += other.count
        for (hour, n) in other.byHour { byHour[hour, default: 0] += n }
        for id in other.requestIDs where requestIDs.count < Self.requestIDLimit && !requestIDs.contains(id) {
            requestIDs.append(id)
        }
        for file in other.files where !files.contains(file) { files.append(file) }
    }

    enum CodingKeys: String, CodingKey {
        case cause, count, files
        case byHour = "by_hour"
        case requestIDs = "request_ids"
        case firstSeen = "first_seen"
        case lastSeen = "last_seen"
    }

    /// Encodes with `first_seen`/`last_seen` hours added.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(cause, forKey: .cause)
        try c.encode(count, forKey: .count)
        try c.encode(byHour, forKey: .byHour)
        try c.encode(requestIDs, forKey: .requestIDs)
        try c.encode(files, forKey: .files)
        try c.encode(firstHour, forKey: .firstSeen)
        try c.encode(lastHour, forKey: .lastSeen)
    }

    /// Decodes (the derived hours are ignored).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        cause = try c.decode(CauseID.self, forKey: .cause)
        count = try c.decode(Int.self, forKey: .count)
        byHour = try c.decode([String: Int].self, forKey: .byHour)
        requestIDs = try c.decode([String].self, forKey: .requestIDs)
        files = try c.decode([String].self, forKey: .files)
    }
}
