/// How a relay or an aggregator says that a failure was its upstream's: the service the caller
/// reached answered, and what it reports is its own connection to a provider failing.
///
/// A transport failure inside such a report is not the caller's network: the caller's request
/// reached the relay and got an answer. Where the relay's own path failed (its proxy chain, a
/// third-party provider, the upstream refusing an impersonated client) the text does not say.
enum UpstreamReports {
    /// The `code` or `type` a relay's error envelope gives its upstream's failure.
    ///
    /// Source: chatgpt2api's envelope around a curl_cffi failure (`{"error":{"message":"Failed to
    /// perform, curl: (35) …","type":"server_error","param":null,"code":"upstream_error"}}`,
    /// basketikun/chatgpt2api#285); the same code is the usual one of OpenAI-compatible relays
    /// and routers for a provider's failure.
    static let codes: Set<String> = ["upstream_error"]

    /// An aggregator's summary of its providers' failures, each provider's error on a line after it.
    ///
    /// Source: xtekky/gpt4free `g4f/providers/retry_provider.py` (`RetryProviderError("RetryProvider
    /// failed:\n" + …)` with one `Provider: ErrorClass: message` line each, `RetryNoProviderError`;
    /// its 2023 form `RuntimeError("All providers failed:" …)`, as fixture 1846's traceback prints it).
    static let summaries = ["all providers failed:", "retryprovider failed:", "retryprovidererror"]

    /// The summaries as folded bytes, converted once.
    private static let summaryBytes = summaries.map { NormalizedText.needle($0) }

    /// What in the evidence says the failure is the upstream's, for the reason: the envelope's
    /// code, or the aggregator's summary; `nil` when nothing does.
    static func marker(in facts: Facts) -> String? {
        let fields = [facts.evidence.error] + facts.evidence.sightings.compactMap(\.fields)
        for field in fields {
            for value in [field.code, field.type].compactMap({ $0?.lowercased() }) where codes.contains(value) {
                return "the relay's error envelope has `\(value)`"
            }
        }
        for (index, needle) in summaryBytes.enumerated()
        where facts.containsAnywhere(needle) {
            return "the aggregator reports \"\(summaries[index])\" with each provider's own failure"
        }
        return nil
    }
}
