/// Answers from web servers and hosting platforms that are not the API (nginx, openresty,
/// Vercel, a wrong base URL's own 404): who answered, so their status decides before any wording
/// the page happens to hold ("504 Gateway Time-out" is the page's title, not the API's message).
enum GatewayRules {
    /// The rules, in precedence order.
    static let rules: [Rule] = [
        Rule("gateway.wrong-host", .answeringParty, [.endpointWrong]) { facts in
            guard facts.answeredByGateway, let status = facts.status, status == 404 || status == 405 else { return nil }
            return verdict(
                .endpointWrong, .high,
                "\(status) from \(facts.gatewayName), not an API error body: the URL points at a host or path that is not the API"
            )
        },
        Rule("gateway.5xx", .answeringParty, [.serverTimeout, .serverError, .serverOverloaded]) { facts in
            guard facts.answeredByGateway, let status = facts.status else { return nil }
            switch status {
            case 504:
                return verdict(
                    .serverTimeout, .high, "504 Gateway Time-out from \(facts.gatewayName) in front of the API")
            case 502:
                return verdict(.serverError, .high, "502 Bad Gateway from \(facts.gatewayName) in front of the API")
            case 500, 503:
                return StatusRules.serverByStatus(
                    status, source: "\(status) from \(facts.gatewayName)", confidence: .medium)
            default: return nil
            }
        },
    ]
}

extension Facts {
    /// Whether a web server that is not the API answered (its page, or HTML without OpenAI headers).
    var answeredByGateway: Bool {
        evidence.provider == .gateway || (evidence.form == .html && !openaiHeaders)
    }

    /// The web server's name, for the reasons.
    var gatewayName: String { evidence.webServer ?? "a web server" }
}
