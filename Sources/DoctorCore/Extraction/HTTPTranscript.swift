/// An HTTP exchange read out of a dump: `curl -v` / `curl -i` output or a raw response.
///
/// Understands both curl's prefixed form (`> ` request, `< ` response, `* ` connection notes)
/// and a bare `HTTP/1.1 403 Forbidden` block followed by headers, a blank line and a body.
struct HTTPTranscript {
    /// The status of the last response in the text (after redirects or a `100 Continue`).
    var status: Int?
    /// The headers of that response.
    var headers = HeaderFields()
    /// The body that follows the headers, if any.
    var body: String?
    /// The request line (`POST /v1/chat/completions`).
    var request: String?
    /// The request's host (curl's `> Host:` or `* Connected to`).
    var host: String?
    /// Addresses curl tried (`* Trying 162.159.140.245:443...`).
    var triedAddresses: [String] = []
    /// Whether curl's `-v` prefixes were seen.
    var isCurlVerbose = false
    /// Whether a proxy CONNECT answer was seen (the status then belongs to the proxy).
    var proxyConnectStatus: Int?

    /// Reads a transcript from the text, or `nil` when there is no status line.
    static func read(_ scan: ScanText) -> HTTPTranscript? {
        let lines = scan.lines()
        var transcript = HTTPTranscript()
        var sawStatus = false
        var inHeaders = false
        var bodyLines: [Substring] = []
        var collectingBody = false
        var connectPending = false

        for raw in lines {
            var line = raw
            var prefix: Character? = nil
            if line.hasPrefix("< ") || line.hasPrefix("> ") || line.hasPrefix("* ") {
                prefix = line.first
                line = line.dropFirst(2)
                transcript.isCurlVerbose = true
            } else if line == "<" || line == ">" {
                prefix = line.first
                line = ""
                transcript.isCurlVerbose = true
            }

            switch prefix {
            case "*":
                noteConnection(line.trimmed(lineEnds: true), into: &transcript)
                continue
            case ">":
                let text = line.trimmed(lineEnds: true)
                if transcript.request == nil, let space = text.firstIndex(of: " "),
                    ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "CONNECT"].contains(
                        String(text[..<space]))
                {
                    let requestLine =
                        text.hasSuffix(" HTTP/1.1") || text.hasSuffix(" HTTP/2") || text.hasSuffix(" HTTP/1.0")
                        ? text.lastIndex(of: " ").map { String(text[..<$0]) } ?? text : text
                    if requestLine.hasPrefix("CONNECT ") {
                        connectPending = true
                    } else {
                        transcript.request = requestLine
                    }
                } else if text.lowercased().hasPrefix("host:") {
                    transcript.host = text.dropFirst(5).trimmed(lineEnds: true)
                }
                continue
            default:
                break
            }

            if let status = statusLine(line) {
                if connectPending {
                    // The first answer after a CONNECT is the proxy's.
                    connectPending = false
                    if status != 200 { transcript.proxyConnectStatus = status }
                    if status == 200 {
                        inHeaders = true
                        continue
                    }
                }
                if status == 100 { continue }
                sawStatus = true
                transcript.status = status
                transcript.headers = HeaderFields()
                bodyLines = []
                collectingBody = false
                inHeaders = true
                continue
            }
            if inHeaders {
                let text = line.trimmed(lineEnds: true)
                if text.isEmpty {
                    inHeaders = false
                    collectingBody = sawStatus
                    continue
                }
                if let field = HeaderField(line: text) {
                    if sawStatus { transcript.headers.append(name: field.name, value: field.value) }
                    continue
                }
                // Not a header: curl -v prints the body right after the headers.
                inHeaders = false
                collectingBody = sawStatus
            }
            if collectingBody, prefix == nil {
                if line.hasPrefix("curl: (") { continue }
                bodyLines.append(raw)
            }
        }
        guard sawStatus || transcript.proxyConnectStatus != nil else { return nil }
        let body = bodyLines.joined(separator: "\n").trimmed(lineEnds: true)
        transcript.body = body.isEmpty ? nil : body
        return transcript
    }

    /// Parses `HTTP/1.1 403 Forbidden`, `HTTP/2 429`, returning the status.
    static func statusLine<S: StringProtocol>(_ line: S) -> Int? {
        let text = line.trimmed(lineEnds: true)
        guard text.hasPrefix("HTTP/") else { return nil }
        let parts = text.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[1].count == 3, isDigits(parts[1]), let code = Int(parts[1]) else { return nil }
        return code
    }

    private static func noteConnection(_ line: String, into transcript: inout HTTPTranscript) {
        // "Trying 162.159.140.245:443..." / "Connected to api.openai.com (162.159.140.245) port 443"
        if line.hasPrefix("Trying ") {
            var address = String(line.dropFirst(7))
            while address.hasSuffix(".") { address.removeLast() }
            transcript.triedAddresses.append(address)
        } else if line.hasPrefix("Connected to ") {
            let rest = line.dropFirst(13)
            if let space = rest.firstIndex(of: " ") {
                transcript.host = transcript.host ?? String(rest[..<space])
            }
        }
    }
}
