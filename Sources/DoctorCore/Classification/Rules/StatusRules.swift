/// Causes that a status alone can show.
///
/// Only the 5xx family means one thing; a bare 401, 403, 404 or 429 stays `unknown`, because
/// several causes answer each of them. (407 is decided earlier, by who answered.)
enum StatusRules {
    /// The rules.
    static let rules: [Rule] = [
        // 400 is "bad request": with an error message and no code, type or wording that says more,
        // the request itself was refused (providers behind relays word it in their own way).
        Rule("status.400-with-message", .status, [.requestInvalid]) { facts in
            guard facts.status == 400, facts.hasMessage, !facts.answeredByProxy, !facts.answeredByEdge else {
                return nil
            }
            return verdict(
                .requestInvalid, .medium,
                "400 Bad Request with an error message: the request's parameters or body were refused")
        },
        // 405 Method Not Allowed: the method and path are not an endpoint of the API.
        Rule("status.405", .status, [.endpointWrong]) { facts in
            guard facts.status == 405 else { return nil }
            return verdict(
                .endpointWrong, .medium, "405 Method Not Allowed: this method and path are not an API endpoint")
        },
        Rule("status.5xx", .status, [.serverError, .serverOverloaded, .serverTimeout]) { facts in
            guard let status = facts.status else { return nil }
            return serverByStatus(
                status, source: "status \(status)",
                confidence: facts.openaiHeaders || facts.cloudflareServer ? .medium : .low)
        },
    ]

    /// The server cause a 5xx status stands for, if any.
    static func serverByStatus(_ status: Int?, source: String, confidence: Confidence = .medium) -> Classification? {
        guard let status else { return nil }
        switch status {
        case 500, 520, 521, 522, 523, 525, 526, 530:
            return verdict(.serverError, confidence, "\(source): the provider's side failed")
        case 502:
            return verdict(
                .serverError, confidence, "\(source) Bad gateway: the gateway got no valid answer from the API")
        case 503, 529:
            return verdict(.serverOverloaded, confidence, "\(source): the service is unavailable or overloaded")
        case 504, 524:
            return verdict(.serverTimeout, confidence, "\(source): a gateway timed out waiting for the API")
        default:
            return nil
        }
    }
}
