/// What a redaction run did: sizes, lines and secrets replaced, by label.
public struct RedactionSummary: Sendable, Equatable {
    /// Bytes read.
    public var bytesIn = 0
    /// Bytes written.
    public var bytesOut = 0
    /// Line breaks read (and written: redaction never adds or removes one).
    public var lines = 0
    /// Secrets replaced, by ``SecretKind/label`` (`key`, `cookie`, `authorization`…).
    public var replaced: [String: Int] = [:]

    /// Creates an empty summary.
    public init() {}

    /// The total number of secrets replaced.
    public var total: Int { replaced.values.reduce(0, +) }

    mutating func add(_ other: RedactionSummary) {
        bytesIn += other.bytesIn
        bytesOut += other.bytesOut
        lines += other.lines
        for (label, n) in other.replaced { replaced[label, default: 0] += n }
    }
}
