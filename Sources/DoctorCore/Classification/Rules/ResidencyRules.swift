/// Data residency: a project pinned to a region must be called on its regional host
/// (`us.api.openai.com` …); the default host answers 401 `incorrect_hostname`, "Attempted to
/// access resource with incorrect regional hostname. Please make your request to
/// us.api.openai.com". It is the URL that is wrong, not the key: `endpoint.wrong`, with the host
/// the API names in the fix.
enum ResidencyRules {
    static func classify(_ facts: Facts) -> Classification? {
        let byCode = facts.code == "incorrect_hostname"
        guard byCode || facts.says(["incorrect regional hostname"]) else { return nil }
        let named = byCode ? "`code` incorrect_hostname" : "\"incorrect regional hostname\""
        guard let host = regionalHost(facts.evidence) else {
            return verdict(.endpointWrong, .high, "\(named): this project is served on a regional host, not this one")
        }
        return verdict(.endpointWrong, .high,
            "\(named): this project is served on \(host); its requests must go to https://\(host)/v1")
    }

    /// The regional host the answer names, if it names one.
    static func regionalHost(_ evidence: Evidence) -> String? {
        let text = evidence.error.message ?? evidence.body ?? evidence.excerpt ?? ""
        return OpenAIHosts.regionalHost(namedIn: text)
    }

    /// The fix that names the host, for a residency refusal; none for anything else.
    static func fixes(for evidence: Evidence, cause: CauseID) -> [String] {
        guard cause == .endpointWrong, let host = regionalHost(evidence) else { return [] }
        let code = (evidence.error.code ?? "").lowercased()
        let text = (evidence.error.message ?? evidence.body ?? evidence.excerpt ?? "").lowercased()
        guard code == "incorrect_hostname" || text.contains("incorrect regional hostname") else { return [] }
        return [
            "This project has data residency: use https://\(host)/v1 as the base URL (OPENAI_BASE_URL or the SDK's base_url, /v1 included); the same key works there."
        ]
    }
}
