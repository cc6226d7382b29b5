import DoctorCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The server-wait and retry policy over arbitrary header values.
enum RetryTarget {
    /// The headers the wait is read from; a line without a name of its own gets one of these.
    static let waitHeaders = [
        "retry-after-ms", "retry-after", "x-ratelimit-remaining-requests", "x-ratelimit-reset-requests",
        "x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens", "x-should-retry",
    ]

    static let target = FuzzTarget(
        name: "retry",
        property:
            "server wait and retry policy over any header values and message: no crash, a wait never negative, a retry's wait within the policy's caps"
    ) { input in
        var headers = HeaderFields()
        var message: String?
        for (index, line) in input.text.split(separator: "\n", omittingEmptySubsequences: false).prefix(16).enumerated()
        {
            if line.hasPrefix("message="), message == nil {
                message = String(line.dropFirst(8))
            } else if let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                !line[..<colon].contains(" ")
            {
                headers.append(
                    name: String(line[..<colon]),
                    value: String(line[line.index(after: colon)...].drop { $0 == " " }))
            } else {
                headers.append(name: waitHeaders[index % waitHeaders.count], value: String(line))
            }
        }
        let now = Date(timeIntervalSince1970: Double(input.choice(0, below: 1 << 16)) * 86_400 / 8)
        if let wait = ServerWait.stated(in: headers, message: message, now: now) {
            FuzzCheck.require(wait.duration >= .zero, "a negative server wait \(wait.duration) (\(wait.basis))")
        }
        let policy = RetryPolicy(
            maxAttempts: 1 + input.choice(1, below: 8),
            initialBackoff: .milliseconds(input.choice(2, below: 10_000)),
            maxBackoff: .milliseconds(input.choice(3, below: 120_000)),
            jitter: Double(input.choice(4, below: 1001)) / 1000,
            maxTotalWait: .milliseconds(input.choice(5, below: 600_000)))
        let causes = CauseID.allCases
        let failure = FailedAttempt(
            cause: causes[input.choice(6, below: causes.count)],
            status: [nil, 429, 500, 502, 503, 504, 408, 409][input.choice(7, below: 8)],
            headers: headers, message: message)
        let waited = Duration.milliseconds(input.choice(8, below: 700_000))
        let randomUnit = Double(input.choice(9, below: 1 << 16)) / Double(1 << 16)
        for attempt in 1...policy.maxAttempts {
            let decision = policy.decide(
                failure, attempt: attempt, waitedSoFar: waited, now: now, randomUnit: randomUnit)
            let remaining = max(.zero, policy.maxTotalWait - waited)
            switch decision {
            case .retry(let wait, let basis):
                FuzzCheck.require(wait >= .zero, "a negative retry wait \(wait) (\(basis))")
                FuzzCheck.require(
                    wait <= remaining, "a retry wait \(wait) (\(basis)) past the remaining budget \(remaining)")
                FuzzCheck.require(attempt < policy.maxAttempts, "a retry after the last attempt \(attempt)")
                if basis == .backoff {
                    FuzzCheck.require(wait <= policy.maxBackoff, "a backoff \(wait) above the cap \(policy.maxBackoff)")
                }
            case .stop(.waitBudgetExceeded(let wait, _, let left)):
                FuzzCheck.require(wait > left, "stopped for a wait \(wait) within the budget left \(left)")
            case .stop:
                break
            }
        }
    }
}
