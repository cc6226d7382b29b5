/// Data residency: a project pinned to a region must be called on its regional host
/// (`us.api.openai.com` …); the default host answers 401 `incorrect_hostname`, "Attempted to
/// access resource with incorrect regional hostname. Please make your request to
/// us.api.openai.com". It is the URL that is wrong, not the key: `endpoint.wrong`, with the host
/// the API names as the first fix.
enum ResidencyRules {
    /// The rules: the code, then the wording without it (an SDK's one-line rendering).
    static let rules: [Rule] = [
        Rule("code.incorrect-hostname", .code, [.endpointWrong]) { facts in
            facts.code == "incorrect_hostname" ? refusal(facts, named: "`code` incorrect_hostname") : nil
        },
        Rule("wording.incorrect-regional-hostname", .wording, [.endpointWrong]) { facts in
            guard let said = facts.said(["incorrect regional hostname", "incorrect regional host name"]) else {
                return nil
            }
            return refusal(facts, named: "\"\(said)\"")
        },
    ]

    /// The verdict, naming the regional host when the answer names one.
    static func refusal(_ facts: Facts, named: String) -> Classification {
        guard
            let host = OpenAIHosts.regionalHost(
                namedIn: facts.evidence.error.message ?? facts.evidence.body ?? facts.evidence.excerpt ?? "")
        else {
            return verdict(.endpointWrong, .high, "\(named): this project is served on a regional host, not this one")
        }
        var classification = verdict(
            .endpointWrong, .high,
            "\(named): this project is served on \(host); its requests must go to https://\(host)/v1")
        classification.leadingFixes = [
            "This project has data residency: use https://\(host)/v1 as the base URL (OPENAI_BASE_URL or the SDK's base_url, /v1 included); the same key works there."
        ]
        return classification
    }
}
