/// Causes shown by a proxy or secure web gateway answering instead of the API.
enum ProxyRules {
    static func classify(_ facts: Facts) -> Classification? {
        let evidence = facts.evidence
        if facts.status == 407 || evidence.hasMarker("squid:ERR_CACHE_ACCESS_DENIED") {
            return verdict(.proxyAuthRequired, .high,
                "407 Proxy Authentication Required\(evidence.headers.contains("proxy-authenticate") ? ", with Proxy-Authenticate" : "")")
        }
        guard evidence.provider == .proxy else { return nil }
        let vendor = evidence.markers.first { $0.hasPrefix("proxy:") && !$0.hasPrefix("proxy:connect") }
            .map { String($0.dropFirst(6)) } ?? "a proxy"
        if evidence.hasMarker("squid:ERR_CONNECT_FAIL") {
            return verdict(.networkConnect, .high, "Squid could not connect to the API (ERR_CONNECT_FAIL): the proxy's own route is failing")
        }
        if evidence.hasMarker("squid:ERR_DNS_FAIL") {
            return verdict(.networkDNS, .high, "Squid could not resolve the API's name (ERR_DNS_FAIL)")
        }
        if evidence.hasMarker("squid:ERR_READ_TIMEOUT") {
            return verdict(.networkTimeout, .high, "Squid timed out reading from the API (ERR_READ_TIMEOUT)")
        }
        if facts.status == nil || facts.status == 403 || facts.status == 200 || facts.status == 302 || facts.status == 303
            || evidence.hasMarker("squid:ERR_ACCESS_DENIED")
        {
            return verdict(.proxyBlocked, .high, "the answer is \(vendor)'s block page or headers, not the API's")
        }
        return nil
    }

    static func fromConnectStatus(_ status: Int, facts: Facts) -> Classification {
        switch status {
        case 407:
            return verdict(.proxyAuthRequired, .high, "the proxy answered CONNECT with 407 Proxy Authentication Required")
        case 403:
            return verdict(.proxyBlocked, .high, "the proxy answered CONNECT with 403: it refuses the tunnel to the API")
        case 502, 503, 504:
            return verdict(.networkConnect, .medium, "the proxy answered CONNECT with \(status): it could not reach the API")
        default:
            return verdict(.proxyBlocked, .medium, "the proxy answered CONNECT with \(status)")
        }
    }
}
