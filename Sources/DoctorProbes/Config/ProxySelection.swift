import DoctorCore

/// Which proxy curl would use for a URL, from the environment and the command line.
///
/// curl's rules (docs/cmdline-opts/_ENVIRONMENT.md, lib/noproxy.c), which the Linux Swift
/// runtime inherits through libcurl and which this tool follows exactly:
/// - `--no-proxy` (ours: no proxy at all) wins over everything.
/// - `NO_PROXY`/`no_proxy` (lowercase read first) is checked next and overrides even `--proxy`:
///   comma- or space-separated tokens; `*` alone matches every host; a name matches itself and
///   its subdomains at a dot boundary, leading and trailing dots ignored, no globs; IP literals
///   match exactly, IPv6 without brackets, and CIDR blocks (`10.0.0.0/8`) match addresses inside.
///   A token with `:port` matches only that port (an extension some clients share; curl ignores it).
/// - Then `--proxy URL`.
/// - Then the scheme's variable: `https_proxy` before `HTTPS_PROXY`; for `http` only the
///   lowercase `http_proxy` (uppercase is ignored, the httpoxy protection).
/// - Then `all_proxy` before `ALL_PROXY`.
/// - A value without a scheme is an HTTP proxy; without a port, port 1080.
///
/// ```swift
/// let choice = ProxySelection.select(for: EndpointURL("https://api.openai.com/v1")!,
///                                    environment: ["HTTPS_PROXY": "proxy.corp:3128", "NO_PROXY": ".internal"])
/// choice.proxy?.redacted  // "http://proxy.corp:3128"
/// choice.source           // "env HTTPS_PROXY"
/// ```
public struct ProxySelection: Sendable, Equatable {
    /// The proxy to use, or `nil` for a direct connection.
    public var proxy: EndpointURL?
    /// Where the proxy came from (`flag --proxy`, `env https_proxy`), or why there is none.
    public var source: String
    /// The `NO_PROXY` token that sent the host direct, if one did.
    public var bypassedBy: String?
    /// A proxy value that was set but could not be parsed (so it is unusable).
    public var unparsable: String?
    /// Variables that are set but ignored under curl's rules (uppercase `HTTP_PROXY`, a shadowed `HTTPS_PROXY`).
    public var ignored: [String]

    /// Creates a selection.
    public init(
        proxy: EndpointURL?, source: String, bypassedBy: String? = nil, unparsable: String? = nil,
        ignored: [String] = []
    ) {
        self.proxy = proxy
        self.source = source
        self.bypassedBy = bypassedBy
        self.unparsable = unparsable
        self.ignored = ignored
    }

    /// Chooses the proxy for `url` under curl's rules.
    ///
    /// - Parameters:
    ///   - url: The URL to be fetched.
    ///   - environment: The process environment.
    ///   - flagProxy: The `--proxy` value, if given.
    ///   - noProxyFlag: Whether `--no-proxy` was given (no proxy whatever the environment says).
    /// - Returns: The proxy and where it came from.
    public static func select(
        for url: EndpointURL, environment: [String: String], flagProxy: String? = nil, noProxyFlag: Bool = false
    ) -> ProxySelection {
        var ignored: [String] = []
        if url.scheme == "http", let upper = environment["HTTP_PROXY"], !upper.isEmpty {
            ignored.append("HTTP_PROXY (curl reads only lowercase http_proxy)")
        }
        if noProxyFlag {
            return ProxySelection(proxy: nil, source: "flag --no-proxy", ignored: ignored)
        }
        let noProxyName = nonEmpty(environment["no_proxy"]) != nil ? "no_proxy" : "NO_PROXY"
        if let list = nonEmpty(environment["no_proxy"]) ?? nonEmpty(environment["NO_PROXY"]),
            let token = matchingToken(in: list, host: url.host, port: url.port)
        {
            return ProxySelection(
                proxy: nil, source: "env \(noProxyName)", bypassedBy: token, ignored: ignored)
        }
        var candidates: [(String, String)] = []
        if let flagProxy, !flagProxy.isEmpty { candidates.append(("flag --proxy", flagProxy)) }
        let schemeNames =
            url.scheme == "https" ? ["https_proxy", "HTTPS_PROXY"] : url.scheme == "http" ? ["http_proxy"] : []
        for name in schemeNames + ["all_proxy", "ALL_PROXY"] {
            if let value = nonEmpty(environment[name]) { candidates.append(("env \(name)", value)) }
        }
        guard let (source, value) = candidates.first else {
            return ProxySelection(proxy: nil, source: "none", ignored: ignored)
        }
        for (otherSource, otherValue) in candidates.dropFirst() where otherValue != value {
            ignored.append("\(otherSource.configReplacingPrefix("env ", with: "")) (shadowed by \(source))")
        }
        guard let parsed = parseProxy(value) else {
            return ProxySelection(proxy: nil, source: source, unparsable: redactProxyText(value), ignored: ignored)
        }
        return ProxySelection(proxy: parsed, source: source, ignored: ignored)
    }

    /// Parses a proxy value as curl does: no scheme means `http://`, no port means 1080.
    public static func parseProxy(_ text: String) -> EndpointURL? {
        let trimmed = text.trimmed(lineEnds: true)
        guard !trimmed.isEmpty else { return nil }
        var url = EndpointURL(trimmed.contains("://") ? trimmed : "http://" + trimmed)
        if var proxy = url, proxy.explicitPort == nil, proxy.scheme == "http" || proxy.scheme == "https" {
            proxy.explicitPort = 1080
            url = proxy
        }
        if let path = url?.path, path == "/" { url?.path = "" }
        return url
    }

    /// The first `NO_PROXY` token that matches `host` (and `port`), if any.
    public static func matchingToken(in list: String, host: String, port: Int?) -> String? {
        let tokens = list.split { $0 == "," || $0 == " " || $0 == "\t" }.map(String.init)
        let bareHost = host.lowercased().configStripping("[]")
        let hostAddress = IPAddress(bareHost)
        for token in tokens {
            if token == "*" { return token }
            var name = token.lowercased()
            var tokenPort: Int?
            if name.hasPrefix("["), let close = name.firstIndex(of: "]") {
                let after = name[name.index(after: close)...]
                if after.hasPrefix(":") { tokenPort = Int(after.dropFirst()) }
                name = String(name[name.index(after: name.startIndex)..<close])
            } else if name.filter({ $0 == ":" }).count == 1, let colon = name.lastIndex(of: ":"),
                let p = Int(name[name.index(after: colon)...])
            {
                tokenPort = p
                name = String(name[..<colon])
            }
            if let tokenPort, let port, tokenPort != port { continue }
            if let hostAddress {
                if name.contains("/"), let network = IPNetwork(name) {
                    if network.contains(hostAddress) { return token }
                } else if let tokenAddress = IPAddress(name), tokenAddress.bytes == hostAddress.bytes,
                    tokenAddress.family == hostAddress.family
                {
                    return token
                }
                continue
            }
            while name.hasPrefix(".") { name.removeFirst() }
            while name.hasSuffix(".") { name.removeLast() }
            guard !name.isEmpty else { continue }
            var h = bareHost
            while h.hasSuffix(".") { h.removeLast() }
            if h == name || h.hasSuffix("." + name) { return token }
        }
        return nil
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.trimmed(lineEnds: true).isEmpty else { return nil }
        return value
    }

    /// A proxy value with any password masked, for values that do not parse as URLs.
    static func redactProxyText(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@") else { return text }
        let head = text[..<at]
        guard let schemeEnd = head.firstRange(of: "://") else {
            return head.contains(":") ? "***@" + text[text.index(after: at)...] : text
        }
        let userinfo = head[schemeEnd.upperBound...]
        guard let colon = userinfo.firstIndex(of: ":") else { return text }
        return String(head[..<colon]) + ":***" + text[at...]
    }
}

extension String {
    func configStripping(_ set: String) -> String {
        var slice = Substring(self)
        while let c = slice.first, set.contains(c) { slice.removeFirst() }
        while let c = slice.last, set.contains(c) { slice.removeLast() }
        return String(slice)
    }

    func configReplacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
