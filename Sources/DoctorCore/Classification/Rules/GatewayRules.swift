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
