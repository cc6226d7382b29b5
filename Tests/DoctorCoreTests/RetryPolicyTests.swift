import DoctorCore
import Testing

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A fixed "now": 2026-09-21 14:13:20 GMT.
private let now = Date(timeIntervalSince1970: 1_790_000_000)

/// The causes docs/causes.md marks retry `yes` or `after`, written out independently of `CauseID.retry`.
private let retryableCauses: Set<CauseID> = [
    .networkDNS, .networkConnect, .networkTimeout, .serverError, .serverOverloaded, .serverTimeout,
    .rateLimitExceeded,
]

/// A status each cause typically arrives with (nil: no HTTP answer).
private func typicalStatus(_ cause: CauseID) -> Int? {
    switch cause {
    case .keyMissing, .keyInvalid, .orgMismatch, .orgMembership, .projectMismatch, .projectIPNotAllowed,
        .azureKeyOrEndpoint:
        return 401
    case .keyInsufficientScopes, .regionUnsupported, .edgeBlocked, .proxyBlocked, .modelNoAccess,
        .azureNetworkRules, .azureRBAC, .accountDeactivated:
        return 403
    case .proxyAuthRequired: return 407
    case .modelNotFound, .endpointWrong, .azureDeploymentNotFound: return 404
    case .billingQuotaExceeded, .rateLimitExceeded, .requestTooLarge: return 429
    case .requestInvalid, .requestContextLength, .requestContentPolicy: return 400
    case .serverError: return 500
    case .serverOverloaded: return 503
    case .serverTimeout: return 504
    case .keyMalformed, .proxyMisconfigured, .tlsIntercepted, .networkDNS, .networkDNSPoisoned, .networkConnect,
        .networkTimeout, .unknown:
        return nil
    }
}

/// What a decision should be, with seconds as a `Double` so the table reads plainly.
enum ExpectedRetry: Equatable, CustomStringConvertible {
    case retry(seconds: Double, basis: WaitBasis)
    case stop(StopReason)

    var description: String {
        switch self {
        case .retry(let seconds, let basis): return "retry(\(seconds), \(basis))"
        case .stop(let reason): return "stop(\(reason))"
        }
    }

    func matches(_ decision: RetryDecision) -> Bool {
        switch (self, decision) {
        case (.retry(let seconds, let basis), .retry(let after, let actualBasis)):
            return basis == actualBasis && abs(after.inSeconds - seconds) < 1e-6
        case (.stop(.waitBudgetExceeded(let wait, let basis, _)), .stop(.waitBudgetExceeded(let w2, let b2, _))):
            return basis == b2 && abs(wait.inSeconds - w2.inSeconds) < 1e-6
        case (.stop(let reason), .stop(let actual)):
            return reason == actual
        default:
            return false
        }
    }
}

extension Duration {
    fileprivate var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

/// Every header combination the policy reads, with the decision it must give a retryable cause
/// on its first failed attempt (default policy, jitter draw u = 0.5 → backoff 0.5 s × 0.75).
enum RetryHeaderCase: String, CaseIterable, CustomStringConvertible {
    case none
    case retryAfterMilliseconds
    case retryAfterMillisecondsFractional
    case retryAfterMillisecondsBeatsSeconds
    case retryAfterSeconds
    case retryAfterSecondsFractional
    case retryAfterDateIMF
    case retryAfterDateRFC850
    case retryAfterDateAsctime
    case retryAfterDateInThePast
    case retryAfterZero
    case retryAfterGarbage
    case retryAfterNegative
    case retryAfterMillisecondsGarbageFallsToSeconds
    case retryAfterBeyondBudget
    case retryAfterDateBeyondBudget
    case shouldRetryFalse
    case shouldRetryFalseWithRetryAfter
    case shouldRetryTrue
    case shouldRetryTrueWithRetryAfter
    case rateLimitBucketExhausted
    case rateLimitBothBucketsExhausted
    case rateLimitBucketNotExhausted

    var description: String { rawValue }

    var headers: HeaderFields {
        switch self {
        case .none: return [:]
        case .retryAfterMilliseconds: return ["retry-after-ms": "1500"]
        case .retryAfterMillisecondsFractional: return ["Retry-After-Ms": "644.5"]
        case .retryAfterMillisecondsBeatsSeconds: return ["retry-after": "7", "retry-after-ms": "250"]
        case .retryAfterSeconds: return ["retry-after": "2"]
        case .retryAfterSecondsFractional: return ["Retry-After": " 1.5 "]
        case .retryAfterDateIMF: return ["retry-after": "Mon, 21 Sep 2026 14:13:23 GMT"]
        case .retryAfterDateRFC850: return ["retry-after": "Monday, 21-Sep-26 14:13:23 GMT"]
        case .retryAfterDateAsctime: return ["retry-after": "Mon Sep 21 14:13:23 2026"]
        case .retryAfterDateInThePast: return ["retry-after": "Mon, 21 Sep 2026 14:12:20 GMT"]
        case .retryAfterZero: return ["retry-after": "0"]
        case .retryAfterGarbage: return ["retry-after": "soon"]
        case .retryAfterNegative: return ["retry-after": "-5"]
        case .retryAfterMillisecondsGarbageFallsToSeconds: return ["retry-after-ms": "n/a", "retry-after": "3"]
        case .retryAfterBeyondBudget: return ["retry-after": "3600"]
        case .retryAfterDateBeyondBudget: return ["retry-after": "Tue, 22 Sep 2026 14:13:20 GMT"]
        case .shouldRetryFalse: return ["x-should-retry": "false"]
        case .shouldRetryFalseWithRetryAfter: return ["X-Should-Retry": "False", "retry-after": "1"]
        case .shouldRetryTrue: return ["x-should-retry": "true"]
        case .shouldRetryTrueWithRetryAfter: return ["x-should-retry": "true", "retry-after-ms": "900"]
        case .rateLimitBucketExhausted:
            return [
                "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "1s",
                "x-ratelimit-remaining-tokens": "5", "x-ratelimit-reset-tokens": "20s",
            ]
        case .rateLimitBothBucketsExhausted:
            return [
                "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "120ms",
                "x-ratelimit-remaining-tokens": "0", "x-ratelimit-reset-tokens": "2.5s",
            ]
        case .rateLimitBucketNotExhausted:
            return ["x-ratelimit-remaining-requests": "499", "x-ratelimit-reset-requests": "120ms"]
        }
    }

    var expectedForRetryableCause: ExpectedRetry {
        let backoff = ExpectedRetry.retry(seconds: 0.375, basis: .backoff)
        switch self {
        case .none, .retryAfterDateInThePast, .retryAfterZero, .retryAfterGarbage, .retryAfterNegative,
            .shouldRetryTrue, .rateLimitBucketNotExhausted:
            return backoff
        case .retryAfterMilliseconds: return .retry(seconds: 1.5, basis: .retryAfterMilliseconds)
        case .retryAfterMillisecondsFractional: return .retry(seconds: 0.6445, basis: .retryAfterMilliseconds)
        case .retryAfterMillisecondsBeatsSeconds: return .retry(seconds: 0.25, basis: .retryAfterMilliseconds)
        case .retryAfterSeconds: return .retry(seconds: 2, basis: .retryAfterSeconds)
        case .retryAfterSecondsFractional: return .retry(seconds: 1.5, basis: .retryAfterSeconds)
        case .retryAfterDateIMF, .retryAfterDateRFC850, .retryAfterDateAsctime:
            return .retry(seconds: 3, basis: .retryAfterDate)
        case .retryAfterMillisecondsGarbageFallsToSeconds: return .retry(seconds: 3, basis: .retryAfterSeconds)
        case .retryAfterBeyondBudget:
            return .stop(.waitBudgetExceeded(wait: .seconds(3600), basis: .retryAfterSeconds, remaining: .seconds(30)))
        case .retryAfterDateBeyondBudget:
            return .stop(.waitBudgetExceeded(wait: .seconds(86_400), basis: .retryAfterDate, remaining: .seconds(30)))
        case .shouldRetryFalse, .shouldRetryFalseWithRetryAfter: return .stop(.serverSaidNo)
        case .shouldRetryTrueWithRetryAfter: return .retry(seconds: 0.9, basis: .retryAfterMilliseconds)
        case .rateLimitBucketExhausted: return .retry(seconds: 1, basis: .rateLimitReset)
        case .rateLimitBothBucketsExhausted: return .retry(seconds: 2.5, basis: .rateLimitReset)
        }
    }
}

private let everyCauseAndHeaderCase: [(CauseID, RetryHeaderCase)] = CauseID.allCases.flatMap { cause in
    RetryHeaderCase.allCases.map { (cause, $0) }
}

@Suite("RetryPolicy")
struct RetryPolicyTests {
    @Test("the retryable set is exactly the causes marked yes or after")
    func retryableSetMatchesCausesTable() {
        let fromTaxonomy = Set(CauseID.allCases.filter { $0.retry != .no })
        #expect(fromTaxonomy == retryableCauses)
    }

    @Test("every cause × every header combination, first failed attempt", arguments: everyCauseAndHeaderCase)
    func everyCauseAndHeaderCombination(cause: CauseID, headerCase: RetryHeaderCase) {
        let status = typicalStatus(cause)
        let failure = FailedAttempt(cause: cause, status: status, headers: headerCase.headers)
        let decision = RetryPolicy().decide(failure, attempt: 1, now: now, randomUnit: 0.5)
        let expected: ExpectedRetry
        if let status, status == 401 || status == 403 {
            expected = .stop(.identityRefused(status: status))
        } else if !retryableCauses.contains(cause) {
            expected = .stop(.notRetryable(cause))
        } else {
            expected = headerCase.expectedForRetryableCause
        }
        #expect(expected.matches(decision), "\(cause.rawValue) + \(headerCase): got \(decision), want \(expected)")
    }

    @Test(
        "quota, too-large and 401/403 are never retried, whatever the server sends",
        arguments: RetryHeaderCase.allCases
    )
    func neverRetriedWhateverTheHeaders(headerCase: RetryHeaderCase) {
        let policy = RetryPolicy(maxAttempts: 10)
        for attempt in 1...3 {
            for cause in [CauseID.billingQuotaExceeded, .requestTooLarge] {
                let decision = policy.decide(
                    FailedAttempt(cause: cause, status: 429, headers: headerCase.headers), attempt: attempt, now: now,
                    randomUnit: 0.1)
                #expect(decision == .stop(.notRetryable(cause)))
            }
            for status in [401, 403] {
                for cause in CauseID.allCases {
                    let decision = policy.decide(
                        FailedAttempt(cause: cause, status: status, headers: headerCase.headers), attempt: attempt,
                        now: now, randomUnit: 0.1)
                    #expect(decision == .stop(.identityRefused(status: status)), "\(cause.rawValue) \(status)")
                }
            }
        }
    }

    @Test("the attempt cap holds: attempts 1…n−1 retry, attempt n stops", arguments: [1, 2, 3, 5])
    func attemptCap(maxAttempts: Int) {
        let policy = RetryPolicy(maxAttempts: maxAttempts, maxTotalWait: .seconds(1000))
        for attempt in 1...(maxAttempts + 2) {
            let decision = policy.decide(
                FailedAttempt(cause: .serverError, status: 500), attempt: attempt, now: now, randomUnit: 0)
            if attempt < maxAttempts {
                #expect(decision.shouldRetry, "attempt \(attempt) of \(maxAttempts)")
            } else {
                #expect(decision == .stop(.attemptsExhausted(attempts: attempt)))
            }
        }
    }

    @Test(
        "backoff base doubles from 0.5 s and caps at 8 s; jitter keeps it within (base/2, base]",
        arguments: [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (5, 8.0), (6, 8.0), (40, 8.0), (200, 8.0)]
    )
    func backoffFormula(attempt: Int, base: Double) {
        let policy = RetryPolicy()
        #expect(abs(policy.backoff(afterAttempt: attempt, randomUnit: 0).inSeconds - base) < 1e-9)
        #expect(abs(policy.backoff(afterAttempt: attempt, randomUnit: 0.5).inSeconds - base * 0.75) < 1e-9)
        for u in stride(from: 0.0, to: 1.0, by: 0.05) {
            let delay = policy.backoff(afterAttempt: attempt, randomUnit: u).inSeconds
            #expect(delay > base / 2 && delay <= base, "u=\(u) delay=\(delay)")
        }
    }

    /// Found by the `retry` fuzz target (Fuzz/README.md): 2.048 s through a `Double` came back
    /// some attoseconds above the 2 048 ms cap it was clamped to.
    @Test("a backoff at its cap never exceeds it, even by the rounding of a Double (fuzz finding)")
    func backoffNeverAboveCap() {
        let policy = RetryPolicy(
            maxAttempts: 7, initialBackoff: .milliseconds(1810), maxBackoff: .milliseconds(2048), jitter: 0.007,
            maxTotalWait: .milliseconds(11776))
        #expect(policy.backoff(afterAttempt: 2, randomUnit: 0) <= .milliseconds(2048))
        #expect(policy.backoff(afterAttempt: 9, randomUnit: 0) <= .milliseconds(2048))
    }

    @Test("openai-python's band is reproducible: jitter 0.25 gives [0.75, 1] × base")
    func openAIPythonBand() {
        let policy = RetryPolicy(jitter: 0.25)
        #expect(abs(policy.backoff(afterAttempt: 1, randomUnit: 0.999_999).inSeconds - 0.375) < 1e-6)
        #expect(abs(policy.backoff(afterAttempt: 5, randomUnit: 0).inSeconds - 8) < 1e-9)
    }

    @Test("the total wait budget: a stated wait is never shortened, the call stops instead")
    func totalWaitBudget() {
        let policy = RetryPolicy(maxAttempts: 10, maxTotalWait: .seconds(5))
        let fits = policy.decide(
            FailedAttempt(cause: .rateLimitExceeded, status: 429, headers: ["retry-after": "2"]), attempt: 2,
            waitedSoFar: .seconds(3), now: now, randomUnit: 0)
        #expect(ExpectedRetry.retry(seconds: 2, basis: .retryAfterSeconds).matches(fits))
        let overruns = policy.decide(
            FailedAttempt(cause: .rateLimitExceeded, status: 429, headers: ["retry-after": "2"]), attempt: 2,
            waitedSoFar: .seconds(3.5), now: now, randomUnit: 0)
        #expect(
            overruns
                == .stop(.waitBudgetExceeded(wait: .seconds(2), basis: .retryAfterSeconds, remaining: .seconds(1.5))))
        let backoffOverruns = policy.decide(
            FailedAttempt(cause: .serverOverloaded, status: 503), attempt: 4, waitedSoFar: .seconds(4.5), now: now,
            randomUnit: 0)
        #expect(
            backoffOverruns == .stop(.waitBudgetExceeded(wait: .seconds(4), basis: .backoff, remaining: .seconds(0.5))))
    }

    @Test(
        "the message's own hint is honoured when no header states a wait (real 429 wording)",
        arguments: [
            (
                "Rate limit reached for gpt-4o in organization org-… on tokens per min (TPM): Limit 30000, Used 29937, Requested 385. Please try again in 644ms. Visit https://platform.openai.com/account/rate-limits to learn more.",
                0.644
            ),
            (
                "Rate limit reached for gpt-4o-mini in organization org-… on requests per day (RPD): Limit 10000, Used 10000, Requested 1. Please try again in 8.64s. Visit https://platform.openai.com/account/rate-limits to learn more.",
                8.64
            ),
            (
                "Rate limit reached for gpt-4 in organization org-… on tokens per min. Limit: 10000 / min. Please try again in 6ms. Contact us through our help center at help.openai.com if you continue to have issues.",
                0.006
            ),
            ("Rate limit reached for requests. Please try again in 1m30s.", 90),
        ]
    )
    func messageHint(message: String, seconds: Double) {
        let decision = RetryPolicy(maxTotalWait: .seconds(120)).decide(
            FailedAttempt(cause: .rateLimitExceeded, status: 429, message: message), attempt: 1, now: now,
            randomUnit: 0.5)
        #expect(ExpectedRetry.retry(seconds: seconds, basis: .messageHint).matches(decision), "\(decision)")
    }

    @Test("a header beats the message's hint")
    func headerBeatsMessage() {
        let decision = RetryPolicy().decide(
            FailedAttempt(
                cause: .rateLimitExceeded, status: 429, headers: ["retry-after": "4"],
                message: "Please try again in 644ms."), attempt: 1, now: now, randomUnit: 0.5)
        #expect(ExpectedRetry.retry(seconds: 4, basis: .retryAfterSeconds).matches(decision))
    }

    @Test(
        "HTTP dates in all three RFC 9110 forms",
        arguments: [
            ("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_777.0),
            ("Sunday, 06-Nov-94 08:49:37 GMT", 784_111_777.0),
            ("Sun Nov  6 08:49:37 1994", 784_111_777.0),
            ("Thu, 01 Jan 1970 00:00:00 GMT", 0.0),
            ("Mon, 29 Feb 2028 23:59:59 GMT", 1_835_481_599.0),
        ]
    )
    func httpDates(text: String, epoch: Double) {
        let wait = ServerWait.stated(in: ["retry-after": text], now: Date(timeIntervalSince1970: epoch - 7))
        #expect(wait == ServerWait(duration: .seconds(7), basis: .retryAfterDate))
    }

    @Test(
        "malformed dates and durations are ignored, never guessed at",
        arguments: [
            "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT",
            "tomorrow", "", "1e3", "NaN", "0x10", "inf",
        ])
    func malformedRetryAfter(text: String) {
        #expect(ServerWait.stated(in: ["retry-after": text, "retry-after-ms": text], now: now) == nil)
    }

    @Test(
        "Go durations in x-ratelimit-reset-*",
        arguments: [
            ("120ms", 0.12), ("66ms", 0.066), ("0s", 0), ("24h6m34s", 86_794), ("8.64s", 8.64), ("1m", 60),
            ("500us", 0.0005),
        ])
    func goDurations(text: String, seconds: Double) {
        let wait = ServerWait.stated(
            in: ["x-ratelimit-remaining-tokens": "0", "x-ratelimit-reset-tokens": text], now: now)
        #expect(wait?.basis == .rateLimitReset)
        #expect(abs((wait?.duration.inSeconds ?? -1) - seconds) < 1e-9)
    }

    @Test("the diagnosis entry point reads cause, status and message, and draws jitter from the generator")
    func diagnosisEntryPoint() {
        var evidence = EvidenceSummary()
        evidence.status = 503
        evidence.message = "The engine is currently overloaded, please try again later"
        let diagnosis = Diagnosis(
            cause: .serverOverloaded, confidence: .high, title: "Overloaded", explanation: "", fixes: [],
            evidence: evidence)
        var first = SplitMix64(seed: 42)
        var second = SplitMix64(seed: 42)
        let a = RetryPolicy().decide(for: diagnosis, attempt: 2, now: now, using: &first)
        let b = RetryPolicy().decide(for: diagnosis, attempt: 2, now: now, using: &second)
        #expect(a == b)
        let delay = a.delay?.inSeconds ?? 0
        #expect(a.shouldRetry && delay > 0.5 && delay <= 1.0)

        var quotaEvidence = EvidenceSummary()
        quotaEvidence.status = 429
        quotaEvidence.errorCode = "insufficient_quota"
        let quota = Diagnosis(
            cause: .billingQuotaExceeded, confidence: .high, title: "Quota", explanation: "", fixes: [],
            evidence: quotaEvidence)
        #expect(
            RetryPolicy().decide(for: quota, headers: ["retry-after": "1"], attempt: 1, now: now, using: &first)
                == .stop(.notRetryable(.billingQuotaExceeded)))
    }

    @Test("decisions describe themselves in one line for logs")
    func descriptions() {
        #expect(
            RetryDecision.retry(after: .milliseconds(1500), basis: .retryAfterMilliseconds).description
                == "retry in 1.5 s (retry-after-ms)")
        #expect(
            RetryDecision.stop(.notRetryable(.billingQuotaExceeded)).description
                == "stop: billing.quota_exceeded is never retried")
        #expect(
            RetryDecision.stop(.attemptsExhausted(attempts: 3)).description
                == "stop: attempt cap reached after 3 attempt(s)")
    }
}
