import DoctorCore
import DoctorProbes
import DoctorTestSupport
import Foundation
import Testing

/// A request check stops waiting for (its task cancelled because the answer is no longer needed)
/// is reported as such, whichever phase it was in: never as a timeout it did not have.
@Suite("transport: a cancelled request says it stopped waiting")
struct TransportCancellationTests {
    /// `GET /v1/models` on the listener, sent in a task of its own.
    static func send(to listener: StalledListener, deadline: Duration) throws -> Task<ProbeExchange, Never> {
        let url = try #require(EndpointURL("http://127.0.0.1:\(listener.port)/v1/models"))
        return Task {
            await ProbeTransport(settings: TransportSettings()).send(
                ProbeRequest(label: "models", url: url), deadline: .now + deadline, runStart: .now)
        }
    }

    @Test("cancelled while still connecting: the answer was no longer needed, not timed_out")
    func cancelledWhileConnecting() async throws {
        let listener = try StalledListener()
        defer { listener.stop() }
        let sending = try Self.send(to: listener, deadline: .seconds(20))
        try await Task.sleep(for: .milliseconds(300))
        sending.cancel()
        let exchange = await sending.value
        let failure = try #require(exchange.failure, "the connect to a full backlog cannot have succeeded")
        #expect(failure.phase == .connect)
        #expect(
            failure.detail == "connect to 127.0.0.1:\(listener.port) stopped waiting: the answer was no longer needed")
        #expect(exchange.status == nil)
    }

    @Test("the same stalled connect ended by the deadline still says timed_out")
    func stalledConnectPastTheDeadline() async throws {
        let listener = try StalledListener()
        defer { listener.stop() }
        let exchange = try await Self.send(to: listener, deadline: .milliseconds(400)).value
        let failure = try #require(exchange.failure)
        #expect(failure.phase == .connect)
        #expect(failure.kind == .timedOut)
        #expect(failure.detail == "connect to 127.0.0.1:\(listener.port) failed: timed_out")
    }
}

/// A loopback listener that never accepts, its queue filled by connections of its own: a further
/// connect's SYN is dropped (Linux drops it while the accept queue is full), so the connect stays
/// under way until its caller gives up.
final class StalledListener: @unchecked Sendable {
    let port: Int
    private var descriptors: [Int32] = []

    init() throws {
        guard let listener = LoopbackSocket.listener(backlog: 0) else { throw StalledListenerError.notListening }
        descriptors.append(listener.descriptor)
        port = listener.port
        // A backlog of 0 still queues one connection; a few more make sure the queue is full.
        for _ in 0..<4 {
            descriptors.append(LoopbackSocket.connection(to: port, nonBlocking: true).descriptor)
        }
        // Give the kernel the moment it needs to queue the fillers' handshakes.
        usleep(100_000)
    }

    func stop() {
        for descriptor in descriptors { close(descriptor) }
    }
}

enum StalledListenerError: Error {
    case notListening
}
