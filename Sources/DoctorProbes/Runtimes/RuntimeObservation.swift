import DoctorCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What one runtime's probe reported: the JSON line its program printed (curl's verbose trace
/// and write-out, for curl), before any judging. Every text in it has passed the redactor.
struct RuntimeObservation: Sendable, Equatable, Decodable {
    /// One exception of the chain, outermost first.
    struct ErrorEntry: Sendable, Equatable, Decodable {
        var type: String
        var message: String
        var code: String?
    }

    /// The probe's request of the trace endpoint: its status and body excerpt, or its exception chain.
    struct TraceEntry: Sendable, Equatable, Decodable {
        var status: Int?
        var body: String?
        var errors: [ErrorEntry]

        init(status: Int? = nil, body: String? = nil, errors: [ErrorEntry] = []) {
            self.status = status
            self.body = body
            self.errors = errors
        }

        enum CodingKeys: String, CodingKey { case status, body, errors }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            status = try c.decodeIfPresent(Int.self, forKey: .status)
            body = try c.decodeIfPresent(String.self, forKey: .body)
            errors = try c.decodeIfPresent([ErrorEntry].self, forKey: .errors) ?? []
        }
    }

    /// The runtime's OpenAI SDK as found, used or not (`openai` `0.28.1`).
    struct SDK: Sendable, Equatable, Decodable {
        var name: String
        var version: String?
    }

    var runtime: String
    var version: String?
    var client: String?
    var proxy: String?
    var trust: String?
    var address: String?
    var status: Int?
    var body: String?
    var requestID: String?
    var errors: [ErrorEntry]
    /// The trace request, `nil` when none was asked for.
    var trace: TraceEntry?
    /// The clients preferred but not used, each with why.
    var skipped: [RuntimeClientSkip]
    /// The OpenAI SDK found, whether the probe could use it or not.
    var sdk: SDK?

    enum CodingKeys: String, CodingKey {
        case runtime, version, client, proxy, trust, address, status, body, errors, trace, skipped, sdk
        case requestID = "request_id"
    }

    init(
        runtime: String, version: String? = nil, client: String? = nil, proxy: String? = nil, trust: String? = nil,
        address: String? = nil, status: Int? = nil, body: String? = nil, requestID: String? = nil,
        errors: [ErrorEntry] = [], trace: TraceEntry? = nil, skipped: [RuntimeClientSkip] = [], sdk: SDK? = nil
    ) {
        self.runtime = runtime
        self.version = version
        self.client = client
        self.proxy = proxy
        self.trust = trust
        self.address = address
        self.status = status
        self.body = body
        self.requestID = requestID
        self.errors = errors
        self.trace = trace
        self.skipped = skipped
        self.sdk = sdk
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        runtime = try c.decode(String.self, forKey: .runtime)
        version = try c.decodeIfPresent(String.self, forKey: .version)
        client = try c.decodeIfPresent(String.self, forKey: .client)
        proxy = try c.decodeIfPresent(String.self, forKey: .proxy)
        trust = try c.decodeIfPresent(String.self, forKey: .trust)
        address = try c.decodeIfPresent(String.self, forKey: .address)
        status = try c.decodeIfPresent(Int.self, forKey: .status)
        body = try c.decodeIfPresent(String.self, forKey: .body)
        requestID = try c.decodeIfPresent(String.self, forKey: .requestID)
        errors = try c.decodeIfPresent([ErrorEntry].self, forKey: .errors) ?? []
        trace = try c.decodeIfPresent(TraceEntry.self, forKey: .trace)
        skipped = try c.decodeIfPresent([RuntimeClientSkip].self, forKey: .skipped) ?? []
        sdk = try c.decodeIfPresent(SDK.self, forKey: .sdk)
    }

    /// The last line of `output` that decodes as a probe's JSON line, redacted (`key` included).
    ///
    /// Lines end at a line feed only: Node's `JSON.stringify` leaves U+2028 and U+2029 unescaped
    /// inside strings, and a split at every Unicode line break would cut such a report in two.
    static func parse(programOutput output: [UInt8], key: String?) -> RuntimeObservation? {
        for line in output.split(separator: 0x0A).reversed() where line.first == UInt8(ascii: "{") {
            if let decoded = try? JSONDecoder().decode(RuntimeObservation.self, from: Data(line)) {
                return decoded.redacted(key: key)
            }
        }
        return nil
    }

    /// The separator between curl's body and its `--write-out` JSON on standard output.
    static let curlMarker = "\n@@openai-doctor-curl@@"

    /// curl's outcome from its standard output (body, then ``curlMarker`` and `%{json}`) and its
    /// verbose trace on standard error, whose request lines (`> `) were never kept. The body is
    /// kept for a failed answer, or always with `keepBody` (the trace request's).
    static func parse(
        curlOutput output: [UInt8], trace: String, key: String?, keepBody: Bool = false
    ) -> RuntimeObservation? {
        // Found among the bytes: a body that ends in a lone CR would make "\r\n" one Character
        // with the marker's first byte, and a search among Characters would miss it.
        guard let marker = output.ranges(of: Array(curlMarker.utf8)).last else { return nil }
        let body = String(decoding: output[..<marker.lowerBound], as: UTF8.self)
        let json = String(String(decoding: output[marker.upperBound...], as: UTF8.self).drop { $0.isWhitespace })
        /// The fields of curl's `%{json}` read here.
        struct WriteOut: Decodable {
            var httpCode: Int?
            var remoteIP: String?
            var remotePort: Int?
            var exitCode: Int?
            var errorMessage: String?
            var curlVersion: String?

            enum CodingKeys: String, CodingKey {
                case httpCode = "http_code"
                case remoteIP = "remote_ip"
                case remotePort = "remote_port"
                case exitCode = "exitcode"
                case errorMessage = "errormsg"
                case curlVersion = "curl_version"
            }
        }
        guard let written = try? JSONDecoder().decode(WriteOut.self, from: Data(json.utf8)) else { return nil }
        var observation = RuntimeObservation(runtime: "curl")
        let words = (written.curlVersion ?? "").split(separator: " ")
        if let libcurl = words.first { observation.version = "curl " + libcurl.replacing("libcurl/", with: "") }
        // `libcurl/7.88.1 OpenSSL/3.0.19 zlib/…`: the library and its TLS backend say enough.
        observation.client = words.isEmpty ? nil : words.prefix(2).joined(separator: " ").replacing("/", with: " ")
        var proxy = "none"
        var caFile: String?
        var caPath: String?
        for line in trace.split(whereSeparator: \.isNewline) {
            if let range = line.firstRange(of: "Uses proxy env variable ") {
                let rest = line[range.upperBound...]
                let name = rest.prefix { $0 != " " }
                if name.lowercased() != "no_proxy", let open = rest.firstIndex(of: "'"),
                    let close = rest.lastIndex(of: "'"), open < close
                {
                    proxy = String(rest[rest.index(after: open)..<close])
                }
            }
            if let range = line.firstRange(of: "CAfile: ") { caFile = String(line[range.upperBound...]) }
            if let range = line.firstRange(of: "CApath: ") { caPath = String(line[range.upperBound...]) }
            if line.lowercased().hasPrefix("< x-request-id:") {
                observation.requestID = String(line.dropFirst("< x-request-id:".count).filter { !$0.isWhitespace })
            }
        }
        observation.proxy = proxy
        if let caFile {
            observation.trust = "CA bundle \(caFile)" + (caPath.map { " (CApath \($0))" } ?? "")
        } else if let caPath {
            observation.trust = "CApath \(caPath)"
        }
        if let ip = written.remoteIP, !ip.isEmpty, let port = written.remotePort, port > 0 {
            observation.address = ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
        }
        let code = written.exitCode ?? 0
        if code != 0 {
            observation.errors = [
                ErrorEntry(type: "curl: (\(code))", message: written.errorMessage ?? "exit \(code)", code: String(code))
            ]
            // A proxy's refusal of CONNECT: its status line and headers are in the trace.
            let answer = trace.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("< ") }
            if !answer.isEmpty {
                observation.errors.append(
                    ErrorEntry(
                        type: "proxy answer", message: answer.map { String($0.dropFirst(2)) }.joined(separator: "\n")))
            }
        } else if let status = written.httpCode, status > 0 {
            observation.status = status
            // Redacted before it is cut: a key cut short would be too short to recognise.
            if status >= 400 || keepBody { observation.body = String(Self.scrub(body, key: key).prefix(2000)) }
        }
        return observation.redacted(key: key)
    }

    /// Every text field through the redactor, and the key sent replaced wherever it appears even
    /// in a shape the redactor does not know (a runtime may echo it in an error or a body).
    func redacted(key: String?) -> RuntimeObservation {
        var copy = self
        func scrub(_ text: String) -> String { Self.scrub(text, key: key) }
        func clean(_ text: String?) -> String? { text.map(scrub) }
        copy.version = clean(version)
        copy.client = clean(client)
        copy.proxy = clean(proxy)
        copy.trust = clean(trust)
        copy.address = clean(address)
        copy.body = clean(body)
        copy.requestID = clean(requestID)
        func cleanErrors(_ entries: [ErrorEntry]) -> [ErrorEntry] {
            entries.map { ErrorEntry(type: scrub($0.type), message: scrub($0.message), code: $0.code.map(scrub)) }
        }
        copy.errors = cleanErrors(errors)
        copy.trace = trace.map { TraceEntry(status: $0.status, body: clean($0.body), errors: cleanErrors($0.errors)) }
        copy.skipped = skipped.map { RuntimeClientSkip(client: scrub($0.client), reason: scrub($0.reason)) }
        copy.sdk = sdk.map { SDK(name: scrub($0.name), version: clean($0.version)) }
        return copy
    }

    /// `text` without `key` (when it is long enough to be one) and through the redactor.
    static func scrub(_ text: String, key: String?) -> String {
        var text = text
        if let key, key.count >= 8, text.contains(key) { text = text.replacing(key, with: "[REDACTED:key]") }
        return Redactor.redact(text)
    }
}
