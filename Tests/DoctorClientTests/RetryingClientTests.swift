import DoctorClient
import DoctorCore
import DoctorTestSupport
import Foundation
import InMemoryLogging
import Logging
import Synchronization
import Testing

/// Real bodies from docs/errors-catalogue.md.
enum RealBodies {
    static let quota = """
        {
            "error": {
                "message": "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
                "type": "insufficient_quota",
                "param": null,
                "code": "insufficient_quota"
            }
        }
        """
    static let rateLimit = """
        {
            "error": {
                "message": "Rate limit reached for gpt-4o in organization org-abc on tokens per min (TPM): Limit 30000, Used 29937, Requested 385. Please try again in 644ms. Visit https://platform.openai.com/account/rate-limits to learn more.",
                "type": "tokens",
                "param": null,
                "code": "rate_limit_exceeded"
            }
        }
        """
    static let serverError = """
        {
          "error": {
            "message": "The server had an error processing your request. Sorry about that! You can retry your request, or contact us through our help center at help.openai.com if you keep seeing this error. (Please include the request ID req_0d3f in your email.)",
            "type": "server_error",
            "param": null,
            "code": null
          }
        }
        """
    static func invalidKey(echo: String) -> String {
        """
        {
            "error": {
                "message": "Incorrect API key provided: \(echo). You can find your API key at https://platform.openai.com/account/api-keys.",
                "type": "invalid_request_error",
                "param": null,
                "code": "invalid_api_key"
            }
        }
        """
    }
}

/// A scripted transport: answers (or throws) in order, and records what it was sent.
final class ScriptedTransport: Sendable {
    enum Step: Sendable {
        case answer(Int, HeaderFields, String)
        case fail(any Error & Sendable)
    }
    private let state: Mutex<(steps: [Step], sent: Int)>

    init(_ steps: [Step]) { state = Mutex((steps, 0)) }

    var sent: Int { state.withLock { $0.sent } }

    func send(_ request: String) async throws -> HTTPAnswer {
        let step = state.withLock { state -> Step in
            state.sent += 1
            return state.steps.count > 1 ? state.steps.removeFirst() : state.steps[0]
        }
        switch step {
        case .answer(let status, let headers, let body):
            return HTTPAnswer(status: status, headers: headers, body: Array(body.utf8))
        case .fail(let error): throw error
        }
    }
}

/// Records the waits instead of sleeping.
final class RecordedSleeps: Sendable {
    private let waits = Mutex<[Duration]>([])
    var all: [Duration] { waits.withLock { $0 } }
    func sleep(_ duration: Duration) async throws { waits.withLock { $0.append(duration) } }
}

struct ClientHarness {
    let transport: ScriptedTransport
    let sleeps = RecordedSleeps()
    let logs = InMemoryLogHandler()
    let client: RetryingClient<String>

    init(_ steps: [ScriptedTransport.Step], policy: RetryPolicy = RetryPolicy(), randomUnit: Double = 0.5) {
        let transport = ScriptedTransport(steps)
        self.transport = transport
        var logHandler = logs
        logHandler.logLevel = .trace
        let sleeps = self.sleeps
        let environment = RetryEnvironment(
            now: { Date(timeIntervalSince1970: 1_790_000_000) }, randomUnit: { randomUnit },
            sleep: { try await sleeps.sleep($0) })
        client = RetryingClient(
            policy: policy, logger: Logger(label: "test", factory: { _ in logHandler }), environment: environment,
            send: { try await transport.send($0) })
    }

    /// Every logged message and metadata value, as one text to search.
    var logText: String {
        logs.entries.map { entry in
            "\(entry.level) \(entry.message) "
                + entry.metadata.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
        }.joined(separator: "\n")
    }
}

@Suite("RetryingClient")
struct RetryingClientTests {
    @Test("insufficient_quota: one request, no wait, the diagnosis in the thrown error")
    func quotaFailsAfterOneRequest() async throws {
        let harness = ClientHarness([
            .answer(429, ["x-request-id": "req_quota1", "retry-after": "1"], RealBodies.quota)
        ])
        let error = try await #require(throws: DoctorClientError.self) {
            try await harness.client.send("GET /v1/models")
        }
        #expect(error.diagnosis.cause == .billingQuotaExceeded)
        #expect(error.attempts == 1)
        #expect(error.stopReason == .notRetryable(.billingQuotaExceeded))
        #expect(error.requestID == "req_quota1")
        #expect(harness.transport.sent == 1)
        #expect(harness.sleeps.all.isEmpty)
        #expect(error.description.hasPrefix("billing.quota_exceeded (HTTP 429, request req_quota1) after 1 attempt: "))
    }

    @Test("rate limit: waits exactly retry-after-ms, then returns the success")
    func rateLimitHonoursRetryAfter() async throws {
        let harness = ClientHarness([
            .answer(429, ["x-request-id": "req_rl1", "retry-after-ms": "1500"], RealBodies.rateLimit),
            .answer(200, ["x-request-id": "req_ok"], #"{"object":"list","data":[]}"#),
        ])
        let answer = try await harness.client.send("POST /v1/chat/completions")
        #expect(answer.status == 200)
        #expect(harness.transport.sent == 2)
        #expect(harness.sleeps.all == [.milliseconds(1500)])
        let retry = try #require(harness.logs.entries.first { $0.message.description == "request failed, retrying" })
        #expect(retry.level == .info)
        #expect(retry.metadata["doctor.cause"] == "rate_limit.exceeded")
        #expect(retry.metadata["doctor.status"] == "429")
        #expect(retry.metadata["doctor.attempt"] == "1")
        #expect(retry.metadata["doctor.request_id"] == "req_rl1")
        #expect(retry.metadata["doctor.wait_ms"] == "1500")
        #expect(retry.metadata["doctor.wait_basis"] == "retry-after-ms")
    }

    @Test("rate limit without headers: the message's 'try again in 644ms' is the wait")
    func rateLimitMessageHint() async throws {
        let harness = ClientHarness([
            .answer(429, [:], RealBodies.rateLimit), .answer(200, [:], "{}"),
        ])
        _ = try await harness.client.send("x")
        #expect(harness.sleeps.all == [.milliseconds(644)])
    }

    @Test("server errors: jittered backoff, and the attempt cap holds")
    func serverErrorsHitTheCap() async throws {
        let harness = ClientHarness(
            [.answer(500, ["x-request-id": "req_500"], RealBodies.serverError)], policy: RetryPolicy(maxAttempts: 3),
            randomUnit: 0.5)
        let error = try await #require(throws: DoctorClientError.self) { try await harness.client.send("x") }
        #expect(error.diagnosis.cause == .serverError)
        #expect(error.attempts == 3)
        #expect(error.stopReason == .attemptsExhausted(attempts: 3))
        #expect(harness.transport.sent == 3)
        #expect(harness.sleeps.all == [.milliseconds(375), .milliseconds(750)])
        #expect(error.totalWait == .milliseconds(1125))
    }

    @Test("x-should-retry: false stops a retryable cause")
    func shouldRetryFalse() async throws {
        let harness = ClientHarness([.answer(500, ["x-should-retry": "false"], RealBodies.serverError)])
        let error = try await #require(throws: DoctorClientError.self) { try await harness.client.send("x") }
        #expect(error.stopReason == .serverSaidNo)
        #expect(harness.transport.sent == 1)
    }

    @Test("a transport failure is classified by phase and retried: DNS, then success")
    func transportFailureRetried() async throws {
        let dns = TransportError(TransportFailure(phase: .dns, kind: .nameNotFound, host: "api.openai.com"))
        let harness = ClientHarness([.fail(dns), .answer(200, [:], "{}")])
        let answer = try await harness.client.send("x")
        #expect(answer.status == 200)
        #expect(harness.transport.sent == 2)
        let retry = try #require(harness.logs.entries.first { $0.message.description == "request failed, retrying" })
        #expect(retry.metadata["doctor.cause"] == "network.dns")
        #expect(retry.metadata["doctor.status"] == nil)
    }

    @Test("an unrecognised error is not retried, and its text is never copied")
    func unknownErrorNotRetried() async throws {
        struct OddError: Error { let text = "secret-ish text" }
        let harness = ClientHarness([.fail(OddError())])
        let error = try await #require(throws: DoctorClientError.self) { try await harness.client.send("x") }
        #expect(harness.transport.sent == 1)
        #expect(error.diagnosis.cause == .unknown)
        #expect(error.diagnosis.retry == .no)
        #expect(!error.description.contains("secret-ish"))
        #expect(!harness.logText.contains("secret-ish"))
    }

    @Test("401 with the key echoed: no retry, and no log line holds the key")
    func invalidKeyNeverLogged() async throws {
        let key = TestKey.project()
        let harness = ClientHarness([
            .answer(
                401, ["x-request-id": "req_401", "www-authenticate": "Bearer realm=\"OpenAI API\""],
                RealBodies.invalidKey(echo: key))
        ])
        let error = try await #require(throws: DoctorClientError.self) {
            try await harness.client.send("Bearer \(key)")
        }
        #expect(error.stopReason == .identityRefused(status: 401))
        #expect(harness.transport.sent == 1)
        #expect(!harness.logText.isEmpty)
        #expect(!harness.logText.contains(key))
        #expect(!harness.logText.contains(String(key.suffix(40))))
        #expect(!error.description.contains(String(key.suffix(40))))
    }

    @Test("cancellation during the wait ends the call with CancellationError")
    func cancellationPropagates() async throws {
        let transport = ScriptedTransport([.answer(503, [:], "")])
        let client = RetryingClient<String>(
            environment: RetryEnvironment(
                now: { Date() }, randomUnit: { 0 }, sleep: { _ in throw CancellationError() }),
            send: { try await transport.send($0) })
        await #expect(throws: CancellationError.self) { try await client.send("x") }
        #expect(transport.sent == 1)
    }

    @Test("metadata keys are dotted and lowercase")
    func metadataKeys() async throws {
        let harness = ClientHarness([.answer(503, ["retry-after": "1"], ""), .answer(200, [:], "")])
        _ = try await harness.client.send("x")
        let keys = Set(harness.logs.entries.flatMap { $0.metadata.keys })
        #expect(!keys.isEmpty)
        for key in keys {
            #expect(key.hasPrefix("doctor.") && key == key.lowercased(), "\(key)")
        }
    }
}
