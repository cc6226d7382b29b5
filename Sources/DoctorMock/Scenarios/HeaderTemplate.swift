import DoctorCore

/// The header sets real answers carry, in captured order, for each kind of answerer.
///
/// Sources: docs/errors-catalogue.md §4 (OpenAI 2026 success and unauthenticated 401, the 2022–23
/// 429, the Cloudflare-only 502, Azure, Squid) and data/openai-api-edge-observation-2026-07-05.txt.
public enum HeaderTemplate {
    /// OpenAI's origin behind Cloudflare (2024–26), as on an authenticated answer.
    ///
    /// - Parameters:
    ///   - context: Ids, date and account to name.
    ///   - contentType: The body's media type.
    ///   - bodyLength: The body's length in bytes.
    ///   - processingMilliseconds: `openai-processing-ms`.
    ///   - extra: Headers placed after `content-length` (rate-limit headers, `retry-after`).
    public static func openAI(
        _ context: ScenarioContext, contentType: String = "application/json", bodyLength: Int,
        processingMilliseconds: Int = 112, extra: [HeaderField] = []
    ) -> HeaderFields {
        var headers = HeaderFields()
        if let date = context.date { headers.append(name: "date", value: date) }
        headers.append(name: "content-type", value: contentType)
        headers.append(name: "content-length", value: String(bodyLength))
        headers.append(name: "connection", value: "keep-alive")
        for field in extra { headers.append(name: field.name, value: field.value) }
        headers.append(name: "openai-version", value: "2020-10-01")
        headers.append(name: "openai-organization", value: context.organization)
        if let project = context.project { headers.append(name: "openai-project", value: project) }
        headers.append(name: "x-request-id", value: context.requestID)
        headers.append(name: "openai-processing-ms", value: String(processingMilliseconds))
        headers.append(name: "x-envoy-upstream-service-time", value: String(processingMilliseconds + 5))
        headers.append(name: "cf-cache-status", value: "DYNAMIC")
        headers.append(name: "strict-transport-security", value: "max-age=31536000; includeSubDomains; preload")
        headers.append(name: "x-content-type-options", value: "nosniff")
        headers.append(name: "server", value: "cloudflare")
        headers.append(name: "cf-ray", value: context.cfRay)
        headers.append(name: "alt-svc", value: "h3=\":443\"; ma=86400")
        return headers
    }

    /// OpenAI's 401 (2026 capture): no `openai-organization`, a UUID request id,
    /// `www-authenticate`, and `access-control-expose-headers` twice.
    public static func openAIUnauthorized(_ context: ScenarioContext, bodyLength: Int) -> HeaderFields {
        var headers = HeaderFields()
        if let date = context.date { headers.append(name: "date", value: date) }
        headers.append(name: "content-type", value: "application/json")
        headers.append(name: "content-length", value: String(bodyLength))
        headers.append(name: "connection", value: "keep-alive")
        headers.append(name: "server", value: "cloudflare")
        headers.append(name: "www-authenticate", value: "Bearer realm=\"OpenAI API\"")
        headers.append(name: "openai-version", value: "2020-10-01")
        headers.append(name: "x-request-id", value: context.uuid)
        headers.append(name: "openai-processing-ms", value: "2")
        headers.append(name: "x-openai-proxy-wasm", value: "v0.1")
        headers.append(name: "access-control-expose-headers", value: "X-Request-ID")
        headers.append(name: "access-control-expose-headers", value: "CF-Ray")
        headers.append(name: "cf-cache-status", value: "DYNAMIC")
        headers.append(name: "strict-transport-security", value: "max-age=31536000; includeSubDomains; preload")
        headers.append(name: "x-content-type-options", value: "nosniff")
        headers.append(name: "cf-ray", value: context.cfRay)
        headers.append(name: "alt-svc", value: "h3=\":443\"; ma=86400")
        return headers
    }

    /// OpenAI in 2022–23: no `openai-*`, `cf-*` or `x-ratelimit-*` headers, a 32-hex request id.
    public static func openAILegacy(_ context: ScenarioContext, bodyLength: Int) -> HeaderFields {
        var headers = HeaderFields()
        if let date = context.date { headers.append(name: "Date", value: date) }
        headers.append(name: "Content-Type", value: "application/json; charset=utf-8")
        headers.append(name: "Content-Length", value: String(bodyLength))
        headers.append(name: "Connection", value: "keep-alive")
        headers.append(name: "vary", value: "Origin")
        headers.append(name: "x-request-id", value: context.legacyRequestID)
        headers.append(name: "strict-transport-security", value: "max-age=15724800; includeSubDomains")
        return headers
    }

    /// Cloudflare answering without the origin: `server: cloudflare` and `cf-ray`, no request id.
    public static func cloudflare(_ context: ScenarioContext, contentType: String, bodyLength: Int) -> HeaderFields {
        var headers = HeaderFields()
        if let date = context.date { headers.append(name: "Date", value: date) }
        headers.append(name: "Content-Type", value: contentType)
        headers.append(name: "Content-Length", value: String(bodyLength))
        headers.append(name: "Connection", value: "keep-alive")
        headers.append(name: "X-Frame-Options", value: "SAMEORIGIN")
        headers.append(name: "Referrer-Policy", value: "same-origin")
        headers.append(
            name: "Cache-Control",
            value: "private, max-age=0, no-store, no-cache, must-revalidate, post-check=0, pre-check=0")
        headers.append(name: "Expires", value: "Thu, 01 Jan 1970 00:00:01 GMT")
        headers.append(name: "Server", value: "cloudflare")
        headers.append(name: "CF-RAY", value: context.cfRay)
        return headers
    }

    /// Azure OpenAI (API Management in front): `apim-request-id`, `x-ms-region`.
    public static func azure(_ context: ScenarioContext, bodyLength: Int, extra: [HeaderField] = []) -> HeaderFields {
        var headers = HeaderFields()
        headers.append(name: "Content-Length", value: String(bodyLength))
        headers.append(name: "Content-Type", value: "application/json")
        for field in extra { headers.append(name: field.name, value: field.value) }
        headers.append(name: "apim-request-id", value: context.uuid)
        headers.append(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains; preload")
        headers.append(name: "x-content-type-options", value: "nosniff")
        headers.append(name: "x-ms-region", value: "East US")
        if let date = context.date { headers.append(name: "Date", value: date) }
        return headers
    }

    /// A Squid proxy's own answer (`X-Squid-Error`, `Via`, `X-Cache`).
    public static func squid(
        _ context: ScenarioContext, squidError: String, bodyLength: Int, extra: [HeaderField] = []
    ) -> HeaderFields {
        var headers = HeaderFields()
        headers.append(name: "Server", value: "squid/5.2")
        headers.append(name: "Mime-Version", value: "1.0")
        if let date = context.date { headers.append(name: "Date", value: date) }
        headers.append(name: "Content-Type", value: "text/html;charset=utf-8")
        headers.append(name: "Content-Length", value: String(bodyLength))
        headers.append(name: "X-Squid-Error", value: squidError)
        for field in extra { headers.append(name: field.name, value: field.value) }
        headers.append(name: "Vary", value: "Accept-Language")
        headers.append(name: "Content-Language", value: "en")
        headers.append(name: "X-Cache", value: "MISS from proxy")
        headers.append(name: "X-Cache-Lookup", value: "NONE from proxy:3128")
        headers.append(name: "Via", value: "1.1 proxy (squid/5.2)")
        headers.append(name: "Connection", value: "keep-alive")
        return headers
    }

    /// The `x-ratelimit-*` set, resets written as Go durations (`120ms`, `6m0s`, `24h6m34s`).
    public static func rateLimit(
        limitRequests: Int, limitTokens: Int, remainingRequests: Int, remainingTokens: Int,
        resetRequests: Duration, resetTokens: Duration
    ) -> [HeaderField] {
        [
            HeaderField(name: "x-ratelimit-limit-requests", value: String(limitRequests)),
            HeaderField(name: "x-ratelimit-limit-tokens", value: String(limitTokens)),
            HeaderField(name: "x-ratelimit-remaining-requests", value: String(remainingRequests)),
            HeaderField(name: "x-ratelimit-remaining-tokens", value: String(remainingTokens)),
            HeaderField(name: "x-ratelimit-reset-requests", value: GoDuration.format(resetRequests)),
            HeaderField(name: "x-ratelimit-reset-tokens", value: GoDuration.format(resetTokens)),
        ]
    }
}

/// Go's `time.Duration.String()` format, which the API uses for rate-limit resets.
public enum GoDuration {
    /// Formats like Go: `0s`, `120ms`, `8.64s`, `1m30s`, `24h6m34s`; below a second in `ms`.
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let totalMilliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if totalMilliseconds <= 0 { return "0s" }
        if totalMilliseconds < 1000 { return "\(totalMilliseconds)ms" }
        let hours = totalMilliseconds / 3_600_000
        let minutes = (totalMilliseconds / 60_000) % 60
        let wholeSeconds = (totalMilliseconds / 1000) % 60
        let fraction = totalMilliseconds % 1000
        var secondsText = String(wholeSeconds)
        if fraction > 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 3 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            secondsText += "." + digits
        }
        if hours > 0 { return "\(hours)h\(minutes)m\(secondsText)s" }
        if minutes > 0 { return "\(minutes)m\(secondsText)s" }
        return "\(secondsText)s"
    }
}
