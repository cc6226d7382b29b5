import DoctorCore
import DoctorMock
import DoctorMonitor
import DoctorProbes
import DoctorTestSupport
import Synchronization

/// Check options pointed at a running mock: the API and the status page on the mock, the key
/// the mock accepts, no proxy, no `.env`, a short bound.
func checkOptions(for mock: MockServer, key: String, timeout: Duration = .seconds(5)) -> CheckOptions {
    let configuration = LiveConfiguration.resolve(
        LiveInputs(baseURL: mock.baseURL + "/v1", noProxy: true), environment: ["OPENAI_API_KEY": key],
        dotenv: nil, dotenvPath: nil)
    return CheckOptions(
        configuration: configuration, timeout: timeout, statusURL: EndpointURL(mock.baseURL),
        tool: ToolIdentity(name: "openai-doctor", version: "test"), startedAtSeconds: 0)
}

/// Starts a mock that accepts one freshly generated key, runs `body`, and stops the mock.
func withAcceptingMock<T: Sendable>(_ body: (MockServer, String) async throws -> T) async throws -> T {
    let key = TestKey.project()
    var configuration = MockConfiguration()
    configuration.acceptedKeys = [key]
    let mock = try await MockServer.start(configuration)
    do {
        let result = try await body(mock, key)
        try await mock.stop()
        return result
    } catch {
        try? await mock.stop()
        throw error
    }
}

/// GETs a URL on loopback through the project's own transport and returns status and body.
func fetch(_ url: String) async throws -> (status: Int?, body: String) {
    guard let endpoint = EndpointURL(url) else { throw FetchError(url: url) }
    let transport = ProbeTransport(settings: TransportSettings(maxBodyBytes: 4 << 20))
    let now = ContinuousClock.now
    let exchange = await transport.send(
        ProbeRequest(label: "scrape", url: endpoint), deadline: now + .seconds(5), runStart: now)
    return (exchange.status, exchange.body)
}

struct FetchError: Error {
    var url: String
}

/// Collects values from `@Sendable` callbacks.
final class Collector<Value: Sendable>: Sendable {
    private let storage = Mutex<[Value]>([])
    func append(_ value: Value) { storage.withLock { $0.append(value) } }
    var values: [Value] { storage.withLock { $0 } }
}

/// A clock that never waits: it records each requested sleep and returns at once, so loops
/// with long back-offs run instantly and their waits can be asserted exactly.
final class RecordingClock: Clock, Sendable {
    typealias Duration = Swift.Duration
    struct Instant: InstantProtocol {
        var offset: Swift.Duration
        func advanced(by duration: Swift.Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Swift.Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    let sleeps = Collector<Swift.Duration>()
    private let now_ = Mutex(Instant(offset: .zero))

    var now: Instant { now_.withLock { $0 } }
    var minimumResolution: Swift.Duration { .nanoseconds(1) }

    func sleep(until deadline: Instant, tolerance: Swift.Duration?) async throws {
        try Task.checkCancellation()
        let waited = now_.withLock { current -> Swift.Duration in
            let wait = current.duration(to: deadline)
            current = max(current, deadline)
            return wait
        }
        sleeps.append(waited)
    }
}
