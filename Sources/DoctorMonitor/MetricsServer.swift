public import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
public import ServiceLifecycle

/// A tiny HTTP/1.1 server for Prometheus: `GET /metrics` renders ``MonitorMetrics``; `/` links to
/// it; anything else is 404 (405 for other methods).
///
/// ``bind(_:metrics:logger:)`` binds at once, so a taken port is a clear ``MonitorError`` before
/// anything else starts; ``run()`` (the ``Service`` requirement) serves until graceful shutdown
/// or cancellation, then closes the listener.
///
/// ```swift
/// let server = try await MetricsServer.bind(.defaultAddress, metrics: metrics, logger: logger)
/// server.address.metricsURL   // "http://127.0.0.1:9464/metrics"
/// ```
public final class MetricsServer: Service, Sendable {
    /// The address actually bound (its port is the real one when 0 was asked for).
    public let address: ListenAddress
    private let channel: any Channel
    private let logger: Logger

    private init(address: ListenAddress, channel: any Channel, logger: Logger) {
        self.address = address
        self.channel = channel
        self.logger = logger
    }

    /// Binds the endpoint.
    ///
    /// - Throws: ``MonitorError`` when the address cannot be bound (in use, not local, not permitted).
    public static func bind(
        _ address: ListenAddress, metrics: MonitorMetrics, logger: Logger
    ) async throws(MonitorError) -> MetricsServer {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    try sync.configureHTTPServerPipeline(withErrorHandling: true)
                    try sync.addHandler(IdleStateHandler(readTimeout: .seconds(30)))
                    try sync.addHandler(MetricsHTTPHandler(metrics: metrics))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: address.host, port: address.port).get()
        } catch let error as IOError {
            throw MonitorError.bind(address, errno: error.errnoCode, detail: "\(error)")
        } catch {
            throw MonitorError.bindFailed(address, reason: "\(error)")
        }
        let bound = ListenAddress(host: address.host, port: channel.localAddress?.port ?? address.port)
        return MetricsServer(address: bound, channel: channel, logger: logger)
    }

    /// Serves until graceful shutdown (SIGTERM/SIGINT through the service group) or cancellation.
    public func run() async throws {
        try? await gracefulShutdown()
        await close()
    }

    /// Stops accepting connections.
    public func close() async {
        try? await channel.close()
    }
}

/// Answers one connection's requests.
final class MetricsHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    private let metrics: MonitorMetrics
    private var head: HTTPRequestHead?

    init(metrics: MonitorMetrics) {
        self.metrics = metrics
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body:
            break
        case .end:
            guard let head else { return }
            self.head = nil
            respond(to: head, context: context)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let path = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
        let status: HTTPResponseStatus
        var body: [UInt8]
        var type = "text/plain; charset=utf-8"
        switch (head.method, path) {
        case (.GET, "/metrics"), (.HEAD, "/metrics"):
            status = .ok
            body = metrics.exposition()
            type = Self.contentType
        case (.GET, "/"), (.HEAD, "/"):
            status = .ok
            body = Array("openai-doctor monitor: metrics at /metrics\n".utf8)
        case (.GET, _), (.HEAD, _):
            status = .notFound
            body = Array("not found: try /metrics\n".utf8)
        default:
            status = .methodNotAllowed
            body = Array("only GET and HEAD\n".utf8)
        }
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: type)
        headers.add(name: "content-length", value: String(body.count))
        headers.add(name: "connection", value: head.isKeepAlive ? "keep-alive" : "close")
        if status == .methodNotAllowed { headers.add(name: "allow", value: "GET, HEAD") }
        if head.method == .HEAD { body = [] }
        let responseHead = HTTPResponseHead(version: head.version, status: status, headers: headers)
        context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
        if !body.isEmpty {
            let buffer = context.channel.allocator.buffer(bytes: body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        let keepAlive = head.isKeepAlive
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            if !keepAlive { channel.close(promise: nil) }
        }
    }
}
