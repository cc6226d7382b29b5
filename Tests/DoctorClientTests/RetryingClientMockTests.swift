import DoctorClient
import DoctorClientURLSession
import DoctorCore
import DoctorMock
import DoctorTestSupport
import Foundation
import Logging
import Synchronization
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A jitter source that replays fixed draws, so waits are reproducible but not a pattern.
private func replaying(_ draws: [Double]) -> @Sendable () -> Double {
    let index = Mutex(0)
    return {
        index.withLock { i in
            defer { i += 1 }
            return draws[i % draws.count]
        }
    }
}

/// The real clock and sleep, with replayed jitter.
private func realTime(jitter draws: [Double] = [0.1, 0.8, 0.4, 0.6]) -> RetryEnvironment {
    RetryEnvironment(now: { Date() }, randomUnit: replaying(draws), sleep: { try await Task.sleep(for: $0) })
}

/// A request to the mock, tagged with a test id so parallel tests share the server.
private func modelsRequest(_ server: MockServer, testID: String, key: String) throws -> URLRequest {
    // Safe: the mock's base URL is always http://127.0.0.1:PORT
    // swift-format-ignore: NeverForceUnwrap
    var request = URLRequest(url: try #require(URL(string: server.baseURL + "/v1/models")))
    request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
    request.setValue(testID, forHTTPHeaderField: "X-Mock-Test-Id")
    return request
}

/// The journal of one test once `count` entries are in: the mock journals a request when its
/// answer has been written, a moment after the client may already hold it.
private func settledEntries(_ server: MockServer, testID: String, count: Int) async -> [JournalEntry] {
    let deadline = ContinuousClock.now + .seconds(2)
    while server.journal.entries(testID: testID).count < count, ContinuousClock.now < deadline {
        try? await Task.sleep(for: .milliseconds(10))
    }
    try? await Task.sleep(for: .milliseconds(30))
    return server.journal.entries(testID: testID)
}

@Suite("RetryingClient against the mock (URLSession, real sockets)")
struct RetryingClientMockTests {
    @Test("429 twice then ok: retry-after honoured, success on the third request")
    func rateLimitTwiceThenOK() async throws {
        try await withMockServer { server in
            let testID = "rate-limit-\(UUID().uuidString)"
            server.setScenario(try #require(ScenarioPlan("rate_limit.exceeded*2,ok")), testID: testID)
            let client = RetryingClient(session: .shared, policy: RetryPolicy(maxAttempts: 3), environment: realTime())
            let answer = try await client.send(modelsRequest(server, testID: testID, key: TestKey.project()))
            #expect(answer.status == 200)

            let entries = await settledEntries(server, testID: testID, count: 3)
            #expect(entries.map(\.status) == [429, 429, 200])
            #expect(entries.first?.retryAfterMilliseconds == 644)
            let verdict = ResilienceVerdict(entries: entries, retryCap: 2)
            #expect(verdict.honouredRetryAfter.outcome == .pass, "\(verdict.honouredRetryAfter.detail)")
            #expect(verdict.cappedRetries.outcome == .pass, "\(verdict.cappedRetries.detail)")
            #expect(verdict.passed)
        }
    }

    @Test("insufficient_quota: exactly one request, the diagnosis thrown, the verdict says it stopped")
    func quotaNeverRetried() async throws {
        try await withMockServer { server in
            let testID = "quota-\(UUID().uuidString)"
            server.setScenario(try #require(ScenarioName("billing.quota_exceeded")), testID: testID)
            let client = RetryingClient(session: .shared, policy: RetryPolicy(maxAttempts: 5), environment: realTime())
            let error = try await #require(throws: DoctorClientError.self) {
                try await client.send(modelsRequest(server, testID: testID, key: TestKey.project()))
            }
            #expect(error.diagnosis.cause == .billingQuotaExceeded)
            #expect(error.attempts == 1)
            #expect(error.requestID?.hasPrefix("req_") == true)

            let entries = await settledEntries(server, testID: testID, count: 1)
            #expect(entries.count == 1)
            let verdict = ResilienceVerdict(entries: entries, retryCap: 4)
            #expect(verdict.stoppedOnNonRetryable.outcome == .pass, "\(verdict.stoppedOnNonRetryable.detail)")
            #expect(verdict.passed)
        }
    }

    @Test("500 for ever: the attempt cap holds, with jittered, growing backoff")
    func serverErrorCapped() async throws {
        try await withMockServer { server in
            let testID = "server-error-\(UUID().uuidString)"
            server.setScenario(try #require(ScenarioName("server.error")), testID: testID)
            let policy = RetryPolicy(maxAttempts: 4, initialBackoff: .milliseconds(60), maxBackoff: .milliseconds(400))
            let client = RetryingClient(session: .shared, policy: policy, environment: realTime())
            let error = try await #require(throws: DoctorClientError.self) {
                try await client.send(modelsRequest(server, testID: testID, key: TestKey.project()))
            }
            #expect(error.diagnosis.cause == .serverError)
            #expect(error.stopReason == .attemptsExhausted(attempts: 4))

            let entries = await settledEntries(server, testID: testID, count: 4)
            #expect(entries.count == 4)
            let verdict = ResilienceVerdict(entries: entries, retryCap: 3)
            #expect(verdict.cappedRetries.outcome == .pass, "\(verdict.cappedRetries.detail)")
            #expect(verdict.backedOffWithJitter.outcome == .pass, "\(verdict.backedOffWithJitter.detail)")
            // The same journal judged against a lower cap fails: the check can fail.
            #expect(ResilienceVerdict(entries: entries, retryCap: 2).cappedRetries.outcome == .fail)
        }
    }

    @Test("a mixed sequence: overloaded (retry-after 2 s is too long for the budget) stops without an early retry")
    func serverWaitBeyondBudgetStops() async throws {
        try await withMockServer { server in
            let testID = "overloaded-\(UUID().uuidString)"
            server.setScenario(try #require(ScenarioPlan("server.overloaded*1,ok")), testID: testID)
            let client = RetryingClient(
                session: .shared, policy: RetryPolicy(maxAttempts: 3, maxTotalWait: .seconds(1)),
                environment: realTime())
            let error = try await #require(throws: DoctorClientError.self) {
                try await client.send(modelsRequest(server, testID: testID, key: TestKey.project()))
            }
            #expect(
                error.stopReason
                    == .waitBudgetExceeded(wait: .seconds(2), basis: .retryAfterSeconds, remaining: .seconds(1)))
            #expect(await settledEntries(server, testID: testID, count: 2).count == 1)
        }
    }

    @Test("a reset connection is a transport failure, retried, then the success")
    func resetThenOK() async throws {
        try await withMockServer { server in
            let testID = "reset-\(UUID().uuidString)"
            server.setScenario(try #require(ScenarioPlan("fault:reset*1,ok")), testID: testID)
            let policy = RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(20))
            let client = RetryingClient(session: .shared, policy: policy, environment: realTime())
            let answer = try await client.send(modelsRequest(server, testID: testID, key: TestKey.project()))
            #expect(answer.status == 200)
            #expect(await settledEntries(server, testID: testID, count: 2).count == 2)
        }
    }

    @Test("connection refused: network.connect, retried up to the cap")
    func connectionRefused() async throws {
        let port = try MockServer.refusingPort()
        let policy = RetryPolicy(maxAttempts: 2, initialBackoff: .milliseconds(10))
        let client = RetryingClient(session: .shared, policy: policy, environment: realTime())
        let error = try await #require(throws: DoctorClientError.self) {
            try await client.send(URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)/v1/models"))))
        }
        #expect(error.diagnosis.cause == .networkConnect)
        #expect(error.attempts == 2)
        #expect(error.status == nil)
    }
}
