import Testing

@testable import DoctorCore

/// Every row of every transport table is used: its text, printed inside the line its stack
/// prints it in, classifies to the row's cause; a row that does not decide decides nothing.
@Suite("transport knowledge tables")
struct KnowledgeTableTests {
    /// How each table's stack prints a failure: the row's text goes where `ROW` stands.
    static let wrappers: [String: String] = [
        // A host after the row: "Failed to connect to" names the host it tried (curl, OkHttp).
        "wording families": "Error: ROW api.openai.com:443",
        "libcurl":
            #"PHP Fatal error:  Uncaught GuzzleHttp\Exception\ConnectException: ROW api.openai.com (see https://curl.haxx.se/libcurl/c/libcurl-errors.html) for https://api.openai.com/v1/chat/completions"#,
        "errno (glibc, macOS, libuv)": "System.Net.Http.HttpRequestException: ROW (api.openai.com:443)",
        "getaddrinfo": "System.Net.Http.HttpRequestException: ROW (api.openai.com:443)",
        "Winsock": "System.Net.Http.HttpRequestException: ROW (api.openai.com:443)",
        "OpenSSL X509 verification":
            "FetchError: request to https://api.openai.com/v1/chat/completions failed, reason: ROW",
        "OpenSSL/BoringSSL handshake, Python ssl": "httpx.ConnectError: ROW (_ssl.c:1006)",
        "rustls":
            "Error: error sending request for url (https://api.openai.com/v1/chat/completions): client error (Connect): ROW",
        "Go crypto/x509, crypto/tls": #"Post "https://api.openai.com/v1/chat/completions": ROW"#,
        "JVM (JSSE)": "javax.net.ssl.SSLHandshakeException: ROW",
        ".NET SslStream": "System.Net.Http.HttpRequestException: ROW",
        "Java/OkHttp": "Caused by: ROW api.openai.com",
        "Dart/Flutter":
            "E/flutter ( 4711): [ERROR:flutter/runtime/dart_vm_initializer.cc(41)] Unhandled Exception: ROW",
        "Dio": "[ERROR:flutter/runtime/dart_vm_initializer.cc(41)] Unhandled Exception: DioException: ROW",
        "Elixir Mint/Finch": "[error] Finch request to api.openai.com failed: ROW",
        "undici": "TypeError: fetch failed\n  [cause]: ROW",
        "Rust reqwest/hyper, Deno":
            #"Error: reqwest::Error { kind: Request, url: "https://api.openai.com/v1/chat/completions", source: ROW }"#,
        "Deno": "error: Uncaught (in promise) ROW: request to api.openai.com failed",
        "Go net, net/http": #"Post "https://api.openai.com/v1/chat/completions": ROW"#,
        "Python OS exceptions": "ROW: request to api.openai.com failed",
        "Symfony HttpClient":
            #"Symfony\Component\HttpClient\Exception\TimeoutException: ROW"https://api.openai.com/v1/chat/completions"."#,
        "Python urllib3":
            "openai.error.APIConnectionError: Error communicating with OpenAI: HTTPSConnectionPool(host='api.openai.com', port=443): Max retries exceeded with url: /v1/chat/completions (ROW)",
        "Hosting platforms": "[POST] /api/chat ROW",
        ".NET Framework WebException":
            "Invoke-RestMethod : ROW\nAt C:\\chat.ps1:19 char:13\n+ $response = Invoke-RestMethod -Uri \"https://api.openai.com/v1/chat/completions\"",
        "Firefox/Gecko": "[Zotero] request to https://api.openai.com/v1/chat/completions failed: ROW",
    ]

    /// The cause a failure of this phase and kind is diagnosed as, without a proxy in the text.
    static func cause(_ phase: TransportFailure.Phase, _ kind: TransportFailure.Kind) -> Set<CauseID> {
        switch (phase, kind) {
        case (.proxy, .proxyStatus): [.proxyBlocked, .proxyAuthRequired]
        case (.proxy, _): [.proxyMisconfigured]
        case (.request, .illegalHeader): [.keyMalformed, .keyMissing]
        case (.request, _): [.endpointWrong]
        case (.tls, .handshakeFailed): [.unknown]
        case (.tls, .protocolError): [.tlsIntercepted, .proxyMisconfigured]
        case (.tls, .closed): [.networkConnect, .proxyMisconfigured]
        case (.tls, _): [.tlsIntercepted]
        case (.dns, _): [.networkDNS]
        case (_, .timedOut): [.networkTimeout]
        default: [.networkConnect]
        }
    }

    static func wrapped(_ row: TransportText, in table: TransportTable) -> String {
        (wrappers[table.name] ?? "Error: ROW").replacing("ROW", with: row.text)
    }

    @Test("every table has a wrapper, a source and rows, and its rows have no duplicates")
    func tablesAreWhole() {
        for table in TransportPatterns.tables {
            #expect(Self.wrappers[table.name] != nil, "\(table.name)")
            #expect(!table.source.isEmpty && !table.rows.isEmpty, "\(table.name)")
            let texts = table.rows.map { $0.text.lowercased() }
            #expect(Set(texts).count == texts.count || table.name == "libcurl", "\(table.name) repeats a row")
        }
    }

    @Test(
        "each decisive row, inside its stack's line, classifies to its cause",
        arguments: TransportPatterns.tables.map(\.name))
    func decisiveRows(_ name: String) throws {
        let table = try #require(TransportPatterns.tables.first { $0.name == name })
        for row in table.rows {
            guard let failure = row.failure else { continue }
            let text = Self.wrapped(row, in: table)
            let evidence = try #require(EvidenceExtractor.extract(from: text).first)
            let found = try #require(evidence.transport, "no transport failure read in \(text)")
            #expect(found.phase == failure.phase || found.viaProxy, "\(text): \(found.phase) \(found.kind)")
            let cause = Diagnoser.diagnose(evidence).cause
            #expect(Self.cause(failure.phase, failure.kind).contains(cause), "\(text) → \(cause)")
        }
    }

    @Test(
        "a row that does not decide decides nothing, alone in its stack's line",
        arguments: TransportPatterns.tables.map(\.name))
    func undecidedRows(_ name: String) throws {
        let table = try #require(TransportPatterns.tables.first { $0.name == name })
        for row in table.rows where row.failure == nil {
            let text = Self.wrapped(row, in: table)
            #expect(TransportPatterns.find(in: ScanText(text)) == nil, "\(text)")
        }
    }

    @Test("a code is read only where it stands alone: a longer number or word is not it")
    func codesAreTokens() {
        for text in [
            "[WinError 100610] something else", "errno = 1110", "error 100612 in request", "curl error 280",
            "Tokens used: 10061", "pycurl.error: (66, 'Failed to initialise SSL crypto engine')",
            "ECONNREFUSEDX", "XENOTFOUND",
        ] {
            #expect(TransportPatterns.find(in: ScanText(text)) == nil, "\(text)")
        }
        #expect(TransportPatterns.find(in: ScanText("[WinError 10061] whatever"))?.kind == .refused)
        #expect(TransportPatterns.find(in: ScanText("curl: (60) whatever"))?.phase == .tls)
        #expect(TransportPatterns.find(in: ScanText("curl: (6) whatever"))?.phase == .dns)
    }

    @Test("a sentence outranks a code or a summary printed with it")
    func sentencesOutrankCodes() {
        let text = "curl: (7) Failed to connect to api.openai.com port 443 after 10002 ms: Connection timed out"
        #expect(Diagnoser.diagnose(EvidenceExtractor.extract(from: text)[0]).cause == .networkTimeout)
        let dotnet =
            "System.Net.Http.HttpRequestException: The SSL connection could not be established, see inner exception.\n ---> System.Security.Authentication.AuthenticationException: The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot"
        #expect(Diagnoser.diagnose(EvidenceExtractor.extract(from: dotnet)[0]).cause == .tlsIntercepted)
    }

    @Test(
        "every NSURLError code that decides reads as its failure; the others decide nothing",
        arguments: AppleURLErrors.table.map(\.code))
    func appleCodes(_ code: Int) throws {
        let entry = try #require(AppleURLErrors.table.first { $0.code == code })
        let text = "Task <1> finished with error [\(code)] Error Domain=NSURLErrorDomain Code=\(code) \"(null)\""
        let found = TransportPatterns.find(in: ScanText(text))
        if entry.decides {
            #expect(found?.phase == entry.phase && found?.kind == entry.kind, "\(text)")
        } else {
            #expect(found == nil, "\(text)")
        }
    }

    @Test(
        "the tables match typographic variants as every other stage does",
        arguments: [
            // libcurl's CURLE_COULDNT_RESOLVE_HOST (curl 7.68.0) with a curly apostrophe, in full-width
            // forms, in capitals, with no-break spaces, and escaped inside a JSON string.
            ("Curl::Err::HostResolutionError: Couldn\u{2019}t resolve host name", TransportFailure.Phase.dns),
            ("ｃｕｒｌ: Ｃｏｕｌｄｎ'ｔ ｒｅｓｏｌｖｅ ｈｏｓｔ ｎａｍｅ", .dns),
            ("COULDN'T RESOLVE HOST NAME", .dns),
            ("Couldn't\u{00A0}resolve\u{00A0}host\u{00A0}name", .dns),
            (#"{"log":"error: \"Couldn't resolve host name\""}"#, .dns),
            // glibc's French resolver text (EAI_AGAIN), its first word capitalised.
            ("socket.gaierror: [Errno -3] ÉCHEC TEMPORAIRE DANS LA RÉSOLUTION DU NOM", .dns),
            // Winsock's 10061 refusal as Python prints it, with an ideographic space.
            ("ConnectionRefusedError: [WinError\u{3000}10061]", .connect),
        ] as [(String, TransportFailure.Phase)])
    func typographicVariants(_ text: String, _ phase: TransportFailure.Phase) {
        let rows = TransportPatterns.decisiveRows(in: ScanText(text))
        #expect(rows.first?.row.failure?.phase == phase, "\(text): \(rows.map(\.row.text))")
        // The offset found is the input's, where the sentence starts as written.
        if let offset = rows.first?.offset { #expect(offset < text.utf8.count) }
    }

    @Test("a hit's offsets are the input's, whatever the folding changed before it")
    func hitOffsetsAreTheInputs() {
        let text = "Ｅｒｒｏｒ： connection refused"
        let index = NeedleIndex([("connection refused", false)])
        let hit = index.hits(in: ScanText(text)).first
        let bytes = Array(text.utf8)
        #expect(hit.map { String(decoding: bytes[$0.offset..<$0.end], as: UTF8.self) } == "connection refused")
    }

    @Test("the index finds every needle at its first place, and tokens only alone")
    func needleIndex() {
        let index = NeedleIndex([("refused", false), ("1020", true), ("ab", false), ("x", true)])
        let hits = index.hits(in: ScanText("AB: error code: 10201; error code: 1020 refused, REFUSED x"))
        #expect(hits.map(\.needle) == [2, 1, 0, 3])
        #expect(hits.first { $0.needle == 1 }?.offset == 35)
    }
}

/// Known service error codes are tokens found anywhere in the input, and nothing else.
@Suite("known error codes")
struct KnownErrorCodeTests {
    @Test("every code of every table is found where a service prints it")
    func everyCodeIsFound() {
        for (text, code) in KnownErrorCodes.rows {
            let found = KnownErrorCodes.find(in: ScanText("Error: \(text) (request id req_1)")).map(\.code.code)
            #expect(found.contains(code.code), "\(text)")
        }
    }

    @Test("a code inside a longer number or word is not the code")
    func tokensOnly() {
        #expect(KnownErrorCodes.cloudflareCodes(in: ScanText("error code: 10201")).isEmpty)
        #expect(KnownErrorCodes.cloudflareCodes(in: ScanText("error code: 1020")) == [1020])
        #expect(KnownErrorCodes.cloudflareCodes(in: ScanText("Tokens used: 1020")).isEmpty)
        #expect(KnownErrorCodes.find(in: ScanText("not_insufficient_quota_x and server_errors")).isEmpty)
        let prose = ScanText("OpenAI a répondu 429 (code d'erreur : insufficient_quota), réessayez plus tard")
        #expect(KnownErrorCodes.find(in: prose).map(\.code.cause) == [.billingQuotaExceeded])
    }

    @Test("a code written under a label of its own is a signal, and decides at the code stage")
    func codesIntoTheEvidence() {
        // Codex's print of the API's answer (openai/codex#1000, fixture 041): no body, the code in prose.
        let text =
            "OpenAI rejected the request (request ID: req_f1fd16f906f5ad6e7ac336a4976ad6fc). Error details: Status: 401, Code: mismatched_organization, Type: invalid_request_error, Message: 401 OpenAI-Organization header should match organization for API key."
        let evidence = EvidenceExtractor.extract(from: text)[0]
        #expect(evidence.signals.contains(.knownCode("mismatched_organization")))
        #expect(evidence.markers.contains("code:mismatched_organization"))
        let verdict = Classifier.classify(evidence, model: nil)
        #expect(verdict.cause == .orgMismatch)
        #expect(verdict.rule == "code.mismatched-organization")
        #expect(verdict.reasons.first?.contains("written in the text") == true, "\(verdict.reasons)")
        // The wording rule still names the cause on its own: it is the witness (RuleTableTests).
        #expect(RuleTable.rule("wording.org.mismatch")?.decide(Facts(evidence))?.cause == .orgMismatch)
    }

    @Test("a code an error object's fields carry, or a value written as a `type`, is no new signal")
    func noSignalForCarriedOrTypes() {
        // errors-catalogue.md §2's quota body: its code is the object's own.
        let body =
            #"{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"#
        #expect(!EvidenceExtractor.extract(from: body)[0].signals.contains { $0.marker.hasPrefix("code:") })
        // A body a container prefix broke for the parser (matrix-chatgpt-bot's log, fixture 1256): a type.
        let broken = "bot  |     \"type\": \"server_error\",\nbot  |     \"code\": null\n"
        #expect(!EvidenceExtractor.extract(from: broken)[0].signals.contains(.knownCode("server_error")))
    }

    @Test("Cloudflare's refusals name edge.blocked; its site-configuration codes decide nothing")
    func cloudflareCauses() {
        let blocking = Set(KnownErrorCodes.cloudflare.filter { $0.cause == .edgeBlocked }.map(\.code))
        #expect(blocking == EdgeRules.blockCodes)
    }

    @Test("a Cloudflare body or page reads its 1xxx code only where the number is the code")
    func cloudflareBodies() {
        #expect(EvidenceExtractor.extract(from: "error code: 1020")[0].cloudflareCodes == [1020])
        let reference =
            "<title>Access denied | api.openai.com used Cloudflare to restrict access</title>\nError reference number: 10201"
        #expect(!EvidenceExtractor.extract(from: reference)[0].cloudflareCodes.contains(1020))
        let page = """
            <!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head>
            <body><h1>Sorry, you have been blocked</h1><p>Error 1020</p><p>Cloudflare Ray ID: 8a1b2c3d4e5f6a7b</p></body></html>
            """
        #expect(EvidenceExtractor.extract(from: page)[0].cloudflareCodes.contains(1020))
    }
}
