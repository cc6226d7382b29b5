import DoctorCore

/// How a client behaved across failures, judged from the journal: did it honour
/// `retry-after`, stop on causes no retry can fix, cap its retries, back off with jitter.
///
/// Requests are taken in order; a request to the same method and path right after a failed
/// one counts as a retry of it. Each check is `pass`, `fail`, or `not_applicable` when the
/// journal holds no situation that tests it.
///
/// ```swift
/// let verdict = ResilienceVerdict(entries: server.journal.entries(testID: "t1"), retryCap: 5)
/// #expect(verdict.honouredRetryAfter.outcome == .pass)
/// ```
public struct ResilienceVerdict: Sendable, Equatable, Codable {
    /// The result of one check.
    public enum Outcome: String, Sendable, Codable {
        /// The client behaved well.
        case pass
        /// The client misbehaved.
        case fail
        /// Nothing in the journal tests this.
        case notApplicable = "not_applicable"
    }

    /// One check with a sentence saying why.
    public struct Check: Sendable, Equatable, Codable {
        /// The result.
        public var outcome: Outcome
        /// Why, in one sentence.
        public var detail: String
    }

    /// Waited at least as long as each `retry-after` before retrying.
    public var honouredRetryAfter: Check
    /// Sent no retry after an answer whose cause retrying never fixes.
    public var stoppedOnNonRetryable: Check
    /// Retried a failing request at most the cap.
    public var cappedRetries: Check
    /// Waited longer between later retries, with gaps that are not an exact pattern.
    public var backedOffWithJitter: Check

    enum CodingKeys: String, CodingKey {
        case honouredRetryAfter = "honoured_retry_after"
        case stoppedOnNonRetryable = "stopped_on_non_retryable"
        case cappedRetries = "capped_retries"
        case backedOffWithJitter = "backed_off_with_jitter"
    }

    /// Whether no check failed.
    public var passed: Bool {
        [honouredRetryAfter, stoppedOnNonRetryable, cappedRetries, backedOffWithJitter].allSatisfy {
            $0.outcome != .fail
        }
    }

    /// Slack allowed under a stated wait, for timer and scheduling granularity.
    public static let toleranceMilliseconds = 25.0

    /// Judges `entries` (one client's requests, in order) against a retry cap.
    public init(entries: [JournalEntry], retryCap: Int) {
        let ordered = entries.sorted { $0.sequence < $1.sequence }
        var retryAfterTested = 0
        var retryAfterViolations: [String] = []
        var nonRetryableSeen = 0
        var nonRetryableRetried: [String] = []
        var runs: [[Double]] = []  // gaps of each run of retries of retryable failures
        var longestRun = 0
        var currentGaps: [Double] = []
        var currentRetries = 0

        for (index, entry) in ordered.enumerated() {
            let next = index + 1 < ordered.count ? ordered[index + 1] : nil
            let isRetry = next.map { $0.method == entry.method && $0.path == entry.path } ?? false
            if entry.failed, let wait = entry.retryAfterMilliseconds, let next, isRetry {
                retryAfterTested += 1
                let gap = next.receivedAtMilliseconds - entry.answeredAtMilliseconds
                if gap + Self.toleranceMilliseconds < wait {
                    retryAfterViolations.append(
                        "request \(next.sequence) came \(Int(gap)) ms after a \(Int(wait)) ms retry-after")
                }
            }
            let retryClass = entry.cause?.retry ?? (entry.fault != nil ? .yes : nil)
            if entry.failed, retryClass == .no {
                nonRetryableSeen += 1
                if let next, isRetry {
                    nonRetryableRetried.append("request \(next.sequence) retried \(entry.served)")
                }
            }
            if entry.failed, retryClass == .yes || retryClass == .after, let next, isRetry {
                currentRetries += 1
                if entry.retryAfterMilliseconds == nil {
                    currentGaps.append(next.receivedAtMilliseconds - entry.answeredAtMilliseconds)
                }
            } else if currentRetries > 0 || !currentGaps.isEmpty {
                longestRun = max(longestRun, currentRetries)
                runs.append(currentGaps)
                currentGaps = []
                currentRetries = 0
            }
        }
        if currentRetries > 0 {
            longestRun = max(longestRun, currentRetries)
            runs.append(currentGaps)
        }

        honouredRetryAfter =
            retryAfterTested == 0
            ? Check(outcome: .notApplicable, detail: "no failed answer with retry-after was retried")
            : retryAfterViolations.isEmpty
                ? Check(outcome: .pass, detail: "all \(retryAfterTested) retries waited for retry-after")
                : Check(outcome: .fail, detail: retryAfterViolations.joined(separator: "; "))
        stoppedOnNonRetryable =
            nonRetryableSeen == 0
            ? Check(outcome: .notApplicable, detail: "no answer with a non-retryable cause")
            : nonRetryableRetried.isEmpty
                ? Check(outcome: .pass, detail: "no retry after \(nonRetryableSeen) non-retryable answers")
                : Check(outcome: .fail, detail: nonRetryableRetried.joined(separator: "; "))
        cappedRetries =
            runs.isEmpty
            ? Check(outcome: .notApplicable, detail: "no retryable failure was retried")
            : longestRun <= retryCap
                ? Check(outcome: .pass, detail: "at most \(longestRun) retries in a row (cap \(retryCap))")
                : Check(outcome: .fail, detail: "\(longestRun) retries in a row, more than the cap of \(retryCap)")
        backedOffWithJitter = Self.judgeBackoff(runs.filter { $0.count >= 2 })
    }

    /// Backoff: within each run, the client waited at all (not every gap under 10 ms) and the
    /// later waits are not clearly shorter than the first (their mean is at least half of it;
    /// lenient, because jitter and scheduling make single gaps noisy). Jitter: the gaps are not
    /// an exact pattern (constant, or a fixed ratio such as exact doubling).
    static func judgeBackoff(_ runs: [[Double]]) -> Check {
        guard !runs.isEmpty else {
            return Check(outcome: .notApplicable, detail: "fewer than two backoff waits in any run of retries")
        }
        var problems: [String] = []
        for gaps in runs {
            if gaps.allSatisfy({ $0 < 10 }) {
                problems.append(
                    "retries came \(gaps.map { String(Int($0)) }.joined(separator: ", ")) ms apart: no backoff")
            }
            let later = gaps.dropFirst()
            if let first = gaps.first, !later.isEmpty, later.reduce(0, +) / Double(later.count) < first / 2 {
                problems.append("waits shrank: \(gaps.map { String(Int($0)) }.joined(separator: ", ")) ms")
            }
            let ratios = zip(gaps.dropFirst(), gaps).map { $0 / max($1, 0.001) }
            let exact: Bool
            if ratios.count >= 2, let highest = ratios.max(), let lowest = ratios.min() {
                exact = (highest - lowest) < 0.02
            } else {
                let ratio = ratios.first ?? 0
                exact = [1.0, 1.5, 2.0, 3.0, 4.0].contains { abs(ratio - $0) < 0.02 }
            }
            if exact {
                problems.append(
                    "waits \(gaps.map { String(Int($0)) }.joined(separator: ", ")) ms follow an exact pattern (no jitter)"
                )
            }
        }
        return problems.isEmpty
            ? Check(outcome: .pass, detail: "the client waited, later waits did not shrink, and the waits varied")
            : Check(outcome: .fail, detail: problems.joined(separator: "; "))
    }
}
