/// Every HTTP status a text writes beside its own words, in the syntaxes clients and logs use:
/// `status: 403`, `Status Code: 403`, `status=403`, `status_code=403`, `"status":403` (a relay's
/// envelope, escaped or not), `HTTP 403`, `HTTP/1.1 403` inside a log line, `Error code: 403 -`,
/// `403 Forbidden` (a status with its own reason phrase), Dio's `has a status code of 429` and
/// `Http status error [429]`, .NET's `returned an error: (400)`, Cloudflare's
/// `utm_source=errorcode_524`, a status called an error in prose (`a 502 error`, `502错误`), requests'
/// `404 Client Error:`, and a reason phrase before its status (`Not Found (404)`).
///
/// Read from the normalized text (``ScanText/folded``), so typography, case and escaping do not
/// matter; each mention keeps its input offset. Only error statuses (400–599) count.
enum StatusMentions {
    /// One status written in the text.
    struct Mention: Equatable {
        /// The status.
        var status: Int
        /// Its UTF-8 offset in the input.
        var offset: Int
        /// How it was written: the label before it, or the reason phrase after it.
        var syntax: String
    }

    /// Labels a status follows (normalized spelling: lowercase, one space).
    static let labels: [String] = [
        "status code: ", "status code:", "status code ", "status code=", "status_code: ", "status_code=",
        "statuscode: ", "statuscode=", "\"statuscode\":", "\"statuscode\": ", "\"status_code\":", "\"status_code\": ",
        "\"status\":", "\"status\": ", "\"httpcode\":", "\"http_status\":", "\"httpstatus\":", "status: ", "status=",
        "http status code: ", "http status: ", "http status ", "http error ", "http error: ", "error code: ",
        "http/1.1 ", "http/1.0 ", "http/2 ", "http/2.0 ", "http ", "status ", "responded with ", "returned ",
        // Dio 5's badResponse ("This exception was thrown because the response has a status code of
        // 429 and …") and Dio 4's ("Http status error [429]"): cfug/dio lib/src/dio_exception.dart.
        "has a status code of ", "http status error [",
        // .NET's WebException as Windows PowerShell prints it: "The remote server returned an error:
        // (400) Bad Request." (learn.microsoft.com System.Net.WebException).
        "returned an error: (",
        // Cloudflare's 5xx page names its status in the landing link even when the paste keeps no
        // title: `cloudflare.com/5xx-error-landing?utm_source=errorcode_524`.
        "utm_source=errorcode_",
        // The same envelopes as Python prints a dict (a relay's `{'status': 429, …}`, LiteLLM's
        // `'status_code': 429`), and openai-python 0.x's `HTTP code 522 from API (…)`
        // (openai/openai-python v0.28 api_requestor.py).
        "'status': ", "'status':", "'status_code': ", "'status_code':", "'statuscode': ", "http code ",
        // Chinese apps' own label beside the status ("HTTP 状态码: 429"; a full-width colon reads
        // as ':'), as app and client logs the code search finds print it.
        "状态码: ", "状态码:", "状态码 ", "狀態碼: ", "狀態碼:",
        // urllib3's DEBUG access line, the quoted request line then the status and length:
        // `"POST /v1/chat/completions HTTP/1.1" 404 198` (urllib3 connectionpool.py `_make_request`).
        "http/1.1\" ", "http/1.0\" ", "http/2\" ",
        // Clients that put the status after their own sentence: revChatGPT's `OpenAI: {…} (code:
        // 400)` (acheong08/ChatGPT#1103), the R openai package's "OpenAI API request failed [503]:"
        // (irudnyts/openai#26).
        "(code: ", "request failed [",
    ]

    /// Reason phrases a status stands before (`403 Forbidden`), as RFC 9110 names them.
    static let phrases: [(Int, String)] = [
        (400, " bad request"), (401, " unauthorized"), (402, " payment required"), (403, " forbidden"),
        (404, " not found"), (405, " method not allowed"), (407, " proxy authentication required"),
        (408, " request timeout"), (409, " conflict"), (413, " payload too large"),
        (413, " request entity too large"), (413, " content too large"), (415, " unsupported media type"),
        (422, " unprocessable entity"), (422, " unprocessable content"), (429, " too many requests"),
        (500, " internal server error"), (501, " not implemented"), (502, " bad gateway"),
        (503, " service unavailable"), (503, " service temporarily unavailable"), (504, " gateway timeout"),
        (504, " gateway time-out"),
    ]

    /// Words after a status that make it one in prose, for any error status: "a 502 error",
    /// "出现502错误" (zh: a 502 error appears), "502錯誤", "502エラー", "502 오류". A word of its own:
    /// "500 errors" and "4502 error" are not it.
    static let errorWords: [String] = [" error", "错误", " 错误", "錯誤", " 錯誤", "エラー", " エラー", " 오류", "오류"]

    /// The most mentions kept.
    static let limit = 32

    /// Every status mention, in the order they stand.
    static func read(_ scan: ScanText) -> [Mention] {
        let text = scan.folded.bytes
        var found: [Mention] = []
        func add(_ status: Int, at foldedOffset: Int, syntax: String) {
            let offset = scan.folded.originalOffset(foldedOffset)
            guard found.count < limit, !found.contains(where: { $0.offset == offset }) else { return }
            found.append(Mention(status: status, offset: offset, syntax: syntax))
        }
        for label in labels {
            let needle = Array(label.utf8)
            var from = 0
            while found.count < limit, let at = scan.foldedOffset(of: label, from: from) {
                from = at + 1
                // A label is a word of its own: "status " not "httpstatus ".
                if at > 0, isWordByte(text[at - 1]), needle[0] != UInt8(ascii: "\"") { continue }
                let start = at + needle.count
                guard let status = status(in: text, at: start) else { continue }
                add(status, at: start, syntax: label.trimmed(lineEnds: true))
            }
        }
        /// Every status written right before `word` ("404" before " not found"), the status a word
        /// of its own; with `wholeWord`, `word` ends one too; with `only`, that status alone.
        func statuses(before word: String, wholeWord: Bool, only expected: Int? = nil, syntax: (Int) -> String) {
            let length = word.utf8.count
            var from = 0
            while found.count < limit, let at = scan.foldedOffset(of: word, from: from) {
                from = at + 1
                guard at >= 3, let status = Self.status(in: text, at: at - 3), expected == nil || status == expected,
                    at == 3 || !isWordByte(text[at - 4])
                else { continue }
                let end = at + length
                guard !wholeWord || end >= text.count || !isWordByte(text[end]) else { continue }
                add(status, at: at - 3, syntax: syntax(status))
            }
        }
        for (status, phrase) in phrases {
            statuses(before: phrase, wholeWord: true, only: status) { "\($0)\(phrase)" }
        }
        // The reason phrase first, the status after it in parentheses: "Not Found (404)", as the
        // WordPress PHP AI client words a provider's answer inside its own 500 (WordPress/ai#126).
        for (status, phrase) in phrases {
            let needle = Array(phrase.dropFirst().utf8) + Array(" (".utf8)
            var from = 0
            while found.count < limit,
                let at = scan.foldedOffset(of: String(decoding: needle, as: UTF8.self), from: from)
            {
                from = at + 1
                let digits = at + needle.count
                guard at == 0 || !isWordByte(text[at - 1]), Self.status(in: text, at: digits) == status,
                    digits + 3 < text.count, text[digits + 3] == UInt8(ascii: ")")
                else { continue }
                add(status, at: digits, syntax: "\(phrase.dropFirst()) (\(status))")
            }
        }
        for word in errorWords {
            statuses(before: word, wholeWord: true) { "\($0)\(word)" }
        }
        // requests' `raise_for_status` ("404 Client Error: Not Found for url: …", "503 Server Error:
        // …": psf/requests src/requests/models.py), whatever the status.
        for marker in [" client error: ", " server error: "] {
            statuses(before: marker, wholeWord: false) { "\($0)\(marker.dropLast(2))" }
        }
        return found.sorted { $0.offset < $1.offset }
    }

    /// The error status of three digits at `offset`, not part of a longer number.
    private static func status(in text: [UInt8], at offset: Int) -> Int? {
        guard offset >= 0, offset + 3 <= text.count else { return nil }
        var value = 0
        for k in offset..<(offset + 3) {
            let b = text[k]
            guard (0x30...0x39).contains(b) else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        if offset + 3 < text.count, (0x30...0x39).contains(text[offset + 3]) || text[offset + 3] == UInt8(ascii: ".") {
            return nil
        }
        return (400...599).contains(value) ? value : nil
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) || b == UInt8(ascii: "_")
    }
}
