import DoctorClient
import DoctorCore
import DoctorMock
import DoctorProbes
import Logging

/// The run behind verify's retry-limit step (``DoctorProbes/RetryLimitStep`` judges it): the
/// retry client, pointed at a local server that fails for ever with a retryable error.
///
/// The server is the mock, in-process on 127.0.0.1 (nothing leaves the machine); the client is
/// ``DoctorClient/RetryingClient`` over the same NIO transport `check` uses, so this also shows
/// how any transport plugs into the wrapper. The client waits on a ``DoctorClient/VirtualRetryClock``
/// (the waits are judged, none is spent); the mock's journal counts the requests that arrived,
/// read once the server has stopped (every answer written is journalled by then), and its
/// resilience verdict judges the cap. Only the wiring is here: the probes module sees neither
/// the mock nor the client.
enum RetryLimitCheck {
    /// Runs the step.
    ///
    /// - Parameters:
    ///   - attempts: The configured attempts (the first request included).
    ///   - logger: Where the client logs its attempts.
    ///   - clock: The retry client's clock (a fresh virtual one by default).
    static func run(attempts: Int, logger: Logger, clock: VirtualRetryClock = VirtualRetryClock()) async -> VerifyStep {
        let step = RetryLimitStep(attempts: attempts)
        let start = ContinuousClock.now
        var configuration = MockConfiguration()
        configuration.plan = ScenarioPlan(ScenarioName(cause: .serverError))
        let server: MockServer
        do {
            server = try await MockServer.start(configuration)
        } catch {
            return step.serverNotStarted(error)
        }
        let policy = RetryPolicy(
            maxAttempts: attempts, initialBackoff: .milliseconds(20), maxBackoff: .milliseconds(160))
        let transport = ProbeTransport(settings: TransportSettings(userAgent: "openai-doctor/verify"))
        let runStart = ContinuousClock.now
        let client = RetryingClient<ProbeRequest>(policy: policy, logger: logger, environment: clock.environment) {
            request in
            let exchange = await transport.send(request, deadline: .now + .seconds(5), runStart: runStart)
            if let failure = exchange.failure { throw TransportError(failure) }
            return HTTPAnswer(status: exchange.status ?? 0, headers: exchange.headers, body: Array(exchange.body.utf8))
        }
        // Safe: the mock's base URL is always http://127.0.0.1:PORT, a valid URL
        // swift-format-ignore: NeverForceUnwrap
        let url = EndpointURL("\(server.baseURL)/v1/models")!
        var stopReason: StopReason?
        var cause: CauseID?
        do {
            _ = try await client.send(ProbeRequest(label: "GET /v1/models (local, failing)", url: url))
        } catch let error as DoctorClientError {
            stopReason = error.stopReason
            cause = error.diagnosis.cause
        } catch {
            stopReason = nil
        }
        // The mock journals a request once its answer is written, a moment after the client has it;
        // stopping the server runs its event loops dry, so every such entry is in after `stop`.
        try? await server.stop()
        let entries = server.journal.entries()
        let capped = ResilienceVerdict(entries: entries, retryCap: attempts - 1).cappedRetries
        return step.judged(
            requestsArrived: entries.count, stopReason: stopReason, cause: cause,
            cappedRetries: .init(held: capped.outcome != .fail, detail: capped.detail),
            waits: clock.waits, durationMS: Int((ContinuousClock.now - start) / .milliseconds(1)))
    }
}
