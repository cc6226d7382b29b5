/// Every error object of an input, not only the first: a wrapper's `{"message":"Forbidden"}`
/// or a relay's 500 envelope must not hide the real API body later in the same text.
extension ErrorObjectFinder {
    /// The most objects kept from one input.
    static let maxObjects = 16

    /// One error object and the UTF-8 offset of its opening brace.
    struct Found {
        var object: ErrorObject
        var offset: Int
    }

    /// Every error envelope in the text, in the order they stand, each read once (an object's
    /// inner objects are part of it, not found again).
    static func findAll(in bytes: [UInt8]) -> [Found] {
        var found: [Found] = []
        var attempts = 0
        var from = 0
        while attempts < maxAttempts, found.count < maxObjects,
            let brace = ScanText.search([UInt8(ascii: "{")], in: bytes, from: from)
        {
            attempts += 1
            from = brace + 1
            // Only objects that look like they carry an error within their first bytes.
            guard windowMentionsError(bytes, at: brace) else { continue }
            // An error object is read from at most its first 64 KiB, in place.
            guard let (value, end) = LenientJSONReader.parse(bytes, from: brace, limit: brace + 65536),
                value.isObject
            else { continue }
            if let object = unwrap(value), !object.fields.isEmpty {
                found.append(Found(object: object, offset: brace))
            }
            from = max(brace + 1, end)
        }
        return found
    }

    /// Whether "error", "message" or "code" occurs (any case) in the 400 bytes from `start`.
    private static func windowMentionsError(_ bytes: [UInt8], at start: Int) -> Bool {
        let end = min(bytes.count, start + 400)
        var window = [UInt8](bytes[start..<end])
        for i in window.indices where window[i] &- 0x41 < 26 { window[i] |= 0x20 }
        return ScanText.search(Array("error".utf8), in: window, from: 0) != nil
            || ScanText.search(Array("message".utf8), in: window, from: 0) != nil
            || ScanText.search(Array("code".utf8), in: window, from: 0) != nil
    }

    /// Every error object of the input, read both as written and, when the text holds escaped
    /// JSON (`{\"error\":…}` in a log line, at any depth), as the normalization unescapes it.
    /// Offsets are the input's.
    static func findAll(in scan: ScanText) -> [(object: ErrorObject, sighting: Sighting)] {
        var result: [(object: ErrorObject, sighting: Sighting)] = []
        func add(_ object: ErrorObject, at offset: Int, syntax: String) {
            guard !result.contains(where: { $0.object.fields == object.fields }) else { return }
            result.append(
                (
                    object,
                    Sighting(
                        kind: .errorObject(object.fields), offset: offset, status: object.status,
                        provider: object.provider, syntax: syntax)
                ))
        }
        for found in findAll(in: scan.bytes) { add(found.object, at: found.offset, syntax: "") }
        if ScanText.search(Array("\\\"".utf8), in: scan.bytes, from: 0) != nil {
            let decoded = NormalizedText(utf8: scan.bytes, .decoded)
            for found in findAll(in: decoded.bytes) {
                add(found.object, at: decoded.originalOffset(found.offset), syntax: "escaped")
            }
        }
        // As written first, in order; then what only the unescaped text showed.
        return result
    }
}
