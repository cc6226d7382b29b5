/// Causes named by the error object's machine-readable `code` and `type` fields.
///
/// A code is the strongest evidence inside a body, but some codes cover several causes
/// (`model_not_found` with 403 is a project model allowlist; `rate_limit_exceeded` on a
/// "Request too large" is not a rate limit), so each code is refined by status and wording.
enum CodeRules {
    static func classify(_ facts: Facts) -> Classification? {
        if let verdict = byCode(facts) { return verdict }
        return byType(facts)
    }

    private static func byCode(_ facts: Facts) -> Classification? {
        let code = facts.code
        guard !code.isEmpty else { return nil }
        let named = "`code` \(facts.evidence.error.code ?? code)"
        switch code {
        case "invalid_api_key":
            return KeyEchoRules.fromInvalidKey(facts)
        case "mismatched_organization":
            return verdict(.orgMismatch, .high, "\(named): the OpenAI-Organization header names another organization than the key's")
        case "mismatched_project":
            return verdict(.projectMismatch, .high, "\(named): the OpenAI-Project header names another project than the key's")
        case "no_organization", "invalid_organization", "organization_not_found":
            return verdict(.orgMembership, .high, "\(named)")
        case "account_deactivated", "deactivated_workspace", "account_deleted":
            return verdict(.accountDeactivated, .high, "\(named)")
        case "missing_scope", "insufficient_permissions":
            return verdict(.keyInsufficientScopes, .high, "\(named)\(missingScope(facts).map { ": missing \($0)" } ?? "")")
        case "insufficient_quota", "billing_hard_limit_reached", "billing_not_active", "credit_balance_exhausted",
            "quota_exceeded":
            return verdict(.billingQuotaExceeded, .high, "\(named): no usable credit (billing, not a rate limit; never retried)")
        case "unsupported_country_region_territory", "unsupported_country", "country_not_supported":
            return verdict(.regionUnsupported, .high, "\(named): the request's country or territory is not served")
        case "ip_not_authorized", "ip_not_allowed":
            return verdict(.projectIPNotAllowed, .high, "\(named)")
        case "model_not_found":
            if facts.status == 403 || facts.says(["does not have access to model", "not have access to the model"]) {
                return verdict(.modelNoAccess, .high, "\(named) with 403 and \"does not have access to model\": the project may not use it")
            }
            return verdict(.modelNotFound, .high, "\(named)")
        case "rate_limit_exceeded", "slow_down", "requests", "tokens":
            if facts.says(["request too large"]) {
                return verdict(.requestTooLarge, .high, "\(named) but \"Request too large\": this one request exceeds the whole per-minute limit")
            }
            return verdict(.rateLimitExceeded, .high, "\(named)")
        case "context_length_exceeded", "string_above_max_length":
            return verdict(.requestContextLength, .high, "\(named)")
        case "content_policy_violation", "content_filter", "invalid_prompt", "responsibleaipolicyviolation",
            "moderation_blocked":
            return verdict(.requestContentPolicy, .high, "\(named)")
        case "unsupported_parameter", "unsupported_value", "invalid_value", "invalid_type", "missing_required_parameter",
            "invalid_request_error", "integer_below_min_value", "integer_above_max_value", "invalid_json":
            if facts.says(["organization must be verified", "must be verified to"]) {
                return verdict(.modelNoAccess, .high, "\(named) but the message asks for organization verification")
            }
            if facts.says(["service tier is not allowed"]) {
                return verdict(.modelNoAccess, .medium, "\(named): the project may not use that service tier")
            }
            return verdict(.requestInvalid, .high, "\(named)\(facts.param.isEmpty ? "" : " (param `\(facts.evidence.error.param ?? "")`)")")
        case "server_is_overloaded", "engine_overloaded", "overloaded":
            return verdict(.serverOverloaded, .high, "\(named)")
        case "server_error", "internal_error":
            return verdict(.serverError, .high, "\(named)")
        case "deploymentnotfound":
            return verdict(.azureDeploymentNotFound, .high, "\(named)")
        default:
            return nil
        }
    }

    private static func byType(_ facts: Facts) -> Classification? {
        let named = "`type` \(facts.evidence.error.type ?? facts.type)"
        switch facts.type {
        case "insufficient_quota":
            return verdict(.billingQuotaExceeded, .high, "\(named): no usable credit (billing, not a rate limit; never retried)")
        case "request_forbidden":
            if facts.says(["country", "region", "territory"]) {
                return verdict(.regionUnsupported, .high, "\(named) naming the country, region or territory")
            }
            return nil
        case "rate_limit_error":
            if facts.says(["request too large"]) {
                return verdict(.requestTooLarge, .high, "\(named) but \"Request too large\"")
            }
            return verdict(.rateLimitExceeded, .high, "\(named)")
        case "tokens", "requests":
            // Rate limits carry these types; relays (tgpt) also put them on other errors, so the wording must agree.
            if facts.says(["request too large"]) { return verdict(.requestTooLarge, .high, "\(named) and \"Request too large\"") }
            if facts.says(["rate limit"]) { return verdict(.rateLimitExceeded, .high, "\(named) and \"Rate limit reached\"") }
            return nil
        case "service_unavailable_error":
            return verdict(.serverOverloaded, .high, "\(named)")
        case "server_error":
            if facts.says(["overloaded"]) {
                return verdict(.serverOverloaded, .high, "\(named) saying the model is overloaded")
            }
            return verdict(.serverError, .high, "\(named)")
        default:
            return nil
        }
    }

    /// The scope a missing-scope message names ("Missing scopes: api.model.read").
    static func missingScope(_ facts: Facts) -> String? {
        guard let message = facts.evidence.error.message, let range = message.firstRange(of: "Missing scopes: ") else { return nil }
        let scope = message[range.upperBound...].prefix { !$0.isWhitespace && $0 != "," }
        let cleaned = scope.hasSuffix(".") ? scope.dropLast() : scope
        return cleaned.isEmpty ? nil : String(cleaned)
    }
}
