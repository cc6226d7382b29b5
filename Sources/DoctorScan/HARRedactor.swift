import DoctorCore

/// Redacts a HAR file (HTTP Archive 1.2) by its structure, streaming, so it stays valid JSON.
///
/// Only string contents change; every other byte (white space, numbers, punctuation,
/// line breaks) is copied. Objects in `headers`, `cookies`, `queryString` and `params`
/// arrays are read whole (they are small) and judged by their `name`: a credential
/// header (`authorization`, `cookie`, `set-cookie`, `api-key`, `proxy-authorization`… in any
/// case, as HTTP/2 lower-cases them), every cookie, and query parameters such as
/// `api_key` or `access_token` have their `value` replaced outright. Every other string
/// (URLs, post data, response bodies) goes through the ``SecretScanner``, streaming when it
/// is long. Tokens contain no quote, backslash or control character, so the output stays
/// valid JSON.
struct HARRedactor {
    /// What was done so far.
    private(set) var summary = RedactionSummary()

    private let scanner: SecretScanner
    private let output: OutputFile

    // Lexer state.
    private enum Container { case object, array }
    private var stack: [(container: Container, key: String?)] = []
    private var expectingKey = false
    private var currentKey: String?
    private var inString = false
    private var escaped = false
    private var stringIsKey = false
    private var stringBytes: [UInt8] = []
    private var stringSpill: SecretStream?
    // A name/value object being held whole.
    private var pair: [UInt8]?
    private var pairDepth = 0
    private var pairArray = ""
    private var pairName: [UInt8]?
    private var pairValue: Range<Int>?

    /// Longest string kept in memory before it is streamed through the scanner.
    static let stringLimit = 1 << 20
    /// Longest name/value object held whole.
    static let pairLimit = 64 << 10

    static let credentialHeaders: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "api-key", "x-api-key",
        "ocp-apim-subscription-key", "x-goog-api-key", "openai-api-key", "x-auth-token", "x-csrf-token",
    ]
    static let credentialParameters: Set<String> = [
        "api_key", "api-key", "apikey", "key", "access_token", "token", "password", "secret", "client_secret",
        "refresh_token", "id_token", "code", "sig", "signature",
    ]

    /// Creates a redactor writing to `output`.
    init(scanner: SecretScanner, output: OutputFile) {
        self.scanner = scanner.onKernel
        self.output = output
    }

    /// Whether the first bytes of a document look like a HAR file (`{` … `"log"`).
    static func looksLikeHAR(_ head: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < head.count,
            head[i] == 0x20 || head[i] == 0x0A || head[i] == 0x0D || head[i] == 0x09 || head[i] == 0xEF
                || head[i] == 0xBB || head[i] == 0xBF
        {
            i += 1
        }
        guard i < head.count, head[i] == UInt8(ascii: "{") else { return false }
        let window = UnsafeBufferPointer(rebasing: head[i..<min(head.count, i + 512)])
        let needle = Array("\"log\"".utf8)
        guard window.count >= needle.count else { return false }
        for start in 0...(window.count - needle.count) where window[start] == needle[0] {
            if Array(window[start..<(start + needle.count)]) == needle { return true }
        }
        return false
    }

    /// Processes the next piece of the document.
    mutating func feed(_ bytes: UnsafeRawBufferPointer) throws {
        let b = bytes.bindMemory(to: UInt8.self)
        var plainStart = 0
        var i = 0
        while i < b.count {
            let c = b[i]
            if inString {
                if escaped {
                    escaped = false
                } else if c == UInt8(ascii: "\\") {
                    escaped = true
                } else if c == UInt8(ascii: "\"") {
                    try appendString(UnsafeBufferPointer(rebasing: b[plainStart..<i]))
                    try endString()
                    plainStart = i  // the closing quote is written as plain text
                    inString = false
                    i += 1
                    continue
                }
                i += 1
                continue
            }
            switch c {
            case UInt8(ascii: "\""):
                try writePlain(UnsafeBufferPointer(rebasing: b[plainStart...i]))
                plainStart = i + 1
                inString = true
                stringIsKey = stack.last?.container == .object && expectingKey
                stringBytes.removeAll(keepingCapacity: true)
            case UInt8(ascii: "{"):
                try open(.object, b, &plainStart, i)
            case UInt8(ascii: "["):
                try open(.array, b, &plainStart, i)
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                try writePlain(UnsafeBufferPointer(rebasing: b[plainStart...i]))
                plainStart = i + 1
                _ = stack.popLast()
                if pair != nil {
                    pairDepth -= 1
                    if pairDepth == 0 { try endPair() }
                }
                expectingKey = false
            case UInt8(ascii: ","):
                if stack.last?.container == .object { expectingKey = true }
            case UInt8(ascii: ":"):
                expectingKey = false
            default:
                break
            }
            i += 1
        }
        if inString {
            try appendString(UnsafeBufferPointer(rebasing: b[plainStart..<b.count]))
        } else {
            try writePlain(UnsafeBufferPointer(rebasing: b[plainStart..<b.count]))
        }
        summary.bytesIn += b.count
        summary.lines += ScanKernel().lineBreaks(in: b)
    }

    /// Writes out anything held (an unterminated document is copied through redacted).
    mutating func finish() throws {
        if inString {
            try endString()
            inString = false
        }
        if let held = pair {
            pair = nil
            try emitRedacted(held)
        }
        try output.flush()
    }

    // MARK: structure

    private mutating func open(
        _ container: Container, _ b: UnsafeBufferPointer<UInt8>, _ plainStart: inout Int, _ i: Int
    ) throws {
        let parentKey = stack.last?.container == .object ? currentKey : stack.last?.key
        let parentIsArray = stack.last?.container == .array
        if container == .object, pair == nil, parentIsArray, let key = stack.last?.key,
            ["headers", "cookies", "queryString", "params"].contains(key)
        {
            try writePlain(UnsafeBufferPointer(rebasing: b[plainStart..<i]))
            plainStart = i
            pair = []
            pairDepth = 0
            pairArray = key
            pairName = nil
            pairValue = nil
        }
        try writePlain(UnsafeBufferPointer(rebasing: b[plainStart...i]))
        plainStart = i + 1
        if pair != nil { pairDepth += 1 }
        stack.append((container, parentKey))
        expectingKey = container == .object
        currentKey = nil
    }

    // MARK: strings

    private mutating func appendString(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard !bytes.isEmpty else { return }
        if let spill = stringSpill {
            try spill.feed(UnsafeRawBufferPointer(bytes)) { window in try self.writeWindow(window) }
            return
        }
        stringBytes.append(contentsOf: bytes)
        if stringBytes.count > Self.stringLimit, !stringIsKey {
            if let held = pair {
                // A giant value inside a name/value object: stop holding the object.
                pair = nil
                try emitRedacted(held)
            }
            let spill = SecretStream(scanner: scanner)
            stringSpill = spill
            let held = stringBytes
            stringBytes.removeAll(keepingCapacity: true)
            try held.withUnsafeBytes { raw in try spill.feed(raw) { window in try self.writeWindow(window) } }
        }
    }

    private mutating func endString() throws {
        if let spill = stringSpill {
            try spill.finish { window in try self.writeWindow(window) }
            stringSpill = nil
            return
        }
        let content = stringBytes
        if stringIsKey {
            currentKey = String(decoding: content, as: UTF8.self)
            try writePlain(content)
            return
        }
        if pair != nil, stack.count >= 1, pairDepth == 1 {
            if currentKey == "name" { pairName = content }
            if currentKey == "value" {
                let start = pair?.count ?? 0
                pair?.append(contentsOf: content)
                pairValue = start..<(pair?.count ?? start)
                return
            }
        }
        if pair != nil {
            pair?.append(contentsOf: content)
            return
        }
        try content.withUnsafeBufferPointer { try writeRedacted($0) }
    }

    // MARK: name/value objects

    private mutating func endPair() throws {
        guard var held = pair else { return }
        pair = nil
        if let valueRange = pairValue, !valueRange.isEmpty {
            let name = String(decoding: pairName ?? [], as: UTF8.self).lowercased()
            let label: SecretKind?
            switch pairArray {
            case "cookies": label = .cookie
            case "headers":
                label =
                    Self.credentialHeaders.contains(name)
                    ? (name.contains("cookie")
                        ? .cookie : name.contains("authorization") ? .authorization : .apiKeyField)
                    : nil
            default: label = Self.credentialParameters.contains(name) ? .apiKeyField : nil
            }
            if let kind = label {
                var secretRange = valueRange
                // Keep an authorization scheme word ("Bearer ", "Basic ") readable.
                if case .authorization = kind {
                    var i = valueRange.lowerBound
                    while i < valueRange.upperBound, ByteClass.isUpper(held[i]) || ByteClass.isLower(held[i]) { i += 1 }
                    if i > valueRange.lowerBound, i < valueRange.upperBound, held[i] == 0x20 {
                        while i < valueRange.upperBound, held[i] == 0x20 { i += 1 }
                        if i < valueRange.upperBound { secretRange = i..<valueRange.upperBound }
                    }
                }
                let secret = Array(held[secretRange])
                let (token, tokenKind) = secret.withUnsafeBufferPointer { buffer -> (String, SecretKind) in
                    if let keyKind = SecretScanner().matches(in: buffer).first(where: { $0.range == 0..<buffer.count })?
                        .kind
                    {
                        return (RedactionToken.token(for: buffer, kind: keyKind), keyKind)
                    }
                    return (RedactionToken.token(for: buffer, kind: kind), kind)
                }
                held.replaceSubrange(secretRange, with: Array(token.utf8))
                summary.replaced[tokenKind.label, default: 0] += 1
            }
        }
        try emitRedacted(held)
    }

    private mutating func emitRedacted(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBufferPointer { try writeRedacted($0) }
    }

    // MARK: output

    private mutating func writePlain(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard !bytes.isEmpty else { return }
        if pair != nil {
            pair?.append(contentsOf: bytes)
            if let held = pair, held.count > Self.pairLimit {
                pair = nil
                try emitRedacted(held)
            }
            return
        }
        try output.write(bytes)
        summary.bytesOut += bytes.count
    }

    private mutating func writePlain(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBufferPointer { try writePlain($0) }
    }

    private mutating func writeRedacted(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        var position = 0
        var pieces: [(Range<Int>, String, String)] = []
        scanner.scan(bytes, from: 0, limit: bytes.count) { match in
            let token = RedactionToken.token(for: UnsafeBufferPointer(rebasing: bytes[match.range]), kind: match.kind)
            pieces.append((match.range, token, match.kind.label))
        }
        for (range, token, label) in pieces {
            try output.write(UnsafeBufferPointer(rebasing: bytes[position..<range.lowerBound]))
            try output.write(token)
            summary.replaced[label, default: 0] += 1
            summary.bytesOut += range.lowerBound - position + token.utf8.count
            position = range.upperBound
        }
        try output.write(UnsafeBufferPointer(rebasing: bytes[position...]))
        summary.bytesOut += bytes.count - position
    }

    private mutating func writeWindow(_ window: SecretStream.Window) throws {
        var s = RedactionSummary()
        try StreamRedactor.write(window, to: output, summary: &s)
        summary.bytesOut += s.bytesOut
        for (label, n) in s.replaced { summary.replaced[label, default: 0] += n }
    }
}
