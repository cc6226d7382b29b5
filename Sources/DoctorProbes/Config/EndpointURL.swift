/// An absolute URL split into the parts a connection needs, parsed without Foundation.
///
/// Accepts `scheme://[user[:password]@]host[:port][/path][?query]` with bracketed IPv6 hosts.
/// The password is kept only so it can be sent; ``redacted`` and ``description`` never show it.
///
/// ```swift
/// let url = EndpointURL("http://user:pw@proxy.corp:3128")!
/// url.redacted  // "http://user:***@proxy.corp:3128"
/// ```
public struct EndpointURL: Sendable, Hashable, CustomStringConvertible {
    /// The scheme, lowercased (`https`).
    public var scheme: String
    /// The user name, if given.
    public var user: String?
    /// The password, if given (never printed).
    public var password: String?
    /// The host, without brackets, lowercased.
    public var host: String
    /// The port written in the URL, if any.
    public var explicitPort: Int?
    /// The path (`/v1`), empty when none.
    public var path: String
    /// The query without `?`, if any.
    public var query: String?

    /// Parses an absolute URL; `nil` when it has no scheme or host, or a bad port.
    public init?(_ text: String) {
        guard let schemeEnd = text.firstRange(of: "://") else { return nil }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard !scheme.isEmpty, scheme.allSatisfy(Self.isSchemeCharacter) else { return nil }
        var rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: Self.endsAuthority) ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        rest = rest[authorityEnd...]
        if let at = authority.lastIndex(of: "@") {
            let userinfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            if let colon = userinfo.firstIndex(of: ":") {
                user = String(userinfo[..<colon]).percentDecoded
                password = String(userinfo[userinfo.index(after: colon)...]).percentDecoded
            } else {
                user = String(userinfo).percentDecoded
            }
        }
        var hostPart: Substring
        var portPart: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portPart = after.dropFirst() } else if !after.isEmpty { return nil }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        } else {
            hostPart = authority
        }
        guard !hostPart.isEmpty else { return nil }
        if let portPart, !portPart.isEmpty {
            guard let port = Int(portPart), (1...65535).contains(port) else { return nil }
            explicitPort = port
        }
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        if let q = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: q)...])
            rest = rest[..<q]
        }
        self.scheme = scheme
        self.host = hostPart.lowercased()
        self.path = String(rest)
    }

    private static func isSchemeCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "+" || c == "-" || c == "."
    }

    private static func endsAuthority(_ c: Character) -> Bool {
        c == "/" || c == "?" || c == "#"
    }

    /// Creates a URL from parts.
    public init(scheme: String, host: String, port: Int? = nil, path: String = "", query: String? = nil) {
        self.scheme = scheme
        self.host = host
        self.explicitPort = port
        self.path = path
        self.query = query
    }

    /// The port: the explicit one, or the scheme's default (443, 80, 1080 for SOCKS).
    public var port: Int {
        if let explicitPort { return explicitPort }
        switch scheme {
        case "https": return 443
        case "http": return 80
        case "socks4", "socks4a", "socks5", "socks5h": return 1080
        default: return 443
        }
    }

    /// The host as written in a URL (`[::1]` for IPv6).
    public var hostForURL: String { host.contains(":") ? "[\(host)]" : host }

    /// `host:port` as a CONNECT request and a Host header write it.
    public var authority: String {
        explicitPort.map { "\(hostForURL):\($0)" } ?? hostForURL
    }

    /// The URL with any password replaced by `***`.
    public var redacted: String {
        var text = "\(scheme)://"
        if let user {
            text += user
            if password != nil { text += ":***" }
            text += "@"
        }
        text += authority + path
        if let query { text += "?" + query }
        return text
    }

    /// The redacted form.
    public var description: String { redacted }

    /// This URL with `suffix` appended to its path (one slash between them).
    public func appending(path suffix: String) -> EndpointURL {
        var copy = self
        var base = path
        while base.hasSuffix("/") { base.removeLast() }
        copy.path = base + (suffix.hasPrefix("/") ? suffix : "/" + suffix)
        copy.query = nil
        return copy
    }

    /// This URL with only its scheme, host and port (no path, no credentials).
    public var origin: EndpointURL {
        EndpointURL(scheme: scheme, host: host, port: explicitPort)
    }
}

extension String {
    /// `%XX` sequences decoded; malformed ones kept as written.
    var percentDecoded: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var utf8 = Array(self.utf8)[...]
        while let byte = utf8.first {
            utf8 = utf8.dropFirst()
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
