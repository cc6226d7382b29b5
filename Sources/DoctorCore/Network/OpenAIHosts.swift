/// OpenAI's own API hosts: `api.openai.com` and the data-residency hosts in front of it
/// (`us.api.openai.com`, `eu.api.openai.com`, `au.`, `in.`, `jp.` … `api.openai.com`).
///
/// A project with data residency must be called on its regional host; the default host then
/// answers 401 `incorrect_hostname` naming the right one. Everywhere the tool asks "is this
/// the API?" (the trace and compliance probes, the Cloudflare ranges of the poisoned-DNS
/// check, key and endpoint advice) it asks here, so a regional host is never mistaken for a
/// relay.
///
/// ```swift
/// OpenAIHosts.isAPIHost("eu.api.openai.com")      // true
/// OpenAIHosts.region(of: "eu.api.openai.com")     // "eu"
/// OpenAIHosts.isAPIHost("api.openai.com.evil.io") // false
/// ```
public enum OpenAIHosts {
    /// The default API host.
    public static let defaultHost = "api.openai.com"

    /// Whether `host` is the default API host or a regional one (letter case and a trailing dot ignored).
    public static func isAPIHost(_ host: String) -> Bool {
        let name = normalized(host)
        return name == defaultHost || region(ofNormalized: name) != nil
    }

    /// The region label of a regional API host (`us` for `us.api.openai.com`), `nil` for the
    /// default host and for any other host.
    public static func region(of host: String) -> String? {
        region(ofNormalized: normalized(host))
    }

    /// The regional host named in an API message ("Please make your request to us.api.openai.com"),
    /// the first one found.
    public static func regionalHost(namedIn text: String) -> String? {
        var rest = Substring(text)
        while let range = rest.firstRange(of: ".api.openai.com") {
            var start = range.lowerBound
            while start > rest.startIndex {
                let before = rest.index(before: start)
                guard isLabelCharacter(rest[before]) else { break }
                start = before
            }
            let candidate = String(rest[start..<range.upperBound]).lowercased()
            if region(ofNormalized: candidate) != nil { return candidate }
            rest = rest[range.upperBound...]
        }
        return nil
    }

    private static func normalized(_ host: String) -> String {
        var name = host.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        return name
    }

    private static func region(ofNormalized name: String) -> String? {
        let suffix = "." + defaultHost
        guard name.hasSuffix(suffix) else { return nil }
        let label = name.dropLast(suffix.count)
        // One DNS label: letters, digits and hyphens, not at an end (us, eu, au, in, jp, …).
        guard (2...24).contains(label.count), label.allSatisfy(isLabelCharacter), label.first != "-", label.last != "-"
        else { return nil }
        return String(label)
    }

    private static func isLabelCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-")
    }
}
