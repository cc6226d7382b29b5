/// OpenAI's API hosts: the default `api.openai.com` and the data-residency hosts
/// (`us.api.openai.com`, `eu.api.openai.com`, …) that projects with data residency must use.
///
/// A project whose data lives in a region answers 401 `incorrect_hostname` on the default
/// host: "Attempted to access resource with incorrect regional hostname. Please make your
/// request to us.api.openai.com".
///
/// ```swift
/// RegionalHosts.isOpenAIAPIHost("eu.api.openai.com")   // true
/// RegionalHosts.named(in: "… make your request to us.api.openai.com")   // "us.api.openai.com"
/// ```
public enum RegionalHosts {
    /// The default host.
    public static let defaultHost = "api.openai.com"

    /// Whether `host` is the default API host or a regional one (`<region>.api.openai.com`).
    public static func isOpenAIAPIHost(_ host: String) -> Bool {
        let host = host.lowercased()
        guard host.hasSuffix(defaultHost) else { return false }
        if host == defaultHost { return true }
        let region = host.dropLast(defaultHost.count + 1)
        return host.dropLast(defaultHost.count).hasSuffix(".") && !region.isEmpty
            && region.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    /// The regional host a message names (`us.api.openai.com`), if any.
    public static func named(in message: String) -> String? {
        let lower = message.lowercased()
        var search = lower[...]
        while let range = search.firstRange(of: ".api.openai.com") {
            var start = range.lowerBound
            while start > lower.startIndex {
                let before = lower.index(before: start)
                let c = lower[before]
                guard c.isASCII, c.isLetter || c.isNumber || c == "-" else { break }
                start = before
            }
            if start < range.lowerBound { return String(lower[start..<range.upperBound]) }
            search = lower[range.upperBound...]
        }
        return nil
    }
}
