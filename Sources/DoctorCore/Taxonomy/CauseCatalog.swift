/// The catalogue of causes: a title, an explanation and ordered fixes for every ``CauseID``.
///
/// Fixes follow the guide's order, least disruptive first: request and key, then account and
/// billing, organization and project, region and IP, proxy and VPN, request headers, the
/// status page, and support last.
public enum CauseCatalog {
    /// The description of `cause`.
    public static func description(of cause: CauseID) -> CauseDescription {
        entries[cause] ?? CauseDescription(id: cause, title: cause.rawValue, explanation: "", fixes: [])
    }

    /// Every description, in the order of ``CauseID/allCases``.
    public static var all: [CauseDescription] { CauseID.allCases.map(description(of:)) }

    private static let support = Fix(
        .support,
        "If it persists, write to help.openai.com with the request id, the exact local time and time zone, and the output of `openai-doctor report --format markdown` (it holds no secrets)."
    )

    private static let entries: [CauseID: CauseDescription] = Dictionary(
        uniqueKeysWithValues: list.map { ($0.id, $0) }
    )

    private static let list: [CauseDescription] = [
        CauseDescription(
            id: .keyMissing,
            title: "No API key was sent",
            explanation:
                "The API answered 401 because the request carried no credentials: the Authorization header was missing or held an empty `Bearer `. Usually the key variable is unset in the environment the program really runs in (a service, a container, a CI job, an IDE launch configuration), or the client was created before the variable was loaded.",
            fixes: [
                Fix(.key, "Set OPENAI_API_KEY in the environment the program runs in (or pass the key to the client explicitly); `openai-doctor check` shows where it looked and what it found."),
                Fix(.key, "If you use a .env file, make sure it is loaded before the client is created and that the variable name matches exactly."),
                Fix(.headers, "If you build requests by hand, send `Authorization: Bearer <key>` (Azure: the `api-key` header)."),
            ]
        ),
        CauseDescription(
            id: .keyInvalid,
            title: "The API key is not valid",
            explanation:
                "OpenAI recognised no account for this key: it is mistyped, revoked, deleted, belongs to another organization's revoked project, is a placeholder, or is not an OpenAI key at all. The message echoes the start and end of the key it received; compare that with the key you think you are using.",
            fixes: [
                Fix(.key, "Compare the echoed key's first and last characters with your configured key (`openai-doctor check` prints its fingerprint); an older key in another variable, .env file or shell profile often wins."),
                Fix(.key, "Create a new key at https://platform.openai.com/api-keys and replace the old one everywhere it is set."),
                Fix(.key, "If you point the client at another provider or a relay, use that provider's key and base URL together."),
                support,
            ]
        ),
        CauseDescription(
            id: .keyMalformed,
            title: "The API key was damaged before it was sent",
            explanation:
                "The key contains characters a key never has — white space, a newline, quotes, angle brackets, a zero-width or typographic character — or it is cut short. Such a key either cannot be put in an HTTP header at all (\"Illegal header value\", a latin-1/ascii encoding error at position 7, right after `Bearer `) or reaches OpenAI as a different string. It usually comes from copying out of a document, chat or web page.",
            fixes: [
                Fix(.key, "Copy the key again from https://platform.openai.com/api-keys into a plain-text editor and paste it without quotes, brackets or spaces."),
                Fix(.key, "Remove quotes around the value in .env files and CI secrets, and any trailing newline (`printf %s` rather than `echo`)."),
                Fix(.key, "Run `openai-doctor check` to see which character is wrong and where (the key itself is never printed)."),
            ]
        ),
        CauseDescription(
            id: .keyInsufficientScopes,
            title: "The key or role lacks a permission",
            explanation:
                "The key is valid, but it is a restricted key without the scope this endpoint needs, or your role in the organization or project does not allow the operation. The message names the missing scope (for example `api.model.read` or `api.responses.write`).",
            fixes: [
                Fix(.key, "Edit the restricted key's permissions at https://platform.openai.com/api-keys to grant the scope named in the message, or use a key with All permissions."),
                Fix(.organization, "Ask an organization owner to give you the Writer (organization) or Member (project) role needed for this operation."),
            ]
        ),
        CauseDescription(
            id: .orgMismatch,
            title: "The organization header does not match the key",
            explanation:
                "The request sent an `OpenAI-Organization` header naming an organization this key does not belong to. OPENAI_ORG_ID (or an `organization=` argument) is set to another organization than the key's.",
            fixes: [
                Fix(.organization, "Unset OPENAI_ORG_ID / remove the organization argument (the key already implies its organization), or set it to the id shown at https://platform.openai.com/settings/organization/general."),
                Fix(.organization, "If you meant to use that organization, create a key inside it."),
            ]
        ),
        CauseDescription(
            id: .orgMembership,
            title: "The key belongs to no usable organization",
            explanation:
                "OpenAI says the user or key is not a member of an organization, or the organization id sent does not exist (\"No such organization\"). It happens with a wrong `OpenAI-Organization` value (a name instead of an `org-…` id), after being removed from an organization, or on accounts that never completed set-up.",
            fixes: [
                Fix(.organization, "Send the organization id (`org-…`), not its name, or send none at all."),
                Fix(.organization, "Check at https://platform.openai.com/settings/organization/general that you still belong to the organization; ask its owner to invite you again if not."),
                support,
            ]
        ),
        CauseDescription(
            id: .projectMismatch,
            title: "The project header does not match the key",
            explanation:
                "The request named a project (`OpenAI-Project`) that this key or organization does not have, or the project is archived. Project keys (`sk-proj-…`) already carry their project.",
            fixes: [
                Fix(.organization, "Unset OPENAI_PROJECT_ID / the project argument, or set it to the key's own project id (`proj_…`)."),
                Fix(.organization, "If the project was archived, create a key in an active project."),
            ]
        ),
        CauseDescription(
            id: .projectIPNotAllowed,
            title: "Your IP address is not on the project's allowlist",
            explanation:
                "The organization or project restricts API access to listed IP addresses, and this request left from another one. This is a 401 even though the key is fine; it follows the network, not the key.",
            fixes: [
                Fix(.organization, "Add your egress IP (shown by `openai-doctor check` from the trace endpoint) to the IP allowlist in the project or organization settings."),
                Fix(.network, "Or send the traffic through the network whose address is allowed (office egress, the NAT gateway of your cloud)."),
            ]
        ),
        CauseDescription(
            id: .accountDeactivated,
            title: "The account behind the key is deactivated",
            explanation:
                "OpenAI deactivated or deleted the account, organization or key owner, often after a policy review or an unpaid balance. No change on your side makes this key work again.",
            fixes: [
                Fix(.key, "If you use someone else's app or relay, the deactivated account is theirs: contact them."),
                Fix(.account, "Check the email address of the account owner for a message from OpenAI about the deactivation."),
                support,
            ]
        ),
        CauseDescription(
            id: .billingQuotaExceeded,
            title: "No credit left, or billing is not active",
            explanation:
                "The account has no usable credit: prepaid credits ran out or expired, a usage limit or hard limit was reached, a bill is unpaid, or no payment method was ever added. It arrives as 429 like a rate limit, but waiting does not help and retrying only repeats the failure — SDKs that retry every 429 make it look like a hang.",
            fixes: [
                Fix(.account, "Check credits, payment method and overdue invoices at https://platform.openai.com/settings/organization/billing; add credit if the balance is zero (new credit can take a few minutes to apply)."),
                Fix(.account, "Raise the monthly budget / usage limit at https://platform.openai.com/settings/organization/limits if it was reached."),
                Fix(.organization, "Make sure the key belongs to the organization and project that has the credit (a personal organization and a company one are billed separately)."),
                Fix(.headers, "Stop retrying this error in your code: treat `insufficient_quota` as final."),
            ]
        ),
        CauseDescription(
            id: .regionUnsupported,
            title: "The request comes from an unsupported country or region",
            explanation:
                "OpenAI refused the request because the IP address it came from is located in a country or territory where the API is not offered. The decision follows the network your traffic leaves from (including a VPN's or cloud region's exit), not where you are or where your account was created.",
            fixes: [
                Fix(.region, "Check the egress country `openai-doctor check` reports (the `loc` of the API host's trace) against https://platform.openai.com/docs/supported-countries."),
                Fix(.region, "Using the API from an unsupported place is against OpenAI's terms and can get the account suspended."),
                Fix(.network, "If a VPN or proxy puts your exit in an unsupported place, turn it off or choose an exit in a supported country; for servers, deploy to a supported region."),
            ]
        ),
        CauseDescription(
            id: .edgeBlocked,
            title: "Cloudflare in front of the API blocked the request",
            explanation:
                "The refusal came from Cloudflare's edge, not from OpenAI: the answer has `server: cloudflare` and a ray id but no OpenAI headers, and is an HTML block page or a plain `error code: 1020`-style body. Cloudflare blocks by IP reputation (data-centre, VPN and Tor exits, shared proxies), firewall rule or country.",
            fixes: [
                Fix(.network, "Try from another network (a phone hotspot, home connection) to confirm the block follows the IP address."),
                Fix(.network, "Turn off the VPN or proxy, or move to an exit with a better reputation; shared free proxies and some hosting ranges are blocked often."),
                Fix(.headers, "If you call the API through a relay, the block may be the relay's own firewall: check its status and headers."),
                Fix(.support, "If a clean residential or office IP is blocked, write to help.openai.com with the Cloudflare ray id and time."),
            ]
        ),
        CauseDescription(
            id: .proxyBlocked,
            title: "A proxy or firewall on your network refused the request",
            explanation:
                "The answer came from a proxy or secure web gateway between you and the API (Squid, Zscaler, Netskope, Fortinet, Blue Coat, Palo Alto…), not from OpenAI: its block page, its headers (`X-Squid-Error`, `Via`) or its refusal of the CONNECT tunnel show it. Your organization's policy does not allow this destination.",
            fixes: [
                Fix(.network, "Ask your network administrators to allow api.openai.com (HTTPS, port 443) for your user or host; quote the block page's reason and rule if it has one."),
                Fix(.network, "Check whether the proxy should be used at all for this host (HTTPS_PROXY / NO_PROXY); `openai-doctor check` shows which proxy applies."),
            ]
        ),
        CauseDescription(
            id: .proxyAuthRequired,
            title: "The proxy requires authentication",
            explanation:
                "The proxy answered 407 Proxy Authentication Required: it wants credentials this client did not send, or refused the ones it sent. For HTTPS this arrives as the answer to CONNECT (\"Tunnel connection failed: 407\").",
            fixes: [
                Fix(.network, "Put the proxy credentials in the proxy URL (`http://user:password@proxy:port`, percent-encoding special characters) or in your client's proxy settings."),
                Fix(.network, "If the proxy uses NTLM or Negotiate (Kerberos), use a client that supports it or a local authenticating proxy such as cntlm/px."),
            ]
        ),
        CauseDescription(
            id: .proxyMisconfigured,
            title: "The configured proxy cannot be used",
            explanation:
                "A proxy is configured but the client could not use it: nothing listens at its address or port, its host name does not resolve, the URL uses `https://` for a plain-HTTP proxy (\"EOF occurred in violation of protocol\"), or a proxy meant for another network (a VPN client's local port, a placeholder) is still set.",
            fixes: [
                Fix(.network, "Check HTTPS_PROXY, https_proxy, ALL_PROXY and your client's proxy argument; `openai-doctor check` shows which one applies and whether it answers."),
                Fix(.network, "Start the local proxy (Clash, V2Ray…) or remove the variable if you no longer use it; use `http://` for an HTTP proxy even for HTTPS traffic."),
                Fix(.network, "Add the API host to NO_PROXY if it should bypass the proxy."),
            ]
        ),
        CauseDescription(
            id: .tlsIntercepted,
            title: "The TLS certificate is not the API's",
            explanation:
                "The certificate presented for the API host does not chain to a public root the client trusts: a corporate TLS-inspection proxy, an antivirus or a captive portal re-signs the traffic with its own CA, or the client's CA bundle lacks the root (\"self-signed certificate in certificate chain\", \"unable to get local issuer certificate\").",
            fixes: [
                Fix(.network, "If your organization inspects TLS, point the client at the corporate CA: SSL_CERT_FILE / REQUESTS_CA_BUNDLE (Python), NODE_EXTRA_CA_CERTS (Node), or `--cacert` here — never disable verification."),
                Fix(.network, "If you do not expect inspection, the issuer `openai-doctor check` names tells who is intercepting (antivirus, captive portal, malware): investigate before sending a key through it."),
                Fix(.network, "Update the client's CA bundle (certifi, ca-certificates) if it is old."),
            ]
        ),
        CauseDescription(
            id: .networkDNS,
            title: "The API host name does not resolve",
            explanation:
                "The client could not look up the API's address (ENOTFOUND, EAI_AGAIN, \"Could not resolve host\", getaddrinfo failed): no network, a resolver that is down or blocks the name, a typo in the base URL, or a container without DNS.",
            fixes: [
                Fix(.request, "Check the base URL for typos (it should be https://api.openai.com/v1)."),
                Fix(.network, "Check the machine's network and resolver (`getent hosts api.openai.com`, /etc/resolv.conf, the container's DNS settings)."),
                Fix(.network, "If a VPN or corporate DNS blocks the name, try another resolver or network."),
            ]
        ),
        CauseDescription(
            id: .networkDNSPoisoned,
            title: "The API host name resolves to addresses that are not OpenAI's",
            explanation:
                "The addresses the client connected to are outside the ranges Cloudflare publishes for the API's edge — typical of tampered DNS (connections to Twitter or Facebook addresses, to 127.0.0.1, or to a blocking resolver's sinkhole). Connections then time out or are refused, which looks like a network outage but is a DNS answer problem.",
            fixes: [
                Fix(.network, "Compare `getent hosts api.openai.com` with a trusted resolver; use DNS over HTTPS/TLS or another resolver."),
                Fix(.network, "Remove stale entries for api.openai.com from /etc/hosts (or C:\\Windows\\System32\\drivers\\etc\\hosts)."),
                Fix(.network, "Where DNS is tampered with by the network, use a network or VPN whose resolver is not."),
            ]
        ),
        CauseDescription(
            id: .networkConnect,
            title: "The connection to the API was refused or reset",
            explanation:
                "The name resolved but the TCP connection failed (refused, reset, network unreachable) before any HTTP answer: a firewall, no route, or a local proxy/VPN that is not running. A retry can help if it was transient.",
            fixes: [
                Fix(.network, "Check that outbound HTTPS (port 443) is allowed from this machine or container (`curl -v https://api.openai.com/v1/models`)."),
                Fix(.network, "If a proxy or VPN is required on this network, configure it (HTTPS_PROXY); if one is configured but stopped, start it or remove it."),
                Fix(.headers, "Retry with backoff: resets can be transient."),
            ]
        ),
        CauseDescription(
            id: .networkTimeout,
            title: "Nothing answered in time",
            explanation:
                "The client gave up waiting — on connect (a black-holed route or firewall dropping packets) or on the answer (a very long generation, a stalled proxy). With no HTTP status, the network path is the first suspect; with long requests, the client's own timeout may be too short.",
            fixes: [
                Fix(.network, "Check that the API host is reachable from this network (`openai-doctor check` times each phase)."),
                Fix(.headers, "For long generations, stream the response or raise the client's timeout; retry with backoff."),
                Fix(.status, "Check https://status.openai.com for an ongoing incident."),
            ]
        ),
        CauseDescription(
            id: .modelNotFound,
            title: "The model does not exist or is not visible to this key",
            explanation:
                "OpenAI answered that the model id does not exist or that you do not have access to it: a typo, a retired model, a fine-tune of another organization, or a model this key's project cannot see.",
            fixes: [
                Fix(.request, "Check the model id for typos and list the models this key can see: `GET /v1/models` (shown by `openai-doctor check --model ID`)."),
                Fix(.request, "If the model was retired, move to its successor (https://platform.openai.com/docs/deprecations)."),
                Fix(.organization, "If the model is a fine-tune or limited-access model, use a key of the organization/project that has it."),
            ]
        ),
        CauseDescription(
            id: .modelNoAccess,
            title: "This organization or project may not use the model",
            explanation:
                "The model exists, but the project or organization is not allowed to use it: the project's model allowlist excludes it, the organization must be verified for it (or for streaming it), or the usage tier is too low.",
            fixes: [
                Fix(.account, "Some models need a higher usage tier: check https://platform.openai.com/settings/organization/limits."),
                Fix(.organization, "Allow the model in the project's settings (Limits → Model usage) at https://platform.openai.com/settings."),
                Fix(.organization, "If the message asks for organization verification, verify at https://platform.openai.com/settings/organization/general (access can take 15 minutes to propagate)."),
            ]
        ),
        CauseDescription(
            id: .rateLimitExceeded,
            title: "A rate limit was reached",
            explanation:
                "The organization or project sent more requests or tokens per minute (or per day) than its limit allows. This one is transient: wait as long as the server says (`retry-after`, the reset headers or \"Please try again in …\") and retry with backoff.",
            fixes: [
                Fix(.request, "Send fewer tokens per request (max_tokens, shorter prompts) or fewer requests in parallel."),
                Fix(.account, "Higher limits come with higher usage tiers: https://platform.openai.com/settings/organization/limits."),
                Fix(.headers, "Retry after the wait the server gives (retry-after / x-ratelimit-reset-*), with exponential backoff and jitter, and cap the attempts."),
            ]
        ),
        CauseDescription(
            id: .requestTooLarge,
            title: "One request is larger than the per-minute token limit",
            explanation:
                "This single request asks for more tokens than the whole tokens-per-minute limit allows, so it can never pass, however long you wait. It arrives as a 429 \"Request too large\" and must not be retried.",
            fixes: [
                Fix(.request, "Reduce the input (split documents, summarise history) or max_tokens so the request fits under the TPM limit."),
                Fix(.account, "Or move to a usage tier or model with a higher TPM limit."),
            ]
        ),
        CauseDescription(
            id: .requestInvalid,
            title: "The request's parameters or body are invalid",
            explanation:
                "OpenAI rejected the request itself: an unsupported parameter or value for this model, a malformed body, or a wrong type. The message and `param` name the field.",
            fixes: [
                Fix(.request, "Fix the field the error names (`param`), for example `max_completion_tokens` instead of `max_tokens` on reasoning models."),
                Fix(.request, "Update the SDK: old versions send parameters newer models reject."),
            ]
        ),
        CauseDescription(
            id: .requestContextLength,
            title: "The prompt and completion exceed the model's context",
            explanation:
                "The messages plus the requested completion are longer than the model's context window. The message gives the limit and how many tokens were requested.",
            fixes: [
                Fix(.request, "Shorten the input (trim history, chunk documents) or lower max_tokens."),
                Fix(.request, "Or use a model with a larger context window."),
            ]
        ),
        CauseDescription(
            id: .requestContentPolicy,
            title: "The safety system rejected the request",
            explanation:
                "The input (or output) was flagged by OpenAI's or Azure's safety system. Retrying the same content gives the same answer.",
            fixes: [
                Fix(.request, "Rephrase the prompt or remove the flagged content; run it through the moderation endpoint first."),
                Fix(.organization, "On Azure, review the deployment's content filter configuration."),
            ]
        ),
        CauseDescription(
            id: .endpointWrong,
            title: "The request went to the wrong URL",
            explanation:
                "The URL, path, method or scheme is not an API endpoint: a doubled path (`/v1/chat/completions/chat/completions`), a missing `/v1`, `http://` instead of `https://`, a completions model on the chat endpoint, or a base URL that points at a host that is not the API at all.",
            fixes: [
                Fix(.request, "Set the base URL to https://api.openai.com/v1 (or your provider's documented base URL) and let the SDK add the path."),
                Fix(.request, "Use https:// — the API refuses plain HTTP."),
                Fix(.request, "Check the method and endpoint for the model type (chat models on /v1/chat/completions or /v1/responses)."),
            ]
        ),
        CauseDescription(
            id: .serverError,
            title: "The provider's servers failed",
            explanation:
                "The API or the gateway in front of it failed while handling the request (500, 502 \"Bad gateway\", Cloudflare 520). Nothing on your side caused it; it is usually transient.",
            fixes: [
                Fix(.headers, "Retry with exponential backoff and jitter, capped."),
                Fix(.status, "Check https://status.openai.com for an incident."),
                support,
            ]
        ),
        CauseDescription(
            id: .serverOverloaded,
            title: "The provider is overloaded",
            explanation:
                "The API is shedding load (503 \"engine is currently overloaded\", `server_is_overloaded`, `slow_down`). Retrying later, more slowly, helps.",
            fixes: [
                Fix(.headers, "Retry with exponential backoff and jitter; ramp traffic up gradually."),
                Fix(.status, "Check https://status.openai.com for an incident."),
            ]
        ),
        CauseDescription(
            id: .serverTimeout,
            title: "A gateway timed out waiting for the API",
            explanation:
                "A gateway between you and the model gave up waiting (504, Cloudflare 524 after about 120 s, a hosting platform's function limit). Long non-streaming generations hit these limits.",
            fixes: [
                Fix(.request, "Stream long generations, or lower max_tokens, so bytes flow before the gateway's limit."),
                Fix(.headers, "Retry with backoff."),
                Fix(.status, "Check https://status.openai.com for an incident."),
            ]
        ),
        CauseDescription(
            id: .azureNetworkRules,
            title: "Azure OpenAI's network rules refuse this client",
            explanation:
                "The Azure OpenAI resource has firewall or virtual-network rules, and this request came from an address or network they do not allow (or through the public endpoint while a private endpoint is required).",
            fixes: [
                Fix(.organization, "Add your egress IP or virtual network in the resource's Networking settings in the Azure portal."),
                Fix(.network, "If the resource uses a private endpoint, call it from inside the virtual network, with DNS resolving the private address."),
            ]
        ),
        CauseDescription(
            id: .azureKeyOrEndpoint,
            title: "Azure key wrong, or endpoint of another resource",
            explanation:
                "Azure rejected the key for this endpoint: the key is wrong, or it belongs to another Azure OpenAI resource or region than the endpoint URL.",
            fixes: [
                Fix(.request, "Check AZURE_OPENAI_ENDPOINT is that same resource's endpoint (https://<resource>.openai.azure.com/)."),
                Fix(.key, "Copy Key 1 from the same resource's Keys and Endpoint page and send it in the `api-key` header."),
            ]
        ),
        CauseDescription(
            id: .azureDeploymentNotFound,
            title: "The Azure deployment does not exist",
            explanation:
                "The deployment name in the URL is not a deployment of this resource, or it was created less than about five minutes ago. On Azure the model parameter is the deployment's name, not the model's.",
            fixes: [
                Fix(.request, "Use the deployment name shown in Azure AI Foundry (not the model name) and check the api-version."),
                Fix(.status, "If you just created it, wait a few minutes and try again."),
            ]
        ),
        CauseDescription(
            id: .azureRBAC,
            title: "The Azure identity lacks the role",
            explanation:
                "Entra ID authentication worked, but the principal has no role that grants this data action on the resource.",
            fixes: [
                Fix(.organization, "Assign the principal the \"Cognitive Services OpenAI User\" (or Azure AI User) role on the resource; role assignments take a few minutes."),
            ]
        ),
        CauseDescription(
            id: .unknown,
            title: "The evidence does not tell",
            explanation:
                "Nothing in what was given identifies who refused or why. Give the full error: the HTTP status, the response body and headers, or the complete exception text — or run `openai-doctor check` to test each layer live.",
            fixes: [
                Fix(.request, "Capture the status, body and headers (for example `curl -i`) and run `openai-doctor explain` on them."),
                Fix(.network, "Run `openai-doctor check` to test the key, network path, region and service status live."),
                support,
            ]
        ),
    ]
}
