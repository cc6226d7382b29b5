/// What inspecting a configured key found: its kind, fingerprint and every problem.
///
/// It holds no part of the key beyond the fingerprint, so it can be logged, rendered and
/// encoded freely.
public struct KeyInspection: Sendable, Hashable, Codable {
    /// The kind recognised after removing surrounding noise (quotes, white space, `Bearer `).
    public var kind: KeyKind
    /// Type prefix + "…" + last four characters of the cleaned key.
    public var fingerprint: String
    /// The length in characters of the cleaned key.
    public var length: Int
    /// Every problem found, in the order they occur in the value.
    public var findings: [KeyFinding]

    /// Creates an inspection.
    public init(kind: KeyKind, fingerprint: String, length: Int, findings: [KeyFinding]) {
        self.kind = kind
        self.fingerprint = fingerprint
        self.length = length
        self.findings = findings
    }

    /// Whether nothing that would make a request fail was found.
    public var isUsable: Bool { findings.allSatisfy { $0.cause == nil } }

    /// The cause of the first finding that would make a request fail, if any.
    public var cause: CauseID? { findings.lazy.compactMap(\.cause).first }

    /// One sentence per finding.
    public var sentences: [String] { findings.map(\.sentence) }
}
