import DoctorCore

/// A problem found in the configuration before anything is sent.
public struct ConfigIssue: Sendable, Equatable {
    /// `warn` (worth a look) or `fail` (requests will not work as configured).
    public var severity: CheckStatus
    /// The cause it points to, if it names one.
    public var cause: CauseID?
    /// One line for a person (no secrets).
    public var summary: String
    /// What to do.
    public var fixes: [String]

    /// Creates an issue.
    public init(severity: CheckStatus, cause: CauseID?, summary: String, fixes: [String] = []) {
        self.severity = severity
        self.cause = cause
        self.summary = summary
        self.fixes = fixes
    }
}

/// Sanity checks of a base URL: scheme, path, host typos, stray spaces, Azure shape.
public enum BaseURLCheck {
    /// Whether `host` is an Azure OpenAI resource host.
    public static func isAzureHost(_ host: String) -> Bool {
        host.hasSuffix(".openai.azure.com") || host.hasSuffix(".cognitiveservices.azure.com")
            || host.hasSuffix(".services.ai.azure.com")
    }

    /// The issues with a base URL as written.
    public static func issues(_ raw: String) -> [ConfigIssue] {
        var issues: [ConfigIssue] = []
        let trimmed = raw.trimmed(lineEnds: true)
        if trimmed != raw || raw.contains("\n") {
            issues.append(
                ConfigIssue(
                    severity: .fail, cause: .endpointWrong,
                    summary: "the base URL has leading or trailing white space",
                    fixes: ["Remove the spaces or line break around the base URL."]))
        }
        guard let url = EndpointURL(trimmed) else {
            issues.append(
                ConfigIssue(
                    severity: .fail, cause: .endpointWrong,
                    summary: "the base URL \"\(trimmed)\" is not an absolute URL",
                    fixes: ["Set it to https://api.openai.com/v1 (or your provider's full URL, scheme included)."]))
            return issues
        }
        let isLocal = url.host == "localhost" || (IPAddress(url.host)?.isPrivateOrLocal ?? false)
        // The default host and the data-residency hosts (us.api.openai.com …) are judged alike.
        let isOpenAI = OpenAIHosts.isAPIHost(url.host)
        let apiHost = isOpenAI ? url.host.lowercased() : OpenAIHosts.defaultHost
        if url.scheme != "https" && !(url.scheme == "http" && isLocal) {
            issues.append(
                ConfigIssue(
                    severity: isOpenAI ? .fail : .warn, cause: .endpointWrong,
                    summary: "the base URL uses \(url.scheme)://; the API is only served over https",
                    fixes: ["Use https://\(url.authority)\(url.path)."]))
        }
        if !isOpenAI, let near = nearMiss(url.host) {
            issues.append(
                ConfigIssue(
                    severity: .fail, cause: .endpointWrong,
                    summary: "the host \(url.host) looks like a typo of \(near)",
                    fixes: ["Use https://api.openai.com/v1."]))
        }
        if isOpenAI {
            var path = url.path
            while path.hasSuffix("/") { path.removeLast() }
            if path != "/v1" {
                let summary =
                    path.isEmpty
                    ? "the base URL has no /v1: SDKs will call /chat/completions and get 404 Invalid URL"
                    : "the base URL path is \(url.path); SDKs expect it to end at /v1"
                issues.append(
                    ConfigIssue(
                        severity: .fail, cause: .endpointWrong, summary: summary,
                        fixes: ["Set the base URL to https://\(apiHost)/v1."]))
            }
        }
        if isAzureHost(url.host), url.path.contains("/deployments/") {
            issues.append(
                ConfigIssue(
                    severity: .warn, cause: .endpointWrong,
                    summary: "the Azure endpoint includes a deployment path; it should be the resource URL only",
                    fixes: [
                        "Set AZURE_OPENAI_ENDPOINT to https://<resource>.openai.azure.com/ and pass the deployment as --model."
                    ]))
        }
        return issues
    }

    /// The well-known host this one is a near miss of (edit distance 1–3), if any.
    static func nearMiss(_ host: String) -> String? {
        let wellKnown = ["api.openai.com"]
        for target in wellKnown {
            let distance = editDistance(host, target)
            if distance > 0 && distance <= 3 { return target }
        }
        if ["openai.com", "www.openai.com", "platform.openai.com", "chat.openai.com", "chatgpt.com"].contains(host) {
            return "api.openai.com"
        }
        return nil
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = Swift.min(
                    previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// Shape checks of organization (`org-…`) and project (`proj_…`) ids.
public enum IdentifierShape {
    /// The issues with an organization id.
    public static func organizationIssues(_ raw: String) -> [ConfigIssue] {
        shapeIssues(raw, prefix: "org-", label: "organization id", cause: .orgMembership, swapped: "proj_")
    }

    /// The issues with a project id.
    public static func projectIssues(_ raw: String) -> [ConfigIssue] {
        shapeIssues(raw, prefix: "proj_", label: "project id", cause: .projectMismatch, swapped: "org-")
    }

    private static func shapeIssues(
        _ raw: String, prefix: String, label: String, cause: CauseID, swapped: String
    ) -> [ConfigIssue] {
        var issues: [ConfigIssue] = []
        let trimmed = raw.trimmed(lineEnds: true)
        if trimmed != raw || raw.contains("\n") {
            issues.append(
                ConfigIssue(
                    severity: .fail, cause: cause, summary: "the \(label) has white space around it",
                    fixes: ["Remove the spaces or line break around the \(label)."]))
        }
        if trimmed.count >= 2, let first = trimmed.first, first == trimmed.last, first == "\"" || first == "'" {
            issues.append(
                ConfigIssue(
                    severity: .fail, cause: cause, summary: "the \(label) is wrapped in quotes",
                    fixes: ["Remove the quotes from the \(label)."]))
        }
        let body = trimmed.configStripping("\"'")
        if body.hasPrefix(swapped) {
            issues.append(
                ConfigIssue(
                    severity: .fail, cause: cause,
                    summary: "the \(label) \(body) starts with \(swapped): it is the other kind of id",
                    fixes: [
                        "Put organization ids (org-…) in OPENAI_ORG_ID and project ids (proj_…) in OPENAI_PROJECT_ID."
                    ]))
        } else if !body.hasPrefix(prefix) {
            let near = prefix == "proj_" && body.hasPrefix("proj-")
            issues.append(
                ConfigIssue(
                    severity: near ? .fail : .warn, cause: cause,
                    summary: near
                        ? "the project id starts with proj- ; project ids start with proj_ (underscore)"
                        : "the \(label) does not start with \(prefix)",
                    fixes: ["Copy the \(label) from the platform settings page (it starts with \(prefix))."]))
        } else {
            let rest = body.dropFirst(prefix.count)
            if rest.isEmpty || !rest.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                issues.append(
                    ConfigIssue(
                        severity: .warn, cause: cause, summary: "the \(label) has characters ids never contain",
                        fixes: ["Copy the \(label) again from the platform settings page."]))
            } else if rest.count != 24 {
                issues.append(
                    ConfigIssue(
                        severity: .warn, cause: nil,
                        summary: "the \(label) is \(body.count) characters; ids seen so far are \(prefix.count + 24)",
                        fixes: ["Check that the \(label) was not cut when copied."]))
            }
        }
        return issues
    }
}

/// Sanity checks of the proxy that applies to the API host.
public enum ProxyURLCheck {
    /// Host names that are placeholders from documentation, never real proxies.
    static let placeholderHosts = [
        "proxy.example.com", "example.com", "proxy.company.com", "your-proxy", "yourproxy", "proxy-server",
        "proxy.server", "host", "hostname", "proxyhost", "proxy_host", "your.proxy.com", "proxy.yourcompany.com",
    ]

    /// The issues with the selected proxy.
    ///
    /// - Parameters:
    ///   - selection: The proxy selection.
    ///   - inContainer: Whether the tool runs inside a container (then a loopback proxy is the container's own).
    public static func issues(_ selection: ProxySelection, inContainer: Bool) -> [ConfigIssue] {
        var issues: [ConfigIssue] = []
        if let bad = selection.unparsable {
            issues.append(
                ConfigIssue(
                    severity: .fail, cause: .proxyMisconfigured,
                    summary: "the proxy \"\(bad)\" (\(selection.source)) cannot be parsed",
                    fixes: ["Write the proxy as http://host:port."]))
        }
        for note in selection.ignored {
            issues.append(ConfigIssue(severity: .warn, cause: nil, summary: "ignored: \(note)"))
        }
        guard let proxy = selection.proxy else { return issues }
        switch proxy.scheme {
        case "http":
            break
        case "https":
            issues.append(
                ConfigIssue(
                    severity: .warn, cause: .proxyMisconfigured,
                    summary:
                        "the proxy URL uses https://, which means TLS to the proxy itself; most proxies speak plain HTTP",
                    fixes: ["If the proxy is a plain HTTP proxy, write http://\(proxy.authority)."]))
        case "socks4", "socks4a", "socks5", "socks5h":
            issues.append(
                ConfigIssue(
                    severity: .warn, cause: nil,
                    summary: "the proxy is a SOCKS proxy (\(proxy.scheme)); this tool's probes go direct for SOCKS",
                    fixes: []))
        default:
            issues.append(
                ConfigIssue(
                    severity: .fail, cause: .proxyMisconfigured,
                    summary: "the proxy scheme \(proxy.scheme):// is not one clients know",
                    fixes: ["Write the proxy as http://host:port."]))
        }
        let host = proxy.host
        if placeholderHosts.contains(host) || host.contains("<") || host.contains("example") || host.hasPrefix("your") {
            issues.append(
                ConfigIssue(
                    severity: .fail, cause: .proxyMisconfigured,
                    summary: "the proxy host \(host) is a placeholder from documentation",
                    fixes: [
                        "Set the real proxy address, or unset \(selection.source.configReplacingPrefix("env ", with: ""))."
                    ]))
        }
        let isLoopback = host == "localhost" || (IPAddress(host)?.isLoopback ?? false)
        if inContainer && isLoopback {
            issues.append(
                ConfigIssue(
                    severity: .warn, cause: .proxyMisconfigured,
                    summary:
                        "the proxy is on \(host) inside a container: that is the container itself, not the host machine",
                    fixes: ["Use host.docker.internal (or the host's address) for a proxy that runs on the host."]))
        }
        return issues
    }
}
