/// Causes that a status alone can show, and gateway pages that are not the API's.
///
/// Only statuses that mean one thing are decided here: 407, and the 5xx family. A bare 401,
/// 403, 404 or 429 stays `unknown`, because several causes answer each of them.
enum StatusRules {
    static func classify(_ facts: Facts) -> Classification? {
        guard let status = facts.status else { return nil }
        if status == 407 {
            return verdict(.proxyAuthRequired, .high, "407 Proxy Authentication Required")
        }
        return serverByStatus(status, source: "status \(status)", confidence: facts.openaiHeaders || facts.cloudflareServer ? .medium : .low)
    }

    /// The server cause a 5xx status stands for, if any.
    static func serverByStatus(_ status: Int?, source: String, confidence: Confidence = .medium) -> Classification? {
        guard let status else { return nil }
        switch status {
        case 500, 520, 521, 522, 523, 525, 526, 530:
            return verdict(.serverError, confidence, "\(source): the provider's side failed")
        case 502:
            return verdict(.serverError, confidence, "\(source) Bad gateway: the gateway got no valid answer from the API")
        case 503, 529:
            return verdict(.serverOverloaded, confidence, "\(source): the service is unavailable or overloaded")
        case 504, 524:
            return verdict(.serverTimeout, confidence, "\(source): a gateway timed out waiting for the API")
        default:
            return nil
        }
    }
}

/// Answers from web servers and hosting platforms that are not the API (nginx, openresty,
/// Vercel, a wrong base URL's own 404).
enum GatewayRules {
    static func classify(_ facts: Facts) -> Classification? {
        let evidence = facts.evidence
        guard evidence.provider == .gateway || (evidence.form == .html && !facts.openaiHeaders) else { return nil }
        let server = evidence.markers.first { $0.hasPrefix("server:") }.map { String($0.dropFirst(7)) } ?? "a web server"
        switch facts.status {
        case 404, 405:
            return verdict(.endpointWrong, .high,
                "\(facts.status!) from \(server), not an API error body: the URL points at a host or path that is not the API")
        case 504:
            return verdict(.serverTimeout, .high, "504 Gateway Time-out from \(server) in front of the API")
        case 502:
            return verdict(.serverError, .high, "502 Bad Gateway from \(server) in front of the API")
        case 500, 503:
            return StatusRules.serverByStatus(facts.status, source: "\(facts.status!) from \(server)", confidence: .medium)
        default:
            return nil
        }
    }
}
