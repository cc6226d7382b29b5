/// Causes that a status alone can show.
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
