@testable import DoctorCore

/// The readers `explain` is built from, each on its own: HAR, HTTP transcript, lenient JSON,
/// client-wrapper wording and page markers.
enum ReaderTargets {
    static let har = FuzzTarget(
        name: "har",
        property:
            "HAR reader: failed entries only (status 0 or at least 400), in order, one evidence each, no URL query in the request"
    ) { input in
        let text = input.text
        guard let entries = HARReader.failedEntries(in: text) else { return }
        var previous = -1
        for entry in entries {
            FuzzCheck.require(
                entry.status == 0 || entry.status >= 400,
                "entry \(entry.index) with status \(entry.status) read as failed")
            FuzzCheck.require(entry.index > previous, "entries out of order: \(entry.index) after \(previous)")
            previous = entry.index
            FuzzCheck.require(!entry.request.contains("?"), "a URL query kept in the request \(entry.request)")
        }
        // What explain makes of the same bytes: one evidence per failed entry, or one that says none failed.
        let evidences = EvidenceExtractor.extract(from: input.bytes)
        guard evidences.first?.form == .har else { return }
        FuzzCheck.require(
            evidences.count == max(1, entries.count),
            "\(entries.count) failed entries but \(evidences.count) evidences")
        if !entries.isEmpty {
            FuzzCheck.require(
                evidences.map(\.entry) == entries.map(\.index), "evidence entries differ from the reader's")
        }
    }

    static let httpTranscript = FuzzTarget(
        name: "http-transcript",
        property:
            "HTTP transcript reader: a status of three digits, header names without space or colon, request and body lines from the input"
    ) { input in
        let text = input.text
        guard let transcript = HTTPTranscript.read(ScanText(text)) else { return }
        if let status = transcript.status {
            FuzzCheck.require((0...999).contains(status), "status \(status) is not three digits")
        }
        if let status = transcript.proxyConnectStatus {
            FuzzCheck.require((0...999).contains(status), "proxy status \(status) is not three digits")
        }
        for field in transcript.headers {
            FuzzCheck.require(
                !field.name.isEmpty && !field.name.contains(" ") && !field.name.contains(":"),
                "header name \(field.name.debugDescription)")
            FuzzCheck.require(text.contains(field.name), "header name \(field.name.debugDescription) not in the input")
        }
        if let request = transcript.request {
            FuzzCheck.require(text.contains(request), "request line \(request.debugDescription) not in the input")
        }
        if let body = transcript.body {
            // The reader joins the lines it read with "\n" (a CRLF or a lone CR ends a line as
            // well): each line's text, not its terminator, must come from the input.
            for line in body.split(whereSeparator: \.isNewline) {
                FuzzCheck.require(text.contains(line), "body line \(line.debugDescription) not in the input")
            }
        }
    }

    static let lenientJSON = FuzzTarget(
        name: "lenient-json",
        property:
            "lenient JSON reader: the end offset within the input; what it read, written as strict JSON, reads back equal (strictly)"
    ) { input in
        let text = input.text
        for allowTruncated in [true, false] {
            guard let (value, end) = LenientJSONReader.parse(text[...], allowTruncated: allowTruncated) else {
                continue
            }
            FuzzCheck.require(end >= 0 && end <= text.utf8.count, "end offset \(end) outside 0...\(text.utf8.count)")
            let written = StrictJSON.write(value)
            guard let (again, againEnd) = LenientJSONReader.parse(written[...], allowTruncated: false) else {
                FuzzCheck.fail("the strict JSON written from a read value does not read back: \(written)")
            }
            FuzzCheck.require(again == value, "read back differently: \(written)")
            FuzzCheck.require(againEnd == written.utf8.count, "strict JSON not read to its end: \(written)")
        }
    }

    static let clientWrappers = FuzzTarget(
        name: "client-wrappers",
        property: "client-wrapper reader: a status only in 100...599, and the same reading twice"
    ) { input in
        let scan = ScanText(input.text)
        let reading = ClientWrappers.read(scan)
        if let status = reading.status {
            FuzzCheck.require((100...599).contains(status), "status \(status) read from wrapper wording")
        }
        let again = ClientWrappers.read(scan)
        FuzzCheck.require(
            again.status == reading.status && again.message == reading.message && again.client == reading.client
                && again.code == reading.code && again.type == reading.type,
            "two readings of the same text differ")
    }

    static let pageMarkers = FuzzTarget(
        name: "page-markers",
        property:
            "page-marker reader: Cloudflare codes only in 1000...1999, page statuses only in 400...599, a ray id of at least 16 hex digits"
    ) { input in
        let text = input.text
        var headers = HeaderFields()
        // Headers from the input's own lines, so header markers (server, via, cf-ray…) are reached too.
        for line in text.split(separator: "\n").prefix(32) {
            if let colon = line.firstIndex(of: ":"), colon != line.startIndex {
                headers.append(name: String(line[..<colon]), value: String(line[line.index(after: colon)...]))
            }
        }
        let reading = PageMarkers.read(ScanText(text), headers: headers)
        if let code = reading.cloudflareCode {
            FuzzCheck.require((1000...1999).contains(code), "Cloudflare code \(code) read")
        }
        if let status = reading.pageStatus {
            FuzzCheck.require((400...599).contains(status), "page status \(status) read")
        }
        if let ray = reading.rayID {
            FuzzCheck.require(ray.prefix { $0.isHexDigit }.count >= 16, "ray id \(ray.debugDescription)")
            FuzzCheck.require(
                text.lowercased().contains(ray.lowercased()), "ray id \(ray.debugDescription) not in the input")
        }
    }
}

/// Writes a ``JSONValue`` as strict JSON (the round-trip check of the lenient reader).
enum StrictJSON {
    static func write(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    private static func write(_ value: JSONValue, into out: inout String) {
        switch value {
        case .object(let pairs):
            out += "{"
            for (index, pair) in pairs.enumerated() {
                if index > 0 { out += "," }
                writeString(pair.0, into: &out)
                out += ":"
                write(pair.1, into: &out)
            }
            out += "}"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case .string(let s): writeString(s, into: &out)
        case .number(let n): out += n
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        }
    }

    /// `s` as a JSON string literal, appended to `out`.
    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
