/// Failures on the provider's side.
///
/// One spec per cause (``CauseSpec``): what docs/causes.md says of it, the wording families that
/// name it, and what the tool tells a person about it.
extension CauseSpec {
    /// `server.error`: a provider-side failure.
    static let serverError = CauseSpec(
        id: .serverError,
        layer: .server, retry: .yes, shownByHTTPAnswer: true,
        statuses: [500...599],
        wording: Wording(
            rank: 180, confidence: .high,
            fragments: [
                "the server had an error processing your request",
                "the server had an error while processing your request",
                "internal server error",
                "bad gateway",
                "web server is returning an unknown error",
                "an error occurred while processing your request. you can retry your request",
            ]),
        title: "The provider's servers failed",
        explanation:
            "The API or the gateway in front of it failed while handling the request (500, 502 \"Bad gateway\", Cloudflare 520). Nothing on your side caused it; it is usually transient.",
        fixes: [
            Fix(.headers, "Retry with exponential backoff and jitter, capped."),
            Fix(.status, "Check https://status.openai.com for an incident."),
            Fix.support,
        ]
    )

    /// `server.overloaded`: the provider is overloaded or asks the client to slow down.
    static let serverOverloaded = CauseSpec(
        id: .serverOverloaded,
        layer: .server, retry: .yes, shownByHTTPAnswer: true,
        statuses: [503...503, 429...429],
        wording: Wording(
            rank: 170, confidence: .high,
            fragments: [
                "engine is currently overloaded",
                "model is currently overloaded",
                "currently overloaded with other requests",
                "server is overloaded",
                "slow down",
            ]),
        title: "The provider is overloaded",
        explanation:
            "The API is shedding load (503 \"engine is currently overloaded\", `server_is_overloaded`, `slow_down`). Retrying later, more slowly, helps.",
        fixes: [
            Fix(.headers, "Retry with exponential backoff and jitter; ramp traffic up gradually."),
            Fix(.status, "Check https://status.openai.com for an incident."),
        ]
    )

    /// `server.timeout`: a gateway in front of the API timed out waiting for the upstream.
    static let serverTimeout = CauseSpec(
        id: .serverTimeout,
        layer: .server, retry: .yes, shownByHTTPAnswer: true,
        statuses: [504...504, 522...522, 524...524],
        wording: Wording(
            rank: 190, confidence: .high,
            fragments: [
                "gateway timeout",
                "gateway time-out",
                "a timeout occurred",
                "an error occurred with your deployment",
            ]),
        title: "A gateway timed out waiting for the API",
        explanation:
            "A gateway between you and the model gave up waiting (504, Cloudflare 524 after about 120 s, a hosting platform's function limit). Long non-streaming generations hit these limits.",
        fixes: [
            Fix(.request, "Stream long generations, or lower max_tokens, so bytes flow before the gateway's limit."),
            Fix(.headers, "Retry with backoff."),
            Fix(.status, "Check https://status.openai.com for an incident."),
        ]
    )

}
