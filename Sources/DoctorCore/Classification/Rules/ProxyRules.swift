/// Causes shown by a proxy or secure web gateway answering instead of the API.
enum ProxyRules {
    /// The rules, in precedence order.
    static let rules: [Rule] = [
        Rule("proxy.auth-required", .answeringParty, [.proxyAuthRequired]) { facts in
            guard facts.status == 407 || facts.evidence.hasSquidError("ERR_CACHE_ACCESS_DENIED") else { return nil }
            let challenge = facts.evidence.headers.contains("proxy-authenticate") ? ", with Proxy-Authenticate" : ""
            return verdict(.proxyAuthRequired, .high, "407 Proxy Authentication Required\(challenge)")
        },
        Rule("proxy.squid-connect-fail", .answeringParty, [.networkConnect]) { facts in
            guard facts.answeredByProxy, facts.evidence.hasSquidError("ERR_CONNECT_FAIL") else { return nil }
            return verdict(
                .networkConnect, .high,
                "Squid could not connect to the API (ERR_CONNECT_FAIL): the proxy's own route is failing")
        },
        Rule("proxy.squid-dns-fail", .answeringParty, [.networkDNS]) { facts in
            guard facts.answeredByProxy, facts.evidence.hasSquidError("ERR_DNS_FAIL") else { return nil }
            return verdict(.networkDNS, .high, "Squid could not resolve the API's name (ERR_DNS_FAIL)")
        },
        Rule("proxy.squid-read-timeout", .answeringParty, [.networkTimeout]) { facts in
            guard facts.answeredByProxy, facts.evidence.hasSquidError("ERR_READ_TIMEOUT") else { return nil }
            return verdict(.networkTimeout, .high, "Squid timed out reading from the API (ERR_READ_TIMEOUT)")
        },
        Rule("proxy.block-page", .answeringParty, [.proxyBlocked]) { facts in
            guard facts.answeredByProxy else { return nil }
            let blocking =
                [nil, 403, 200, 302, 303].contains(facts.status) || facts.evidence.hasSquidError("ERR_ACCESS_DENIED")
            guard blocking else { return nil }
            let vendor = facts.evidence.proxyVendor.map { $0 } ?? "a proxy"
            return verdict(.proxyBlocked, .high, "the answer is \(vendor)'s block page or headers, not the API's")
        },
    ]

    /// The cause a proxy's answer to CONNECT stands for.
    static func fromConnectStatus(_ status: Int, facts: Facts) -> Classification {
        switch status {
        case 407:
            return verdict(
                .proxyAuthRequired, .high, "the proxy answered CONNECT with 407 Proxy Authentication Required")
        case 403:
            return verdict(
                .proxyBlocked, .high, "the proxy answered CONNECT with 403: it refuses the tunnel to the API")
        case 502, 503, 504:
            return verdict(
                .networkConnect, .medium, "the proxy answered CONNECT with \(status): it could not reach the API")
        default:
            return verdict(.proxyBlocked, .medium, "the proxy answered CONNECT with \(status)")
        }
    }
}

extension Facts {
    /// Whether a proxy's page or headers answered.
    var answeredByProxy: Bool { evidence.provider == .proxy }
}
