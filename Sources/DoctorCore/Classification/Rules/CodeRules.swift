/// Causes named by the error object's machine-readable `code` and `type` fields.
///
/// A code is the strongest evidence inside a body, but some codes cover several causes
/// (`model_not_found` with 403 is a project model allowlist; `rate_limit_exceeded` on a
/// "Request too large" is not a rate limit), so each code is refined by status and wording.
/// (`DeploymentNotFound` is Azure's, decided with Azure's other shapes.)
enum CodeRules {
    /// A rule on the `code` field: it applies when the code is one of `codes`.
    private static func code(
        _ id: String, _ codes: Set<String>, _ causes: Set<CauseID>,
        _ decide: @escaping @Sendable (Facts, String) -> Classification?
    ) -> Rule {
        Rule("code.\(id)", .code, causes) { facts in
            guard codes.contains(facts.code) else { return nil }
            if facts.codeFromText { return decide(facts, "the code \(facts.code) written in the text") }
            return decide(facts, "`code` \(facts.evidence.error.code ?? facts.code)")
        }
    }

    /// A rule on the `type` field.
    private static func type(
        _ id: String, _ types: Set<String>, _ causes: Set<CauseID>,
        _ decide: @escaping @Sendable (Facts, String) -> Classification?
    ) -> Rule {
        Rule("type.\(id)", .type, causes) { facts in
            guard types.contains(facts.type) else { return nil }
            return decide(facts, "`type` \(facts.evidence.error.type ?? facts.type)")
        }
    }

    /// The rules, in precedence order.
    static let rules: [Rule] = [
        code("invalid-api-key", ["invalid_api_key"], [.keyInvalid, .keyMalformed, .keyMissing]) { facts, _ in
            KeyEchoRules.fromInvalidKey(facts)
        },
        code("mismatched-organization", ["mismatched_organization"], [.orgMismatch]) { _, named in
            verdict(
                .orgMismatch, .high,
                "\(named): the OpenAI-Organization header names another organization than the key's")
        },
        code("mismatched-project", ["mismatched_project"], [.projectMismatch]) { _, named in
            verdict(.projectMismatch, .high, "\(named): the OpenAI-Project header names another project than the key's")
        },
        code("organization", ["no_organization", "invalid_organization", "organization_not_found"], [.orgMembership]) {
            _, named in
            verdict(.orgMembership, .high, named)
        },
        code(
            "deactivated", ["account_deactivated", "deactivated_workspace", "account_deleted", "access_terminated"],
            [.accountDeactivated]
        ) { _, named in
            verdict(.accountDeactivated, .high, named)
        },
        code("missing-scope", ["missing_scope", "insufficient_permissions"], [.keyInsufficientScopes]) { facts, named in
            verdict(.keyInsufficientScopes, .high, "\(named)\(missingScope(facts).map { ": missing \($0)" } ?? "")")
        },
        // An endpoint that takes a browser session, never an API key: the dashboard's key management
        // and billing endpoints, as OpenAI answered them (`incorrect_key_type`, "Please use a browser
        // session to manage your API keys", mc1903/PS-OpenAI#6; "Your request to GET
        // /v1/dashboard/billing/subscription must be made with a session key (that is, it can only be
        // made from the browser). You made it with the following key type: secret.", with `type`
        // server_error, as clients' tests record it). No API key has the permission: decided before
        // the `server_error` type the second carries.
        Rule("code.session-key-only", .code, [.keyInsufficientScopes]) { facts in
            let sentence = facts.said(["must be made with a session key", "use a browser session to manage"])
            guard facts.code == "incorrect_key_type" || sentence != nil else { return nil }
            let shown = facts.code == "incorrect_key_type" ? "`code` incorrect_key_type" : "\"\(sentence ?? "")\""
            return verdict(
                .keyInsufficientScopes, .medium,
                "\(shown): this endpoint accepts only a browser session, so no API key has the permission it needs")
        },
        code(
            "billing",
            [
                "insufficient_quota", "billing_hard_limit_reached", "billing_not_active", "credit_balance_exhausted",
                "quota_exceeded",
            ], [.billingQuotaExceeded]
        ) { _, named in
            verdict(
                .billingQuotaExceeded, .high, "\(named): no usable credit (billing, not a rate limit; never retried)")
        },
        code(
            "region", ["unsupported_country_region_territory", "unsupported_country", "country_not_supported"],
            [.regionUnsupported]
        ) { _, named in
            verdict(.regionUnsupported, .high, "\(named): the request's country or territory is not served")
        },
        code("ip-not-allowed", ["ip_not_authorized", "ip_not_allowed"], [.projectIPNotAllowed]) { _, named in
            verdict(.projectIPNotAllowed, .high, named)
        },
        code("model-not-found", ["model_not_found"], [.modelNoAccess, .modelNotFound]) { facts, named in
            if facts.status == 403 || facts.says(["does not have access to model", "not have access to the model"]) {
                return verdict(
                    .modelNoAccess, .high,
                    "\(named) with 403 and \"does not have access to model\": the project may not use it")
            }
            return verdict(.modelNotFound, .high, named)
        },
        code(
            "rate-limit", ["rate_limit_exceeded", "slow_down", "requests", "tokens", "usage_limit_reached"],
            [.requestTooLarge, .rateLimitExceeded]
        ) { facts, named in
            if facts.says(["request too large"]) {
                return verdict(
                    .requestTooLarge, .high,
                    "\(named) but \"Request too large\": this one request exceeds the whole per-minute limit")
            }
            return verdict(.rateLimitExceeded, .high, named)
        },
        code("context-length", ["context_length_exceeded"], [.requestContextLength]) { _, named in
            verdict(.requestContextLength, .high, named)
        },
        code(
            "content-policy",
            [
                "content_policy_violation", "content_filter", "invalid_prompt", "responsibleaipolicyviolation",
                "moderation_blocked",
            ], [.requestContentPolicy]
        ) { _, named in
            verdict(.requestContentPolicy, .high, named)
        },
        code(
            "invalid-request",
            [
                "unsupported_parameter", "unsupported_value", "invalid_value", "invalid_type",
                "missing_required_parameter", "invalid_request_error", "integer_below_min_value",
                "integer_above_max_value", "invalid_json", "unknown_parameter", "string_above_max_length",
                "previous_response_not_found", "invalid_encrypted_content", "item_not_found",
                "conversation_already_has_active_response",
            ], [.modelNoAccess, .requestInvalid]
        ) { facts, named in
            // The type's name put in `code` names no refusal of its own: beside a status that is no
            // refusal of the request (DeepSeek's 402 "Insufficient Balance" with code
            // invalid_request_error), the status and the message decide.
            if facts.code == "invalid_request_error", let status = facts.status,
                ![400, 404, 413, 415, 422].contains(status)
            {
                return nil
            }
            if facts.says(["organization must be verified", "must be verified to"]) {
                return verdict(.modelNoAccess, .high, "\(named) but the message asks for organization verification")
            }
            if facts.says(["service tier is not allowed"]) {
                return verdict(.modelNoAccess, .medium, "\(named): the project may not use that service tier")
            }
            return verdict(
                .requestInvalid, .high,
                "\(named)\(facts.param.isEmpty ? "" : " (param `\(facts.evidence.error.param ?? "")`)")")
        },
        code("overloaded", ["server_is_overloaded", "engine_overloaded", "overloaded"], [.serverOverloaded]) {
            _, named in
            verdict(.serverOverloaded, .high, named)
        },
        code("server-error", ["server_error", "internal_error"], [.serverError]) { facts, named in
            // A relay's or wrapper's own `server_error` around a refusal it relayed is not the API failing.
            guard facts.relayedRefusal == nil else { return nil }
            return verdict(.serverError, .high, named)
        },

        type("insufficient-quota", ["insufficient_quota"], [.billingQuotaExceeded]) { _, named in
            verdict(
                .billingQuotaExceeded, .high, "\(named): no usable credit (billing, not a rate limit; never retried)")
        },
        type("rate-limit", ["rate_limit_error"], [.requestTooLarge, .rateLimitExceeded]) { facts, named in
            if facts.says(["request too large"]) {
                return verdict(.requestTooLarge, .high, "\(named) but \"Request too large\"")
            }
            return verdict(.rateLimitExceeded, .high, named)
        },
        // Rate limits carry these types; relays (tgpt) also put them on other errors, so the wording must agree.
        type("tokens-or-requests", ["tokens", "requests"], [.requestTooLarge, .rateLimitExceeded]) { facts, named in
            if facts.says(["request too large"]) {
                return verdict(.requestTooLarge, .high, "\(named) and \"Request too large\"")
            }
            if facts.says(["rate limit"]) {
                return verdict(.rateLimitExceeded, .high, "\(named) and \"Rate limit reached\"")
            }
            return nil
        },
        type("usage-limit", ["usage_limit_reached"], [.rateLimitExceeded]) { _, named in
            verdict(
                .rateLimitExceeded, .high,
                "\(named): the plan's usage window is spent; it resets at the time the answer names")
        },
        type("service-unavailable", ["service_unavailable_error"], [.serverOverloaded]) { _, named in
            verdict(.serverOverloaded, .high, named)
        },
        type("server-error", ["server_error"], [.serverOverloaded, .serverError]) { facts, named in
            guard facts.relayedRefusal == nil else { return nil }
            if facts.says(["overloaded"]) {
                return verdict(.serverOverloaded, .high, "\(named) saying the model is overloaded")
            }
            return verdict(.serverError, .high, named)
        },
    ]

    /// The scope a missing-scope message names ("Missing scopes: api.model.read").
    static func missingScope(_ facts: Facts) -> String? {
        guard let message = facts.evidence.error.message, let range = message.firstRange(of: "Missing scopes: ") else {
            return nil
        }
        let scope = message[range.upperBound...].prefix { !$0.isWhitespace && $0 != "," }
        let cleaned = scope.hasSuffix(".") ? scope.dropLast() : scope
        return cleaned.isEmpty ? nil : String(cleaned)
    }
}

extension Facts {
    /// The `type` values of an answer that refused the request (a 4xx), as OpenAI and the
    /// services that copy its envelope write them.
    static let refusalTypes: Set<String> = [
        "invalid_request_error", "authentication_error", "permission_error", "permission_denied", "not_found_error",
        "rate_limit_error", "insufficient_quota", "tokens", "requests",
    ]

    /// Why a `server_error` code or type here is a wrapper's account of a refusal, not the server
    /// failing: the status is a 4xx (a size refusal relayed as `server_error`, "413: Maximum
    /// content size limit"), or another error object of the input, the body the wrapper carries,
    /// is a refusal (its status a 4xx, or its type a refusal's). `nil` when nothing says so.
    var relayedRefusal: String? {
        if let status, (400...499).contains(status) { return "status \(status)" }
        for sighting in evidence.sightings {
            guard let fields = sighting.fields, fields != evidence.error else { continue }
            if let status = sighting.status, (400...499).contains(status) { return "an inner answer's \(status)" }
            if let type = fields.type?.lowercased(), Facts.refusalTypes.contains(type) {
                return "an inner answer's `type` \(type)"
            }
        }
        return nil
    }
}
