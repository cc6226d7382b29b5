import DoctorCore
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization
import X509

/// The one HTTP/1.1 client every request of the tool goes through.
///
/// Built on SwiftNIO and NIOSSL directly so each request yields its phases: DNS (A and AAAA
/// separately, each address), TCP connect per address, the proxy's CONNECT answer, the TLS
/// handshake with the full presented chain, and time to first byte. Header and body bytes are
/// capped, and nothing runs past the deadline given. Failures come back as values
/// (``ProbeExchange/failure``), never as thrown errors.
///
/// ```swift
/// let transport = ProbeTransport(settings: TransportSettings())
/// let exchange = await transport.send(
///     ProbeRequest(label: "trace", url: EndpointURL("https://api.openai.com/cdn-cgi/trace")!),
///     deadline: .now + .seconds(5), runStart: .now)
/// exchange.trace.phases  // dns, connect, tls, first_byte, body
/// ```
public struct ProbeTransport: Sendable {
    /// The run's settings.
    public let settings: TransportSettings
    let extraRoots: [Certificate]
    let group: any EventLoopGroup

    /// Creates a transport.
    public init(settings: TransportSettings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.settings = settings
        self.extraRoots = settings.extraCAPEM.flatMap(TLSVerification.certificates(fromPEM:))
        self.group = group
    }

    /// Sends one request and reports everything seen, whatever happens.
    ///
    /// - Parameters:
    ///   - request: The request.
    ///   - deadline: When to give up.
    ///   - runStart: The start of the run, for the trace's `start_ms`.
    /// - Returns: The exchange: answer, failure and trace.
    public func send(
        _ request: ProbeRequest, deadline: ContinuousClock.Instant, runStart: ContinuousClock.Instant
    ) async -> ProbeExchange {
        var run = Exchange(
            request: request, settings: settings, extraRoots: extraRoots, deadline: deadline, runStart: runStart)
        let eventLoop = group.next()
        await run.perform(on: eventLoop)
        return run.result()
    }
}

/// The state of one request as it moves through its phases.
struct Exchange {
    let request: ProbeRequest
    let settings: TransportSettings
    let extraRoots: [Certificate]
    let deadline: ContinuousClock.Instant
    let start: ContinuousClock.Instant
    var trace: RequestTrace
    var failure: TransportFailure?
    var status: Int?
    var headers = HeaderFields()
    var body: [UInt8] = []
    var isProxyAnswer = false
    /// What the WebSocket handshake showed, for an upgrade request.
    var webSocket: WebSocketHandshake?

    init(
        request: ProbeRequest, settings: TransportSettings, extraRoots: [Certificate],
        deadline: ContinuousClock.Instant,
        runStart: ContinuousClock.Instant
    ) {
        self.request = request
        self.settings = settings
        self.extraRoots = extraRoots
        self.deadline = deadline
        self.start = .now
        self.trace = RequestTrace(
            label: request.label, method: request.method, url: request.url.redacted,
            startMS: (start - runStart).milliseconds, proxy: request.proxy?.redacted)
    }

    /// Milliseconds from the request's start.
    func offset(_ instant: ContinuousClock.Instant) -> Int { (instant - start).milliseconds }

    mutating func phase(
        _ phase: PhaseTiming.Phase, from begin: ContinuousClock.Instant, to end: ContinuousClock.Instant = .now
    ) {
        trace.phases.append(PhaseTiming(phase: phase, startMS: offset(begin), durationMS: (end - begin).milliseconds))
    }

    var viaProxy: Bool { request.proxy != nil }

    /// How a request is reported when its task was cancelled because check no longer needed the
    /// answer (another status document won, the verdict was in): it stopped waiting, it did not fail.
    static let noLongerNeeded = "stopped waiting: the answer was no longer needed"

    /// The host connected to: the proxy's, or the target's.
    var connectHost: String { request.proxy?.host ?? request.url.host }
    var connectPort: Int { request.proxy?.port ?? request.url.port }

    mutating func fail(
        _ phase: TransportFailure.Phase, _ kind: TransportFailure.Kind, address: String? = nil, detail: String? = nil
    ) {
        let host = phase == .dns || phase == .connect ? connectHost : request.url.host
        let port = phase == .dns || phase == .connect ? connectPort : request.url.port
        failure = TransportFailure(
            phase: phase, kind: kind, host: host, address: address, port: port,
            viaProxy: viaProxy && (phase == .dns || phase == .connect || phase == .proxy), detail: detail)
    }

    mutating func perform(on eventLoop: any EventLoop) async {
        // 1. Names.
        let addresses = await resolve(on: eventLoop)
        guard !addresses.isEmpty else { return }

        // 2. TCP, address by address.
        guard let channel = await connect(addresses, on: eventLoop) else { return }
        defer { channel.close(promise: nil) }

        // 3. The proxy's tunnel, for https through an HTTP proxy.
        let tunnel = request.proxy != nil && request.url.scheme == "https"
        if tunnel {
            guard await connectThroughProxy(channel) else { return }
        }

        // 4. TLS.
        if request.url.scheme == "https" {
            guard await handshake(channel) else { return }
        }

        // 5. The request and its answer (or the WebSocket handshake and its first event).
        if request.upgradeToWebSocket {
            await exchangeWebSocket(channel, absoluteForm: request.proxy != nil && !tunnel)
        } else {
            await exchangeHTTP(channel, absoluteForm: request.proxy != nil && !tunnel)
        }
    }

    // MARK: DNS

    mutating func resolve(on eventLoop: any EventLoop) async -> [String] {
        let host = connectHost
        let port = connectPort
        let begin = ContinuousClock.now
        var result: [String] = []
        if IPAddress(host) != nil {
            trace.dns = DNSTrace(
                host: host, source: "literal", a: host.contains(":") ? [] : [host],
                aaaa: host.contains(":") ? [host] : [])
            result = [host]
        } else if let override = settings.resolve.first(where: { $0.host == host && $0.port == port }) {
            trace.dns = DNSTrace(
                host: host, source: "resolve", a: override.addresses.filter { !$0.contains(":") },
                aaaa: override.addresses.filter { $0.contains(":") })
            result = override.addresses
        } else {
            async let a =
                request.family == .ipv6
                ? Resolver.Answer(addresses: [], error: nil, milliseconds: 0)
                : Resolver.query(host, family: .v4, deadline: deadline, on: eventLoop)
            async let aaaa =
                request.family == .ipv4
                ? Resolver.Answer(addresses: [], error: nil, milliseconds: 0)
                : Resolver.query(host, family: .v6, deadline: deadline, on: eventLoop)
            let (v4, v6) = await (a, aaaa)
            trace.dns = DNSTrace(
                host: host, source: "system", a: v4.addresses, aaaa: v6.addresses,
                aMS: request.family == .ipv6 ? nil : v4.milliseconds,
                aaaaMS: request.family == .ipv4 ? nil : v6.milliseconds,
                aError: v4.error?.rawValue, aaaaError: v6.error?.rawValue)
            result = interleave(v6.addresses, v4.addresses)
            if result.isEmpty {
                let kind = v4.error ?? v6.error ?? .nameNotFound
                phase(.dns, from: begin)
                let family = request.family == .any ? "" : " (\(request.family.rawValue) only)"
                fail(.dns, kind, detail: "\(host) did not resolve\(family)")
                return []
            }
        }
        switch request.family {
        case .ipv4: result = result.filter { !$0.contains(":") }
        case .ipv6: result = result.filter { $0.contains(":") }
        case .any: break
        }
        phase(.dns, from: begin)
        if result.isEmpty {
            fail(.dns, .nameNotFound, detail: "\(host) has no \(request.family.rawValue) address")
        }
        return result
    }

    private func interleave(_ first: [String], _ second: [String]) -> [String] {
        var out: [String] = []
        for i in 0..<max(first.count, second.count) {
            if i < first.count { out.append(first[i]) }
            if i < second.count { out.append(second[i]) }
        }
        return out
    }

    // MARK: TCP

    mutating func connect(_ addresses: [String], on eventLoop: any EventLoop) async -> (any Channel)? {
        let begin = ContinuousClock.now
        var lastKind: TransportFailure.Kind = .other
        var lastAddress: String?
        for (index, address) in addresses.enumerated() {
            let remaining = deadline - .now
            guard remaining > .zero, !Task.isCancelled else {
                lastKind = .timedOut
                break
            }
            let left = addresses.count - index
            let budget = min(settings.connectTimeout, left > 1 ? remaining / left : remaining)
            let attemptStart = ContinuousClock.now
            let family = address.contains(":") ? "ipv6" : "ipv4"
            do {
                let socketAddress = try SocketAddress(ipAddress: address, port: connectPort)
                let bootstrap = ClientBootstrap(group: eventLoop)
                    .connectTimeout(.nanoseconds(Int64(max(1, budget.milliseconds)) * 1_000_000))
                    .channelOption(.socketOption(.tcp_nodelay), value: 1)
                // Waited on through the deadline helper, so a cancelled probe stops connecting at once.
                let connecting = bootstrap.connect(to: socketAddress)
                let attempt = await ProbeDeadline.wait(
                    for: connecting, until: attemptStart + budget + .milliseconds(50), on: eventLoop,
                    onTimeout: { connecting.whenSuccess { $0.close(promise: nil) } })
                let channel = try attempt.get()
                trace.connects.append(
                    ConnectAttempt(
                        address: address, port: connectPort, family: family, startMS: offset(attemptStart),
                        durationMS: (ContinuousClock.now - attemptStart).milliseconds))
                phase(.connect, from: begin)
                return channel
            } catch {
                let kind = TransportErrors.kind(of: error) ?? .other
                lastKind = kind
                lastAddress = address
                trace.connects.append(
                    ConnectAttempt(
                        address: address, port: connectPort, family: family, startMS: offset(attemptStart),
                        durationMS: (ContinuousClock.now - attemptStart).milliseconds, error: kind.rawValue))
            }
        }
        phase(.connect, from: begin)
        // A probe cancelled while connecting (check no longer needed its answer) did not time out.
        let cancelled = Task.isCancelled
        fail(
            .connect, lastKind, address: lastAddress.flatMap(reportableAddress),
            detail: cancelled
                ? "connect to \(connectHost):\(connectPort) \(Self.noLongerNeeded)"
                : "connect to \(connectHost):\(connectPort) failed: \(lastKind.rawValue)")
        return nil
    }

    /// The address to name in a failure: kept when it can tell poisoned DNS (a public address, or
    /// any address the API's own name led to); dropped for a local server named by address, whose
    /// refusal is a plain connect failure.
    func reportableAddress(_ address: String) -> String? {
        if viaProxy { return address }
        if OpenAIHosts.isAPIHost(connectHost) { return address }
        guard let ip = IPAddress(address) else { return address }
        return ip.isPrivateOrLocal ? nil : address
    }

    // MARK: Proxy CONNECT

    mutating func connectThroughProxy(_ channel: any Channel) async -> Bool {
        let begin = ContinuousClock.now
        let promise = channel.eventLoop.makePromise(of: ConnectAnswer.self)
        var lines = "CONNECT \(request.url.hostForURL):\(request.url.port) HTTP/1.1\r\n"
        lines += "Host: \(request.url.hostForURL):\(request.url.port)\r\n"
        lines += "User-Agent: \(settings.userAgent)\r\n"
        if let proxy = request.proxy, let user = proxy.user {
            let credentials = Base64.encode(Array("\(user):\(proxy.password ?? "")".utf8))
            lines += "Proxy-Authorization: Basic \(credentials)\r\n"
        }
        lines += "\r\n"
        let payload = lines
        let setup = channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(
                ConnectAnswerReader(promise: promise), name: "connect-reader")
            channel.writeAndFlush(ByteBuffer(string: payload), promise: nil)
        }
        // A channel closed under the setup never gets the reader: the promise must still end.
        setup.whenFailure { promise.fail($0) }
        let result = await ProbeDeadline.wait(
            for: setup.flatMap { promise.futureResult }, until: deadline, on: channel.eventLoop,
            onTimeout: { channel.close(promise: nil) })
        phase(.proxy, from: begin)
        switch result {
        case .failure(let error):
            let kind = TransportErrors.kind(of: error) ?? .other
            trace.proxyConnect = ProxyConnectTrace(status: nil)
            fail(.proxy, kind, detail: "the proxy gave no answer to CONNECT (\(kind.rawValue))")
            return false
        case .success(let answer):
            let markers = Self.proxyMarkers(answer)
            trace.proxyConnect = ProxyConnectTrace(
                status: answer.status, headers: Self.keptHeaders(answer.headers), markers: markers,
                bodyExcerpt: answer.body.isEmpty ? nil : String(answer.body.prefix(2048)))
            guard let code = answer.status else {
                fail(.proxy, .closed, detail: "the proxy closed the connection without answering CONNECT")
                return false
            }
            guard (200..<300).contains(code) else {
                status = code
                headers = answer.headers
                body = Array(answer.body.utf8)
                isProxyAnswer = true
                fail(.proxy, .proxyStatus, detail: "CONNECT tunnel failed, response \(code)")
                return false
            }
            _ = try? await channel.pipeline.removeHandler(name: "connect-reader").get()
            return true
        }
    }

    static func proxyMarkers(_ answer: ConnectAnswer) -> [String] {
        var evidence = EvidenceExtractor.evidence(status: answer.status, headers: answer.headers, body: answer.body)
        if let status = answer.status { evidence.add(.proxyConnectStatus(status)) }
        return evidence.markers
    }

    // MARK: TLS

    mutating func handshake(_ channel: any Channel) async -> Bool {
        let begin = ContinuousClock.now
        let host = request.url.host
        let observation = TLSVerification.Observation()
        let roots = extraRoots
        let useSystem = settings.useSystemTrustStore
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.applicationProtocols = ["http/1.1"]
        configuration.minimumTLSVersion = .tlsv12
        let tlsConfiguration = configuration
        let handshakePromise = channel.eventLoop.makePromise(of: String?.self)
        let sni = IPAddress(host) == nil ? host : nil
        let setup = channel.eventLoop.submit {
            let context = try NIOSSLContext(configuration: tlsConfiguration)
            let handler = try NIOSSLClientHandler(
                context: context, serverHostname: sni,
                customVerificationCallbackWithMetadata: { certificates, promise in
                    promise.completeWithTask {
                        let trusted = await TLSVerification.verify(
                            presented: certificates, host: host, extraRoots: roots, useSystemStore: useSystem,
                            observation: observation)
                        return trusted ? .certificateVerified(VerificationMetadata(nil)) : .failed
                    }
                })
            try channel.pipeline.syncOperations.addHandler(handler)
            try channel.pipeline.syncOperations.addHandler(
                HandshakeWatcher(promise: handshakePromise), name: "handshake")
        }
        setup.whenFailure { handshakePromise.fail($0) }
        let result = await ProbeDeadline.wait(
            for: setup.flatMap { handshakePromise.futureResult }, until: deadline, on: channel.eventLoop,
            onTimeout: { channel.close(promise: nil) })
        phase(.tls, from: begin)
        let seen = observation.state.withLock { $0 }
        var tls = TLSTrace(
            serverName: sni, chain: seen.chain, trusted: seen.trusted, verifyError: seen.failure?.rawValue)
        switch result {
        case .success(let alpn):
            tls.alpn = alpn
            if let version = try? await channel.nioSSL_tlsVersion().get() { tls.version = Self.name(of: version) }
            trace.tls = tls
            _ = try? await channel.pipeline.removeHandler(name: "handshake").get()
            return true
        case .failure(let error):
            trace.tls = tls
            let kind = seen.failure ?? TransportErrors.kind(of: error) ?? .protocolError
            var detail = "TLS handshake with \(host) failed: \(kind.rawValue)"
            if let issuer = seen.chain.first?.issuer { detail += "; certificate issued by \(issuer)" }
            if let product = InterceptionMarkers.product(forChain: seen.chain) { detail += " (\(product))" }
            fail(.tls, kind, detail: detail)
            return false
        }
    }

    static func name(of version: TLSVersion) -> String {
        switch version {
        case .tlsv1: return "TLSv1"
        case .tlsv11: return "TLSv1.1"
        case .tlsv12: return "TLSv1.2"
        case .tlsv13: return "TLSv1.3"
        }
    }

    // MARK: HTTP

    mutating func exchangeHTTP(_ channel: any Channel, absoluteForm: Bool) async {
        let url = request.url
        var target = url.path.isEmpty ? "/" : url.path
        if let query = url.query { target += "?" + query }
        if absoluteForm { target = "\(url.scheme)://\(url.authority)\(target)" }
        var head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: request.method), uri: target)
        head.headers.add(name: "Host", value: url.authority)
        head.headers.add(name: "User-Agent", value: settings.userAgent)
        head.headers.add(name: "Accept", value: "*/*")
        head.headers.add(name: "Connection", value: "close")
        if absoluteForm, let proxy = request.proxy, let user = proxy.user {
            let credentials = Base64.encode(Array("\(user):\(proxy.password ?? "")".utf8))
            head.headers.add(name: "Proxy-Authorization", value: "Basic \(credentials)")
        }
        for field in request.headers { head.headers.add(name: field.name, value: field.value) }
        if !request.body.isEmpty || request.method == "POST" {
            head.headers.add(name: "Content-Length", value: String(request.body.count))
        }
        let requestHead = head
        let payload = request.body
        let promise = channel.eventLoop.makePromise(of: CollectedResponse.self)
        let maxHeader = settings.maxHeaderBytes
        let maxBody = settings.maxBodyBytes
        let sentAt = ContinuousClock.now
        let setup = channel.eventLoop.submit {
            var limits = NIOHTTPDecoderLimitConfiguration()
            limits.maxHeaderListSize = maxHeader
            let sync = channel.pipeline.syncOperations
            try sync.addHandler(HTTPRequestEncoder())
            try sync.addHandler(ByteToMessageHandler(HTTPResponseDecoder(limitConfiguration: limits)))
            try sync.addHandler(ResponseCollector(promise: promise, maxHeaderBytes: maxHeader, maxBodyBytes: maxBody))
            channel.write(HTTPClientRequestPart.head(requestHead), promise: nil)
            if !payload.isEmpty {
                channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: payload))), promise: nil)
            }
            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        }
        setup.whenFailure { promise.fail($0) }
        let result = await ProbeDeadline.wait(
            for: setup.flatMap { promise.futureResult }, until: deadline, on: channel.eventLoop,
            onTimeout: { channel.close(promise: nil) })
        switch result {
        case .success(let response):
            phase(.firstByte, from: sentAt, to: response.firstByteAt)
            phase(.body, from: response.firstByteAt, to: response.endedAt)
            record(response)
        case .failure(let error):
            phase(.firstByte, from: sentAt)
            if let read = error as? ResponseReadError {
                fail(.response, read.kind, detail: read.detail)
            } else if Task.isCancelled {
                fail(.response, .timedOut, detail: Self.noLongerNeeded)
            } else {
                let kind = TransportErrors.kind(of: error) ?? .other
                fail(
                    .response, kind,
                    detail: kind == .timedOut
                        ? "no answer before the deadline" : "reading the answer failed: \(kind.rawValue)")
            }
        }
    }

    /// Response headers worth keeping in a report: cookies and anything secret-bearing dropped.
    static func keptHeaders(_ headers: HeaderFields) -> HeaderFields {
        let dropped: Set<String> = ["set-cookie", "cookie", "authorization", "proxy-authorization", "api-key"]
        return HeaderFields(headers.fields.filter { !dropped.contains($0.name.lowercased()) })
    }

    func result() -> ProbeExchange {
        var trace = self.trace
        trace.totalMS = (ContinuousClock.now - start).milliseconds
        trace.failure = failure
        return ProbeExchange(
            trace: trace, status: status, headers: headers, body: String(decoding: body, as: UTF8.self),
            failure: failure, isProxyAnswer: isProxyAnswer, webSocket: webSocket)
    }
}

/// Standard base64, for the `Proxy-Authorization: Basic` header.
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i]
            let b1 = i + 1 < bytes.count ? bytes[i + 1] : 0
            let b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(table[Int(b0 >> 2)])
            out.append(table[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? table[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? table[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
