/// Causes recognised by families of message wording, for errors without a usable code:
/// 2022–23 bodies with `code: null`, SDK texts that kept only the message, relays.
///
/// Each family lists fragments seen across years (errors-catalogue.md §2); the order puts
/// the families that are easiest to confuse (quota before rate limit, too large before
/// rate limit, model access before model existence) in the right precedence.
enum WordingRules {
    struct Family {
        let cause: CauseID
        let confidence: Confidence
        let fragments: [String]
    }

    static let families: [Family] = [
        Family(cause: .keyMissing, confidence: .high, fragments: [
            "you didn't provide an api key", "you did not provide an api key", "missing bearer or basic authentication",
            "missing bearer authentication", "missing credentials", "the api_key client option must be set",
            "openai_api_key environment variable is missing or empty", "no api key provided",
            "api key is missing", "apikey is not set", "no auth credentials found",
        ]),
        Family(cause: .orgMismatch, confidence: .high, fragments: ["openai-organization header should match"]),
        Family(cause: .projectMismatch, confidence: .high, fragments: [
            "openai-project header should match", "project has been archived", "project is archived",
        ]),
        Family(cause: .orgMembership, confidence: .high, fragments: [
            "must be a member of an organization", "no such organization", "invalid organization",
        ]),
        Family(cause: .accountDeactivated, confidence: .high, fragments: [
            "associated with a deactivated account", "account has been deactivated", "has been deleted or deactivated",
            "account associated with this api key has been deactivated", "your account has been disabled",
        ]),
        Family(cause: .keyInsufficientScopes, confidence: .high, fragments: [
            "insufficient permissions for this operation", "missing scopes:",
        ]),
        Family(cause: .projectIPNotAllowed, confidence: .high, fragments: [
            "ip not authorized", "does not match the configured ip allowlist",
        ]),
        Family(cause: .billingQuotaExceeded, confidence: .high, fragments: [
            "exceeded your current quota", "billing hard limit has been reached", "billing_hard_limit_reached",
            "account is not active, please check your billing", "billing_not_active", "credit balance is too low",
            "credit_balance_exhausted", "insufficient_quota", "you have run out of credits", "check your plan and billing details",
        ]),
        Family(cause: .regionUnsupported, confidence: .high, fragments: [
            "country, region, or territory not supported", "not available in your country", "unsupported_country",
            "unsupported country", "not supported in your region",
        ]),
        Family(cause: .modelNoAccess, confidence: .high, fragments: [
            "does not have access to model", "organization must be verified", "not allowed to sample from this model",
            "you are not allowed to sample", "must be verified to stream", "must be verified to use",
        ]),
        Family(cause: .modelNotFound, confidence: .high, fragments: [
            "does not exist or you do not have access to it", "model_not_found", "the model: `", "model not found",
            "no such model", "unknown model",
        ]),
        Family(cause: .requestTooLarge, confidence: .high, fragments: ["request too large for"]),
        Family(cause: .rateLimitExceeded, confidence: .high, fragments: [
            "rate limit reached for", "rate limit exceeded", "your request rate increased too quickly", "rate_limit_exceeded",
            "you are sending requests too quickly",
        ]),
        Family(cause: .requestContextLength, confidence: .high, fragments: [
            "maximum context length", "context_length_exceeded", "exceeds the context window", "context window",
            "reduce the length of the messages",
        ]),
        Family(cause: .requestContentPolicy, confidence: .high, fragments: [
            "rejected as a result of our safety system", "blocked by our content filters", "content management policy",
            "flagged as potentially violating our usage policy", "content_policy_violation",
        ]),
        Family(cause: .endpointWrong, confidence: .high, fragments: [
            "invalid url (", "can only be accessed over https", "this is not a chat model",
            "did you mean to use v1/completions", "unknown request url", "not supported in the v1/chat/completions endpoint",
        ]),
        Family(cause: .requestInvalid, confidence: .medium, fragments: [
            "unsupported parameter", "unsupported value", "unrecognized request argument", "is not valid under any of the given schemas",
            "we could not parse the json body", "invalid type for", "is a required property", "additional properties are not allowed",
            "invalid value for", "'messages' must contain",
        ]),
        Family(cause: .serverOverloaded, confidence: .high, fragments: [
            "engine is currently overloaded", "model is currently overloaded", "currently overloaded with other requests",
            "server is overloaded", "slow down",
        ]),
        Family(cause: .serverError, confidence: .high, fragments: [
            "the server had an error processing your request", "the server had an error while processing your request",
            "internal server error", "bad gateway", "web server is returning an unknown error",
        ]),
        Family(cause: .serverTimeout, confidence: .high, fragments: [
            "gateway timeout", "gateway time-out", "a timeout occurred", "an error occurred with your deployment",
        ]),
        Family(cause: .edgeBlocked, confidence: .medium, fragments: ["your request was blocked"]),
    ]

    /// The fragments as bytes, converted once.
    private static let familyBytes: [[[UInt8]]] = families.map { $0.fragments.map { Array($0.utf8) } }

    static func classify(_ facts: Facts) -> Classification? {
        guard facts.hasText else { return nil }
        // "Incorrect API key provided" decides between invalid and malformed by the echo.
        if facts.says(["incorrect api key provided", "invalid api key", "invalid_api_key"]) {
            return KeyEchoRules.fromInvalidKey(facts)
        }
        for (family, fragments) in zip(families, familyBytes) {
            guard let index = fragments.firstIndex(where: facts.contains) else { continue }
            let fragment = family.fragments[index]
            // A wording alone is strong only when the status agrees (or is missing).
            let confidence = agrees(family.cause, with: facts.status) ? family.confidence : .medium
            return verdict(family.cause, confidence, "the message says \"\(fragment)\"")
        }
        return nil
    }

    /// Whether a status is one this cause answers with.
    private static func agrees(_ cause: CauseID, with status: Int?) -> Bool {
        guard let status else { return true }
        switch cause {
        case .keyMissing, .orgMismatch, .orgMembership, .accountDeactivated, .projectIPNotAllowed:
            return status == 401 || status == 404 || status == 400
        case .billingQuotaExceeded, .rateLimitExceeded, .requestTooLarge: return status == 429
        case .regionUnsupported, .modelNoAccess, .edgeBlocked: return status == 403 || status == 400
        case .serverError: return status >= 500
        case .serverOverloaded: return status == 503 || status == 429
        case .serverTimeout: return status == 504 || status == 524
        default: return true
        }
    }
}
