#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Decides whether, and when, to send a failed OpenAI API request again.
///
/// The policy is a pure value: it reads the cause, the status, the answer's headers and
/// message, the attempt number and the wait already spent, and returns a ``RetryDecision``.
/// The random number and the current time are parameters, so every decision is reproducible.
///
/// **What is retried.** Only causes whose retry class (docs/causes.md) is `yes` (network.dns,
/// network.connect, network.timeout, server.error, server.overloaded, server.timeout) or
/// `after` (rate_limit.exceeded). Never `billing.quota_exceeded` (a 429 that no wait cures),
/// never `request.too_large` (the same request is always too large), never a 401 or 403
/// answer whatever the cause, and never when the server sends `x-should-retry: false`.
/// `x-should-retry: true` does not promote a cause whose class is `no`.
///
/// **How long to wait.** A wait the server states (``ServerWait``: `retry-after-ms`,
/// `retry-after` seconds or HTTP date, the message's "try again in …", an exhausted
/// `x-ratelimit-*` bucket) is used exactly: never shortened, and if it does not fit the
/// remaining budget the policy stops rather than retry early. A stated wait of zero falls back
/// to the backoff, since an immediate retry after a 429 or 503 helps no one. Otherwise the
/// wait after the *n*-th failed attempt is
///
///     base(n)  = min(initialBackoff × 2^(n−1), maxBackoff)
///     delay(n) = base(n) × (1 − jitter × u),   u uniform in [0, 1)
///
/// With the defaults (0.5 s, 8 s, jitter 0.5) that is 0.5 s, 1 s, 2 s, 4 s, 8 s, 8 s …, each
/// scaled into (0.5, 1]. openai-python uses the same base, `min(0.5 s × 2^retries, 8 s)`, scaled
/// into [0.75, 1]. We take the wider band because jitter exists to spread clients that failed
/// together (one outage, one rate-limit window): a 25 % band keeps them within a quarter of
/// the window of each other, a 50 % band spreads them twice as wide, while the floor of half
/// the base keeps the waits growing, so a retry is never immediate and the backoff still backs
/// off (full jitter, [0, 1], can retry at once).
///
/// **Bounds.** At most ``maxAttempts`` requests in all (the first included), and at most
/// ``maxTotalWait`` spent waiting across them.
///
/// ```swift
/// let policy = RetryPolicy()
/// var rng = SystemRandomNumberGenerator()
/// let decision = policy.decide(
///     for: diagnosis, headers: responseHeaders, attempt: 1, now: Date(), using: &rng)
/// if let delay = decision.delay { try await Task.sleep(for: delay) }
/// ```
public struct RetryPolicy: Sendable, Equatable {
    /// The most requests sent in all, the first included (openai-python's default is 3: 2 retries).
    public var maxAttempts: Int
    /// The backoff base after the first failure.
    public var initialBackoff: Duration
    /// The largest backoff base.
    public var maxBackoff: Duration
    /// The largest fraction jitter removes from a backoff, in [0, 1].
    public var jitter: Double
    /// The most time spent waiting between attempts, summed over the whole call.
    public var maxTotalWait: Duration

    /// The causes never retried, whatever their class says and whatever the server sends.
    public static let neverRetried: Set<CauseID> = [.billingQuotaExceeded, .requestTooLarge]

    /// Creates a policy; the defaults are 3 attempts, 0.5 s → 8 s backoff, jitter 0.5, 30 s total wait.
    public init(
        maxAttempts: Int = 3, initialBackoff: Duration = .milliseconds(500), maxBackoff: Duration = .seconds(8),
        jitter: Double = 0.5, maxTotalWait: Duration = .seconds(30)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = max(.zero, initialBackoff)
        self.maxBackoff = max(self.initialBackoff, maxBackoff)
        self.jitter = min(1, max(0, jitter))
        self.maxTotalWait = max(.zero, maxTotalWait)
    }

    /// A policy that never retries (one attempt).
    public static let never = RetryPolicy(maxAttempts: 1)

    /// Decides about one failed attempt.
    ///
    /// - Parameters:
    ///   - failure: What failed: cause, status, headers, message.
    ///   - attempt: The number of the attempt that just failed, from 1.
    ///   - waitedSoFar: The time already spent waiting between earlier attempts of this call.
    ///   - now: The current time (turns a `retry-after` HTTP date into a delay).
    ///   - randomUnit: A uniform random number in [0, 1) for the jitter.
    /// - Returns: Retry after a wait, or stop with the reason.
    public func decide(
        _ failure: FailedAttempt, attempt: Int, waitedSoFar: Duration = .zero, now: Date, randomUnit: Double
    ) -> RetryDecision {
        if let status = failure.status, status == 401 || status == 403 {
            return .stop(.identityRefused(status: status))
        }
        if Self.neverRetried.contains(failure.cause) || failure.cause.retry == .no {
            return .stop(.notRetryable(failure.cause))
        }
        if let shouldRetry = failure.headers["x-should-retry"], shouldRetry.trimmed().lowercased() == "false" {
            return .stop(.serverSaidNo)
        }
        let attempt = max(1, attempt)
        if attempt >= maxAttempts {
            return .stop(.attemptsExhausted(attempts: attempt))
        }
        let wait: Duration
        let basis: WaitBasis
        if let stated = ServerWait.stated(in: failure.headers, message: failure.message, now: now),
            stated.duration > .zero
        {
            wait = stated.duration
            basis = stated.basis
        } else {
            wait = backoff(afterAttempt: attempt, randomUnit: randomUnit)
            basis = .backoff
        }
        let remaining = max(.zero, maxTotalWait - max(.zero, waitedSoFar))
        if wait > remaining {
            return .stop(.waitBudgetExceeded(wait: wait, basis: basis, remaining: remaining))
        }
        return .retry(after: wait, basis: basis)
    }

    /// Decides about one failed attempt from its diagnosis, drawing the jitter from `generator`.
    ///
    /// - Parameters:
    ///   - diagnosis: The failure's diagnosis (cause, status and message are read from it).
    ///   - headers: The answer's headers (a diagnosis keeps no headers).
    ///   - attempt: The number of the attempt that just failed, from 1.
    ///   - waitedSoFar: The time already spent waiting.
    ///   - now: The current time.
    ///   - generator: The random source for the jitter.
    /// - Returns: Retry after a wait, or stop with the reason.
    public func decide(
        for diagnosis: Diagnosis, headers: HeaderFields = HeaderFields(), attempt: Int,
        waitedSoFar: Duration = .zero, now: Date, using generator: inout some RandomNumberGenerator
    ) -> RetryDecision {
        decide(
            FailedAttempt(diagnosis: diagnosis, headers: headers), attempt: attempt, waitedSoFar: waitedSoFar,
            now: now, randomUnit: Double.random(in: 0..<1, using: &generator))
    }

    /// The jittered backoff after the `attempt`-th failure: `min(initial × 2^(attempt−1), max) × (1 − jitter × u)`.
    ///
    /// - Parameters:
    ///   - attempt: The number of the attempt that just failed, from 1.
    ///   - randomUnit: A uniform random number in [0, 1); clamped into that range.
    /// - Returns: The wait, within `(base × (1 − jitter), base]`.
    public func backoff(afterAttempt attempt: Int, randomUnit: Double) -> Duration {
        let exponent = min(max(0, attempt - 1), 62)
        let grown = initialBackoff.secondsValue * Double(1 << exponent)
        let base = min(grown, maxBackoff.secondsValue)
        let u = randomUnit.isFinite ? min(max(0, randomUnit), 1) : 0
        // Clamped again as a Duration: the cap through a Double can come back attoseconds above it.
        return min(.seconds(base * (1 - jitter * u)), maxBackoff)
    }
}

/// The facts about one failed attempt that a ``RetryPolicy`` reads.
public struct FailedAttempt: Sendable, Equatable {
    /// The diagnosed cause.
    public var cause: CauseID
    /// The HTTP status, if an answer arrived.
    public var status: Int?
    /// The answer's headers (empty for a transport failure).
    public var headers: HeaderFields
    /// The error message, for its "try again in …" hint.
    public var message: String?

    /// Creates the facts from their parts.
    public init(cause: CauseID, status: Int? = nil, headers: HeaderFields = HeaderFields(), message: String? = nil) {
        self.cause = cause
        self.status = status
        self.headers = headers
        self.message = message
    }

    /// Takes the cause, status and message from a diagnosis, the headers from the answer.
    public init(diagnosis: Diagnosis, headers: HeaderFields = HeaderFields()) {
        self.init(
            cause: diagnosis.cause, status: diagnosis.evidence.status, headers: headers,
            message: diagnosis.evidence.message)
    }
}
