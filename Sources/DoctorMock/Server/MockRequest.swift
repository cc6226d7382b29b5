import DoctorCore

/// One complete request as the connection handler read it: the method, the request target
/// split into path and query, the header fields in order, and the body.
///
/// Plain values only (no NIO type), so that what the mock reads from a request — the path and
/// query, query parameters, the credential, whether the connection stays open — is one pure
/// reading the fuzz harness runs too. NIO's decoder parses the bytes; ``init(head:body:bodyTooLarge:receivedAt:)``
/// (MockRequest+NIO.swift) is the one place its types become these values.
struct MockRequest: Sendable {
    var method: String
    var path: String
    var query: String?
    /// The header fields in the order the client sent them; look-ups ignore letter case.
    var headers: HeaderFields
    var body: [UInt8]?
    var keepAlive: Bool
    var bodyTooLarge: Bool
    /// Nanoseconds since the server started, when the request was complete.
    var receivedAt: UInt64
    /// The credential presented, read once.
    let credential: Credential

    /// A request from its parts: `uri` is the request target with its query, `keepAlive`
    /// whether the connection stays open after the answer (HTTP/1.1's rule over `headers`
    /// when not given: see ``keepsAlive(_:)``).
    init(
        method: String, uri: String, headers: HeaderFields, body: [UInt8]?, keepAlive: Bool? = nil,
        bodyTooLarge: Bool = false, receivedAt: UInt64
    ) {
        self.method = method
        (path, query) = Self.splitTarget(uri)
        self.headers = headers
        self.body = body
        self.keepAlive = keepAlive ?? Self.keepsAlive(headers)
        self.bodyTooLarge = bodyTooLarge
        self.receivedAt = receivedAt
        credential = Self.readCredential(headers)
    }

    /// A request made in process, as the decoder would have read it from an HTTP/1.1 client:
    /// `uri` with its query, headers in order. For driving ``MockCore`` without a socket.
    init(
        method: String, uri: String, headers: [(String, String)], body: [UInt8]?, bodyTooLarge: Bool = false,
        receivedAt: UInt64
    ) {
        self.init(
            method: method, uri: uri, headers: HeaderFields(headers.map { HeaderField(name: $0.0, value: $0.1) }),
            body: body, bodyTooLarge: bodyTooLarge, receivedAt: receivedAt)
    }

    /// The path and the query of a request target: split at the first `?` (no query without one).
    static func splitTarget(_ uri: String) -> (path: String, query: String?) {
        guard let mark = uri.firstIndex(of: "?") else { return (uri, nil) }
        return (String(uri[..<mark]), String(uri[uri.index(after: mark)...]))
    }

    /// HTTP/1.1's keep-alive rule, as NIO applies it: the `Connection` tokens (any letter case)
    /// decide — `close` closes, `keep-alive` keeps, both (or either twice) close — and the
    /// connection stays open when they say nothing.
    static func keepsAlive(_ headers: HeaderFields) -> Bool {
        var said: Bool?
        for token in tokens(headers, "connection") {
            if token.utf8.count == 5, token.hasCaseInsensitivePrefix("close") {
                said = false
            } else if token.utf8.count == 10, token.hasCaseInsensitivePrefix("keep-alive") {
                said = said == nil
            }
        }
        return said ?? true
    }

    /// The comma-separated tokens of every `name` field, trimmed of spaces and tabs, in order
    /// (`Connection: keep-alive, Upgrade` → `keep-alive`, `Upgrade`).
    static func tokens(_ headers: HeaderFields, _ name: String) -> [String] {
        headers.values(for: name).flatMap { $0.split(separator: ",").map { $0.trimmed() } }
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

    static func readCredential(_ headers: HeaderFields) -> Credential {
        if let authorization = headers["authorization"] {
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
        if let apiKey = headers["api-key"], !apiKey.isEmpty { return .key(apiKey) }
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
