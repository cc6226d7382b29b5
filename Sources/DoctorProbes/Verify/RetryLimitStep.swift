import DoctorCore

/// What verify's retry-limit step concludes: the retry client, pointed at a local server that
/// fails for ever with a retryable error, must stop at exactly its configured attempts.
///
/// The run itself needs the retry client (DoctorClient) and the local failing server (the
/// mock), which live above this module; the CLI runs them and hands over what it saw. The
/// judgement and the step's wording are here, with the rest of verify.
///
/// ```swift
/// let step = RetryLimitStep(attempts: 3).judged(
///     requestsArrived: 3, stopReason: .attemptsExhausted(attempts: 3), cause: .serverError,
///     cappedRetries: .init(held: true, detail: "2 retries, within the cap"), durationMS: 412)
/// step.outcome   // .held
/// ```
public struct RetryLimitStep: Sendable {
    /// The local server's own judgement of the retries it saw (the mock's "capped retries" check).
    public struct ServerJudgement: Sendable {
        /// Whether the server found the retries within the cap (not failed).
        public var held: Bool
        /// Its one-line detail.
        public var detail: String

        /// Creates a judgement.
        public init(held: Bool, detail: String) {
            self.held = held
            self.detail = detail
        }
    }

    /// The step's id in a verify report.
    public static let id = "retry_limit"

    /// The attempts the client is configured for, the first request included.
    public var attempts: Int

    /// The step for a client configured for `attempts`.
    public init(attempts: Int) {
        self.attempts = attempts
    }

    /// The step's title.
    public var title: String { "Retry limit: the client stops at \(attempts) attempt(s)" }

    /// The step when the local failing server could not start: failed, nothing judged.
    public func serverNotStarted(_ error: any Error) -> VerifyStep {
        VerifyStep(
            id: Self.id, kind: .retryLimit, title: title, status: .fail, outcome: .skipped,
            summary: "the local test server could not start: \(error)")
    }

    /// The step from what the run saw: held only when exactly `attempts` requests arrived, the
    /// client stopped for having used them all, waited once between each two of them (when its
    /// waits were recorded), and the server found the retries capped.
    ///
    /// - Parameters:
    ///   - requestsArrived: The requests the server journalled.
    ///   - stopReason: Why the client stopped, `nil` when it did not say.
    ///   - cause: The cause the client's last diagnosis named.
    ///   - cappedRetries: The server's judgement of the retries.
    ///   - waits: The waits the client asked its clock for, `nil` when they were not recorded.
    ///   - durationMS: How long the step took.
    public func judged(
        requestsArrived: Int, stopReason: StopReason?, cause: CauseID?, cappedRetries: ServerJudgement,
        waits: [Duration]? = nil, durationMS: Int
    ) -> VerifyStep {
        let waitedBetweenAttempts = waits.map { $0.count == max(0, attempts - 1) } ?? true
        let held =
            requestsArrived == attempts && stopReason == .attemptsExhausted(attempts: attempts) && cappedRetries.held
            && waitedBetweenAttempts
        let summary =
            held
            ? "\(requestsArrived) request(s) to a server failing with \(cause?.rawValue ?? "500"), then stopped: \(cappedRetries.detail)"
            : "\(requestsArrived) request(s) arrived for a cap of \(attempts) (\(stopReason.map { "\($0)" } ?? "no stop reason"))"
        return VerifyStep(
            id: Self.id, kind: .retryLimit, title: title, status: held ? .pass : .fail,
            outcome: held ? .held : .exceeded,
            observedCause: cause, summary: summary, durationMS: durationMS)
    }
}
