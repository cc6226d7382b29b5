/// Causes shown by a failure before any HTTP answer: DNS, TCP, proxy, TLS, headers.
enum TransportRules {
    /// Ports local proxy tools listen on (Clash 7890, V2Ray 10809/1080, Squid 3128, mitmproxy 8080…).
    static let typicalProxyPorts: Set<Int> = [1080, 1087, 3128, 7890, 7891, 8080, 8118, 8888, 10808, 10809, 9090, 8899]

    /// The rules: one per failed phase while no answer arrived (the proxy's refusal of CONNECT is
    /// the proxy phase's).
    static let rules: [Rule] = [
        // A relay or aggregator that reports its upstream provider's failure (``UpstreamReports``):
        // the failure is on the relay's own path to a provider, so no cause of this request is shown.
        Rule("transport.relayed-upstream", .transport, [.unknown]) { facts in
            guard let transport = facts.unanswered, let marker = UpstreamReports.marker(in: facts) else { return nil }
            let failure = transport.detail.map { " (\($0.prefix(160)))" } ?? ""
            return .unknown(
                "a relay or aggregator reported its upstream provider's failure\(failure): \(marker). That failure lies between the relay and the provider it calls (its proxy chain, the provider, the provider refusing it), not on a request to the API, so it names no cause of this request",
                next: [
                    "Read the relay's own log for the request, or ask its operator: the failure is between the relay and the provider it calls.",
                    "To test your own path to OpenAI, run `openai-doctor check` from the same machine.",
                ])
        },
        Rule("transport.proxy", .transport, [.proxyAuthRequired, .proxyBlocked, .proxyMisconfigured]) { facts in
            facts.unanswered.flatMap { $0.phase == .proxy ? classify($0, facts: facts) : nil }
        },
        Rule("transport.request", .transport, [.keyMalformed, .keyMissing, .endpointWrong]) { facts in
            facts.unanswered.flatMap { $0.phase == .request ? classify($0, facts: facts) : nil }
        },
        Rule("transport.tls", .transport, [.tlsIntercepted, .proxyMisconfigured, .networkConnect]) { facts in
            facts.unanswered.flatMap { $0.phase == .tls ? classify($0, facts: facts) : nil }
        },
        Rule("transport.dns", .transport, [.networkDNS, .proxyMisconfigured]) { facts in
            facts.unanswered.flatMap { $0.phase == .dns ? classify($0, facts: facts) : nil }
        },
        Rule(
            "transport.connect", .transport,
            [.networkConnect, .networkTimeout, .networkDNSPoisoned, .proxyMisconfigured]
        ) { facts in
            facts.unanswered.flatMap {
                [.connect, .response, .unknown].contains($0.phase) ? classify($0, facts: facts) : nil
            }
        },
    ]

    static func classify(_ transport: TransportFailure, facts: Facts) -> Classification? {
        let where_ = [transport.host, transport.address.map { a in transport.port.map { "\(a):\($0)" } ?? a }]
            .compactMap { $0 }.joined(separator: " ")
        let subject = where_.isEmpty ? "" : " (\(where_))"

        switch transport.phase {
        case .proxy:
            if transport.kind == .proxyStatus, let status = facts.proxyConnectStatus {
                return ProxyRules.fromConnectStatus(status, facts: facts)
            }
            if transport.kind == .proxyStatus {
                let detail = (transport.detail ?? "").lowercased()
                // A 407, or a client's own words for one ("Failed to authenticate with proxy",
                // "proxy authorization required").
                let demandsCredentials = ["407", "authenticate with proxy", "proxy authorization required"]
                    .contains { detail.contains($0) }
                if demandsCredentials || facts.proxyConnectStatus == 407 {
                    return verdict(
                        .proxyAuthRequired, .high,
                        "the proxy answered the CONNECT tunnel with 407 Proxy Authentication Required")
                }
                return verdict(.proxyBlocked, .high, "the proxy refused the CONNECT tunnel to the API\(subject)")
            }
            return verdict(
                .proxyMisconfigured, .high,
                "the client could not use its configured proxy\(subject): \(transport.kind.rawValue)")
        case .request:
            if transport.kind == .cleartextBlocked {
                return verdict(
                    .endpointWrong, .high,
                    "the platform refused a cleartext http:// load (App Transport Security): the base URL must be https://"
                )
            }
            if transport.kind == .other {
                return verdict(.endpointWrong, .medium, "the client could not use the URL it was given\(subject)")
            }
            return KeyEchoRules.fromIllegalHeader(transport)
        case .tls where transport.kind == .handshakeFailed:
            // A handshake that broke without a certificate verdict or a reason (a bare fatal alert):
            // a middlebox, a VPN or a server fault alike. Nothing to name.
            return nil
        case .tls where transport.kind == .closed && !transport.viaProxy:
            // The far end closed the connection mid-handshake (an EOF where a record was due): no
            // certificate was judged, so nothing says it was another's; the path cut the connection.
            return verdict(
                .networkConnect, .low,
                "the connection was closed during the TLS handshake (\(transport.detail ?? "EOF")): a firewall or the network path cut it"
            )
        case .tls:
            if transport.kind == .protocolError || transport.kind == .closed, transport.viaProxy {
                return verdict(
                    .proxyMisconfigured, .high,
                    "the TLS handshake with the proxy broke (\(transport.detail ?? "protocol error")): an https:// proxy URL for a plain-HTTP proxy"
                )
            }
            if transport.kind == .protocolError {
                return verdict(
                    .tlsIntercepted, .low,
                    "the TLS handshake broke (\(transport.detail ?? "protocol error")): something in the path speaks TLS differently from the API's edge"
                )
            }
            return verdict(
                .tlsIntercepted, .high,
                "certificate validation failed (\(transport.kind.rawValue.replacing("_", with: " "))): the certificate presented is not the API's public one"
            )
        case .dns:
            if transport.viaProxy, let host = transport.host, !isAPIHost(host) {
                return verdict(.proxyMisconfigured, .high, "the proxy's own host name \(host) does not resolve")
            }
            if let host = transport.host, host.contains("proxy") {
                return verdict(.proxyMisconfigured, .medium, "the host that did not resolve, \(host), is a proxy")
            }
            return verdict(
                .networkDNS, .high,
                "name resolution failed\(subject): \(transport.kind.rawValue.replacing("_", with: " "))")
        case .connect, .response, .unknown:
            return connectOrTimeout(transport, facts: facts, subject: subject)
        }
    }

    private static func connectOrTimeout(_ transport: TransportFailure, facts: Facts, subject: String) -> Classification
    {
        if let text = transport.address, let address = IPAddress(text) {
            let aboutAPI = transport.host.map(isAPIHost) ?? true
            if address.isPrivateOrLocal {
                if let port = transport.port, port != 443, port != 80 || transport.viaProxy {
                    // A proxy only when the text names one, or the port is a proxy tool's and the
                    // text does not show the client calling that address as its base URL.
                    if transport.viaProxy || (typicalProxyPorts.contains(port) && !facts.callsAsBaseURL(text, port)) {
                        let known = typicalProxyPorts.contains(port) ? " (a port local proxy tools use)" : ""
                        return verdict(
                            .proxyMisconfigured, transport.viaProxy ? .high : .medium,
                            "the connection went to \(text):\(port)\(known), a local proxy that is not answering")
                    }
                    // A local server (a model server, a relay on this machine), not the API and no proxy.
                    let local = "\(text):\(port), a server on this machine or network (not the API, no proxy named)"
                    if transport.kind == .timedOut {
                        return verdict(.networkTimeout, .medium, "nothing answered in time at \(local)")
                    }
                    return verdict(
                        .networkConnect, .medium,
                        "the connection to \(local) failed (\(transport.kind.rawValue)): is that server running, on that port?"
                    )
                }
                if transport.viaProxy {
                    return verdict(
                        .proxyMisconfigured, .high, "the configured proxy at \(text) did not accept the connection")
                }
                // The API's name led here only when the text shows the API was called: a refusal at
                // 127.0.0.1:443 from a client whose target the text never names is as likely a local
                // relay or tool that is not running (an unofficial client's proxy, a desktop app).
                let apiNamed = transport.host.map(isAPIHost) ?? facts.mentionsAPIHost
                if apiNamed, transport.port == 443 || transport.port == nil {
                    return verdict(
                        .networkDNSPoisoned, .medium,
                        "the API's name led to the local address \(text) (a hosts-file entry or a blocking resolver)")
                }
                if transport.host == nil, transport.kind == .refused || transport.kind == .reset {
                    return verdict(
                        .networkConnect, .medium,
                        "the connection to \(text) failed (\(transport.kind.rawValue)), and the text does not name the host it was for: a local relay or tool that is not running, or a hosts-file entry for the API"
                    )
                }
            } else if aboutAPI, !CloudflareRanges.contains(address), !transport.viaProxy, !address.isTeredo {
                // (Never for a Teredo address: it is the tunnel's relay, not where the name pointed.)
                return verdict(
                    .networkDNSPoisoned, .high,
                    "the connection went to \(text), which is outside the Cloudflare ranges api.openai.com is served from (data as of \(CloudflareRanges.asOf))"
                )
            }
        }
        if transport.viaProxy, transport.kind == .refused || transport.kind == .unreachable {
            return verdict(.proxyMisconfigured, .high, "the proxy did not accept the connection\(subject)")
        }
        switch transport.kind {
        case .timedOut:
            let phase = transport.phase == .connect ? "connecting" : "waiting for the answer"
            return verdict(.networkTimeout, .high, "nothing answered in time while \(phase)\(subject)")
        case .refused, .reset, .unreachable:
            return verdict(.networkConnect, .high, "the TCP connection failed\(subject): \(transport.kind.rawValue)")
        case .closed:
            return verdict(.networkConnect, .medium, "the connection was closed without an answer\(subject)")
        default:
            return verdict(.networkConnect, .low, "the connection failed\(subject)")
        }
    }

    /// Whether a host is the API's (the poisoning check only applies to it).
    static func isAPIHost(_ host: String) -> Bool {
        let host = host.lowercased()
        return host == "api.openai.com" || host.hasSuffix(".openai.com") || host == "openai.com"
    }
}

extension Facts {
    /// Whether the input names the API's host anywhere (`api.openai.com`, any `*.openai.com`).
    var mentionsAPIHost: Bool {
        (evidence.body ?? evidence.excerpt ?? "").lowercased().contains("openai.com")
    }

    /// Whether the text shows the client calling `address:port` as its base URL
    /// (`http://127.0.0.1:8080/v1/chat/completions`, `http://localhost:8080/v1`): a local API
    /// server, not a proxy, whatever the port.
    func callsAsBaseURL(_ address: String, _ port: Int) -> Bool {
        let text = (evidence.body ?? evidence.excerpt ?? "").lowercased()
        var hosts = [address.contains(":") ? "[\(address)]" : address]
        if IPAddress(address)?.isLoopback == true { hosts.append("localhost") }
        return hosts.contains { text.contains("://\($0):\(port)/v1") }
    }
}
