import DoctorCore
import NIOCore
import NIOHTTP1
import NIOWebSocket

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One connection: reads requests (NIO's HTTP/1 decoder), answers them in order, and writes
/// the bytes itself.
///
/// Why plain channel handlers and hand-written response bytes rather than the async
/// `NIOAsyncChannel` shape or NIO's response encoder: the faults live below HTTP (an RST, a
/// stall between two header lines, a `Content-Length` that lies, broken chunk framing), so
/// the handler must decide byte by byte and flush by flush, on timers of the event loop; and
/// the benchmark target (35k req/s with the journal on, two cores shared with wrk) wants no
/// per-connection task or async-sequence hop. Header order and spelling are the capture's,
/// which an encoder normalising headers would not keep.
final class MockConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = ByteBuffer

    private let core: MockCore
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    private var bodyTooLarge = false
    private var pending = CircularBuffer<MockRequest>(initialCapacity: 2)
    private var busy = false
    private var finished = false
    /// What the core keeps for this connection between requests (snapshot, last key, date).
    private var memory = ConnectionMemory()

    /// The pipeline name of the HTTP request decoder in front of this handler.
    static let decoderName = "http-decoder"

    init(core: MockCore) {
        self.core = core
    }

    func channelActive(context: ChannelHandlerContext) {
        if core.resetsNewConnection() {
            finished = true
            Self.resetConnection(context)
            return
        }
        context.fireChannelActive()
    }

    /// Closes with an RST rather than a FIN (`SO_LINGER` with a zero timeout).
    static func resetConnection(_ context: ChannelHandlerContext) {
        if let provider = context.channel as? any SocketOptionProvider {
            provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        } else {
            context.close(promise: nil)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !finished else { return }
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body = nil
            bodyTooLarge = false
        case .body(var chunk):
            guard !bodyTooLarge else { return }
            let size = (body?.readableBytes ?? 0) + chunk.readableBytes
            if size > core.configuration.maximumBodyBytes {
                bodyTooLarge = true
                body = nil
            } else if var held = body {
                body = nil  // one owner while appending: no copy of the buffer
                held.writeBuffer(&chunk)
                body = held
            } else {
                body = chunk
            }
        case .end:
            guard let requestHead = head else { return }
            head = nil
            pending.append(
                MockRequest(head: requestHead, body: body, bodyTooLarge: bodyTooLarge, receivedAt: core.now()))
            body = nil
            if pending.count > 64 {  // a client pipelining without reading: stop reading its requests
                finished = true
                context.close(promise: nil)
                return
            }
            processNext(context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !finished else { return }
        finished = true
        if let parserError = error as? HTTPParserError, !busy {
            var buffer = context.channel.allocator.buffer(capacity: 256)
            buffer.writeString(MockCore.unparsableRequestAnswer(parserError))
            context.writeAndFlush(wrapOutboundOut(buffer)).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        } else {
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        finished = true
        pending.removeAll()
        context.fireChannelInactive()
    }

    // MARK: - Answering

    private func processNext(context: ChannelHandlerContext) {
        guard !busy, !finished, let request = pending.popFirst() else { return }
        busy = true
        let planned = core.plan(request, connection: &memory)
        let perform = { [self] in
            let done = { [self] in core.recordAnswered(request, planned) }
            if let fault = planned.fault {
                inject(fault, reply: planned.reply, context: context, done: done)
            } else {
                write(planned.reply, context: context, keepAlive: planned.keepAlive) { _ in done() }
            }
        }
        if let delay = planned.delayMilliseconds, delay > 0 {
            context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(Int64(delay * 1_000_000))) { perform() }
        } else {
            perform()
        }
    }

    /// Writes a whole reply, then carries on with the next request or closes.
    private func write(_ reply: Reply, context: ChannelHandlerContext, keepAlive: Bool, then: @escaping (Bool) -> Void)
    {
        var buffer = context.channel.allocator.buffer(capacity: 1024)
        switch reply.body {
        case .whole(let text):
            reply.head(into: &buffer)
            buffer.writeString(text)
        case .events(let events):
            reply.head(into: &buffer)
            for event in events { Self.writeChunk(event, into: &buffer) }
            buffer.writeStaticString("0\r\n\r\n")
        case .webSocket(let event):
            reply.head(into: &buffer)
            RealtimeEndpoint.textFrame(event, into: &buffer)
        }
        let switching = reply.status == 101
        context.writeAndFlush(wrapOutboundOut(buffer)).assumeIsolated().whenComplete { [self] result in
            then(true)
            if case .failure = result { return }
            if switching {
                switchToWebSocket(context: context)
                return
            }
            busy = false
            if keepAlive, !finished {
                processNext(context: context)
            } else {
                finished = true
                context.close(promise: nil)
            }
        }
    }

    /// After a 101: the connection speaks WebSocket from here on. The HTTP decoder and this
    /// handler leave the pipeline; a frame decoder, an encoder and the session take over.
    private func switchToWebSocket(context: ChannelHandlerContext) {
        finished = true
        pending.removeAll()
        let hold = TimeAmount.nanoseconds(Int64(core.configuration.holdLimit.components.seconds) * 1_000_000_000)
        let pipeline = context.pipeline.syncOperations
        do {
            try pipeline.addHandler(WebSocketFrameEncoder())
            try pipeline.addHandler(ByteToMessageHandler(WebSocketFrameDecoder(maxFrameSize: 1 << 16)))
            try pipeline.addHandler(MockRealtimeSession(hold: hold))
            pipeline.removeHandler(context: context, promise: nil)
            pipeline.removeHandler(name: Self.decoderName, promise: nil)
        } catch {
            context.close(promise: nil)
        }
    }

    static func writeChunk(_ text: String, into buffer: inout ByteBuffer) {
        buffer.writeString(String(text.utf8.count, radix: 16))
        buffer.writeStaticString("\r\n")
        buffer.writeString(text)
        buffer.writeStaticString("\r\n")
    }

    // MARK: - Faults

    /// Breaks the answer the way `fault` says. Every path ends the connection (or holds it
    /// until the hold limit), so no later request on it is served.
    private func inject(
        _ fault: TransportFault, reply: Reply, context: ChannelHandlerContext, done: @escaping () -> Void
    ) {
        finished = true
        pending.removeAll()
        let loop = context.eventLoop.assumeIsolated()
        let hold = TimeAmount.nanoseconds(Int64(core.configuration.holdLimit.components.seconds) * 1_000_000_000)
        let allocator = context.channel.allocator
        func send(_ text: String) -> EventLoopFuture<Void> {
            var buffer = allocator.buffer(capacity: text.utf8.count)
            buffer.writeString(text)
            return context.writeAndFlush(wrapOutboundOut(buffer))
        }
        func closeAfter(_ future: EventLoopFuture<Void>) {
            future.assumeIsolated().whenComplete { _ in
                done()
                context.close(promise: nil)
            }
        }
        var headBuffer = allocator.buffer(capacity: 1024)
        reply.head(into: &headBuffer)
        let headText = String(buffer: headBuffer)
        let bodyText = reply.bodyText

        switch fault {
        case .reset, .resetOnConnect:
            done()
            Self.resetConnection(context)
        case .close:
            done()
            context.close(promise: nil)
        case .blackhole:
            done()
            loop.scheduleTask(in: hold) { context.close(promise: nil) }
        case .slowHeaders:
            let lines = headText.split(separator: "\r\n", omittingEmptySubsequences: false).dropLast()
                .map { String($0) + "\r\n" }
            dribble(Array(lines) + [bodyText], every: .milliseconds(250), context: context) { closeAfter($0) }
        case .dribble:
            var pieces = [headText]
            var rest = Substring(bodyText)
            while !rest.isEmpty {
                pieces.append(String(rest.prefix(16)))
                rest = rest.dropFirst(16)
            }
            dribble(pieces, every: .milliseconds(100), context: context) { closeAfter($0) }
        case .truncated:
            let fields = reply.headers.fields.filter {
                $0.name.lowercased() != "content-length" && $0.name.lowercased() != "transfer-encoding"
            }
            var headers = HeaderFields(fields)
            headers.append(name: "content-length", value: String(bodyText.utf8.count + 128))
            var buffer = allocator.buffer(capacity: 1024)
            reply.head(into: &buffer, headers: headers)
            buffer.writeString(String(bodyText.prefix(max(1, bodyText.count / 2))))
            closeAfter(context.writeAndFlush(wrapOutboundOut(buffer)))
        case .malformedChunked:
            let fields = reply.headers.fields.filter {
                $0.name.lowercased() != "content-length" && $0.name.lowercased() != "transfer-encoding"
            }
            var headers = HeaderFields(fields)
            headers.append(name: "transfer-encoding", value: "chunked")
            var buffer = allocator.buffer(capacity: 1024)
            reply.head(into: &buffer, headers: headers)
            buffer.writeString("zz\r\n\(bodyText)\r\n0\r\n\r\n")
            closeAfter(context.writeAndFlush(wrapOutboundOut(buffer)))
        case .garbage:
            var random = SeededRandom(seed: core.state.nextID())
            var buffer = allocator.buffer(capacity: 512)
            buffer.writeBytes([0x16, 0x03, 0x01, 0x00])  // not "HTTP/": a client sees no status line
            for _ in 0..<508 { buffer.writeInteger(UInt8(truncatingIfNeeded: random.next())) }
            closeAfter(context.writeAndFlush(wrapOutboundOut(buffer)))
        case .sseCut where reply.status == 101, .sseStall where reply.status == 101:
            // The Realtime handshake: the 101 goes out, then no event (stall: held; cut: half a frame, closed),
            // as a middlebox that passes the upgrade but not the frames would leave it.
            var buffer = allocator.buffer(capacity: 1024)
            reply.head(into: &buffer)
            if fault == .sseCut {
                var frame = allocator.buffer(capacity: 256)
                RealtimeEndpoint.textFrame(bodyText, into: &frame)
                buffer.writeBytes(frame.readableBytesView.prefix(frame.readableBytes / 2))
                closeAfter(context.writeAndFlush(wrapOutboundOut(buffer)))
            } else {
                context.writeAndFlush(wrapOutboundOut(buffer)).assumeIsolated().whenComplete { _ in done() }
                loop.scheduleTask(in: hold) { context.close(promise: nil) }
            }
        case .sseCut, .sseStall:
            let events: [String]
            if case .events(let list) = reply.body {
                events = list
            } else {
                events = OpenAIEndpoints.chatCompletionEvents(
                    model: "gpt-4o", id: hex16(core.state.nextID()), includeUsage: true)
            }
            var headers = HeaderFields(
                reply.headers.fields.filter {
                    $0.name.lowercased() != "content-length" && $0.name.lowercased() != "transfer-encoding"
                        && $0.name.lowercased() != "content-type"
                })
            headers.append(name: "content-type", value: "text/event-stream; charset=utf-8")
            headers.append(name: "transfer-encoding", value: "chunked")
            var streamReply = reply
            streamReply.status = 200
            streamReply.reason = "OK"
            var buffer = allocator.buffer(capacity: 2048)
            streamReply.head(into: &buffer, headers: headers)
            for event in events.prefix(3) { Self.writeChunk(event, into: &buffer) }
            if fault == .sseCut {
                // Half of the next event, then the connection ends mid-chunk.
                let next = events.dropFirst(3).first ?? "data: {\"partial\":"
                buffer.writeString(String(next.utf8.count, radix: 16) + "\r\n" + String(next.prefix(next.count / 2)))
                closeAfter(context.writeAndFlush(wrapOutboundOut(buffer)))
            } else {
                context.writeAndFlush(wrapOutboundOut(buffer)).assumeIsolated().whenComplete { _ in done() }
                loop.scheduleTask(in: hold) { context.close(promise: nil) }
            }
        }
    }

    /// Sends `pieces` one at a time, `every` apart; calls `finished` with the last write.
    private func dribble(
        _ pieces: [String], every interval: TimeAmount, context: ChannelHandlerContext,
        finished: @escaping (EventLoopFuture<Void>) -> Void
    ) {
        guard let first = pieces.first else {
            finished(context.eventLoop.makeSucceededVoidFuture())
            return
        }
        var buffer = context.channel.allocator.buffer(capacity: first.utf8.count)
        buffer.writeString(first)
        let written = context.writeAndFlush(wrapOutboundOut(buffer))
        guard pieces.count > 1, context.channel.isActive else {
            finished(written)
            return
        }
        context.eventLoop.assumeIsolated().scheduleTask(in: interval) { [self] in
            guard context.channel.isActive else {
                finished(context.eventLoop.makeSucceededVoidFuture())
                return
            }
            dribble(Array(pieces.dropFirst()), every: interval, context: context, finished: finished)
        }
    }
}
