import DoctorCore
import NIOCore

/// What the checks send through: one request, or one name lookup (A and AAAA), never past a deadline.
///
/// ``ProbeTransport`` is the real one (sockets, TLS, proxies); tests script the answers so that
/// ordering, ranking and deadline logic run without a socket.
protocol CheckTransport: Sendable {
    /// Sends one request and reports everything seen, whatever happens (as ``ProbeTransport/send(_:deadline:runStart:)``).
    func send(
        _ request: ProbeRequest, deadline: ContinuousClock.Instant, runStart: ContinuousClock.Instant
    ) async -> ProbeExchange

    /// Resolves `host` for IPv4 and IPv6 at once, each query timed, giving up at `deadline`.
    func lookUp(_ host: String, deadline: ContinuousClock.Instant) async -> NameLookup
}

/// The answers of one host's A and AAAA queries.
struct NameLookup: Sendable {
    /// The A query's answer.
    var v4: Resolver.Answer
    /// The AAAA query's answer.
    var v6: Resolver.Answer
}

extension ProbeTransport: CheckTransport {
    /// Both queries on the system resolver, on one of the transport's event loops.
    func lookUp(_ host: String, deadline: ContinuousClock.Instant) async -> NameLookup {
        let loop = group.next()
        async let a = Resolver.query(host, family: .v4, deadline: deadline, on: loop)
        async let aaaa = Resolver.query(host, family: .v6, deadline: deadline, on: loop)
        let (v4, v6) = await (a, aaaa)
        return NameLookup(v4: v4, v6: v6)
    }
}
