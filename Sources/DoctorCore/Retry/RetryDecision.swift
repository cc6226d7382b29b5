/// What a ``RetryPolicy`` decided about one failed attempt.
public enum RetryDecision: Sendable, Equatable, CustomStringConvertible {
    /// Send the request again after waiting `after`; `basis` says where the wait came from.
    case retry(after: Duration, basis: WaitBasis)
    /// Do not send it again; the failure is final.
    case stop(StopReason)

    /// Whether the decision is to retry.
    public var shouldRetry: Bool {
        if case .retry = self { return true }
        return false
    }

    /// The wait before the next attempt, or `nil` when the decision is to stop.
    public var delay: Duration? {
        if case .retry(let after, _) = self { return after }
        return nil
    }

    /// One line for logs, e.g. `retry in 1.5 s (retry-after-ms)` or `stop: billing.quota_exceeded is never retried`.
    public var description: String {
        switch self {
        case .retry(let after, let basis): return "retry in \(after.secondsText) (\(basis.rawValue))"
        case .stop(let reason): return "stop: \(reason)"
        }
    }
}

/// Where the wait before a retry came from, strongest evidence first.
public enum WaitBasis: String, Sendable, Codable, CaseIterable {
    /// The `retry-after-ms` header (OpenAI's millisecond variant).
    case retryAfterMilliseconds = "retry-after-ms"
    /// The `retry-after` header in seconds.
    case retryAfterSeconds = "retry-after"
    /// The `retry-after` header as an HTTP date.
    case retryAfterDate = "retry-after-date"
    /// The error message's own hint ("Please try again in 644ms").
    case messageHint = "message"
    /// An exhausted `x-ratelimit-remaining-*` bucket and its `x-ratelimit-reset-*` time.
    case rateLimitReset = "x-ratelimit-reset"
    /// No stated wait: the policy's bounded exponential backoff with jitter.
    case backoff
}

/// Why a ``RetryPolicy`` stopped.
public enum StopReason: Sendable, Equatable, CustomStringConvertible {
    /// The cause's retry class is `no` (docs/causes.md): something must change before a retry can help.
    case notRetryable(CauseID)
    /// The answer was 401 or 403: the identity was refused, and asking again does not change that.
    case identityRefused(status: Int)
    /// The server sent `x-should-retry: false`.
    case serverSaidNo
    /// The attempt cap was reached; `attempts` requests were sent.
    case attemptsExhausted(attempts: Int)
    /// The next wait would overrun the total wait budget (a server-stated wait is never shortened).
    case waitBudgetExceeded(wait: Duration, basis: WaitBasis, remaining: Duration)

    /// One line for logs.
    public var description: String {
        switch self {
        case .notRetryable(let cause): return "\(cause.rawValue) is never retried"
        case .identityRefused(let status): return "status \(status) refuses the identity; retrying cannot help"
        case .serverSaidNo: return "the server sent x-should-retry: false"
        case .attemptsExhausted(let attempts): return "attempt cap reached after \(attempts) attempt(s)"
        case .waitBudgetExceeded(let wait, let basis, let remaining):
            return
                "the next wait of \(wait.secondsText) (\(basis.rawValue)) exceeds the remaining budget of \(remaining.secondsText)"
        }
    }
}

extension Duration {
    /// The duration in seconds as a `Double`.
    var secondsValue: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// A short human form, e.g. `1.5 s`, `644 ms`.
    var secondsText: String {
        let seconds = secondsValue
        if seconds < 1 {
            return "\(Int((seconds * 1000).rounded())) ms"
        }
        let tenths = (seconds * 1000).rounded() / 1000
        return "\(tenths) s"
    }
}
