import DoctorCore
import NIOCore
import NIOHTTP1

/// One complete request as the connection handler read it.
struct MockRequest: Sendable {
    var method: String
    var path: String
    var query: String?
    var headers: HTTPHeaders
    var body: [UInt8]?
    var keepAlive: Bool
    var bodyTooLarge: Bool
    /// Nanoseconds since the server started, when the request was complete.
    var receivedAt: UInt64
    /// The credential presented, read once.
    let credential: Credential

    init(head: HTTPRequestHead, body: ByteBuffer?, bodyTooLarge: Bool, receivedAt: UInt64) {
        method = head.method.rawValue
        let uri = head.uri
        if let mark = uri.firstIndex(of: "?") {
            path = String(uri[..<mark])
            query = String(uri[uri.index(after: mark)...])
        } else {
            path = uri
            query = nil
        }
        headers = head.headers
        self.body = body.map { Array($0.readableBytesView) }
        keepAlive = head.isKeepAlive
        self.bodyTooLarge = bodyTooLarge
        self.receivedAt = receivedAt
        credential = Self.readCredential(head.headers)
    }

    /// A request made in process, as the decoder would have read it from an HTTP/1.1 client:
    /// `uri` with its query, headers in order. For driving ``MockCore`` without a socket.
    init(
        method: String, uri: String, headers: [(String, String)], body: [UInt8]?, bodyTooLarge: Bool = false,
        receivedAt: UInt64
    ) {
        let head = HTTPRequestHead(
            version: .http1_1, method: HTTPMethod(rawValue: method), uri: uri, headers: HTTPHeaders(headers))
        self.init(
            head: head, body: body.map { ByteBuffer(bytes: $0) }, bodyTooLarge: bodyTooLarge, receivedAt: receivedAt)
    }

    /// The value of a query parameter (no percent-decoding beyond `+`/`%20` for spaces).
    func queryValue(_ name: String) -> String? {
        guard let query else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.first.map(String.init) == name {
                let raw = parts.count > 1 ? String(parts[1]) : ""
                return raw.replacingPercentSpaces()
            }
        }
        return nil
    }

    /// The presented API key: the bearer token, a Basic password, or Azure's `api-key` header.
    enum Credential: Equatable, Sendable {
        case none
        case emptyBearer
        case unsupportedScheme
        case key(String)
    }

    static func readCredential(_ headers: HTTPHeaders) -> Credential {
        if let authorization = headers.first(name: "authorization") {
            let trimmed = authorization.trimmed()
            if trimmed.hasCaseInsensitivePrefix("bearer") {
                let rest = trimmed.utf8.dropFirst(6)
                if rest.isEmpty { return .emptyBearer }
                if rest.first == UInt8(ascii: " ") || rest.first == UInt8(ascii: "\t") {
                    let key = Substring(rest).trimmed()
                    return key.isEmpty ? .emptyBearer : .key(key)
                }
            }
            if trimmed.hasCaseInsensitivePrefix("basic "),
                let decoded = Base64.decode(trimmed.dropFirst(6).trimmed())
            {
                let password =
                    decoded.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).last
                    .map(String.init) ?? ""
                return password.isEmpty ? .emptyBearer : .key(password)
            }
            return .unsupportedScheme
        }
        if let apiKey = headers.first(name: "api-key"), !apiKey.isEmpty { return .key(apiKey) }
        return .none
    }
}

extension String {
    /// Whether the string starts with the ASCII `prefix`, letter case ignored, without copying.
    func hasCaseInsensitivePrefix(_ prefix: String) -> Bool {
        var own = utf8.makeIterator()
        for expected in prefix.utf8 {
            guard let byte = own.next() else { return false }
            let folded = (byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte
            if folded != expected { return false }
        }
        return true
    }

    func replacingPercentSpaces() -> String {
        var out = ""
        var iterator = makeIterator()
        while let character = iterator.next() {
            if character == "+" {
                out.append(" ")
            } else if character == "%" {
                let a = iterator.next()
                let b = iterator.next()
                if let a, let b, let value = UInt8(String([a, b]), radix: 16) {
                    out.unicodeScalars.append(Unicode.Scalar(value))
                } else {
                    out.append("%")
                    if let a { out.append(a) }
                    if let b { out.append(b) }
                }
            } else {
                out.append(character)
            }
        }
        return out
    }
}

/// Standard base64 decoding, for `Authorization: Basic`.
enum Base64 {
    static func decode(_ text: String) -> String? {
        var table = [UInt8: UInt8]()
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[c] = UInt8(i)
        }
        var bits: UInt32 = 0
        var count = 0
        var out: [UInt8] = []
        for c in text.utf8 where c != UInt8(ascii: "=") {
            guard let v = table[c] else { return nil }
            bits = (bits << 6) | UInt32(v)
            count += 6
            if count >= 8 {
                count -= 8
                out.append(UInt8((bits >> UInt32(count)) & 0xFF))
            }
        }
        return String(validating: out, as: UTF8.self)
    }
}
