import DoctorCore
import DoctorProbes
import Testing

/// verify's retry-limit judgement, from what a run saw (the run itself is the CLI's wiring).
@Suite("RetryLimitStep")
struct RetryLimitStepTests {
    static let capped = RetryLimitStep.ServerJudgement(held: true, detail: "2 retries, within the cap")

    @Test("held: three requests, stopped for the cap, two waits between them")
    func held() {
        let step = RetryLimitStep(attempts: 3).judged(
            requestsArrived: 3, stopReason: .attemptsExhausted(attempts: 3), cause: .serverError,
            cappedRetries: Self.capped, waits: [.milliseconds(20), .milliseconds(40)], durationMS: 5)
        #expect(step.outcome == .held)
        #expect(step.status == .pass)
    }

    @Test("exceeded when the client did not wait once between each two attempts", arguments: [0, 1, 3])
    func waitsMustMatchTheAttempts(count: Int) {
        let step = RetryLimitStep(attempts: 3).judged(
            requestsArrived: 3, stopReason: .attemptsExhausted(attempts: 3), cause: .serverError,
            cappedRetries: Self.capped, waits: Array(repeating: .milliseconds(20), count: count), durationMS: 5)
        #expect(step.outcome == .exceeded)
    }

    @Test("exceeded when more requests arrived than the cap")
    func tooManyRequests() {
        let step = RetryLimitStep(attempts: 3).judged(
            requestsArrived: 4, stopReason: .attemptsExhausted(attempts: 3), cause: .serverError,
            cappedRetries: Self.capped, waits: [.milliseconds(20), .milliseconds(40)], durationMS: 5)
        #expect(step.outcome == .exceeded)
    }
}
