@testable import DoctorCore
@testable import DoctorProbes

/// The configuration `check` reads before sending anything: `.env` files and proxy variables.
enum ConfigTargets {
    static let dotEnv = FuzzTarget(
        name: "dotenv",
        property:
            "`.env` reader: no crash; the same file with \\n, \\r\\n or \\r line ends reads the same names and values; line numbers within the file"
    ) { input in
        let text = input.text
        let parsed = DotEnv.parse(text)
        let lineCount = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.count
        for entry in parsed.entries {
            FuzzCheck.require(
                entry.line >= 1 && entry.line <= max(1, lineCount), "entry line \(entry.line) of \(lineCount)")
        }
        // Line endings: a file written on Windows or classic Mac OS reads like the same file on Unix.
        guard !text.contains("\r") else { return }
        let unix = parsed.entries.map { "\($0.name)=\($0.value ?? "<nil>") line \($0.line)" }
        for ending in ["\r\n", "\r"] {
            let other = DotEnv.parse(
                text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: ending))
            let read = other.entries.map { "\($0.name)=\($0.value ?? "<nil>") line \($0.line)" }
            FuzzCheck.require(
                read == unix, "with \(ending.debugDescription) line ends the file reads \(read), with \\n \(unix)")
        }
    }

    static let proxy = FuzzTarget(
        name: "proxy",
        property:
            "proxy variables and NO_PROXY: no crash; a bypass names a token of NO_PROXY; a chosen proxy is one of the variables' URLs, never shown with its password"
    ) { input in
        let lines = input.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let names = [
            "https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy",
        ]
        var environment: [String: String] = [:]
        for (index, line) in lines.prefix(names.count).enumerated() where !line.isEmpty {
            environment[names[index]] = line
        }
        let host = lines.count > names.count ? lines[names.count] : "api.openai.com"
        let port = input.choice(0, below: 4) == 0 ? nil : input.choice(1, below: 65_536)
        _ = ProxySelection.parseProxy(lines.first ?? "")
        for list in [environment["NO_PROXY"], environment["no_proxy"]].compactMap({ $0 }) {
            if let token = ProxySelection.matchingToken(in: list, host: host, port: port) {
                FuzzCheck.require(
                    list.lowercased().contains(token.lowercased()),
                    "bypass token \(token.debugDescription) not in \(list.debugDescription)")
            }
        }
        let scheme = input.choice(2, below: 2) == 0 ? "https://" : "http://"
        guard let url = EndpointURL(host.contains("://") ? host : scheme + host) else { return }
        let selection = ProxySelection.select(for: url, environment: environment)
        if let proxy = selection.proxy {
            let name = String(selection.source.dropFirst(4))
            FuzzCheck.require(selection.source.hasPrefix("env "), "a proxy from \(selection.source)")
            FuzzCheck.require(
                environment[name].flatMap(ProxySelection.parseProxy) == proxy,
                "the proxy chosen is not what \(name) holds")
        }
        if let bypass = selection.bypassedBy {
            FuzzCheck.require(selection.proxy == nil, "bypassed by \(bypass) yet a proxy chosen")
        }
    }
}
