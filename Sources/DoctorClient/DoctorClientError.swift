import DoctorCore

/// The error ``RetryingClient`` throws when a call fails for good: it carries the diagnosis.
///
/// Its description names the cause, status, request id and why retrying stopped, and holds
/// no secret (the diagnosis's message is already redacted).
///
/// ```swift
/// do {
///     let answer = try await client.send(request)
/// } catch let error as DoctorClientError where error.diagnosis.cause == .billingQuotaExceeded {
///     showBillingHint(error.diagnosis.fixes)
/// }
/// ```
public struct DoctorClientError: Error, Sendable, CustomStringConvertible {
    /// The diagnosis of the last failed attempt: cause, layer, fixes, redacted evidence.
    public var diagnosis: Diagnosis
    /// How many requests were sent in all.
    public var attempts: Int
    /// Why the client stopped retrying.
    public var stopReason: StopReason
    /// The time spent waiting between attempts.
    public var totalWait: Duration
    /// The last answer's status, or `nil` when no answer arrived.
    public var status: Int? { diagnosis.evidence.status }
    /// The last answer's request id, for support.
    public var requestID: String? { diagnosis.evidence.requestID }

    /// Creates the error.
    public init(diagnosis: Diagnosis, attempts: Int, stopReason: StopReason, totalWait: Duration) {
        self.diagnosis = diagnosis
        self.attempts = attempts
        self.stopReason = stopReason
        self.totalWait = totalWait
    }

    /// One line, e.g. `billing.quota_exceeded (HTTP 429, request req_…) after 1 attempt: billing.quota_exceeded is never retried`.
    public var description: String {
        var facts: [String] = []
        if let status { facts.append("HTTP \(status)") }
        if let phase = diagnosis.evidence.transportPhase { facts.append("no answer: \(phase)") }
        if let requestID { facts.append("request \(requestID)") }
        let detail = facts.isEmpty ? "" : " (\(facts.joined(separator: ", ")))"
        let plural = attempts == 1 ? "attempt" : "attempts"
        return "\(diagnosis.cause.rawValue)\(detail) after \(attempts) \(plural): \(stopReason) — \(diagnosis.title)"
    }
}
