import DoctorCore
import DoctorMock
import DoctorTestSupport
import Foundation
import Testing

/// A blocking loopback socket with a receive timeout, for speaking WebSocket to the mock byte by byte.
final class RawSocket: @unchecked Sendable {
    let fd: Int32

    init(port: Int) throws {
        let connection = LoopbackSocket.connection(to: port)
        fd = connection.descriptor
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard connection.connected else { throw RawSocketError.connect }
    }

    deinit { close(fd) }

    func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// Reads until `enough` says the bytes so far suffice, the peer closes, or the timeout passes.
    func read(until enough: ([UInt8]) -> Bool) -> [UInt8] {
        var all: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !enough(all) {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            all += chunk[0..<n]
        }
        return all
    }
}

enum RawSocketError: Error { case connect }

/// The journal's last entry for `path`, waiting a little: the mock journals an answer when its
/// write completes, which can be just after the client read it.
func journaled(_ server: MockServer, _ path: String) async -> JournalEntry? {
    for _ in 0..<100 {
        if let entry = server.journal.entries().last(where: { $0.path == path }) { return entry }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return nil
}

/// Where the HTTP head ends in `bytes`, if it does.
func headEnd(_ bytes: [UInt8]) -> Int? {
    guard bytes.count >= 4 else { return nil }
    for i in 0...(bytes.count - 4)
    where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
        return i + 4
    }
    return nil
}

/// A whole server frame at `offset`: (opcode, payload), or nil if not all there.
func frame(in bytes: [UInt8], at offset: Int) -> (opcode: UInt8, payload: [UInt8])? {
    guard bytes.count >= offset + 2 else { return nil }
    let opcode = bytes[offset] & 0x0F
    var length = Int(bytes[offset + 1] & 0x7F)
    var start = offset + 2
    if length == 126 {
        guard bytes.count >= offset + 4 else { return nil }
        length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
        start = offset + 4
    } else if length == 127 {
        return nil
    }
    guard bytes.count >= start + length else { return nil }
    return (opcode, Array(bytes[start..<(start + length)]))
}

/// Over a real socket, since the switch is the point; refusals, the 426 and the scoped
/// scenarios are ServedAnswerTests', in process.
@Suite("the mock's Realtime WebSocket handshake")
struct RealtimeHandshakeTests {
    /// RFC 6455 §1.3's example key and the accept value it must get.
    static let sampleKey = "dGhlIHNhbXBsZSBub25jZQ=="
    static let sampleAccept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="

    static func upgradeRequest(_ extra: [String] = [], model: String = "gpt-realtime", key: String) -> [UInt8] {
        let lines =
            [
                "GET /v1/realtime?model=\(model) HTTP/1.1", "Host: 127.0.0.1", "Upgrade: websocket",
                "Connection: Upgrade",
                "Sec-WebSocket-Key: \(sampleKey)", "Sec-WebSocket-Version: 13", "Authorization: Bearer \(key)",
            ] + extra
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
    }

    @Test("101 with the RFC accept value, then session.created in a text frame; a close is answered; journaled as 101")
    func switchesAndSendsSessionCreated() async throws {
        try await withMockServer { server in
            let socket = try RawSocket(port: server.port)
            let request = Self.upgradeRequest(key: TestKey.project())
            // Blocking reads run on a thread of their own, never on the cooperative pool.
            let bytes = try await Curl.offload {
                socket.send(request)
                return socket.read { bytes in headEnd(bytes).map { frame(in: bytes, at: $0) != nil } ?? false }
            }
            let end = try #require(headEnd(bytes))
            let head = String(decoding: bytes[..<end], as: UTF8.self).lowercased()
            #expect(head.hasPrefix("http/1.1 101 switching protocols\r\n"))
            #expect(head.contains("upgrade: websocket\r\n"))
            #expect(head.contains("sec-websocket-accept: \(Self.sampleAccept.lowercased())\r\n"))
            let first = try #require(frame(in: bytes, at: end))
            #expect(first.opcode == 1)
            let event = String(decoding: first.payload, as: UTF8.self)
            #expect(event.hasPrefix(#"{"type":"session.created""#))
            #expect(event.contains(#""model":"gpt-realtime""#))

            // A masked close frame (code 1000) gets a close frame back.
            let mask: [UInt8] = [1, 2, 3, 4]
            let code: [UInt8] = [0x03, 0xE8]
            let closing = [0x88, 0x80 | 2] + mask + code.enumerated().map { $0.element ^ mask[$0.offset % 4] }
            let reply = try await Curl.offload {
                socket.send(closing)
                return socket.read { frame(in: $0, at: 0) != nil }
            }
            let close = try #require(frame(in: reply, at: 0))
            #expect(close.opcode == 8)
            #expect(close.payload == code)

            let entry = try #require(await journaled(server, "/v1/realtime"))
            #expect(entry.status == 101)
            #expect(entry.method == "GET")
        }
    }
}
