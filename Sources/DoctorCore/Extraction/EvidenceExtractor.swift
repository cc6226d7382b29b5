#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Turns a failure, in whatever form it reached a person, into ``Evidence``.
///
/// One pipeline serves every form: the text is decoded and capped, an HTTP transcript is read
/// if there is one, the error envelope is found and unwrapped (JSON, Python repr, JavaScript
/// literal, relay wrappers), client wrappers give the status where no status line exists,
/// page and header markers say who answered, and transport wording gives the failed phase.
/// HAR files are read by structure, one evidence per failed entry.
///
/// ```swift
/// let evidence = EvidenceExtractor.extract(from: pastedText).first!
/// let diagnosis = Diagnoser.diagnose(evidence)
/// ```
public enum EvidenceExtractor {
    /// The most input text examined; longer input keeps its head and tail, with a note.
    public static let textCap = 1 << 20
    /// The most of a HAR file read.
    public static let harCap = 64 << 20
    /// The most body text kept in the evidence.
    public static let bodyCap = 64 << 10

    /// Reads evidence from raw input bytes (any encoding, any size).
    ///
    /// - Parameters:
    ///   - bytes: the input.
    ///   - status: a status the person gave (`--status`), which wins over what the text says.
    ///   - headers: headers the person gave (`--header`), added to those found.
    /// - Returns: one evidence, or one per failed entry of a HAR file (never empty).
    public static func extract(
        from bytes: [UInt8], status: Int? = nil, headers: HeaderFields = HeaderFields()
    ) -> [Evidence] {
        var notes: [String] = []
        if looksLikeHAR(bytes) {
            let capped = bytes.count > harCap ? Array(bytes.prefix(harCap)) : bytes
            if bytes.count > harCap {
                notes.append("input truncated: only the first \(harCap >> 20) MiB of the HAR file were read")
            }
            if let entries = HARReader.failedEntries(in: String(decoding: capped, as: UTF8.self)) {
                if entries.isEmpty {
                    var evidence = Evidence(form: .har, notes: notes + ["the HAR file has no failed entry"])
                    evidence.status = status
                    return [evidence]
                }
                return entries.map { entry in
                    var evidence = self.evidence(
                        status: entry.status == 0 ? nil : entry.status, headers: entry.headers,
                        body: entry.body, form: .har
                    )
                    evidence.request = evidence.request ?? entry.request
                    evidence.notes = notes + evidence.notes
                    evidence.entry = entry.index
                    if entry.status == 0, evidence.transport == nil {
                        evidence.notes.append("the entry has no response (status 0)")
                    }
                    return evidence
                }
            }
        }
        let (text, decodeNotes) = decode(bytes)
        notes += decodeNotes
        var evidence = extract(text: text, givenStatus: status, givenHeaders: headers)
        evidence.notes = notes + evidence.notes
        return [evidence]
    }

    /// Reads evidence from text.
    public static func extract(
        from text: String, status: Int? = nil, headers: HeaderFields = HeaderFields()
    ) -> [Evidence] {
        extract(from: Array(text.utf8), status: status, headers: headers)
    }

    /// Builds evidence from an HTTP answer a probe or client received.
    ///
    /// - Parameters:
    ///   - status: the HTTP status.
    ///   - headers: the response headers.
    ///   - body: the response body (capped here).
    ///   - form: how it was obtained (``InputForm/probe`` for live requests).
    public static func evidence(status: Int?, headers: HeaderFields, body: String, form: InputForm = .probe) -> Evidence
    {
        let capped =
            body.utf8.count > bodyCap ? String(decoding: Array(body.utf8.prefix(bodyCap)), as: UTF8.self) : body
        var evidence = Evidence(form: form, status: status, headers: headers, body: capped.isEmpty ? nil : capped)
        let scan = ScanText(capped)
        fill(&evidence, from: scan, wrapperAllowed: false)
        return evidence
    }

    // MARK: - The pipeline

    private static func extract(text: String, givenStatus: Int?, givenHeaders: HeaderFields) -> Evidence {
        // Spring's RestTemplate prints bodies with "<EOL>" for line ends.
        // (Searched on the bytes: String's own contains is many times slower, and the
        // error-record census classifies through here.)
        let raw = Array(text.utf8)
        let scan =
            ScanText.search(Array("<EOL>".utf8), in: raw, from: 0) != nil
            ? ScanText(text.replacing("<EOL>", with: "\n")) : ScanText(bytes: raw)
        var evidence = Evidence(form: .text)
        if let transcript = HTTPTranscript.read(scan) {
            evidence.form = transcript.isCurlVerbose || scan.contains("curl: (") ? .curl : .http
            evidence.status = transcript.status
            evidence.headers = transcript.headers
            evidence.body = transcript.body.map { String($0.prefix(bodyCap)) }
            evidence.request = transcript.request
            if let proxyStatus = transcript.proxyConnectStatus {
                evidence.add(.proxyConnectStatus(proxyStatus))
                if transcript.status == nil { evidence.status = proxyStatus }
            }
            if let host = transcript.host { evidence.add(.requestHost(host)) }
            for address in transcript.triedAddresses { evidence.add(.triedAddress(address)) }
        } else if scan.contains("curl: (") {
            evidence.form = .curl
        }
        // The whole input (``textCap`` at most, head and tail): wording at its start counts as
        // much as at its end (a decisive line before a long log of retries).
        if evidence.body == nil { evidence.excerpt = String(decoding: scan.bytes, as: UTF8.self) }
        for field in givenHeaders { evidence.headers.append(name: field.name, value: field.value) }
        if evidence.headers.isEmpty { evidence.headers = looseHeaders(in: scan) }
        fill(&evidence, from: scan, wrapperAllowed: true)
        if let givenStatus { evidence.status = givenStatus }
        if evidence.form == .text {
            evidence.form = inferForm(scan, evidence: evidence)
        }
        return evidence
    }

    /// Fills everything that the body and headers show.
    private static func fill(_ evidence: inout Evidence, from scan: ScanText, wrapperAllowed: Bool) {
        let objects = ErrorObjectFinder.findAll(in: scan)
        evidence.sightings += objects.map(\.sighting)
        // The first object that says something is ``Evidence/error``; the classifier judges the
        // others too (``Evidence/sightings``), in stage order.
        if let object =
            (objects.first {
                $0.object.fields.message != nil || $0.object.fields.code != nil
                    || $0.object.fields.type != nil
            } ?? objects.first)?.object
        {
            evidence.error = object.fields
            evidence.provider = object.provider
            evidence.requestID = object.requestID
            if evidence.status == nil { evidence.status = object.status }
            for field in object.headers { evidence.headers.appendIfAbsent(name: field.name, value: field.value) }
            for signal in object.signals { evidence.add(signal) }
            if object.fields.message != nil { evidence.add(.jsonEnvelope) }
        }
        var mentions: [StatusMentions.Mention] = []
        if wrapperAllowed {
            let reading = ClientWrappers.read(scan)
            if evidence.status == nil {
                evidence.status = reading.status
                if reading.statusFromClassName { evidence.add(.statusFromExceptionClass) }
            }
            if evidence.error.message == nil { evidence.error.message = reading.message }
            if evidence.error.code == nil { evidence.error.code = reading.code }
            if evidence.error.type == nil { evidence.error.type = reading.type }
            evidence.client = reading.client
            // Every status the text writes, wherever it stands: the first one tells when no
            // status line, envelope, client wording or page did.
            mentions = StatusMentions.read(scan)
            evidence.sightings += mentions.map {
                Sighting(kind: .statusMention($0.status), offset: $0.offset, syntax: $0.syntax)
            }
        }
        let page = PageMarkers.read(scan, headers: evidence.headers)
        for signal in page.signals { evidence.add(signal) }
        if evidence.status == nil, let pageStatus = page.pageStatus { evidence.status = pageStatus }
        if evidence.status == nil, page.cloudflareCode != nil { evidence.add(.statusInferredFromCloudflareCode) }
        // Every known code written anywhere that no error object's fields or page already carry
        // (an OpenAI type that names no cause on its own is no code).
        let carried = Set(
            evidence.sightings.compactMap(\.fields).flatMap { [$0.code, $0.type, $0.innerCode] }.compactMap {
                $0?.lowercased()
            } + [evidence.error.code, evidence.error.type].compactMap { $0?.lowercased() })
        for (code, offset) in KnownErrorCodes.find(in: scan)
        where !carried.contains(code.code.lowercased()) && !labelledAsType(scan, before: offset)
            && (code.cause != nil || Int(code.code) != nil) && !evidence.cloudflareCodes.contains(Int(code.code) ?? 0)
        {
            evidence.add(.knownCode(code.code))
        }
        evidence.cfRay = evidence.headers["cf-ray"] ?? page.rayID
        evidence.requestID =
            evidence.requestID ?? evidence.headers["x-request-id"] ?? evidence.headers["apim-request-id"]
            ?? requestIDInText(scan)
        evidence.echoedKey = echoedKey(in: evidence.error.message ?? "") ?? echoedKey(scan)
        if evidence.transport == nil, let transport = TransportPatterns.find(in: scan) {
            if evidence.has(.statusFromExceptionClass), evidence.error.code == nil, evidence.error.type == nil {
                // LiteLLM and others label connection failures with a server-error class: the failure wins.
                evidence.status = nil
            }
            // A gateway's timeout answer ("504 Gateway Timeout", a hosting platform's "Task timed out
            // after 10.01 seconds") says "timed out" too: beside a gateway-timeout status, a timeout
            // while waiting for the answer is that answer, not a failure before any.
            let gatewayTimeout =
                evidence.status == nil && transport.phase == .response && transport.kind == .timedOut
                    && transport.address == nil
                ? mentions.first { Self.gatewayTimeoutStatuses.contains($0.status) } : nil
            if let gatewayTimeout {
                evidence.status = gatewayTimeout.status
            } else if evidence.status == nil || transport.phase == .proxy {
                // With a real status, transport wording elsewhere in the text is context, not the failure.
                evidence.transport = transport
            }
            // A status read from a proxy's CONNECT refusal is the proxy's, not the API's (a 407 is
            // always the proxy's, and the proxy rules read it as such).
            if evidence.proxyConnectStatus == nil, let read = evidence.status, read != 407,
                let status = TransportPatterns.connectStatus(of: transport)
            {
                evidence.add(.proxyConnectStatus(status))
            }
        }
        // A status written in prose counts when nothing structural told one and no transport
        // failure did (a failed connection's log may still print an earlier answer's status).
        if evidence.status == nil, evidence.transport == nil, let mentioned = mentions.first?.status {
            evidence.status = mentioned
        }
        if let request = invalidURLRequest(evidence.error.message) { evidence.request = evidence.request ?? request }
        evidence.provider = provider(of: evidence, page: page)
    }

    /// Whether the word before `offset`, past quotes, spaces, `:` and `=`, is `type`: a value
    /// written as a `type` (`"type": "server_error"` in a body no parser could read), not a code.
    static func labelledAsType(_ scan: ScanText, before offset: Int) -> Bool {
        var i = min(offset, scan.lower.count)
        let skipped: Set<UInt8> = [0x20, 0x09, 0x22, 0x27, UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: "\\")]
        while i > 0, offset - i < 16, skipped.contains(scan.lower[i - 1]) { i -= 1 }
        return i >= 4 && scan.lower[(i - 4)..<i].elementsEqual("type".utf8)
            && (i == 4 || !(0x61...0x7A).contains(scan.lower[i - 5]))
    }

    /// The statuses a gateway answers with when it gave up waiting for (or connecting to) the
    /// server behind it: 504, and Cloudflare's 522 and 524.
    static let gatewayTimeoutStatuses: Set<Int> = [504, 522, 524]

    /// Who answered, judged from structure: strongest signals first.
    private static func provider(of evidence: Evidence, page: PageMarkers.Reading) -> Provider? {
        let headers = evidence.headers
        if page.provider == .proxy { return .proxy }
        if evidence.signals.contains(where: \.isRelay) { return .relay }
        if evidence.provider == .azure || headers.contains("apim-request-id")
            || headers.containsName(withPrefix: "x-ms-")
            || evidence.has(.azureTrafficDenied)
        {
            return .azure
        }
        let openaiHeaders =
            headers.containsName(withPrefix: "openai-") || headers.contains("x-request-id")
            || headers.containsName(withPrefix: "x-ratelimit-") || headers.containsName(withPrefix: "llm_provider-")
        if evidence.provider == .cloudflare || page.provider == .cloudflare { return .cloudflare }
        if openaiHeaders { return .openai }
        if !evidence.error.isEmpty, evidence.provider == nil {
            // An OpenAI-shaped envelope: the four keys or the known types.
            if evidence.error.type != nil { return .openai }
        }
        if headers["server"]?.lowercased() == "cloudflare", evidence.error.isEmpty { return .cloudflare }
        return evidence.provider ?? page.provider
    }

    private static func inferForm(_ scan: ScanText, evidence: Evidence) -> InputForm {
        let head = scan.text(0..<min(scan.count, 512)).lowercased()
        if let first = head.trimmed(lineEnds: true).first, first == "{" || first == "[" { return .json }
        if evidence.client != nil { return .sdk }
        if head.contains("<!doctype html") || head.contains("<html") || scan.contains("</html>") { return .html }
        if evidence.transport != nil { return .log }
        if scan.containsAny(["traceback (most recent call last)", "exception", "error:"]) { return .sdk }
        return .text
    }

    /// `name: value` lines of known response headers pasted without a status line.
    private static func looseHeaders(in scan: ScanText) -> HeaderFields {
        let known = [
            "x-request-id", "cf-ray", "server", "openai-organization", "openai-processing-ms", "openai-version",
            "openai-project", "x-squid-error", "via", "apim-request-id", "retry-after", "retry-after-ms",
            "x-ratelimit-limit-requests", "x-ratelimit-remaining-requests", "x-ratelimit-reset-requests",
            "x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens",
            "proxy-authenticate",
            "x-ms-region", "www-authenticate", "cf-error-type", "cf-mitigated", "policy-id",
        ]
        var headers = HeaderFields()
        for line in scan.lines().prefix(2000) {
            var text = Substring(line.trimmed(lineEnds: true))
            if text.hasPrefix("< ") { text = text.dropFirst(2) }
            guard let field = HeaderField(line: text) else { continue }
            let (name, value) = (field.name, field.value)
            // The Azure SDK prints redacted header values as REDACTED: keep names only where real.
            if known.contains(name.lowercased()), !value.isEmpty, value != "REDACTED" {
                headers.append(name: name, value: value)
            }
        }
        return headers
    }

    private static func requestIDInText(_ scan: ScanText) -> String? {
        for marker in [
            "request id ", "request-id: ", "request_id: ", "\"request_id\": \"", "x-request-id: ",
            "request id: ", "requestid: ",
        ] {
            for at in scan.offsets(of: marker, limit: 8) {
                let token = scan.token(at: at + marker.utf8.count)
                if token.hasPrefix("req_") || (token.count >= 20 && token.allSatisfy { $0.isHexDigit || $0 == "-" }) {
                    return token
                }
            }
        }
        return nil
    }

    /// The key text from "Incorrect API key provided: <echo>. You can find…".
    static func echoedKey(in message: String) -> String? {
        guard let start = message.firstRange(of: "Incorrect API key provided: ") else { return nil }
        var rest = message[start.upperBound...]
        if let end = rest.firstRange(of: ". You can find") ?? rest.firstRange(of: ". You can obtain") {
            rest = rest[..<end.lowerBound]
        } else if let newline = rest.firstIndex(where: \.isNewline) {
            rest = rest[..<newline]
        }
        // Guzzle cuts bodies with " (truncated...)".
        if let cut = rest.firstRange(of: " (truncated") { rest = rest[..<cut.lowerBound] }
        var echo = String(rest)
        if echo.hasSuffix(".") { echo.removeLast() }
        return String(echo.prefix(200))
    }

    private static func echoedKey(_ scan: ScanText) -> String? {
        guard let line = scan.line(containing: "incorrect api key provided: ") else { return nil }
        return echoedKey(in: line)
    }

    private static func invalidURLRequest(_ message: String?) -> String? {
        guard let message, let start = message.firstRange(of: "Invalid URL (") else { return nil }
        let rest = message[start.upperBound...]
        guard let close = rest.firstIndex(of: ")") else { return nil }
        return String(rest[..<close])
    }

    // MARK: - Input handling

    private static func looksLikeHAR(_ bytes: [UInt8]) -> Bool {
        // A JSON object first (cheap, on the bytes), and only then its keys.
        guard bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }) == UInt8(ascii: "{") else {
            return false
        }
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
        return head.contains("\"log\"")
            && (head.contains("\"entries\"") || head.contains("\"creator\"") || head.contains("\"version\""))
    }

    /// Decodes bytes as UTF-8 (lossily), caps the size, and notes what was done.
    static func decode(_ bytes: [UInt8]) -> (String, [String]) {
        var notes: [String] = []
        var input = bytes
        if input.count > textCap {
            let head = textCap / 4
            let tail = textCap - head
            notes.append(
                "input truncated: \(input.count) bytes, the first \(head >> 10) KiB and last \(tail >> 10) KiB were read"
            )
            input = Array(input.prefix(head)) + Array("\n…\n".utf8) + Array(input.suffix(tail))
        }
        if input.starts(with: [0xEF, 0xBB, 0xBF]) { input.removeFirst(3) }
        var controls = 0
        for b in input where b < 0x09 || (b > 0x0D && b < 0x20) { controls += 1 }
        if !input.isEmpty, controls * 10 > input.count {
            notes.append("input looks binary: \(controls) control bytes in \(input.count)")
            input = input.map { $0 < 0x09 || ($0 > 0x0D && $0 < 0x20) ? 0x20 : $0 }
        }
        if String(validating: input, as: UTF8.self) == nil {
            notes.append("input is not valid UTF-8: invalid bytes were replaced")
        }
        return (String(decoding: input, as: UTF8.self), notes)
    }
}
