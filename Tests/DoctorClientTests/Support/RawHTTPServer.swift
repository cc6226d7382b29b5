import DoctorTestSupport
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A loopback HTTP/1.1 server that answers every request with exactly the bytes it is given,
/// written in pieces with a pause between them, then closes the connection.
///
/// The mock's bodies carry fresh ids per request; this one sends the same known bytes every
/// time, so a test can say "the caller received exactly what the server sent", byte for byte,
/// across several reads.
final class RawHTTPServer: Sendable {
    /// One canned answer.
    struct Answer: Sendable {
        var status: Int
        var headers: [(String, String)]
        var body: [UInt8]
        /// Body pieces written apart (with `pause` between them).
        var pieces: Int = 1
        var pause: Duration = .zero
        /// Whether to send `Content-Length` (otherwise the body ends when the connection closes).
        var sendsLength = true
    }

    let port: Int
    private let descriptor: Int32
    private let answer: Answer
    private let requests = Mutex<[String]>([])

    init(_ answer: Answer) throws {
        self.answer = answer
        guard let listener = LoopbackSocket.listener(backlog: 16, reusingAddress: true) else {
            throw POSIXError(.EADDRNOTAVAIL)
        }
        descriptor = listener.descriptor
        port = listener.port
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// The base URL, e.g. `http://127.0.0.1:40123`.
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The request heads received so far (request line and headers).
    var receivedHeads: [String] { requests.withLock { $0 } }

    /// Stops accepting (a blocked accept returns with an error).
    func stop() {
        shutdown(descriptor, Int32(SHUT_RDWR))
        close(descriptor)
    }

    private func acceptLoop() {
        while true {
            let connection = accept(descriptor, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            Thread { [self] in serve(connection) }.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        // Read the head, then as much body as Content-Length says.
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 << 10)
        var headEnd: Int?
        while headEnd == nil {
            let count = read(connection, &buffer, buffer.count)
            if count <= 0 { return }
            received += buffer[..<count]
            headEnd = received.indices.dropLast(3).first { received[$0...$0 + 3].elementsEqual([13, 10, 13, 10]) }
        }
        guard let end = headEnd else { return }
        let head = String(decoding: received[..<end], as: UTF8.self)
        requests.withLock { $0.append(head) }
        let length =
            head.split(separator: "\r\n").lazy
            .compactMap { line -> Int? in
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
                return Int(parts[1].trimmingCharacters(in: .whitespaces))
            }.first ?? 0
        var bodyRead = received.count - (end + 4)
        while bodyRead < length {
            let count = read(connection, &buffer, buffer.count)
            if count <= 0 { return }
            bodyRead += count
        }

        var text = "HTTP/1.1 \(answer.status) Status\r\n"
        for (name, value) in answer.headers { text += "\(name): \(value)\r\n" }
        if answer.sendsLength { text += "Content-Length: \(answer.body.count)\r\n" }
        text += "Connection: close\r\n\r\n"
        guard writeAll(connection, Array(text.utf8)) else { return }
        let size = max(1, (answer.body.count + answer.pieces - 1) / max(answer.pieces, 1))
        var offset = 0
        while offset < answer.body.count {
            let end = min(offset + size, answer.body.count)
            guard writeAll(connection, Array(answer.body[offset..<end])) else { return }
            offset = end
            if (offset < answer.body.count) && (answer.pause > .zero) {
                usleep(UInt32(answer.pause / .microseconds(1)))
            }
        }
    }

    private func writeAll(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
        var done = 0
        while done < bytes.count {
            // MSG_NOSIGNAL: a client that hung up must not kill the test process with SIGPIPE.
            #if os(Linux)
            let flags = Int32(MSG_NOSIGNAL)
            #else
            let flags: Int32 = 0
            #endif
            let count = bytes[done...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, flags) }
            if count <= 0 { return false }
            done += count
        }
        return true
    }
}

/// Random bytes, made at run time, of every value (not only text).
func randomBytes(_ count: Int) -> [UInt8] {
    TestRandom.draw { generator in (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) } }
}
