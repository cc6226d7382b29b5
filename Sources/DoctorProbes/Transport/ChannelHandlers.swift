import DoctorCore
import NIOCore
import NIOHTTP1
import NIOSSL
import NIOTLS

/// A proxy's answer to CONNECT, read as raw bytes (the tunnel must not be touched by an HTTP decoder).
struct ConnectAnswer: Sendable {
    var status: Int?
    var headers: HeaderFields
    var body: String
}

/// Reads the proxy's answer to CONNECT: status line, headers, and for a refusal the start of its body.
final class ConnectAnswerReader: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private let promise: EventLoopPromise<ConnectAnswer>
    private let bodyCap: Int
    private var buffer: [UInt8] = []
    private var head: (status: Int?, headers: HeaderFields, contentLength: Int?)?
    private var done = false

    init(promise: EventLoopPromise<ConnectAnswer>, bodyCap: Int = 16 << 10) {
        self.promise = promise
        self.bodyCap = bodyCap
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        buffer.append(contentsOf: bytes.readBytes(length: bytes.readableBytes) ?? [])
        if head == nil, let end = headerEnd() {
            head = Self.parseHead(Array(buffer[..<end]))
            buffer.removeFirst(end + 4)
            if let status = head?.status, (200..<300).contains(status) {
                finish()
                return
            }
            // A refusal: read its body for a moment (block pages name the product).
            let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
            context.eventLoop.scheduleTask(in: .milliseconds(400)) { bound.value.finish() }
        }
        if head != nil {
            if buffer.count >= bodyCap || (head?.contentLength.map { buffer.count >= $0 } ?? false) { finish() }
        } else if buffer.count > 64 << 10 {
            finish()
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if head == nil {
            done = true
            promise.fail(error)
        } else {
            finish()
        }
    }

    private func finish() {
        guard !done else { return }
        done = true
        guard let head else {
            promise.succeed(ConnectAnswer(status: nil, headers: HeaderFields(), body: ""))
            return
        }
        let body = String(decoding: buffer.prefix(bodyCap), as: UTF8.self)
        promise.succeed(ConnectAnswer(status: head.status, headers: head.headers, body: body))
    }

    private func headerEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for i in 0...(buffer.count - 4)
        where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 {
            return i
        }
        return nil
    }

    static func parseHead(_ bytes: [UInt8]) -> (status: Int?, headers: HeaderFields, contentLength: Int?) {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        let statusLine = lines.isEmpty ? "" : lines.removeFirst()
        let parts = statusLine.split(separator: " ")
        let status = parts.count >= 2 ? Int(parts[1]) : nil
        var headers = HeaderFields()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon])
            var value = Substring(line[line.index(after: colon)...])
            while value.first == " " { value.removeFirst() }
            headers.append(name: name, value: String(value))
        }
        return (status, headers, headers["content-length"].flatMap { Int($0) })
    }
}

/// The outcome of reading an HTTP answer.
struct CollectedResponse: Sendable {
    var status: Int
    var headers: HeaderFields
    var body: [UInt8]
    var firstByteAt: ContinuousClock.Instant
    var endedAt: ContinuousClock.Instant
    var truncated: Bool
}

/// Why a response could not be read.
struct ResponseReadError: Error {
    var kind: TransportFailure.Kind
    var sawHead: Bool
    var detail: String
}

/// Collects one HTTP response with caps on header and body bytes.
final class ResponseCollector: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart

    private let promise: EventLoopPromise<CollectedResponse>
    private let maxHeaderBytes: Int
    private var answer: CappedAnswer

    init(promise: EventLoopPromise<CollectedResponse>, maxHeaderBytes: Int, maxBodyBytes: Int) {
        self.promise = promise
        self.maxHeaderBytes = maxHeaderBytes
        self.answer = CappedAnswer(maxBodyBytes: maxBodyBytes)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answer.done else { return }
        switch answer.take(unwrapInboundIn(data)) {
        case .read:
            break
        case .head(let received):
            let headerBytes = received.headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
            if headerBytes > maxHeaderBytes {
                answer.truncated = true
                finish(context: context, close: true)
            }
        case .finish(let close):
            finish(context: context, close: close)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        switch answer.closed() {
        case true?: finish(context: context, close: false)
        case false?:
            promise.fail(
                ResponseReadError(kind: .closed, sawHead: false, detail: "the connection closed before any answer"))
        case nil: break
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !answer.done else { return }
        if answer.head != nil, error is HTTPParserError {
            answer.truncated = true
            finish(context: context, close: true)
            return
        }
        answer.done = true
        let kind: TransportFailure.Kind
        if let parser = error as? HTTPParserError, parser == .headerOverflow {
            kind = .protocolError
        } else {
            kind = TransportErrors.kind(of: error) ?? .protocolError
        }
        promise.fail(ResponseReadError(kind: kind, sawHead: answer.head != nil, detail: "\(error)"))
        context.close(promise: nil)
    }

    private func finish(context: ChannelHandlerContext, close: Bool) {
        guard let response = answer.finish() else { return }
        promise.succeed(response)
        if close { context.close(promise: nil) }
    }
}

/// Completes when the TLS handshake finishes (with the negotiated ALPN) or fails.
final class HandshakeWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let promise: EventLoopPromise<String?>

    init(promise: EventLoopPromise<String?>) {
        self.promise = promise
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tls = event as? TLSUserEvent, case .handshakeCompleted(let alpn) = tls {
            promise.succeed(alpn)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(ChannelError.eof)
        context.fireChannelInactive()
    }
}

/// One HTTP answer as it arrives, with its body capped: the state every handler that collects an
/// answer keeps (``ResponseCollector``, and the WebSocket upgrade's ``UpgradeAnswerCollector``).
struct CappedAnswer {
    /// What a part of the answer asks of the handler.
    enum Next {
        /// Read on.
        case read
        /// The head arrived (the handler may judge it, then reads on).
        case head(HTTPResponseHead)
        /// The answer is complete, or the cap cut it: finish, closing the connection if `close`.
        case finish(close: Bool)
    }

    private let maxBodyBytes: Int
    /// The head, once it arrived.
    private(set) var head: HTTPResponseHead?
    private var firstByteAt: ContinuousClock.Instant?
    private var body: [UInt8] = []
    /// Whether the answer was cut (a cap, a close or a parse error after the head).
    var truncated = false
    /// Whether the handler has answered its promise.
    var done = false

    init(maxBodyBytes: Int) { self.maxBodyBytes = maxBodyBytes }

    /// Takes one part: notes the head, appends what fits of a body part, ends at the end.
    mutating func take(_ part: HTTPClientResponsePart) -> Next {
        switch part {
        case .head(let received):
            firstByteAt = .now
            head = received
            return .head(received)
        case .body(var buffer):
            let room = maxBodyBytes - body.count
            guard buffer.readableBytes > room else {
                body.append(contentsOf: buffer.readBytes(length: buffer.readableBytes) ?? [])
                return .read
            }
            body.append(contentsOf: buffer.readBytes(length: max(0, room)) ?? [])
            truncated = true
            return .finish(close: true)
        case .end:
            return .finish(close: false)
        }
    }

    /// The connection closed: `true` when an answer had begun (it is cut, and is to be finished),
    /// `false` when none had (and the handler has not answered yet: it is to fail now).
    mutating func closed() -> Bool? {
        if head != nil {
            truncated = true
            return true
        }
        guard !done else { return nil }
        done = true
        return false
    }

    /// The answer, once: `nil` when it was already given or no head arrived.
    mutating func finish() -> CollectedResponse? {
        guard !done, let head else { return nil }
        done = true
        var headers = HeaderFields()
        for (name, value) in head.headers { headers.append(name: name, value: value) }
        return CollectedResponse(
            status: Int(head.status.code), headers: headers, body: body, firstByteAt: firstByteAt ?? .now,
            endedAt: .now, truncated: truncated)
    }
}
