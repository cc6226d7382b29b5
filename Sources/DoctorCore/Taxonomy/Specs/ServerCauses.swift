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
                // "We're currently processing too many requests. Please try again later." (the
                // ChatGPT backend in 2023, skydoves/chatgpt-android#66; the API's 429 wording since,
                // where its code rate_limit_exceeded decides first).
                "currently processing too many requests",
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
                // A hosting platform ending the function that waited for the API: Vercel
                // (vercel.com/docs/errors: FUNCTION_INVOCATION_TIMEOUT, EDGE_FUNCTION_INVOCATION_TIMEOUT,
                // MIDDLEWARE_INVOCATION_TIMEOUT), AWS Lambda and Netlify ("Task timed out after 10.01
                // seconds": docs.aws.amazon.com/lambda troubleshooting-invocation), Cloudflare Workers
                // (developers.cloudflare.com/workers/observability/errors: 1102 "Worker exceeded CPU
                // time limit", "Worker exceeded resource limits"), Supabase Edge Functions
                // (supabase.com/docs/guides/functions/limits: "wall clock time limit reached"; the
                // older runtime's "wall clock duration reached"), Google Cloud Functions ("Function
                // execution took 60003 ms, finished with status: 'timeout'").
                "function_invocation_timeout",
                "middleware_invocation_timeout",
                "task timed out after",
                "worker exceeded cpu time limit",
                "worker exceeded resource limits",
                "wall clock time limit reached",
                "wall clock duration reached",
                "finished with status: 'timeout'",
                // Supabase's edge runtime giving up on the function's worker, whose own limits (CPU
                // time, wall clock) ended it: `InvalidWorkerCreation: worker did not respond in time`
                // (supabase/edge-runtime crates/base/src/worker/pool.rs).
                "worker did not respond in time",
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
