/// Causes shown by Cloudflare answering without the origin: block pages, 1xxx codes, 5xx pages
/// and the `cf_*` JSON envelopes.
enum EdgeRules {
    /// Cloudflare 1xxx codes that are access decisions (IP ban, firewall rule, country ban,
    /// browser signature, rate limiting rules).
    static let blockCodes: Set<Int> = [1005, 1006, 1007, 1008, 1009, 1010, 1012, 1015, 1020, 1106]

    static func classify(_ facts: Facts) -> Classification? {
        let evidence = facts.evidence
        // cf_* envelopes: Cloudflare speaking in the API's JSON shape.
        if facts.type == "cf_bad_gateway" {
            return verdict(.serverError, .high, "Cloudflare's `cf_bad_gateway` (502): the edge could not get an answer from OpenAI")
        }
        if facts.type == "cf_gateway_timeout" {
            return verdict(.serverTimeout, .high, "Cloudflare's `cf_gateway_timeout` (524): OpenAI did not answer within the edge's limit")
        }
        if facts.type.hasPrefix("cf_") {
            return StatusRules.serverByStatus(facts.status, source: "Cloudflare's `\(facts.type)`")
                ?? verdict(.serverError, .medium, "Cloudflare's `\(facts.type)` envelope")
        }
        let page = evidence.hasMarker("cloudflare:page")
        guard page || evidence.provider == .cloudflare else { return nil }
        // An OpenAI JSON error forwarded through Cloudflare is the origin's answer, not the edge's.
        if facts.openaiHeaders && !page { return nil }

        let code = evidence.markers.lazy.compactMap { marker -> Int? in
            guard marker.hasPrefix("cloudflare:"), let n = Int(marker.dropFirst(11)) else { return nil }
            return n
        }
        if let block = code.first(where: { blockCodes.contains($0) }) {
            return verdict(.edgeBlocked, .high, "Cloudflare error \(block) (\(meaning(of: block))) from the edge in front of the API")
        }
        if evidence.hasMarker("cloudflare:waf-block") || facts.says(["attention required", "sorry, you have been blocked"]) {
            return verdict(.edgeBlocked, .high, "Cloudflare's \"Sorry, you have been blocked\" page: the edge's firewall refused this request")
        }
        if evidence.hasMarker("openai:block-page") {
            return verdict(.edgeBlocked, .high, "OpenAI's Cloudflare block page (\"Unable to load site\"), which names VPNs as the usual cause")
        }
        if let pageStatus = code.first(where: { (500...599).contains($0) }) ?? (facts.status.flatMap { (500...599).contains($0) ? $0 : nil }),
            let server = StatusRules.serverByStatus(pageStatus, source: "Cloudflare's \(pageStatus) page")
        {
            return server
        }
        if evidence.hasMarker("cloudflare:challenge") || facts.says(["just a moment..."]) {
            return verdict(.edgeBlocked, .medium, "a Cloudflare challenge page: the edge wants a browser check this client cannot pass")
        }
        if facts.status == 403, facts.cloudflareServer {
            return verdict(.edgeBlocked, .medium, "403 with `server: cloudflare` and no OpenAI headers: the edge refused before OpenAI saw the request")
        }
        if page, facts.status == nil || facts.status == 403 {
            return verdict(.edgeBlocked, .medium, "a Cloudflare error page with no OpenAI answer behind it")
        }
        return nil
    }

    static func meaning(of code: Int) -> String {
        switch code {
        case 1020: return "access denied by a firewall rule"
        case 1009: return "country or region banned"
        case 1006, 1007, 1008, 1106: return "IP address banned"
        case 1010: return "browser signature banned"
        case 1015: return "rate limited by the site's rules"
        case 1012: return "access denied"
        default: return "access denied"
        }
    }
}
