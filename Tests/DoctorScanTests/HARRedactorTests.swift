import DoctorTestSupport
import Foundation
import Testing

@testable import DoctorCore
@testable import DoctorScan

@Suite("HAR redaction")
struct HARRedactorTests {
    /// A HAR shaped like a Chrome export of a failing call: HTTP/2 lower-case headers, cookie arrays,
    /// a key in the query string, post data and the response body.
    static func browserSession(key: String, sessionCookie: String, bearer: String) -> String {
        """
        {
          "log": {
            "version": "1.2",
            "creator": {"name": "WebInspector", "version": "537.36"},
            "pages": [],
            "entries": [
              {
                "_initiator": {"type": "script"},
                "startedDateTime": "2026-11-26T10:04:05.123Z",
                "time": 412.5,
                "request": {
                  "method": "POST",
                  "url": "https://api.openai.com/v1/chat/completions?api_key=\(key)",
                  "httpVersion": "http/2.0",
                  "headers": [
                    {"name": ":authority", "value": "api.openai.com"},
                    {"name": "authorization", "value": "Bearer \(bearer)"},
                    {"name": "content-type", "value": "application/json"},
                    {"name": "cookie", "value": "__cf_bm=\(sessionCookie); _cfuvid=\(sessionCookie)x"},
                    {"name": "openai-organization", "value": "org-Abc123"}
                  ],
                  "queryString": [{"name": "api_key", "value": "\(key)"}, {"name": "limit", "value": "20"}],
                  "cookies": [{"name": "__cf_bm", "value": "\(sessionCookie)", "path": "/", "httpOnly": true}],
                  "headersSize": -1,
                  "bodySize": 77,
                  "postData": {"mimeType": "application/json", "text": "{\\"model\\":\\"gpt-4o\\",\\"api_key\\":\\"\(key)\\"}"}
                },
                "response": {
                  "status": 401,
                  "statusText": "",
                  "httpVersion": "http/2.0",
                  "headers": [
                    {"name": "x-request-id", "value": "req_1f2e3d4c5b6a79880f1e2d3c4b5a6978"},
                    {"name": "cf-ray", "value": "8f1a2b3c4d5e6f70-FRA"},
                    {"name": "set-cookie", "value": "__cf_bm=\(sessionCookie); path=/; expires=Thu, 26-Nov-26 10:34:05 GMT; HttpOnly"}
                  ],
                  "cookies": [{"name": "__cf_bm", "value": "\(sessionCookie)", "expires": "2026-11-26T10:34:05.000Z"}],
                  "content": {"size": 262, "mimeType": "application/json", "text": "{\\n  \\"error\\": {\\n    \\"message\\": \\"Incorrect API key provided: sk-proj-***...AAAA. You can find your API key at https://platform.openai.com/account/api-keys.\\",\\n    \\"type\\": \\"invalid_request_error\\",\\n    \\"code\\": \\"invalid_api_key\\"\\n  }\\n}"},
                  "redirectURL": ""
                },
                "timings": {"blocked": 1.2, "dns": -1, "connect": -1, "send": 0.1, "wait": 410.0, "receive": 1.2}
              }
            ]
          }
        }
        """
    }

    static func redact(_ text: String) throws -> (String, RedactionSummary) {
        let dir = SecretTestDirectory()
        let path = dir.write("session.har", text)
        let input = try InputFile(path: path)
        let out = try OutputFile(creating: dir.file("out.har"))
        let summary = try StreamRedactor.redact(input, to: out)
        try out.close()
        return (String(decoding: dir.read("out.har"), as: UTF8.self), summary)
    }

    @Test("a browser session HAR: no secret left, ids kept, still valid JSON, same lines")
    func browserHAR() throws {
        let key = TestKey.make(.project, length: 164)
        let cookie = TestKey.random(43, from: TestKey.urlSafe)
        let bearer = "eyJ" + TestKey.random(60, from: TestKey.alphanumeric)
        let har = Self.browserSession(key: key, sessionCookie: cookie, bearer: bearer)
        let (out, summary) = try Self.redact(har)
        for secret in [key, cookie, bearer] { #expect(!out.contains(secret)) }
        for kept in [
            "req_1f2e3d4c5b6a79880f1e2d3c4b5a6978", "8f1a2b3c4d5e6f70-FRA", "2026-11-26T10:04:05.123Z",
            "\"status\": 401", "org-Abc123", "invalid_api_key", "\"limit\", \"value\": \"20\"",
        ] {
            #expect(out.contains(kept), "\(kept)")
        }
        #expect(out.occurrences(of: "\n") == har.occurrences(of: "\n"))
        let parsed = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]
        #expect(parsed?["log"] != nil)
        #expect(summary.total >= 8)
        #expect(
            out.contains("\"value\": \"Bearer [REDACTED:authorization#") || out.contains("[REDACTED:authorization#"))
    }

    @Test("HAR detection looks at the start of the document only")
    func detection() {
        func looks(_ s: String) -> Bool { Array(s.utf8).withUnsafeBufferPointer { HARRedactor.looksLikeHAR($0) } }
        #expect(looks("{\"log\": {\"entries\": []}}"))
        #expect(looks("\u{FEFF}\n  {\n \"log\":{}}"))
        #expect(!looks("[{\"log\": 1}]"))
        #expect(!looks("log line {\"log\"}"))
    }

    @Test("a large response body is streamed through the scanner and stays one valid string")
    func largeBody() throws {
        let key = TestKey.make(.serviceAccount, length: 167)
        let filler = String(repeating: "lorem ipsum dolor sit amet ", count: 3 << 16)  // ~5 MB
        let har =
            "{\"log\": {\"entries\": [{\"response\": {\"content\": {\"text\": \"\(filler)\(key)\\n\(filler)\(key)\"}}}]}}"
        let (out, _) = try Self.redact(har)
        #expect(!out.contains(key))
        #expect(out.occurrences(of: "sk-svcacct-…") == 2)
        _ = try JSONSerialization.jsonObject(with: Data(out.utf8))
    }
}
