/// The path to the API: the edge, proxies, TLS, DNS and TCP.
///
/// One spec per cause (``CauseSpec``): what docs/causes.md says of it, the wording families that
/// name it, and what the tool tells a person about it.
extension CauseSpec {
    /// `edge.blocked`: refused by Cloudflare in front of the API (IP reputation, firewall rule, country ban).
    static let edgeBlocked = CauseSpec(
        id: .edgeBlocked,
        layer: .edge, retry: .no, shownByHTTPAnswer: true,
        statuses: [403...403, 400...400],
        wording: Wording(
            rank: 200, confidence: .medium,
            fragments: [
                "your request was blocked",
                // Cloudflare's WAF block page as a terminal or a paste keeps it without its title
                // (`data-translate="blocked_why_headline"`, `"unable_to_access"`): Kilo-Org/kilocode#162,
                // OpenBMB/ChatDev#276; Azure Front Door's WAF page ("The request is blocked.", the edge
                // of chat.openai.com in 2022: acheong08/ChatGPT#62).
                "why have i been blocked?",
                "you are unable to access",
                "the request is blocked.",
                // The title of Cloudflare's 1xxx "Access denied" page ("Access denied | host used
                // Cloudflare to restrict access", docs/data/cloudflare-error-markers.txt), kept when
                // the page's code sits in an elided script.
                "used cloudflare to restrict access",
            ]),
        title: "Cloudflare in front of the API blocked the request",
        explanation:
            "The refusal came from Cloudflare's edge, not from OpenAI: the answer has `server: cloudflare` and a ray id but no OpenAI headers, and is an HTML block page or a plain `error code: 1020`-style body. Cloudflare blocks by IP reputation (data-centre, VPN and Tor exits, shared proxies), firewall rule or country.",
        fixes: [
            Fix(
                .network,
                "Try from another network (a phone hotspot, home connection) to confirm the block follows the IP address."
            ),
            Fix(
                .network,
                "Turn off the VPN or proxy, or move to an exit with a better reputation; shared free proxies and some hosting ranges are blocked often."
            ),
            Fix(
                .headers,
                "If you call the API through a relay, the block may be the relay's own firewall: check its status and headers."
            ),
            Fix(
                .support,
                "If a clean residential or office IP is blocked, write to help.openai.com with the Cloudflare ray id and time."
            ),
        ]
    )

    /// `proxy.blocked`: a corporate proxy or firewall between the client and the API refused.
    static let proxyBlocked = CauseSpec(
        id: .proxyBlocked,
        layer: .proxy, retry: .no, shownByHTTPAnswer: true,
        wording: Wording(
            rank: 205, confidence: .high,
            fragments: [
                "your ai proxy settings specify that requests to"
            ]),
        title: "A proxy or firewall on your network refused the request",
        explanation:
            "The answer came from a proxy or secure web gateway between you and the API (Squid, Zscaler, Netskope, Fortinet, Blue Coat, Palo Alto…), not from OpenAI: its block page, its headers (`X-Squid-Error`, `Via`) or its refusal of the CONNECT tunnel show it. Your organization's policy does not allow this destination.",
        fixes: [
            Fix(
                .network,
                "Ask your network administrators to allow api.openai.com (HTTPS, port 443) for your user or host; quote the block page's reason and rule if it has one."
            ),
            Fix(
                .network,
                "Check whether the proxy should be used at all for this host (HTTPS_PROXY / NO_PROXY); `openai-doctor check` shows which proxy applies."
            ),
        ]
    )

    /// `proxy.auth_required`: the proxy wants credentials.
    static let proxyAuthRequired = CauseSpec(
        id: .proxyAuthRequired,
        layer: .proxy, retry: .no, shownByHTTPAnswer: true,
        title: "The proxy requires authentication",
        explanation:
            "The proxy answered 407 Proxy Authentication Required: it wants credentials this client did not send, or refused the ones it sent. For HTTPS this arrives as the answer to CONNECT (\"Tunnel connection failed: 407\").",
        fixes: [
            Fix(
                .network,
                "Put the proxy credentials in the proxy URL (`http://user:password@proxy:port`, percent-encoding special characters) or in your client's proxy settings."
            ),
            Fix(
                .network,
                "If the proxy uses NTLM or Negotiate (Kerberos), use a client that supports it or a local authenticating proxy such as cntlm/px."
            ),
        ]
    )

    /// `proxy.misconfigured`: a proxy is configured but unusable: not running, wrong port or scheme, placeholder host.
    static let proxyMisconfigured = CauseSpec(
        id: .proxyMisconfigured,
        layer: .proxy, retry: .no, shownByHTTPAnswer: false,
        title: "The configured proxy cannot be used",
        explanation:
            "A proxy is configured but the client could not use it: nothing listens at its address or port, its host name does not resolve, the URL uses `https://` for a plain-HTTP proxy (\"EOF occurred in violation of protocol\"), or a proxy meant for another network (a VPN client's local port, a placeholder) is still set.",
        fixes: [
            Fix(
                .network,
                "Check HTTPS_PROXY, https_proxy, ALL_PROXY and your client's proxy argument; `openai-doctor check` shows which one applies and whether it answers."
            ),
            Fix(
                .network,
                "Start the local proxy (Clash, V2Ray…) or remove the variable if you no longer use it; use `http://` for an HTTP proxy even for HTTPS traffic."
            ),
            Fix(.network, "Add the API host to NO_PROXY if it should bypass the proxy."),
        ]
    )

    /// `tls.intercepted`: the certificate presented is not the API's public one (TLS inspection, antivirus, missing CA bundle).
    static let tlsIntercepted = CauseSpec(
        id: .tlsIntercepted,
        layer: .tls, retry: .no, shownByHTTPAnswer: false,
        title: "The TLS certificate is not the API's",
        explanation:
            "The certificate presented for the API host does not chain to a public root the client trusts: a corporate TLS-inspection proxy, an antivirus or a captive portal re-signs the traffic with its own CA, or the client's CA bundle lacks the root (\"self-signed certificate in certificate chain\", \"unable to get local issuer certificate\").",
        fixes: [
            Fix(
                .network,
                "If your organization inspects TLS, point the client at the corporate CA: SSL_CERT_FILE / REQUESTS_CA_BUNDLE (Python), NODE_EXTRA_CA_CERTS (Node), or `--cacert` here — never disable verification."
            ),
            Fix(
                .network,
                "If you do not expect inspection, the issuer `openai-doctor check` names tells who is intercepting (antivirus, captive portal, malware): investigate before sending a key through it."
            ),
            Fix(.network, "Update the client's CA bundle (certifi, ca-certificates) if it is old."),
        ]
    )

    /// `network.dns`: the API's name does not resolve.
    static let networkDNS = CauseSpec(
        id: .networkDNS,
        layer: .network, retry: .yes, shownByHTTPAnswer: false,
        title: "The API host name does not resolve",
        explanation:
            "The client could not look up the API's address (ENOTFOUND, EAI_AGAIN, \"Could not resolve host\", getaddrinfo failed): no network, a resolver that is down or blocks the name, a typo in the base URL, or a container without DNS.",
        fixes: [
            Fix(.request, "Check the base URL for typos (it should be https://api.openai.com/v1)."),
            Fix(
                .network,
                "Check the machine's network and resolver (`getent hosts api.openai.com`, /etc/resolv.conf, the container's DNS settings)."
            ),
            Fix(.network, "If a VPN or corporate DNS blocks the name, try another resolver or network."),
        ]
    )

    /// `network.dns_poisoned`: the name resolves to addresses that are not the API's (tampered or hijacked DNS).
    static let networkDNSPoisoned = CauseSpec(
        id: .networkDNSPoisoned,
        layer: .network, retry: .no, shownByHTTPAnswer: false,
        title: "The API host name resolves to addresses that are not OpenAI's",
        explanation:
            "The addresses the client connected to are outside the ranges Cloudflare publishes for the API's edge — typical of tampered DNS (connections to Twitter or Facebook addresses, to 127.0.0.1, or to a blocking resolver's sinkhole). Connections then time out or are refused, which looks like a network outage but is a DNS answer problem.",
        fixes: [
            Fix(
                .network,
                "Compare `getent hosts api.openai.com` with a trusted resolver; use DNS over HTTPS/TLS or another resolver."
            ),
            Fix(
                .network,
                "Remove stale entries for api.openai.com from /etc/hosts (or C:\\Windows\\System32\\drivers\\etc\\hosts)."
            ),
            Fix(.network, "Where DNS is tampered with by the network, use a network or VPN whose resolver is not."),
        ]
    )

    /// `network.connect`: tCP connect refused, reset or unreachable.
    static let networkConnect = CauseSpec(
        id: .networkConnect,
        layer: .network, retry: .yes, shownByHTTPAnswer: false,
        title: "The connection to the API was refused or reset",
        explanation:
            "The name resolved but the TCP connection failed (refused, reset, network unreachable) before any HTTP answer: a firewall, no route, or a local proxy/VPN that is not running. A retry can help if it was transient.",
        fixes: [
            Fix(
                .network,
                "Check that outbound HTTPS (port 443) is allowed from this machine or container (`curl -v https://api.openai.com/v1/models`)."
            ),
            Fix(
                .network,
                "If a proxy or VPN is required on this network, configure it (HTTPS_PROXY); if one is configured but stopped, start it or remove it."
            ),
            Fix(.headers, "Retry with backoff: resets can be transient."),
        ]
    )

    /// `network.timeout`: nothing answered in time.
    static let networkTimeout = CauseSpec(
        id: .networkTimeout,
        layer: .network, retry: .yes, shownByHTTPAnswer: false,
        title: "Nothing answered in time",
        explanation:
            "The client gave up waiting — on connect (a black-holed route or firewall dropping packets) or on the answer (a very long generation, a stalled proxy). With no HTTP status, the network path is the first suspect; with long requests, the client's own timeout may be too short.",
        fixes: [
            Fix(
                .network,
                "Check that the API host is reachable from this network (`openai-doctor check` times each phase)."),
            Fix(
                .headers, "For long generations, stream the response or raise the client's timeout; retry with backoff."
            ),
            Fix(.status, "Check https://status.openai.com for an ongoing incident."),
        ]
    )

}
