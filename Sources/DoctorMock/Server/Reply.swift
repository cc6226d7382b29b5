import DoctorCore
import NIOCore

/// What the mock decided to send for one request, before any fault reshapes it.
struct Reply: Sendable {
    enum Body: Sendable {
        /// A body sent whole with its `content-length`.
        case whole(String)
        /// Server-sent events, each sent as one chunk of a chunked body.
        case events([String])
        /// A WebSocket handshake's `101 Switching Protocols`, followed in the same write by the
        /// first server event as a text frame; the connection then speaks WebSocket.
        case webSocket(firstEvent: String)
    }

    var status: Int
    var reason: String
    var headers: HeaderFields
    var body: Body
    /// The cause the answer shows; `nil` for a success.
    var cause: CauseID?

    init(_ canned: CannedResponse, cause: CauseID?) {
        status = canned.status
        reason = canned.reason
        headers = canned.headers
        body = .whole(canned.body)
        self.cause = cause
    }

    init(status: Int, headers: HeaderFields, events: [String]) {
        self.status = status
        self.reason = ScenarioCatalog.reasonPhrase(status)
        self.headers = headers
        self.body = .events(events)
        self.cause = nil
    }

    init(switching headers: HeaderFields, firstEvent: String) {
        self.status = 101
        self.reason = "Switching Protocols"
        self.headers = headers
        self.body = .webSocket(firstEvent: firstEvent)
        self.cause = nil
    }

    /// The wait the answer asks for, in milliseconds (`retry-after-ms` first).
    var retryAfterMilliseconds: Double? {
        if let ms = headers["retry-after-ms"].flatMap(Double.init) { return ms }
        return headers["retry-after"].flatMap(Double.init).map { $0 * 1000 }
    }

    /// The status line and headers, CRLF-terminated, as bytes.
    func head(into buffer: inout ByteBuffer, headers override: HeaderFields? = nil) {
        buffer.writeString("HTTP/1.1 \(status) \(reason)\r\n")
        for field in override ?? headers {
            buffer.writeString(field.name)
            buffer.writeStaticString(": ")
            buffer.writeString(field.value)
            buffer.writeStaticString("\r\n")
        }
        buffer.writeStaticString("\r\n")
    }

    /// The body bytes for a whole body (events joined for faults that need one string).
    var bodyText: String {
        switch body {
        case .whole(let text): return text
        case .events(let events): return events.joined()
        case .webSocket(let event): return event
        }
    }
}
