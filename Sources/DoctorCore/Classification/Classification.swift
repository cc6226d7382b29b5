/// The classifier's verdict on one piece of evidence.
public struct Classification: Sendable, Equatable {
    /// The primary cause.
    public var cause: CauseID
    /// How sure.
    public var confidence: Confidence
    /// Why, strongest evidence first, as sentences for a person.
    public var reasons: [String]

    /// Creates a classification.
    public init(cause: CauseID, confidence: Confidence, reasons: [String]) {
        self.cause = cause
        self.confidence = confidence
        self.reasons = reasons
    }

    /// The honest answer when nothing tells.
    public static func unknown(_ reason: String) -> Classification {
        Classification(cause: .unknown, confidence: .low, reasons: [reason])
    }
}
