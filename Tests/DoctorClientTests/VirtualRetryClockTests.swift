import DoctorClient
import DoctorCore
import Foundation
import Logging
import Testing

/// The clock verify's retry-limit step runs the client on: waits recorded, none spent.
@Suite("VirtualRetryClock")
struct VirtualRetryClockTests {
    @Test("a client on the virtual clock stops at its cap, each wait recorded and none spent")
    func recordsWaitsWithoutSpendingThem() async throws {
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let clock = VirtualRetryClock(start: start)
        // Waits of 15 s to 60 s: a client that really slept would hold the suite for minutes.
        let policy = RetryPolicy(
            maxAttempts: 4, initialBackoff: .seconds(30), maxBackoff: .seconds(60), maxTotalWait: .seconds(600))
        let client = RetryingClient<String>(
            policy: policy, logger: Logger(label: "test"), environment: clock.environment
        ) { _ in
            HTTPAnswer(status: 500, headers: ["x-request-id": "req_virtual"], body: Array(RealBodies.serverError.utf8))
        }
        let error = try await #require(throws: DoctorClientError.self) { try await client.send("GET /v1/models") }
        #expect(error.stopReason == .attemptsExhausted(attempts: 4))
        #expect(clock.waits.count == 3)
        #expect(clock.waits.allSatisfy { $0 > .zero && $0 <= .seconds(60) })
        #expect(error.totalWait == clock.elapsed)
        #expect(clock.environment.now() == start.addingTimeInterval(clock.elapsed / .seconds(1)))
    }

    @Test("a cancelled task still stops at its next wait")
    func cancellationIsHonoured() async {
        let clock = VirtualRetryClock()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await clock.environment.sleep(.seconds(1))
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(clock.waits.isEmpty)
    }
}
