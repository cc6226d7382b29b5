import DoctorCore

/// Where the `/metrics` endpoint listens: `HOST:PORT` with an IP literal host, `[IPv6]:PORT`,
/// `localhost:PORT`, or `:PORT` for every interface.
///
/// ```swift
/// try ListenAddress.parse("127.0.0.1:9464")  // 127.0.0.1, 9464
/// try ListenAddress.parse("[::1]:0")         // ::1, an ephemeral port
/// try ListenAddress.parse("9464")            // throws: no host:port separator
/// ```
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// Why a listen address was refused.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        /// The text given.
        public var text: String
        /// What is wrong with it.
        public var reason: String

        /// `--metrics-listen "9464": expected HOST:PORT …`.
        public var description: String { "\"\(text)\": \(reason)" }
    }

    /// The address to bind: an IPv4 or IPv6 literal.
    public var host: String
    /// The port (0 for an ephemeral one).
    public var port: Int

    /// The default, loopback only: `127.0.0.1:9464` (the port OpenTelemetry's Prometheus exporter uses).
    public static let defaultAddress = ListenAddress(host: "127.0.0.1", port: 9464)

    /// Creates an address from parts already checked.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// `127.0.0.1:9464`, `[::1]:9464`.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// The endpoint's URL, for the start-up line (an unspecified host is shown as loopback).
    public var metricsURL: String {
        let shown = host == "0.0.0.0" ? "127.0.0.1" : (host == "::" ? "::1" : host)
        return "http://\(ListenAddress(host: shown, port: port))/metrics"
    }

    /// Parses `HOST:PORT`.
    ///
    /// - Throws: ``ParseError`` naming what is wrong: no port, a port out of range, or a host that
    ///   is not an IP address (names other than `localhost` are refused rather than resolved, so
    ///   the bind goes exactly where the flag says).
    public static func parse(_ text: String) throws(ParseError) -> ListenAddress {
        func fail(_ reason: String) -> ParseError { ParseError(text: text, reason: reason) }
        let trimmed = text.trimmed()
        let host: String
        let portText: Substring
        if trimmed.hasPrefix("[") {
            guard let close = trimmed.firstIndex(of: "]") else { throw fail("an IPv6 address needs its closing \"]\"") }
            host = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
            let rest = trimmed[trimmed.index(after: close)...]
            guard rest.hasPrefix(":") else { throw fail("expected [IPv6]:PORT, e.g. [::1]:9464") }
            portText = rest.dropFirst()
            guard IPAddress(host)?.family == .v6 else { throw fail("\"\(host)\" is not an IPv6 address") }
        } else {
            guard let colon = trimmed.lastIndex(of: ":") else {
                throw fail("expected HOST:PORT, e.g. 127.0.0.1:9464 (or :9464 for every interface)")
            }
            let name = String(trimmed[..<colon])
            portText = trimmed[trimmed.index(after: colon)...]
            if name.contains(":") { throw fail("put an IPv6 address in brackets: [::1]:9464") }
            switch name {
            case "": host = "0.0.0.0"
            case "localhost": host = "127.0.0.1"
            default:
                guard IPAddress(name)?.family == .v4 else {
                    throw fail(
                        "\"\(name)\" is not an IP address (use 127.0.0.1, ::1 in brackets, localhost, or an interface's address)"
                    )
                }
                host = name
            }
        }
        guard !portText.isEmpty, portText.allSatisfy({ $0.isASCII && $0.isNumber }), portText.count <= 5,
            let port = Int(portText), port <= 65535
        else { throw fail("the port must be a number from 0 to 65535") }
        return ListenAddress(host: host, port: port)
    }
}
