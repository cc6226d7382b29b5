import DoctorCore
import Logging

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Sends requests through any HTTP client, classifies each failure, and retries only what can succeed.
///
/// The client is generic over the request type and a send closure, so it wraps URLSession
/// (see ``URLSessionTransport``), async-http-client or anything else without depending on
/// them. For each attempt it:
///
/// 1. sends the request; an answer with status below 400 is returned as it is;
/// 2. turns a failed answer (or a thrown ``TransportError``) into evidence and a
///    ``DoctorCore/Diagnosis`` (the same classifier as `openai-doctor explain`);
/// 3. asks the ``DoctorCore/RetryPolicy`` whether and when to retry: only causes of retry class
///    `yes` or `after`, honouring `retry-after-ms`, `retry-after` and `x-should-retry`, never
///    quota, too-large or 401/403 failures, within the attempt and total-wait caps;
/// 4. logs the attempt through swift-log with `doctor.*` metadata (request id, status, cause,
///    attempt, decision) — never a header value or a body;
/// 5. waits and tries again, or throws ``DoctorClientError`` carrying the diagnosis.
///
/// ```swift
/// let client = RetryingClient(session: .shared, logger: Logger(label: "app.openai"))
/// var request = URLRequest(url: URL(string: "https://api.openai.com/v1/models")!)
/// request.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization")
/// do {
///     let answer = try await client.send(request)
/// } catch let failure as DoctorClientError {
///     print(failure.diagnosis.cause, failure.diagnosis.fixes)
/// }
/// ```
///
/// The request must be replayable: a retry sends the same value again.
public struct RetryingClient<Request: Sendable>: Sendable {
    /// Sends one request and returns its answer, or throws when no answer arrived.
    public typealias Send = @Sendable (Request) async throws -> HTTPAnswer
    /// Describes a thrown error as a transport failure, or `nil` when it is not one.
    public typealias DescribeFailure = @Sendable (any Error) -> TransportFailure?

    /// When and how often to retry.
    public var policy: RetryPolicy
    /// Where attempts are logged (`doctor.*` metadata).
    public var logger: Logger
    /// The clock, random source and sleep.
    public var environment: RetryEnvironment
    private let sendRequest: Send
    private let describeFailure: DescribeFailure

    /// Creates a client around a send closure.
    ///
    /// - Parameters:
    ///   - policy: When and how often to retry.
    ///   - logger: Where attempts are logged.
    ///   - environment: The clock, random source and sleep (``RetryEnvironment/live`` by default).
    ///   - describeFailure: Maps the transport's own errors to ``DoctorCore/TransportFailure``;
    ///     ``TransportError`` is understood without it.
    ///   - send: Sends one request and returns its answer, whatever the status.
    public init(
        policy: RetryPolicy = RetryPolicy(), logger: Logger = Logger(label: "openai-doctor.client"),
        environment: RetryEnvironment = .live, describeFailure: @escaping DescribeFailure = { _ in nil },
        send: @escaping Send
    ) {
        self.policy = policy
        self.logger = logger
        self.environment = environment
        self.describeFailure = describeFailure
        self.sendRequest = send
    }

    /// Sends `request`, retrying per ``policy``, and returns the first answer below 400.
    ///
    /// - Parameter request: The request; sent again unchanged on each retry.
    /// - Returns: The successful answer.
    /// - Throws: ``DoctorClientError`` with the diagnosis when the call fails for good, or
    ///   `CancellationError` when the task is cancelled.
    public func send(_ request: Request) async throws -> HTTPAnswer {
        var attempt = 0
        var waited = Duration.zero
        while true {
            attempt += 1
            try Task.checkCancellation()
            logger.trace("sending", metadata: ["doctor.attempt": "\(attempt)"])
            let outcome: AttemptOutcome
            do {
                let answer = try await sendRequest(request)
                if !answer.isFailure {
                    logger.debug(
                        "answered",
                        metadata: Self.metadata(
                            attempt: attempt, status: answer.status, requestID: answer.requestID, cause: nil))
                    return answer
                }
                outcome = .answer(answer)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                outcome = Self.outcome(of: error, describe: describeFailure)
            }

            let diagnosis = outcome.diagnosis
            let decision = policy.decide(
                FailedAttempt(diagnosis: diagnosis, headers: outcome.headers), attempt: attempt, waitedSoFar: waited,
                now: environment.now(), randomUnit: environment.randomUnit())
            var metadata = Self.metadata(
                attempt: attempt, status: diagnosis.evidence.status, requestID: diagnosis.evidence.requestID,
                cause: diagnosis.cause)
            metadata["doctor.decision"] = "\(decision)"

            switch decision {
            case .retry(let delay, let basis):
                metadata["doctor.wait_ms"] = "\(Int((delay / .milliseconds(1)).rounded()))"
                metadata["doctor.wait_basis"] = "\(basis.rawValue)"
                logger.info("request failed, retrying", metadata: metadata)
                try await environment.sleep(delay)
                waited += delay
            case .stop(let reason):
                logger.debug("request failed, not retrying", metadata: metadata)
                throw DoctorClientError(diagnosis: diagnosis, attempts: attempt, stopReason: reason, totalWait: waited)
            }
        }
    }

    /// The structured log fields of one attempt; values are ids and numbers, never secrets.
    static func metadata(attempt: Int, status: Int?, requestID: String?, cause: CauseID?) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["doctor.attempt": "\(attempt)"]
        if let status { metadata["doctor.status"] = "\(status)" }
        if let requestID { metadata["doctor.request_id"] = "\(requestID)" }
        if let cause { metadata["doctor.cause"] = "\(cause.rawValue)" }
        return metadata
    }

    /// What a thrown error stands for: a transport failure when it is one, otherwise an
    /// unrecognised error named by its type only (its text may hold a URL or a secret).
    private static func outcome(of error: any Error, describe: DescribeFailure) -> AttemptOutcome {
        if let known = error as? TransportError { return .noAnswer(known.failure) }
        if let described = describe(error) { return .noAnswer(described) }
        return .unrecognised(typeName: String(describing: type(of: error)))
    }
}

/// One failed attempt, before diagnosis.
private enum AttemptOutcome {
    /// An answer with status 400 or above.
    case answer(HTTPAnswer)
    /// No answer: the transport failed.
    case noAnswer(TransportFailure)
    /// The send closure threw an error that is not a known transport failure.
    case unrecognised(typeName: String)

    var headers: HeaderFields {
        if case .answer(let answer) = self { return answer.headers }
        return HeaderFields()
    }

    /// The diagnosis, through the same extractor and classifier as `explain`.
    var diagnosis: Diagnosis {
        switch self {
        case .answer(let answer):
            let body = String(decoding: answer.body.prefix(EvidenceExtractor.bodyCap), as: UTF8.self)
            let evidence = EvidenceExtractor.evidence(
                status: answer.status, headers: answer.headers, body: body, form: .probe)
            return Diagnoser.diagnose(evidence)
        case .noAnswer(let failure):
            return Diagnoser.diagnose(Evidence(form: .probe, transport: failure))
        case .unrecognised(let typeName):
            return Diagnoser.diagnose(
                Evidence(form: .probe, notes: ["the send closure threw \(typeName), not a transport failure"]))
        }
    }
}
