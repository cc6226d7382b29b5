import DoctorCore

/// The canned answer for every cause an HTTP answer can show, with eras and variants.
///
/// Every body is verbatim from docs/errors-catalogue.md (key order and layout included) or from a
/// real page in data/; ids, dates and the masked key echo come from the ``ScenarioContext``.
/// Where the catalogue elides a value (`org-…`, `proj_…`), the context's account fills it.
///
/// ```swift
/// let answer = ScenarioCatalog.response(for: ScenarioName(cause: .regionUnsupported), context: .example)
/// answer?.status   // 403
/// ```
public enum ScenarioCatalog {
    /// The causes that have a scenario: all those an HTTP answer can show.
    public static let causes: [CauseID] = CauseID.allCases.filter(\.isShownByHTTPAnswer)

    /// Every valid scenario string: `ok`, each cause id, and each `cause@variant`.
    public static var allNames: [String] {
        var names = ["ok"]
        for cause in causes {
            names.append(cause.rawValue)
            names += variants(of: cause).map { "\(cause.rawValue)@\($0)" }
        }
        return names
    }

    /// The variants of a cause besides its default (current) answer.
    public static func variants(of cause: CauseID) -> [String] {
        switch cause {
        case .keyMissing: return ["2022", "missing-bearer"]
        case .accountDeactivated: return ["2023"]
        case .billingQuotaExceeded: return ["2023"]
        case .modelNotFound: return ["2023"]
        case .modelNoAccess: return ["verify-organization"]
        case .rateLimitExceeded: return ["2023", "requests-per-day", "responses-2025"]
        case .requestContentPolicy: return ["2023"]
        case .endpointWrong: return ["https-only", "incorrect-hostname"]
        case .keyInsufficientScopes: return ["responses-write"]
        case .serverError: return ["cloudflare-502", "cloudflare-521"]
        case .serverOverloaded: return ["2023"]
        case .serverTimeout: return ["openresty-504"]
        case .edgeBlocked: return ["1020"]
        case .azureKeyOrEndpoint: return ["unauthorized"]
        default: return []
        }
    }

    /// The standard reason phrase of a status code (the ones the scenarios use).
    public static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 407: return "Proxy Authentication Required"
        case 413: return "Payload Too Large"
        case 429: return "Too Many Requests"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Time-out"
        case 520, 521, 522, 523, 524: return "<none>"
        default: return "Unknown"
        }
    }

    /// The answer for `name`, or `nil` for `ok` (a working API answers per endpoint).
    public static func response(for name: ScenarioName, context: ScenarioContext) -> CannedResponse? {
        guard let cause = name.cause else { return nil }
        return response(for: cause, variant: name.variant, context: context)
    }

    // MARK: - Per cause

    // swiftlint:disable:next function_body_length cyclomatic_complexity
    static func response(for cause: CauseID, variant: String?, context c: ScenarioContext) -> CannedResponse? {
        let org = c.organization.hasPrefix("org-") ? c.organization : "org-mockorganization0000000"
        let project = c.project ?? "proj_mockproject000000000000"
        switch (cause, variant) {
        case (.keyMissing, "2022"):
            return unauthorized(
                c,
                ErrorBody.openAI(
                    message: Messages.noKey2022, type: "invalid_request_error", code: nil))
        case (.keyMissing, "missing-bearer"):
            return unauthorized(
                c,
                ErrorBody.openAI(
                    message: Messages.missingBearer, type: "invalid_request_error", code: nil))
        case (.keyMissing, _):
            return unauthorized(
                c,
                ErrorBody.openAI(
                    message: Messages.noKey, type: "invalid_request_error", code: nil))
        case (.keyInvalid, _):
            return unauthorized(
                c,
                ErrorBody.openAI(
                    message: Messages.incorrectKey(c.presentedKey ?? "sk-proj-mockmockmockmock0000"),
                    type: "invalid_request_error", code: "invalid_api_key"))
        case (.keyInsufficientScopes, "responses-write"):
            // The same answer, which the mock gives only on POST /v1/responses (a key with every
            // scope but the Responses API's).
            return unauthorized(
                c,
                ErrorBody.openAI(
                    message: Messages.missingScope, type: "invalid_request_error", code: "missing_scope"))
        case (.keyInsufficientScopes, _):
            return unauthorized(
                c,
                ErrorBody.openAI(
                    message: Messages.missingScope, type: "invalid_request_error", code: "missing_scope"))
        case (.orgMismatch, _):
            return unauthorized(
                c,
                ErrorBody.openAI(
                    message: Messages.mismatchedOrganization, type: "invalid_request_error",
                    code: "mismatched_organization"))
        case (.orgMembership, _):
            return unauthorized(
                c,
                ErrorBody.openAI(
                    message: Messages.noOrganization, type: "invalid_request_error", code: "no_organization"))
        case (.projectMismatch, _):
            return unauthorized(
                c,
                ErrorBody.openAI(
                    message: Messages.mismatchedProject, type: "invalid_request_error", code: "mismatched_project"))
        case (.projectIPNotAllowed, _):
            return unauthorized(
                c,
                ErrorBody.openAI(
                    message: Messages.ipNotAuthorized, type: "invalid_request_error", code: nil))
        case (.accountDeactivated, "2023"):
            return unauthorized(
                c,
                ErrorBody.openAI(
                    message: Messages.accountDeactivated2023, type: "invalid_request_error", code: "account_deactivated"
                ))
        case (.accountDeactivated, _):
            return unauthorized(
                c,
                ErrorBody.openAI(
                    message: Messages.accountDeactivated, type: "invalid_request_error", code: "account_deactivated"))
        case (.billingQuotaExceeded, "2023"):
            return legacy(
                429, c,
                ErrorBody.openAI(
                    message: Messages.quota2023, type: "insufficient_quota", code: nil))
        case (.billingQuotaExceeded, _):
            return origin(
                429, c,
                ErrorBody.openAI(
                    message: Messages.quota, type: "insufficient_quota", code: "insufficient_quota"))
        case (.regionUnsupported, _):
            let body = ErrorBody.compact([
                "code": .string("unsupported_country_region_territory"),
                "message": .string(Messages.region),
                "param": .null,
                "type": .string("request_forbidden"),
            ])
            return origin(403, c, body)
        case (.edgeBlocked, "1020"):
            let body = "error code: 1020"
            return CannedResponse(
                status: 403, reason: reasonPhrase(403),
                headers: HeaderTemplate.cloudflare(
                    c, contentType: "text/plain; charset=UTF-8", bodyLength: body.utf8.count),
                body: body)
        case (.edgeBlocked, _):
            return cloudflareHTML(403, c, EdgePages.cloudflareWAFBlock)
        case (.proxyBlocked, _):
            let body = EdgePages.squidAccessDenied
            return CannedResponse(
                status: 403, reason: reasonPhrase(403),
                headers: HeaderTemplate.squid(c, squidError: "ERR_ACCESS_DENIED 0", bodyLength: body.utf8.count),
                body: body)
        case (.proxyAuthRequired, _):
            let body = EdgePages.squidCacheAccessDenied
            return CannedResponse(
                status: 407, reason: reasonPhrase(407),
                headers: HeaderTemplate.squid(
                    c, squidError: "ERR_CACHE_ACCESS_DENIED 0", bodyLength: body.utf8.count,
                    extra: [
                        HeaderField(name: "Proxy-Authenticate", value: "Basic realm=\"Squid proxy-caching web server\"")
                    ]),
                body: body)
        case (.modelNotFound, "2023"):
            return origin(
                404, c,
                ErrorBody.openAI(
                    message: "The model: `\(c.model ?? "gpt-4")` does not exist", type: "invalid_request_error",
                    code: "model_not_found"))
        case (.modelNotFound, _):
            return origin(
                404, c,
                ErrorBody.openAI(
                    message: Messages.modelNotFound, type: "invalid_request_error", code: "model_not_found"))
        case (.modelNoAccess, "verify-organization"):
            return origin(
                400, c,
                ErrorBody.openAI(
                    message: Messages.verifyOrganization, type: "invalid_request_error", param: "stream",
                    code: "unsupported_value"))
        case (.modelNoAccess, _):
            return origin(
                403, c,
                ErrorBody.openAI(
                    message: "Project `\(project)` does not have access to model `\(c.model ?? "gpt-4o")`",
                    type: "invalid_request_error", code: "model_not_found"))
        case (.rateLimitExceeded, "2023"):
            return origin(
                429, c,
                ErrorBody.openAI(
                    message:
                        "Rate limit reached for gpt-4 in organization \(org) on tokens per min. Limit: 10000 / min. "
                        + "Please try again in 6ms. Contact us through our help center at help.openai.com if you "
                        + "continue to have issues.",
                    type: "tokens", code: "rate_limit_exceeded"),
                extra: HeaderTemplate.rateLimit(
                    limitRequests: 200, limitTokens: 10000, remainingRequests: 199, remainingTokens: 0,
                    resetRequests: .milliseconds(300), resetTokens: .milliseconds(6)))
        case (.rateLimitExceeded, "requests-per-day"):
            return origin(
                429, c,
                ErrorBody.openAI(
                    message: "Rate limit reached for gpt-4o-mini in organization \(org) on requests per day (RPD): "
                        + "Limit 10000, Used 10000, Requested 1. Please try again in 8.64s. Visit "
                        + "https://platform.openai.com/account/rate-limits to learn more.",
                    type: "requests", code: "rate_limit_exceeded"),
                extra: HeaderTemplate.rateLimit(
                    limitRequests: 10000, limitTokens: 200000, remainingRequests: 0, remainingTokens: 199615,
                    resetRequests: .milliseconds(8640), resetTokens: .milliseconds(115))
                    + [HeaderField(name: "retry-after", value: "9")])
        case (.rateLimitExceeded, "responses-2025"):
            // The Responses API 429 of April 2025 carried no x-ratelimit-* and no retry-after.
            return origin(
                429, c,
                ErrorBody.openAI(
                    message: Messages.rateLimitTPM(organization: org), type: "tokens", code: "rate_limit_exceeded"))
        case (.rateLimitExceeded, _):
            return origin(
                429, c,
                ErrorBody.openAI(
                    message: Messages.rateLimitTPM(organization: org), type: "tokens",
                    code: "rate_limit_exceeded"),
                extra: HeaderTemplate.rateLimit(
                    limitRequests: 500, limitTokens: 30000, remainingRequests: 499, remainingTokens: 0,
                    resetRequests: .milliseconds(120), resetTokens: .milliseconds(644))
                    + [HeaderField(name: "retry-after", value: "1"), HeaderField(name: "retry-after-ms", value: "644")])
        case (.requestTooLarge, _):
            return origin(
                429, c,
                ErrorBody.openAI(
                    message:
                        "Request too large for gpt-4o in organization \(org) on tokens per min (TPM): Limit 30000, "
                        + "Requested 31538. The input or output tokens must be reduced in order to run successfully. "
                        + "Visit https://platform.openai.com/account/rate-limits to learn more.",
                    type: "tokens", code: "rate_limit_exceeded"),
                extra: HeaderTemplate.rateLimit(
                    limitRequests: 500, limitTokens: 30000, remainingRequests: 499, remainingTokens: 30000,
                    resetRequests: .milliseconds(120), resetTokens: .zero))
        case (.requestInvalid, _):
            return origin(
                400, c,
                ErrorBody.openAI(
                    message: Messages.unsupportedParameter, type: "invalid_request_error", param: "max_tokens",
                    code: "unsupported_parameter"))
        case (.requestContextLength, _):
            return origin(
                400, c,
                ErrorBody.openAI(
                    message: Messages.contextLength, type: "invalid_request_error", param: "messages",
                    code: "context_length_exceeded"))
        case (.requestContentPolicy, "2023"):
            // The images endpoint orders the fields code, message, param, type.
            return origin(
                400, c,
                ErrorBody.openAI([
                    "code": .string("content_policy_violation"),
                    "message": .string(Messages.safetySystem),
                    "param": .null,
                    "type": .string("invalid_request_error"),
                ]))
        case (.requestContentPolicy, _):
            return origin(
                400, c,
                ErrorBody.openAI(
                    message: Messages.invalidPrompt, type: "invalid_request_error", code: "invalid_prompt"))
        case (.endpointWrong, "https-only"):
            return origin(
                403, c,
                ErrorBody.openAI([
                    "message": .string(Messages.httpsOnly),
                    "type": .string("invalid_request_error"),
                ]))
        case (.endpointWrong, "incorrect-hostname"):
            // A data-residency project reached on the default host (the mock answers it on every
            // host but the one it names).
            return unauthorized(
                c,
                ErrorBody.openAI(
                    message: Messages.incorrectHostname, type: "invalid_request_error", code: "incorrect_hostname"))
        case (.endpointWrong, _):
            return invalidURL(method: c.method, path: c.path, context: c)
        case (.serverError, "cloudflare-502"):
            let body = ErrorBody.compact([
                "code": .number(502), "message": .string("Bad gateway."), "param": .null,
                "type": .string("cf_bad_gateway"),
            ])
            return CannedResponse(
                status: 502, reason: reasonPhrase(502),
                headers: HeaderTemplate.cloudflare(c, contentType: "application/json", bodyLength: body.utf8.count),
                body: body)
        case (.serverError, "cloudflare-521"):
            return cloudflareHTML(521, c, EdgePages.cloudflare521)
        case (.serverError, _):
            return origin(
                500, c,
                ErrorBody.openAI(
                    message: "The server had an error processing your request. Sorry about that! You can retry your "
                        + "request, or contact us through our help center at help.openai.com if you keep seeing this "
                        + "error. (Please include the request ID \(c.requestID) in your email.)",
                    type: "server_error", code: nil))
        case (.serverOverloaded, "2023"):
            return legacy(
                429, c,
                ErrorBody.openAI(
                    message: "That model is currently overloaded with other requests. You can retry your request, or "
                        + "contact us through our help center at help.openai.com if the error persists. (Please "
                        + "include the request ID \(c.legacyRequestID) in your message.)",
                    type: "server_error", code: nil))
        case (.serverOverloaded, _):
            return origin(
                503, c,
                ErrorBody.openAI(
                    message: "The engine is currently overloaded, please try again later",
                    type: "service_unavailable_error", code: "server_is_overloaded"),
                extra: [HeaderField(name: "retry-after", value: "2")])
        case (.serverTimeout, "openresty-504"):
            let body = EdgePages.openresty504
            var headers = HeaderFields()
            if let date = c.date { headers.append(name: "Date", value: date) }
            headers.append(name: "Content-Type", value: "text/html")
            headers.append(name: "Content-Length", value: String(body.utf8.count))
            headers.append(name: "Connection", value: "keep-alive")
            headers.append(name: "Server", value: "openresty")
            return CannedResponse(status: 504, reason: reasonPhrase(504), headers: headers, body: body)
        case (.serverTimeout, _):
            let body = ErrorBody.compact([
                "code": .number(524), "message": .string("Gateway timeout."), "param": .null,
                "type": .string("cf_gateway_timeout"),
            ])
            return CannedResponse(
                status: 524, reason: reasonPhrase(524),
                headers: HeaderTemplate.cloudflare(c, contentType: "application/json", bodyLength: body.utf8.count),
                body: body)
        case (.azureNetworkRules, _):
            let body = ErrorBody.compact(
                ["code": .string("403"), "message": .string("Access denied due to Virtual Network/Firewall rules.")],
                spaceAfterMessageColon: true)
            return azure(
                403, c, body, extra: [HeaderField(name: "policy-id", value: "ThrowExceptionDueToTrafficDenied")])
        case (.azureKeyOrEndpoint, "unauthorized"):
            return azure(
                401, c,
                ErrorBody.compact(
                    ["code": .string("Unauthorized"), "message": .string(Messages.azureKey)],
                    spaceAfterMessageColon: true))
        case (.azureKeyOrEndpoint, _):
            return azure(401, c, ErrorBody.compact(["code": .string("401"), "message": .string(Messages.azureKey)]))
        case (.azureDeploymentNotFound, _):
            return azure(
                404, c,
                ErrorBody.compact([
                    "code": .string("DeploymentNotFound"),
                    "message": .string(
                        "The API deployment for this resource does not exist. If you created the deployment within the "
                            + "last 5 minutes, please wait a moment and try again."),
                ]))
        case (.azureRBAC, _):
            return azure(
                401, c,
                ErrorBody.compact([
                    "code": .string("PermissionDenied"),
                    "message": .string("Principal does not have access to API/Operation."),
                ]))
        default:
            return nil
        }
    }

    // MARK: - Answers the `ok` scenario also gives

    /// OpenAI's 404 for a path or method the API does not have: "Invalid URL (POST /v1/…)".
    public static func invalidURL(method: String, path: String, context: ScenarioContext) -> CannedResponse {
        origin(
            404, context,
            ErrorBody.openAI(
                message: "Invalid URL (\(method) \(path))", type: "invalid_request_error", code: nil))
    }

    /// OpenAI's 404 for a model this key cannot see (today's wording, naming the requested model).
    public static func unknownModel(_ model: String, context: ScenarioContext) -> CannedResponse {
        origin(
            404, context,
            ErrorBody.openAI(
                message: "The model `\(model)` does not exist or you do not have access to it.",
                type: "invalid_request_error", code: "model_not_found"))
    }

    /// The region block on `/compliance/cookie_requirements` (code `unsupported_country`).
    public static func cookieRequirementsBlocked(context: ScenarioContext) -> CannedResponse {
        origin(
            403, context,
            ErrorBody.compact([
                "code": .string("unsupported_country"), "message": .string(Messages.region), "param": .null,
                "type": .string("request_forbidden"),
            ]))
    }

    // MARK: - Builders

    static func origin(_ status: Int, _ c: ScenarioContext, _ body: String, extra: [HeaderField] = []) -> CannedResponse
    {
        CannedResponse(
            status: status, reason: reasonPhrase(status),
            headers: HeaderTemplate.openAI(c, bodyLength: body.utf8.count, extra: extra), body: body)
    }

    static func unauthorized(_ c: ScenarioContext, _ body: String) -> CannedResponse {
        CannedResponse(
            status: 401, reason: reasonPhrase(401),
            headers: HeaderTemplate.openAIUnauthorized(c, bodyLength: body.utf8.count), body: body)
    }

    static func legacy(_ status: Int, _ c: ScenarioContext, _ body: String) -> CannedResponse {
        CannedResponse(
            status: status, reason: reasonPhrase(status),
            headers: HeaderTemplate.openAILegacy(c, bodyLength: body.utf8.count), body: body)
    }

    static func cloudflareHTML(_ status: Int, _ c: ScenarioContext, _ body: String) -> CannedResponse {
        CannedResponse(
            status: status, reason: reasonPhrase(status),
            headers: HeaderTemplate.cloudflare(c, contentType: "text/html; charset=UTF-8", bodyLength: body.utf8.count),
            body: body)
    }

    static func azure(_ status: Int, _ c: ScenarioContext, _ body: String, extra: [HeaderField] = []) -> CannedResponse
    {
        CannedResponse(
            status: status, reason: reasonPhrase(status),
            headers: HeaderTemplate.azure(c, bodyLength: body.utf8.count, extra: extra), body: body)
    }
}

/// The messages, verbatim from docs/errors-catalogue.md.
public enum Messages {
    /// 401, key missing (2023 to now).
    public static let noKey =
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer "
        + "auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're "
        + "accessing the API from your browser and are prompted for a username and password. You can obtain an API "
        + "key from https://platform.openai.com/account/api-keys."
    /// 401, key missing (2022 to early 2023).
    public static let noKey2022 =
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer "
        + "auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're "
        + "accessing the API from your browser and are prompted for a username and password. You can obtain an API "
        + "key from https://beta.openai.com."
    /// 401, an Authorization header that is neither Bearer nor Basic.
    public static let missingBearer = "Missing bearer or basic authentication in header"
    /// 401, wrong key, with the API's masked echo of the presented key.
    public static func incorrectKey(_ presented: String) -> String {
        "Incorrect API key provided: \(KeyEcho.masked(presented)). You can find your API key at "
            + "https://platform.openai.com/account/api-keys."
    }
    /// 401 `incorrect_hostname`: a data-residency project on the default host. The message is the
    /// one users report (earendil-works/pi#956); the code is the one the API names it by.
    public static let incorrectHostname =
        "Attempted to access resource with incorrect regional hostname. Please make your request to us.api.openai.com"
    /// The regional host ``incorrectHostname`` names.
    public static let residencyHost = "us.api.openai.com"
    /// 401 `missing_scope`.
    public static let missingScope =
        "You have insufficient permissions for this operation. Missing scopes: api.responses.write. Check that you "
        + "have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if "
        + "you're using a restricted API key, that it has the necessary scopes."
    /// 401 `mismatched_organization`.
    public static let mismatchedOrganization = "OpenAI-Organization header should match organization for API key"
    /// 401 `mismatched_project`.
    public static let mismatchedProject = "OpenAI-Project header should match project for API key"
    /// 401 `no_organization`.
    public static let noOrganization =
        "You must be a member of an organization to use the API. Please contact us through our help center at "
        + "help.openai.com."
    /// 401, IP allowlist (OpenAI's error-codes guide; no body capture exists).
    public static let ipNotAuthorized =
        "IP not authorized: \"Your request IP does not match the configured IP allowlist for your project or "
        + "organization.\""
    /// 401 `account_deactivated` (today).
    public static let accountDeactivated =
        "This key is associated with a deactivated account. If you feel this is an error, contact us through our "
        + "help center at help.openai.com."
    /// 401 `account_deactivated` (2023).
    public static let accountDeactivated2023 =
        "Your OpenAI account has been deactivated, please check your email for more information. If you feel this "
        + "is an error, contact us through our help center at help.openai.com."
    /// 429 `insufficient_quota` (today).
    public static let quota =
        "You exceeded your current quota, please check your plan and billing details. For more information on this "
        + "error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors."
    /// 429 `insufficient_quota` with code null (2023): the 206-byte body.
    public static let quota2023 = "You exceeded your current quota, please check your plan and billing details."
    /// 403 region block.
    public static let region = "Country, region, or territory not supported"
    /// 404 `model_not_found` (today, as captured for gpt-4).
    public static let modelNotFound =
        "The model `gpt-4` does not exist or you do not have access to it. Learn more: "
        + "https://help.openai.com/en/articles/7102672-how-can-i-access-gpt-4."
    /// 400 organization verification needed to stream.
    public static let verifyOrganization =
        "Your organization must be verified to stream this model. Please go to: "
        + "https://platform.openai.com/settings/organization/general and click on Verify Organization. If you just "
        + "verified, it can take up to 15 minutes for access to propagate."
    /// 429 TPM rate limit in `organization`.
    public static func rateLimitTPM(organization: String) -> String {
        "Rate limit reached for gpt-4o in organization \(organization) on tokens per min (TPM): Limit "
            + "30000, Used 29937, Requested 385. Please try again in 644ms. Visit "
            + "https://platform.openai.com/account/rate-limits to learn more."
    }
    /// 400 `unsupported_parameter`.
    public static let unsupportedParameter =
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead."
    /// 400 `context_length_exceeded`.
    public static let contextLength =
        "This model's maximum context length is 4097 tokens. However, your messages resulted in 4294 tokens. "
        + "Please reduce the length of the messages."
    /// 400 `content_policy_violation` (images, 2023).
    public static let safetySystem =
        "Your request was rejected as a result of our safety system. Your prompt may contain text that is not "
        + "allowed by our safety system."
    /// 400 `invalid_prompt`.
    public static let invalidPrompt =
        "Invalid prompt: your prompt was flagged as potentially violating our usage policy. Please try again with "
        + "a different prompt: https://platform.openai.com/docs/guides/reasoning#advice-on-prompting"
    /// 403 plain-HTTP request (2023).
    public static let httpsOnly =
        "The OpenAI API can only be accessed over HTTPS. You should access https://api.openai.com rather than the "
        + "current URL."
    /// Azure 401, key or endpoint.
    public static let azureKey =
        "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for "
        + "an active subscription and use a correct regional API endpoint for your resource."
}
