import DoctorCore
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A local OpenAI-compatible server that answers — and fails — like the real API.
///
/// Start it on port 0 inside a test, point a client at ``baseURL``, switch what it serves
/// with ``setScenario(_:testID:)`` or per request with the `X-Mock-Scenario` and
/// `X-Mock-Test-Id` headers, and read what the client did from ``journal`` and
/// ``verdict(testID:)``.
///
/// ```swift
/// try await withMockServer { server in
///     server.setScenario(ScenarioPlan("rate_limit.exceeded*2,ok")!)
///     // … call server.baseURL + "/v1/chat/completions" three times …
///     #expect(server.verdict().honouredRetryAfter.outcome == .pass)
/// }
/// ```
public final class MockServer: Sendable {
    /// The address bound.
    public let host: String
    /// The port bound (the real one when 0 was asked for).
    public let port: Int
    /// `https` with TLS, else `http`.
    public let scheme: String
    /// The generated certificates, with TLS.
    public let certificates: MockCertificates?
    /// The request journal.
    public var journal: Journal { core.journal }

    let core: MockCore
    private let connections: ConnectionRegistry
    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup?

    /// `scheme://host:port`, with IPv6 literals bracketed.
    public var baseURL: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(shownHost):\(port)"
    }

    private init(
        host: String, port: Int, scheme: String, certificates: MockCertificates?, core: MockCore,
        connections: ConnectionRegistry, channel: any Channel, group: MultiThreadedEventLoopGroup?
    ) {
        self.connections = connections
        self.host = host
        self.port = port
        self.scheme = scheme
        self.certificates = certificates
        self.core = core
        self.channel = channel
        self.group = group
    }

    /// Binds and starts serving.
    ///
    /// - Throws: ``MockServerError`` when the TLS material cannot be made or the CA file written,
    ///   or NIO's error when the address cannot be bound.
    public static func start(_ configuration: MockConfiguration = MockConfiguration()) async throws -> MockServer {
        var certificates: MockCertificates?
        var sslContext: NIOSSLContext?
        if let mode = configuration.tls {
            do {
                let generated = try MockCertificates(mode: mode)
                let chain = try NIOSSLCertificate.fromPEMBytes(Array(generated.leafCertificatePEM.utf8))
                let key = try NIOSSLPrivateKey(bytes: Array(generated.leafPrivateKeyPEM.utf8), format: .pem)
                let tlsConfiguration = TLSConfiguration.makeServerConfiguration(
                    certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
                sslContext = try NIOSSLContext(configuration: tlsConfiguration)
                certificates = generated
            } catch {
                throw MockServerError.tlsSetup(reason: "\(error)")
            }
            if let path = configuration.caCertificatePath, let pem = certificates?.caCertificatePEM {
                do {
                    try Data(pem.utf8).write(to: URL(fileURLWithPath: path))
                } catch {
                    throw MockServerError.caNotWritten(path: path, reason: "\(error)")
                }
            }
        }
        let core = MockCore(configuration, isTLS: sslContext != nil)
        let connections = ConnectionRegistry()
        let group: MultiThreadedEventLoopGroup? = configuration.threads.map {
            MultiThreadedEventLoopGroup(numberOfThreads: max(1, $0))
        }
        let loopGroup: any EventLoopGroup = group ?? MultiThreadedEventLoopGroup.singleton
        let context = sslContext
        // Bounded parsing: 64 KiB of headers, 256 fields; more gets a 431 and the connection closes.
        let limits = {
            var limits = NIOHTTPDecoderLimitConfiguration()
            limits.maxHeaderFieldSize = 64 * 1024
            limits.maxHeaderListSize = 64 * 1024
            limits.maxHeaderFieldCount = 256
            return limits
        }()
        let bootstrap = ServerBootstrap(group: loopGroup)
            .serverChannelOption(.backlog, value: 4096)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                connections.add(channel)
                return channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    if let context {
                        try sync.addHandler(NIOSSLServerHandler(context: context))
                    }
                    // Named, so a WebSocket handshake can take it out; bytes after an upgrade go on.
                    try sync.addHandler(
                        ByteToMessageHandler(
                            HTTPRequestDecoder(leftOverBytesStrategy: .forwardBytes, limitConfiguration: limits)),
                        name: MockConnectionHandler.decoderName)
                    try sync.addHandler(MockConnectionHandler(core: core))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
        } catch {
            try? await group?.shutdownGracefully()
            throw error
        }
        let boundPort = channel.localAddress?.port ?? configuration.port
        return MockServer(
            host: configuration.host, port: boundPort, scheme: context == nil ? "http" : "https",
            certificates: certificates, core: core, connections: connections, channel: channel, group: group)
    }

    /// Stops accepting, closes the listener and every open connection, and releases the
    /// threads it owns.
    public func stop() async throws {
        try? await channel.close()
        await connections.closeAll()
        try await group?.shutdownGracefully()
    }

    /// Serves `plan` to everyone, or only to requests carrying `X-Mock-Test-Id: testID`.
    public func setScenario(_ plan: ScenarioPlan, testID: String? = nil) {
        core.state.setPlan(plan, testID: testID)
    }

    /// Serves one scenario to everyone, or to one test id.
    public func setScenario(_ name: ScenarioName, testID: String? = nil) {
        setScenario(ScenarioPlan(name), testID: testID)
    }

    /// Back to the start configuration and an empty journal; or, with `testID`, forgets only
    /// that test's plan, progress and journal entries.
    public func reset(testID: String? = nil) {
        core.state.reset(testID: testID)
        core.journal.clear(testID: testID)
    }

    /// Replaces the fault rules (and, with `seed`, restarts the generator).
    public func setFaults(_ rules: [FaultRule], seed: UInt64? = nil) {
        core.state.update { s in
            s.faults = rules
            if let seed { s.random = SeededRandom(seed: seed) }
        }
    }

    /// Replaces the latency rules.
    public func setLatency(_ rules: [LatencyRule]) {
        core.state.update { $0.latency = rules }
    }

    /// Changes what `/cdn-cgi/trace` reports.
    public func setTrace(_ trace: TraceSettings) {
        core.state.update { $0.trace = trace }
    }

    /// Sets or clears the incident the status-page endpoints report.
    public func setIncident(_ incident: StatusIncident?) {
        core.state.update { $0.incident = incident }
    }

    /// Changes the credentials the `ok` scenario accepts.
    public func setCredentials(acceptedKeys: [String], organization: String?, project: String?) {
        core.state.update { s in
            s.acceptedKeys = acceptedKeys
            s.organization = organization
            s.project = project
        }
    }

    /// How many client connections are open now.
    public var openConnections: Int { connections.count }

    /// The resilience verdict over the journal (all requests, or one test id's).
    public func verdict(testID: String? = nil) -> ResilienceVerdict {
        core.verdict(testID: testID)
    }

    /// A loopback port with nothing listening (bound, read, closed): connecting to it is refused.
    /// Use it for the "connection refused" case, which a listening server cannot produce.
    ///
    /// - Throws: ``MockServerError/noFreePort`` if no socket could be bound.
    public static func refusingPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw MockServerError.noFreePort }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(descriptor, raw, length) == 0 && getsockname(descriptor, raw, &length) == 0
            }
        }
        guard bound else { throw MockServerError.noFreePort }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A host name that never resolves (`.invalid` is reserved by RFC 6761), for `network.dns`.
    public static let unresolvableHost = "api.openai-doctor-mock.invalid"
}

/// Runs `body` with a started mock and always stops it afterwards.
///
/// - Parameters:
///   - configuration: How to start the mock (loopback, port 0 and `ok` by default).
///   - body: The work to do while the mock serves.
/// - Returns: What `body` returns.
public func withMockServer<Result: Sendable>(
    _ configuration: MockConfiguration = MockConfiguration(),
    _ body: (MockServer) async throws -> Result
) async throws -> Result {
    let server = try await MockServer.start(configuration)
    do {
        let result = try await body(server)
        try await server.stop()
        return result
    } catch {
        try? await server.stop()
        throw error
    }
}

/// Why the mock could not start.
public enum MockServerError: Error, CustomStringConvertible, Equatable {
    /// The certificate or TLS context could not be made.
    case tlsSetup(reason: String)
    /// The CA PEM could not be written where asked.
    case caNotWritten(path: String, reason: String)
    /// No loopback port could be bound for ``MockServer/refusingPort()``.
    case noFreePort

    /// One line for a person.
    public var description: String {
        switch self {
        case .tlsSetup(let reason): return "cannot set up TLS: \(reason)"
        case .caNotWritten(let path, let reason): return "cannot write the CA certificate to \(path): \(reason)"
        case .noFreePort: return "cannot bind a loopback port"
        }
    }
}
