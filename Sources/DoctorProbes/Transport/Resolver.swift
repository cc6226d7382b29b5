import DoctorCore
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Name resolution with A and AAAA asked separately, each timed, on a private thread pool so a
/// hanging resolver never blocks the concurrency pool and the run's deadline still holds.
enum Resolver {
    /// The outcome of one family's query.
    struct Answer: Sendable {
        var addresses: [String]
        var error: TransportFailure.Kind?
        var milliseconds: Int
    }

    /// The pool the blocking `getaddrinfo` calls run on (started once, lives for the process).
    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 6)
        pool.start()
        return pool
    }()

    /// How long one lookup may take before it counts as failed. A resolver that has not answered
    /// in 1.5 s is a finding in itself; and with no network at all, glibc's resolver waits out
    /// its 5 s retry timer on some runs, which would otherwise hold the whole check past the
    /// 2 s answer issue 4 promises offline.
    static let budget: Duration = .milliseconds(1500)

    /// Resolves `host` for one family, giving up at `deadline` or after ``budget``, whichever is first.
    static func query(
        _ host: String, family: IPAddress.Family, deadline: ContinuousClock.Instant, on eventLoop: any EventLoop
    ) async -> Answer {
        let start = ContinuousClock.now
        let deadline = min(deadline, start + budget)
        let future = pool.runIfActive(eventLoop: eventLoop) { getaddrinfoBlocking(host, family: family) }
        let result = await ProbeDeadline.wait(for: future, until: deadline, on: eventLoop, onTimeout: {})
        let elapsed = ContinuousClock.now - start
        switch result {
        case .success(let (addresses, error)):
            return Answer(addresses: addresses, error: error, milliseconds: elapsed.milliseconds)
        case .failure:
            return Answer(addresses: [], error: .timedOut, milliseconds: elapsed.milliseconds)
        }
    }

    /// Calls `getaddrinfo` for one family and returns the unique addresses in order.
    static func getaddrinfoBlocking(_ host: String, family: IPAddress.Family) -> ([String], TransportFailure.Kind?) {
        var hints = addrinfo()
        hints.ai_family = family == .v4 ? AF_INET : AF_INET6
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var result: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, nil, &hints, &result)
        defer { if let result { freeaddrinfo(result) } }
        guard rc == 0 else {
            switch rc {
            case EAI_NONAME: return ([], .nameNotFound)
            case EAI_AGAIN: return ([], .nameTemporaryFailure)
            #if canImport(Glibc)
            case -5, -9: return ([], nil)  // EAI_NODATA, EAI_ADDRFAMILY (GNU): no address of this family
            #endif
            default: return ([], .other)
            }
        }
        var addresses: [String] = []
        var cursor = result
        while let entry = cursor {
            if let text = numericHost(entry.pointee.ai_addr, length: entry.pointee.ai_addrlen),
                !addresses.contains(text)
            {
                addresses.append(text)
            }
            cursor = entry.pointee.ai_next
        }
        return (addresses, nil)
    }

    private static func numericHost(_ address: UnsafeMutablePointer<sockaddr>?, length: socklen_t) -> String? {
        guard let address else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        let rc = getnameinfo(address, length, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST)
        guard rc == 0 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension Duration {
    /// The duration in whole milliseconds.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
