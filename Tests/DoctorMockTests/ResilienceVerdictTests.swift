import DoctorCore
import DoctorMock
import Testing

/// The verdict judged from journal entries alone, without sockets.
@Suite struct ResilienceVerdictTests {
    /// An entry received at `at` ms, answered 1 ms later.
    static func entry(
        _ sequence: UInt64, at: Double, status: Int?, cause: CauseID? = nil, fault: TransportFault? = nil,
        retryAfter: Double? = nil
    ) -> JournalEntry {
        JournalEntry(
            sequence: sequence, receivedAtMilliseconds: at, answeredAtMilliseconds: at + 1, method: "POST",
            path: "/v1/chat/completions", testID: "t", served: cause?.rawValue ?? "ok", cause: cause, status: status,
            fault: fault, retryAfterMilliseconds: retryAfter, keyFingerprint: nil, organization: nil, project: nil,
            userAgent: nil)
    }

    @Test func aClientThatWaitsForRetryAfterPasses() {
        let entries = [
            Self.entry(1, at: 0, status: 429, cause: .rateLimitExceeded, retryAfter: 644),
            Self.entry(2, at: 700, status: 429, cause: .rateLimitExceeded, retryAfter: 644),
            Self.entry(3, at: 1400, status: 200),
        ]
        let verdict = ResilienceVerdict(entries: entries, retryCap: 5)
        #expect(verdict.honouredRetryAfter.outcome == .pass)
        #expect(verdict.cappedRetries.outcome == .pass)
        #expect(verdict.passed)
    }

    @Test func aClientThatRetriesTooSoonFails() {
        let entries = [
            Self.entry(1, at: 0, status: 429, cause: .rateLimitExceeded, retryAfter: 1000),
            Self.entry(2, at: 100, status: 200),
        ]
        #expect(ResilienceVerdict(entries: entries, retryCap: 5).honouredRetryAfter.outcome == .fail)
    }

    @Test func retryingANonRetryableCauseFails() {
        let quota = [
            Self.entry(1, at: 0, status: 429, cause: .billingQuotaExceeded),
            Self.entry(2, at: 500, status: 429, cause: .billingQuotaExceeded),
        ]
        #expect(ResilienceVerdict(entries: quota, retryCap: 5).stoppedOnNonRetryable.outcome == .fail)
        let stopped = [Self.entry(1, at: 0, status: 429, cause: .billingQuotaExceeded)]
        #expect(ResilienceVerdict(entries: stopped, retryCap: 5).stoppedOnNonRetryable.outcome == .pass)
    }

    @Test func retriesBeyondTheCapFail() {
        var entries: [JournalEntry] = []
        for index in 0..<8 {
            let at = Double(index * 100 * (index + 1))
            entries.append(Self.entry(UInt64(index + 1), at: at, status: 503, cause: .serverOverloaded))
        }
        let verdict = ResilienceVerdict(entries: entries, retryCap: 3)
        #expect(verdict.cappedRetries.outcome == .fail)
        #expect(ResilienceVerdict(entries: entries, retryCap: 7).cappedRetries.outcome == .pass)
    }

    @Test func exactDoublingHasNoJitterAndGrowingVariedWaitsPass() {
        func run(_ times: [Double]) -> ResilienceVerdict.Outcome {
            let entries = times.enumerated().map {
                Self.entry(UInt64($0.offset + 1), at: $0.element, status: 500, cause: .serverError)
            }
            return ResilienceVerdict(entries: entries, retryCap: 10).backedOffWithJitter.outcome
        }
        #expect(run([0, 101, 302, 703]) == .fail)  // gaps 100, 200, 400: exact doubling
        #expect(run([0, 101, 238, 571]) == .pass)  // gaps 100, 136, 332: growing, varied
        #expect(run([0, 2, 4, 6]) == .fail)  // tight loop
        #expect(run([0, 401, 502, 553]) == .fail)  // gaps 400, 100, 50: shrinking
        #expect(run([0, 304, 421, 650]) == .pass)  // gaps 303, 116, 228: a noisy first wait is tolerated
        #expect(run([0, 500]) == .notApplicable)
    }

    @Test func nothingToJudgeIsNotApplicable() {
        let verdict = ResilienceVerdict(entries: [Self.entry(1, at: 0, status: 200)], retryCap: 5)
        #expect(verdict.honouredRetryAfter.outcome == .notApplicable)
        #expect(verdict.stoppedOnNonRetryable.outcome == .notApplicable)
        #expect(verdict.cappedRetries.outcome == .notApplicable)
        #expect(verdict.backedOffWithJitter.outcome == .notApplicable)
        #expect(verdict.passed)
    }
}
