/// Causes shown by Cloudflare answering without the origin: block pages, 1xxx codes, 5xx pages
/// and the `cf_*` JSON envelopes.
enum EdgeRules {
    /// Cloudflare 1xxx codes that are access decisions (IP ban, firewall rule, country ban,
    /// browser signature, rate limiting rules).
    static let blockCodes: Set<Int> = [1005, 1006, 1007, 1008, 1009, 1010, 1012, 1015, 1020, 1106]

    /// The rules, in precedence order.
    static let rules: [Rule] = [
        // cf_* envelopes: Cloudflare speaking in the API's JSON shape.
        Rule("edge.cf-envelope", .answeringParty, [.serverError, .serverTimeout, .serverOverloaded]) { facts in
            switch facts.type {
            case "cf_bad_gateway":
                return verdict(
                    .serverError, .high,
                    "Cloudflare's `cf_bad_gateway` (502): the edge could not get an answer from OpenAI")
            case "cf_gateway_timeout":
                return verdict(
                    .serverTimeout, .high,
                    "Cloudflare's `cf_gateway_timeout` (524): OpenAI did not answer within the edge's limit")
            case let type where type.hasPrefix("cf_"):
                return StatusRules.serverByStatus(facts.status, source: "Cloudflare's `\(type)`")
                    ?? verdict(.serverError, .medium, "Cloudflare's `\(type)` envelope")
            default:
                return nil
            }
        },
        Rule("edge.block-code", .answeringParty, [.edgeBlocked]) { facts in
            guard facts.answeredByEdge, let block = facts.evidence.cloudflareCodes.first(where: blockCodes.contains)
            else { return nil }
            return verdict(
                .edgeBlocked, .high,
                "Cloudflare error \(block) (\(meaning(of: block))) from the edge in front of the API")
        },
        Rule("edge.waf-page", .answeringParty, [.edgeBlocked]) { facts in
            guard facts.answeredByEdge,
                facts.evidence.has(.cloudflareWAFBlock)
                    || facts.says(["attention required", "sorry, you have been blocked"])
            else { return nil }
            return verdict(
                .edgeBlocked, .high,
                "Cloudflare's \"Sorry, you have been blocked\" page: the edge's firewall refused this request")
        },
        Rule("edge.openai-block-page", .answeringParty, [.edgeBlocked]) { facts in
            guard facts.answeredByEdge, facts.evidence.has(.openAIBlockPage) else { return nil }
            return verdict(
                .edgeBlocked, .high,
                "OpenAI's Cloudflare block page (\"Unable to load site\"), which names VPNs as the usual cause")
        },
        Rule("edge.5xx-page", .answeringParty, [.serverError, .serverTimeout, .serverOverloaded]) { facts in
            guard facts.answeredByEdge else { return nil }
            let pageStatus =
                facts.evidence.cloudflareCodes.first { (500...599).contains($0) }
                ?? facts.status.flatMap { (500...599).contains($0) ? $0 : nil }
            return pageStatus.flatMap { StatusRules.serverByStatus($0, source: "Cloudflare's \($0) page") }
        },
        Rule("edge.challenge", .answeringParty, [.edgeBlocked]) { facts in
            guard facts.answeredByEdge, facts.evidence.has(.cloudflareChallenge) || facts.says(["just a moment..."])
            else { return nil }
            return verdict(
                .edgeBlocked, .medium,
                "a Cloudflare challenge page: the edge wants a browser check this client cannot pass")
        },
    ]

    static func meaning(of code: Int) -> String {
        switch code {
        case 1020: return "access denied by a firewall rule"
        case 1009: return "country or region banned"
        case 1006, 1007, 1008, 1106: return "IP address banned"
        case 1010: return "browser signature banned"
        case 1015: return "rate limited by the site's rules"
        default: return "access denied"
        }
    }
}

extension Facts {
    /// Whether Cloudflare's edge answered, not the origin: its page, or its shape without an
    /// OpenAI JSON error forwarded through it.
    var answeredByEdge: Bool {
        let page = evidence.has(.cloudflarePage)
        guard page || evidence.provider == .cloudflare else { return false }
        return page || !openaiHeaders
    }
}
