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
            // A wrapper's own 400 around a failed connection ("Connection error.") refused nothing:
            // what failed is the connection behind it, which this text does not show.
            guard !facts.messageNamesTransportFailure else { return nil }
            return verdict(
                .requestInvalid, .medium,
                "400 Bad Request with an error message: the request's parameters or body were refused")
        },
        // 413 Content Too Large: the body (an audio file, a long prompt) is larger than the API, or
        // a server before it, accepts; whatever `type` a relay put on it, the request is what was refused.
        Rule("status.413", .status, [.requestInvalid]) { facts in
            guard facts.status == 413 else { return nil }
            return verdict(
                .requestInvalid, .medium,
                "413 Content Too Large: the request body is larger than the server accepts (upload size limit)")
        },
        // 405 Method Not Allowed: the method and path are not an endpoint of the API.
        Rule("status.405", .status, [.endpointWrong]) { facts in
            guard facts.status == 405 else { return nil }
            return verdict(
                .endpointWrong, .medium, "405 Method Not Allowed: this method and path are not an API endpoint")
        },
        Rule("status.5xx", .status, [.serverError, .serverOverloaded, .serverTimeout]) { facts in
            guard let status = facts.status else { return nil }
            // A wrapper's 5xx whose message reports a 4xx answer ("Not Found (404)") failed on that
            // answer: the provider refused, it did not fail, and the refusal's cause is not in the text.
            if (500...599).contains(status), let reported = facts.messageStatus, (400...499).contains(reported) {
                return nil
            }
            return serverByStatus(
                status, source: "status \(status)",
                confidence: facts.openaiHeaders || facts.cloudflareServer ? .medium : .low)
        },
    ]

    /// The server cause a 5xx status stands for, if any.
    static func serverByStatus(_ status: Int?, source: String, confidence: Confidence = .medium) -> Classification? {
        guard let status else { return nil }
        switch status {
        case 500, 520, 521, 523, 525, 526, 530:
            return verdict(.serverError, confidence, "\(source): the provider's side failed")
        case 502:
            return verdict(
                .serverError, confidence, "\(source) Bad gateway: the gateway got no valid answer from the API")
        case 503, 529:
            return verdict(.serverOverloaded, confidence, "\(source): the service is unavailable or overloaded")
        case 504, 524:
            return verdict(.serverTimeout, confidence, "\(source): a gateway timed out waiting for the API")
        case 522:
            // Cloudflare's "Connection timed out": the edge timed out connecting to the origin behind it.
            return verdict(
                .serverTimeout, confidence, "\(source): the gateway timed out connecting to the server behind it")
        default:
            return nil
        }
    }
}

extension Facts {
    /// Whether the error message itself is a transport failure's wording (a known text of an HTTP
    /// stack, decisive or not: "Connection error.", "Connection refused"), as a wrapper reports
    /// a failed connection inside its own envelope.
    var messageNamesTransportFailure: Bool {
        guard let message = evidence.error.message, !message.isEmpty else { return false }
        return TransportPatterns.knows(ScanText(message))
    }
}
