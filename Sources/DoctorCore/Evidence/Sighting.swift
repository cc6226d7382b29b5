/// One thing read from the input, with where it stood: the provenance of a signal.
///
/// Extraction reads the whole input and records every error object and every status mention
/// it finds, not only the first; the classifier judges them all in stage order, and
/// `decided by` names the one that won (``Classification/sighting``).
public struct Sighting: Sendable, Equatable {
    /// What was read.
    public enum Kind: Sendable, Equatable {
        /// An error object (an envelope, a relay's wrapper, a body inside a log line).
        case errorObject(APIErrorFields)
        /// A status written somewhere in the text (`status: 403`, `HTTP 403`, `"status":403`…).
        case statusMention(Int)
    }

    /// What was read.
    public var kind: Kind
    /// Its UTF-8 offset in the input.
    public var offset: Int
    /// The status the object itself carried (stream error events, relay envelopes).
    public var status: Int?
    /// Who the object's shape points to.
    public var provider: Provider?
    /// How it was written: the syntax of a status mention (`status=`, `HTTP `, `"status":`), or
    /// `escaped` for an object read from escaped JSON.
    public var syntax: String

    /// Creates a sighting.
    public init(kind: Kind, offset: Int, status: Int? = nil, provider: Provider? = nil, syntax: String = "") {
        self.kind = kind
        self.offset = offset
        self.status = status
        self.provider = provider
        self.syntax = syntax
    }

    /// The error object's fields, for an error object.
    public var fields: APIErrorFields? {
        if case .errorObject(let fields) = kind { fields } else { nil }
    }

    /// Where it stood, for `decided by`: "the error object at byte 1,204".
    public var place: String {
        switch kind {
        case .errorObject: "the error object at byte \(offset)\(syntax == "escaped" ? " (escaped JSON)" : "")"
        case .statusMention(let status): "status \(status) written as `\(syntax)` at byte \(offset)"
        }
    }
}
