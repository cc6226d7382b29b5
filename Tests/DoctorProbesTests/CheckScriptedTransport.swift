import DoctorCore
import Synchronization

@testable import DoctorProbes

/// A transport without sockets: each request gets the answer a script gives it, after the
/// latency the script names on a ``CheckTestClock`` (or at once), and every request and lookup is logged.
final class CheckScriptedTransport: CheckTransport {
    /// What the script answers to one request.
    struct Reply: Sendable {
        /// The HTTP status, or `nil` for a transport failure.
        var status: Int?
        var headers: [(String, String)] = [("content-type", "application/json"), ("x-request-id", "req_scripted")]
        var body = ""
        /// The failure when there is no status (the real transport's `timed_out` when the deadline passes).
        var failure: TransportFailure.Kind = .refused
        /// The phase the failure happened in.
        var phase: TransportFailure.Phase = .connect
        /// How long the answer takes on the test clock.
        var latency: Latency = .none

        /// How long an answer takes.
        enum Latency: Sendable {
            /// At once, without touching the clock.
            case none
            /// This long on the test clock.
            case after(Duration)
            /// Until the run's deadline, then `timed_out` (what the real transport does when nothing answers).
            case untilDeadline
            /// Until the request is cancelled, ignoring the deadline.
            case untilCancelled
        }

        /// An answer.
        static func answer(_ status: Int, _ body: String = "{}", latency: Latency = .none) -> Reply {
            Reply(status: status, body: body, latency: latency)
        }

        /// No answer.
        static func failure(
            _ kind: TransportFailure.Kind, in phase: TransportFailure.Phase = .connect, latency: Latency = .none
        ) -> Reply {
            Reply(status: nil, failure: kind, phase: phase, latency: latency)
        }
    }

    /// One logged request.
    struct Sent: Sendable {
        var label: String
        var path: String
        var host: String
        var deadline: ContinuousClock.Instant
        /// Log positions (one counter for starts and ends), to tell what ran after what.
        var startedAt: Int
        var endedAt: Int?
    }

    private let script: @Sendable (ProbeRequest) -> Reply
    private let clock: CheckTestClock?
    private let lookup: NameLookup
    private let state = Mutex((sent: [Sent](), lookups: [String](), tick: 0))

    /// A transport answering with `script`; name lookups find `v4` and `v6`.
    init(
        clock: CheckTestClock? = nil, v4: [String] = ["104.18.33.45"], v6: [String] = ["2606:4700::6812:212d"],
        script: @escaping @Sendable (ProbeRequest) -> Reply
    ) {
        self.clock = clock
        self.script = script
        lookup = NameLookup(
            v4: Resolver.Answer(addresses: v4, error: v4.isEmpty ? .nameNotFound : nil, milliseconds: 3),
            v6: Resolver.Answer(addresses: v6, error: v6.isEmpty ? .nameNotFound : nil, milliseconds: 4))
    }

    /// The requests sent, in the order they started.
    var sent: [Sent] { state.withLock { $0.sent } }
    /// The hosts looked up.
    var lookups: [String] { state.withLock { $0.lookups } }

    func lookUp(_ host: String, deadline: ContinuousClock.Instant) async -> NameLookup {
        state.withLock { $0.lookups.append(host) }
        return lookup
    }

    func send(
        _ request: ProbeRequest, deadline: ContinuousClock.Instant, runStart: ContinuousClock.Instant
    ) async -> ProbeExchange {
        let reply = script(request)
        let begin = clock?.now ?? .now
        let index = state.withLock { state in
            state.tick += 1
            state.sent.append(
                Sent(
                    label: request.label, path: request.url.path, host: request.url.host, deadline: deadline,
                    startedAt: state.tick))
            return state.sent.count - 1
        }
        var failure: TransportFailure.Kind? = reply.status == nil ? reply.failure : nil
        var phase = reply.phase
        var status = reply.status
        if let clock {
            switch reply.latency {
            case .none: break
            case .after(let latency):
                if (try? await clock.sleep(until: begin + latency)) == nil {
                    (status, failure, phase) = (nil, .timedOut, .response)
                }
            case .untilDeadline:
                try? await clock.sleep(until: deadline)
                (status, failure, phase) = (nil, .timedOut, .response)
            case .untilCancelled:
                try? await clock.sleep(until: begin + .seconds(3600))
                (status, failure, phase) = (nil, .timedOut, .response)
            }
        }
        state.withLock { state in
            state.tick += 1
            state.sent[index].endedAt = state.tick
        }
        let end = clock?.now ?? .now
        var headers = HeaderFields()
        for (name, value) in reply.headers where status != nil { headers.append(name: name, value: value) }
        let transportFailure = failure.map {
            TransportFailure(
                phase: phase, kind: $0, host: request.url.host, port: request.url.port,
                detail: "scripted \($0.rawValue)")
        }
        let trace = RequestTrace(
            label: request.label, method: request.method, url: request.url.redacted,
            startMS: (begin - runStart).milliseconds,
            totalMS: (end - begin).milliseconds, proxy: request.proxy?.redacted, status: status,
            failure: transportFailure)
        return ProbeExchange(
            trace: trace, status: status, headers: headers, body: status == nil ? "" : reply.body,
            failure: transportFailure)
    }
}
