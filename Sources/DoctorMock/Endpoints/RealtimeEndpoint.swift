import Crypto
import DoctorCore
import NIOCore
import NIOHTTP1
import NIOWebSocket

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `GET /v1/realtime?model=…` with `Upgrade: websocket`: the Realtime API's WebSocket
/// handshake. A good request gets `101 Switching Protocols` and, in the same write, the
/// `session.created` event; refusals (key, region, scopes…) are ordinary HTTP answers, served by
/// the scenario like any other route.
enum RealtimeEndpoint {
    /// The realtime models the mock accepts besides the configured ones.
    static let models = [
        "gpt-realtime", "gpt-realtime-mini", "gpt-4o-realtime-preview", "gpt-4o-mini-realtime-preview",
    ]

    /// RFC 6455 §1.3: the GUID appended to the key before hashing.
    static let guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    /// The answer to the handshake request in the `ok` scenario.
    static func reply(_ request: MockRequest, context: ScenarioContext, configured: [String], id: String) -> Reply {
        let upgrade = request.headers["upgrade"]?.lowercased() == "websocket"
        let connection = MockRequest.tokens(request.headers, "connection").contains { $0.lowercased() == "upgrade" }
        guard upgrade, connection, let key = request.headers["sec-websocket-key"], !key.isEmpty else {
            // The mock's own answer (no capture of the API's exists): RFC 9110's 426, naming the
            // protocol, so a client can tell that an Upgrade header was lost on the way.
            let body = ErrorBody.openAI(
                message:
                    "This endpoint is a WebSocket: the request must carry Upgrade: websocket and Connection: Upgrade.",
                type: "invalid_request_error", code: nil)
            var headers = HeaderTemplate.openAI(context, bodyLength: body.utf8.count)
            headers.append(name: "upgrade", value: "websocket")
            return Reply(
                CannedResponse(status: 426, reason: "Upgrade Required", headers: headers, body: body),
                cause: .endpointWrong)
        }
        guard request.headers["sec-websocket-version"] == "13" else {
            let body = ErrorBody.openAI(
                message: "Unsupported WebSocket version.", type: "invalid_request_error", code: nil)
            var headers = HeaderTemplate.openAI(context, bodyLength: body.utf8.count)
            headers.append(name: "sec-websocket-version", value: "13")
            return Reply(
                CannedResponse(status: 400, reason: "Bad Request", headers: headers, body: body), cause: .requestInvalid
            )
        }
        guard let model = request.queryValue("model"), !model.isEmpty else {
            let body = ErrorBody.openAI(
                message: "Missing required parameter: 'model'.", type: "invalid_request_error", code: nil)
            return Reply(
                CannedResponse(
                    status: 400, reason: "Bad Request",
                    headers: HeaderTemplate.openAI(context, bodyLength: body.utf8.count), body: body),
                cause: .requestInvalid)
        }
        guard models.contains(model) || configured.contains(model) else {
            return Reply(ScenarioCatalog.unknownModel(model, context: context), cause: .modelNotFound)
        }
        var headers = HeaderFields()
        if let date = context.date { headers.append(name: "date", value: date) }
        headers.append(name: "connection", value: "upgrade")
        headers.append(name: "upgrade", value: "websocket")
        headers.append(name: "sec-websocket-accept", value: accept(key))
        headers.append(name: "openai-version", value: "2020-10-01")
        headers.append(name: "x-request-id", value: context.requestID)
        headers.append(name: "server", value: "cloudflare")
        headers.append(name: "cf-ray", value: context.cfRay)
        return Reply(switching: headers, firstEvent: sessionCreated(model: model, id: id))
    }

    /// `Sec-WebSocket-Accept` for a key: base64 of SHA-1 over the key and the GUID.
    static func accept(_ key: String) -> String {
        Data(Insecure.SHA1.hash(data: Array((key + guid).utf8))).base64EncodedString()
    }

    /// The first server event of a GA realtime session (shape of the GA reference; values the mock's).
    static func sessionCreated(model: String, id: String) -> String {
        OrderedJSON.object([
            ("type", .string("session.created")),
            ("event_id", .string("event_" + id)),
            (
                "session",
                .object([
                    ("type", .string("realtime")),
                    ("object", .string("realtime.session")),
                    ("id", .string("sess_" + id)),
                    ("model", .string(model)),
                    ("output_modalities", .array([.string("audio")])),
                    ("instructions", .string("")),
                    ("tools", .array([])),
                    ("tool_choice", .string("auto")),
                    ("max_output_tokens", .string("inf")),
                    ("tracing", .null),
                    ("prompt", .null),
                    ("expires_at", .int(1_764_175_202)),
                ])
            ),
        ]).compact
    }

    /// A server (unmasked) text frame, RFC 6455 §5.2.
    static func textFrame(_ text: String, into buffer: inout ByteBuffer) {
        let payload = Array(text.utf8)
        buffer.writeInteger(UInt8(0x81))
        if payload.count < 126 {
            buffer.writeInteger(UInt8(payload.count))
        } else if payload.count <= Int(UInt16.max) {
            buffer.writeInteger(UInt8(126))
            buffer.writeInteger(UInt16(payload.count))
        } else {
            buffer.writeInteger(UInt8(127))
            buffer.writeInteger(UInt64(payload.count))
        }
        buffer.writeBytes(payload)
    }
}

/// The mock's side of an open realtime socket: it sends nothing billable and answers only the
/// control frames (a ping with a pong, a close with a close), then lets go after the hold limit.
final class MockRealtimeSession: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let hold: TimeAmount

    init(hold: TimeAmount) {
        self.hold = hold
    }

    func handlerAdded(context: ChannelHandlerContext) {
        context.eventLoop.assumeIsolated().scheduleTask(in: hold) { context.close(promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .connectionClose:
            var payload = frame.unmaskedData
            let code = payload.readInteger(as: UInt16.self) ?? 1000
            var reply = context.channel.allocator.buffer(capacity: 2)
            reply.writeInteger(code)
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: reply)))
                .assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        case .ping:
            context.writeAndFlush(
                wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)), promise: nil)
        default:
            break
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
