import DoctorCore
import NIOCore
import NIOHTTP1

extension MockRequest {
    /// The request NIO's decoder read: the one place its head and body become the plain values
    /// the mock reads (the header fields in order, the keep-alive NIO decided by the version).
    init(head: HTTPRequestHead, body: ByteBuffer?, bodyTooLarge: Bool, receivedAt: UInt64) {
        var fields: [HeaderField] = []
        fields.reserveCapacity(head.headers.count)
        for (name, value) in head.headers { fields.append(HeaderField(name: name, value: value)) }
        self.init(
            method: head.method.rawValue, uri: head.uri, headers: HeaderFields(fields),
            body: body.map { Array($0.readableBytesView) }, keepAlive: head.isKeepAlive, bodyTooLarge: bodyTooLarge,
            receivedAt: receivedAt)
    }
}
