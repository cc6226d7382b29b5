/// Error codes the services in front of a client print, matched as tokens anywhere in the
/// input: OpenAI's and Azure OpenAI's `code` values, Cloudflare's 1xxx and 5xx codes, and the
/// gateway types Cloudflare writes into OpenAI-shaped bodies.
///
/// A code is a token: `insufficient_quota` inside `not_insufficient_quota_x` is not it, and
/// Cloudflare's `1020` inside `10201` is not it. Cloudflare's numbers are read only after the
/// words that print them (`error code: 1020`, `Error 1020`, `error code 1020`), never bare.
enum KnownErrorCodes {
    /// One known code and the cause it names when a service printed it (`nil`: it does not decide
    /// on its own).
    struct Code: Sendable {
        /// The code as printed.
        let code: String
        /// The cause it names, or `nil`.
        let cause: CauseID?
    }

    /// OpenAI's `error.code` (and `error.type`) values the classifier decides on.
    ///
    /// Sources: platform.openai.com/docs/guides/error-codes (API errors: 401 `invalid_api_key`,
    /// 429 `insufficient_quota` and `rate_limit_exceeded`, 403 `unsupported_country_region_territory`,
    /// 500 `server_error`, 503 `engine_overloaded`) and the real bodies of
    /// docs/errors-catalogue.md as the repository copies them (`CodeRules`).
    static let openAI: [Code] = [
        Code(code: "invalid_api_key", cause: .keyInvalid),
        Code(code: "mismatched_organization", cause: .orgMismatch),
        Code(code: "mismatched_project", cause: .projectMismatch),
        Code(code: "no_organization", cause: .orgMembership),
        Code(code: "invalid_organization", cause: .orgMembership),
        Code(code: "organization_not_found", cause: .orgMembership),
        Code(code: "account_deactivated", cause: .accountDeactivated),
        Code(code: "deactivated_workspace", cause: .accountDeactivated),
        Code(code: "missing_scope", cause: .keyInsufficientScopes),
        Code(code: "insufficient_quota", cause: .billingQuotaExceeded),
        Code(code: "billing_hard_limit_reached", cause: .billingQuotaExceeded),
        Code(code: "billing_not_active", cause: .billingQuotaExceeded),
        Code(code: "unsupported_country_region_territory", cause: .regionUnsupported),
        Code(code: "unsupported_country", cause: .regionUnsupported),
        Code(code: "ip_not_authorized", cause: .projectIPNotAllowed),
        Code(code: "model_not_found", cause: .modelNotFound),
        Code(code: "rate_limit_exceeded", cause: .rateLimitExceeded),
        Code(code: "context_length_exceeded", cause: .requestContextLength),
        Code(code: "content_policy_violation", cause: .requestContentPolicy),
        Code(code: "moderation_blocked", cause: .requestContentPolicy),
        Code(code: "unsupported_parameter", cause: .requestInvalid),
        Code(code: "unsupported_value", cause: .requestInvalid),
        Code(code: "missing_required_parameter", cause: .requestInvalid),
        Code(code: "unknown_parameter", cause: .requestInvalid),
        // Files the endpoints refused, as clients print the code in their own words ("Error code:
        // missing_file_mimetype", a vector store file's `last_error: { code: 'invalid_file' }`): the
        // vector store file's `last_error.code` (openai-node `VectorStoreFile.LastError`:
        // `server_error | unsupported_file | invalid_file`; Azure's `VectorStoreFileErrorCode`), the
        // image edit's part without a Content-Type (sashabaranov/go-openai#1012). Decided by
        // ValidationRules' code grammar.
        Code(code: "invalid_file", cause: .requestInvalid),
        Code(code: "unsupported_file", cause: .requestInvalid),
        Code(code: "missing_file_mimetype", cause: .requestInvalid),
        Code(code: "engine_overloaded", cause: .serverOverloaded),
        Code(code: "server_is_overloaded", cause: .serverOverloaded),
        Code(code: "server_error", cause: .serverError),
        // Types that name no single cause without the status and message.
        Code(code: "invalid_request_error", cause: nil),
        Code(code: "rate_limit_error", cause: nil),
    ]

    /// Azure OpenAI's codes.
    ///
    /// Sources: learn.microsoft.com Azure OpenAI "REST API reference" error responses
    /// (`DeploymentNotFound`, `PermissionDenied`, `content_filter` with the inner
    /// `ResponsibleAIPolicyViolation`), as the repository's `AzureRules` read them.
    static let azure: [Code] = [
        Code(code: "DeploymentNotFound", cause: .azureDeploymentNotFound),
        Code(code: "PermissionDenied", cause: .azureRBAC),
        Code(code: "ResponsibleAIPolicyViolation", cause: .requestContentPolicy),
        Code(code: "content_filter", cause: .requestContentPolicy),
    ]

    /// Cloudflare's 1xxx codes: every code of Cloudflare's list, those that refuse the visitor
    /// (ASN, IP, country, browser signature, firewall rule, rate limit) naming `edge.blocked`,
    /// the site-configuration ones deciding nothing.
    ///
    /// Source: cloudflare/cloudflare-docs `src/content/docs/support/troubleshooting/http-status-codes/
    /// cloudflare-1xxx-errors/index.mdx` (2678ac4, "Cloudflare 1xxx errors").
    static let cloudflare: [(code: Int, title: String, cause: CauseID?)] = [
        (1000, "DNS points to prohibited IP", nil), (1001, "DNS resolution error", nil),
        (1002, "DNS points to Prohibited IP / Restricted", nil),
        (1003, "Access Denied: Direct IP Access Not Allowed", nil),
        (1004, "Host Not Configured to Serve Web Traffic", nil),
        (1005, "Access Denied: Autonomous System Number (ASN) banned", .edgeBlocked),
        (1006, "Access Denied: Your IP address has been banned", .edgeBlocked),
        (1007, "Access Denied: Your IP address has been banned", .edgeBlocked),
        (1008, "Access Denied: Your IP address has been banned", .edgeBlocked),
        (1009, "Access Denied: Country or region banned", .edgeBlocked),
        (1010, "The owner of this website has banned your access based on your browser's signature", .edgeBlocked),
        (1011, "Access Denied (Hotlinking Denied)", nil), (1012, "Access Denied", .edgeBlocked),
        (1013, "HTTP hostname and TLS SNI hostname mismatch", nil), (1014, "CNAME Cross-User Banned", nil),
        (1015, "You are being rate limited", .edgeBlocked), (1016, "Origin DNS error", nil),
        (1018, "Could not find host", nil), (1019, "Compute server error", nil), (1020, "Access denied", .edgeBlocked),
        (1023, "Could not find host", nil), (1025, "Please check back later", nil), (1033, "Argo Tunnel error", nil),
        (1034, "Edge IP Restricted", nil), (1035, "Invalid request rewrite (invalid URI path)", nil),
        (1036, "Invalid request rewrite (maximum length exceeded)", nil),
        (1037, "Invalid rewrite rule (failed to evaluate expression)", nil),
        (1040, "Invalid request rewrite (header modification not allowed)", nil),
        (1041, "Invalid request rewrite (invalid header value)", nil), (1101, "Rendering error", nil),
        (1102, "Rendering error", nil), (1104, "A variation of this email address is already taken", nil),
        (1106, "Access Denied: Your IP address has been banned", .edgeBlocked), (1200, "Cache connection limit", nil),
    ]

    /// The gateway types Cloudflare writes into OpenAI-shaped bodies when the origin did not
    /// answer.
    ///
    /// Source: the `cf_bad_gateway` (502) and `cf_gateway_timeout` (524) bodies of
    /// docs/errors-catalogue.md, as the repository's `GatewayRules` read them.
    static let gateway: [Code] = [
        Code(code: "cf_bad_gateway", cause: .serverError),
        Code(code: "cf_gateway_timeout", cause: .serverTimeout),
    ]

    /// The ways Cloudflare's numbers are printed before them.
    static let cloudflareForms = ["error code: %d", "error code %d", "error %d", "error_code=%d", "error code:%d"]

    /// Every code, with its index's text: OpenAI, Azure, the gateway, then Cloudflare's numbers in
    /// each printed form.
    static let rows: [(text: String, code: Code)] =
        (openAI + azure + gateway).map { ($0.code, $0) }
        + cloudflare.flatMap { entry in
            cloudflareForms.map {
                (PrintedForm.fill($0, with: entry.code), Code(code: String(entry.code), cause: entry.cause))
            }
        }

    private static let index = NeedleIndex(rows.map { ($0.text, true) })

    /// The known codes the text shows, in text order, each once, with where it stands.
    static func find(in scan: ScanText) -> [(code: Code, offset: Int)] {
        index.hits(in: scan).map { (rows[$0.needle].code, $0.offset) }
    }

    /// The cause a known OpenAI, Azure or gateway code names on its own (`nil`: none, or not known).
    static func cause(of code: String) -> CauseID? {
        causes[code.lowercased()] ?? nil
    }

    private static let causes: [String: CauseID?] = Dictionary(
        (openAI + azure + gateway).map { ($0.code.lowercased(), $0.cause) }, uniquingKeysWith: { first, _ in first })

    /// The Cloudflare 1xxx codes the text shows (each once, in text order).
    static func cloudflareCodes(in scan: ScanText) -> [Int] {
        var codes: [Int] = []
        for (code, _) in find(in: scan) {
            guard let number = Int(code.code), (1000...1999).contains(number), !codes.contains(number) else {
                continue
            }
            codes.append(number)
        }
        return codes
    }
}
