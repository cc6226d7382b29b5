import DoctorCore
import NIOCore
import NIOHTTP1
import NIOWebSocket

/// What a WebSocket opening handshake showed beyond the HTTP answer: whether the server
/// switched protocols, whether the switch was genuine, and the first event it sent.
///
/// A refusal (any status but 101) is an ordinary HTTP answer and lives in the exchange's
/// status, headers and body; this value says what the upgrade itself did.
public struct WebSocketHandshake: Sendable, Equatable {
    /// How far the handshake got.
    public enum Stage: String, Sendable, Equatable {
        /// 101 with `Upgrade: websocket` and the right `Sec-WebSocket-Accept`, and a first event read.
        case opened
        /// A genuine 101, but no event came before the deadline or the connection ended.
        case openedWithoutEvent = "opened_without_event"
        /// A 101 whose `Upgrade` header is missing or names another protocol.
        case upgradeHeaderMissing = "upgrade_header_missing"
        /// A 101 whose `Sec-WebSocket-Accept` does not answer the key sent: not the server's own 101.
        case acceptMismatch = "accept_mismatch"
        /// An answer other than 101: the upgrade was refused (the answer says why).
        case refused
        /// The upgrade request was sent and nothing answered it before the deadline.
        case noAnswer = "no_answer"
    }

    /// How far it got.
    public var stage: Stage
    /// The `Upgrade` header of the answer, if any.
    public var upgradeHeader: String?
    /// The first event's `type` (`session.created`), when it was a JSON text frame.
    public var firstEventType: String?
    /// The first event's text, capped (it carries no secret: the session's settings).
    public var firstEvent: String?
    /// The close code, when the server's first frame was a close frame.
    public var closeCode: Int?
    /// Milliseconds from the 101 to the first frame.
    public var eventMS: Int?

    /// Creates a handshake outcome.
    public init(
        stage: Stage, upgradeHeader: String? = nil, firstEventType: String? = nil, firstEvent: String? = nil,
        closeCode: Int? = nil, eventMS: Int? = nil
    ) {
        self.stage = stage
        self.upgradeHeader = upgradeHeader
        self.firstEventType = firstEventType
        self.firstEvent = firstEvent
        self.closeCode = closeCode
        self.eventMS = eventMS
    }
}

/// The answer to an upgrade request: a switch (with its head), or an ordinary answer.
enum UpgradeAnswer: Sendable {
    case switched(HTTPResponseHead, at: ContinuousClock.Instant)
    case answered(CollectedResponse, upgradeError: WebSocketHandshake.Stage?)
}

/// The first frame the server sent after switching.
struct FirstFrame: Sendable {
    var text: String?
    var closeCode: Int?
    var at: ContinuousClock.Instant
}

/// Sits after NIO's client upgrade handler: collects a refusal (status, headers, capped body),
/// and notes why NIO declined a 101 (no `Upgrade`, a wrong accept value).
final class UpgradeAnswerCollector: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart

    private let promise: EventLoopPromise<UpgradeAnswer>
    private var answer: CappedAnswer
    private var upgradeError: WebSocketHandshake.Stage?

    init(promise: EventLoopPromise<UpgradeAnswer>, maxBodyBytes: Int) {
        self.promise = promise
        self.answer = CappedAnswer(maxBodyBytes: maxBodyBytes)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answer.done else { return }
        switch answer.take(unwrapInboundIn(data)) {
        case .head(let received) where received.status == .switchingProtocols:
            // A 101 NIO declined has no body to wait for, and what follows is not HTTP.
            finish(context: context, close: true)
        case .finish(let close):
            finish(context: context, close: close)
        case .read, .head:
            break
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !answer.done else { return }
        if let upgrade = error as? NIOHTTPClientUpgradeError {
            // Fired just before the 101 head is passed on.
            upgradeError = upgrade == .upgraderDeniedUpgrade ? .acceptMismatch : .upgradeHeaderMissing
            return
        }
        if answer.head != nil {
            answer.truncated = true
            finish(context: context, close: true)
            return
        }
        answer.done = true
        let kind = TransportErrors.kind(of: error) ?? .protocolError
        promise.fail(ResponseReadError(kind: kind, sawHead: false, detail: "\(error)"))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        switch answer.closed() {
        case true?: finish(context: context, close: false)
        case false?:
            promise.fail(
                ResponseReadError(
                    kind: .closed, sawHead: false, detail: "the connection closed before any answer to the upgrade"))
        case nil: break
        }
        context.fireChannelInactive()
    }

    private func finish(context: ChannelHandlerContext, close: Bool) {
        guard let response = answer.finish() else { return }
        promise.succeed(.answered(response, upgradeError: upgradeError))
        if close { context.close(promise: nil) }
    }
}

/// Reads the first frame after the switch (a text event, or a close frame), reassembling a
/// fragmented message up to a cap.
final class FirstFrameReader: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame

    private let promise: EventLoopPromise<FirstFrame>
    private let cap: Int
    private var text: [UInt8] = []
    private var inMessage = false
    private var done = false

    init(promise: EventLoopPromise<FirstFrame>, cap: Int) {
        self.promise = promise
        self.cap = cap
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !done else { return }
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text, .binary, .continuation:
            if frame.opcode != .continuation { inMessage = true }
            guard inMessage else { return }
            var payload = frame.unmaskedData
            let room = cap - text.count
            text.append(contentsOf: payload.readBytes(length: min(room, payload.readableBytes)) ?? [])
            if frame.fin || text.count >= cap {
                done = true
                promise.succeed(FirstFrame(text: String(decoding: text, as: UTF8.self), closeCode: nil, at: .now))
            }
        case .connectionClose:
            done = true
            var payload = frame.unmaskedData
            let code = payload.readInteger(as: UInt16.self).map(Int.init)
            let reason = payload.readString(length: min(payload.readableBytes, 1024))
            promise.succeed(FirstFrame(text: reason, closeCode: code ?? 1005, at: .now))
        default:
            break  // ping/pong before the first event: not an event
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !done else { return }
        done = true
        promise.fail(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !done {
            done = true
            promise.fail(
                ResponseReadError(
                    kind: .closed, sawHead: true, detail: "the connection closed after the 101, before any event"))
        }
        context.fireChannelInactive()
    }
}

extension Exchange {
    /// Sends the request as a WebSocket opening handshake (RFC 6455 §4.1) and reads the 101 and
    /// the first server event, or the refusal; then closes with 1000. Nothing is sent over the
    /// socket but the close frame.
    mutating func exchangeWebSocket(_ channel: any Channel, absoluteForm: Bool) async {
        let url = request.url
        var target = url.path.isEmpty ? "/" : url.path
        if let query = url.query { target += "?" + query }
        if absoluteForm { target = "\(url.scheme)://\(url.authority)\(target)" }
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: target)
        head.headers.add(name: "Host", value: url.authority)
        head.headers.add(name: "User-Agent", value: settings.userAgent)
        if absoluteForm, let proxy = request.proxy, let user = proxy.user {
            let credentials = Base64.encode(Array("\(user):\(proxy.password ?? "")".utf8))
            head.headers.add(name: "Proxy-Authorization", value: "Basic \(credentials)")
        }
        for field in request.headers { head.headers.add(name: field.name, value: field.value) }
        let requestHead = head
        let answerPromise = channel.eventLoop.makePromise(of: UpgradeAnswer.self)
        let framePromise = channel.eventLoop.makePromise(of: FirstFrame.self)
        let maxBody = settings.maxBodyBytes
        let maxHeader = settings.maxHeaderBytes
        let sentAt = ContinuousClock.now
        let setup = channel.eventLoop.submit {
            var limits = NIOHTTPDecoderLimitConfiguration()
            limits.maxHeaderListSize = maxHeader
            let encoder = HTTPRequestEncoder()
            // Bytes after the 101 (the first frame often shares its TCP segment) go on to the frame decoder.
            let decoder = ByteToMessageHandler(
                HTTPResponseDecoder(leftOverBytesStrategy: .forwardBytes, limitConfiguration: limits))
            let collector = UpgradeAnswerCollector(promise: answerPromise, maxBodyBytes: maxBody)
            let upgrader = NIOWebSocketClientUpgrader(
                maxFrameSize: max(1 << 14, maxBody), automaticErrorHandling: false
            ) {
                upgraded, response in
                upgraded.eventLoop.makeCompletedFuture {
                    try upgraded.pipeline.syncOperations.addHandler(
                        FirstFrameReader(promise: framePromise, cap: maxBody))
                    answerPromise.succeed(.switched(response, at: .now))
                }
            }
            let upgradeHandler = NIOHTTPClientUpgradeHandler(
                upgraders: [upgrader], httpHandlers: [encoder, decoder],
                upgradeCompletionHandler: { context in
                    // The refusal collector reads HTTP parts; after the switch only frames follow.
                    context.pipeline.syncOperations.removeHandler(collector, promise: nil)
                })
            let sync = channel.pipeline.syncOperations
            try sync.addHandler(encoder)
            try sync.addHandler(decoder)
            try sync.addHandler(upgradeHandler)
            try sync.addHandler(collector)
            channel.write(HTTPClientRequestPart.head(requestHead), promise: nil)
            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        }
        // Every promise ends, whatever happens: a channel closed under the setup, a refusal (no frame follows).
        setup.whenFailure { error in
            answerPromise.fail(error)
            framePromise.fail(error)
        }
        defer { channel.eventLoop.execute { framePromise.fail(ProbeDeadline.Expired()) } }
        let answer = await ProbeDeadline.wait(
            for: setup.flatMap { answerPromise.futureResult }, until: deadline, on: channel.eventLoop,
            onTimeout: { channel.close(promise: nil) })
        switch answer {
        case .failure(let error):
            phase(.firstByte, from: sentAt)
            webSocket = WebSocketHandshake(stage: .noAnswer)
            if let read = error as? ResponseReadError {
                fail(.response, read.kind, detail: read.detail)
            } else {
                let kind = TransportErrors.kind(of: error) ?? .other
                fail(
                    .response, kind,
                    detail: kind == .timedOut
                        ? "the upgrade request got no answer (no 101) before the deadline"
                        : "reading the answer to the upgrade failed: \(kind.rawValue)")
            }
        case .success(.answered(let response, let upgradeError)):
            phase(.firstByte, from: sentAt, to: response.firstByteAt)
            phase(.body, from: response.firstByteAt, to: response.endedAt)
            record(response)
            webSocket = WebSocketHandshake(stage: upgradeError ?? .refused, upgradeHeader: response.headers["upgrade"])
        case .success(.switched(let head, let at)):
            phase(.firstByte, from: sentAt, to: at)
            var headers = HeaderFields()
            for (name, value) in head.headers { headers.append(name: name, value: value) }
            record(
                CollectedResponse(
                    status: 101, headers: headers, body: [], firstByteAt: at, endedAt: at, truncated: false))
            let frame = await ProbeDeadline.wait(
                for: framePromise.futureResult, until: deadline, on: channel.eventLoop,
                onTimeout: { channel.close(promise: nil) })
            var handshake = WebSocketHandshake(stage: .opened, upgradeHeader: headers["upgrade"])
            switch frame {
            case .success(let first):
                phase(.body, from: at, to: first.at)
                handshake.eventMS = (first.at - at).milliseconds
                handshake.closeCode = first.closeCode
                if first.closeCode == nil, let text = first.text {
                    handshake.firstEvent = String(text.prefix(4096))
                    if let root = LenientJSONReader.parse(text), case .string(let type)? = root["type"] {
                        handshake.firstEventType = type
                    }
                    body = Array(text.utf8)
                    trace.bodyBytes = body.count
                } else {
                    handshake.stage = .openedWithoutEvent
                    handshake.firstEvent = first.text.map { String($0.prefix(1024)) }
                }
                let close = channel.eventLoop.submit {
                    var payload = channel.allocator.buffer(capacity: 2)
                    payload.writeInteger(UInt16(1000))
                    let frame = WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: payload)
                    return channel.writeAndFlush(frame)
                }
                _ = try? await close.flatMap { $0 }.get()
            case .failure(let error):
                phase(.body, from: at)
                handshake.stage = .openedWithoutEvent
                let kind = (error as? ResponseReadError)?.kind ?? TransportErrors.kind(of: error) ?? .other
                fail(
                    .response, kind,
                    detail: kind == .timedOut
                        ? "the server switched protocols (101) but sent no event before the deadline"
                        : "the connection ended after the 101, before any event (\(kind.rawValue))")
            }
            webSocket = handshake
        }
    }

    /// Keeps an answer's status, headers and body (the HTTP exchange and a refused upgrade alike).
    mutating func record(_ response: CollectedResponse) {
        status = response.status
        headers = response.headers
        body = response.body
        trace.status = response.status
        trace.requestID = response.headers["x-request-id"] ?? response.headers["apim-request-id"]
        trace.responseHeaders = Self.keptHeaders(response.headers)
        trace.bodyBytes = response.body.count
        trace.truncated = response.truncated
    }
}
