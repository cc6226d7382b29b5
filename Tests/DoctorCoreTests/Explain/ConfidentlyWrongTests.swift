import Testing

@testable import DoctorCore

/// The kinds of confident and wrong answer issue 21 names, each held by the rule that now
/// judges its structure: a hosting platform's own limit, IPv6 transition addresses, a relay's
/// or wrapper's own failure read as the API's, a size refusal, a local server taken for a proxy,
/// a runtime's printed system error taken for an Azure body. Real wording, each with its source.
@Suite("confidently wrong no more")
struct ConfidentlyWrongTests {
    /// The diagnosis the rules give (the learned stage is measured apart: LearnedStageTests).
    static func diagnosis(of text: String, status: Int? = nil) -> Diagnosis {
        Diagnoser.diagnose(EvidenceExtractor.extract(from: text, status: status)[0], model: nil)
    }

    @Test("a gateway-timeout status beside \"timed out\" is that answer, not a client-side timeout")
    func gatewayTimeoutAnswer() {
        // Vercel Hobby's function limit as quoted (TheOrcDev/orcish-openai-connector#1, fixture 1018).
        let text = "\"504 Gateway Timeout\"\n\"Task timed out after 10.01 seconds\"\n"
        let diagnosis = Self.diagnosis(of: text)
        #expect(diagnosis.cause == .serverTimeout, "\(diagnosis.decidedBy)")
        #expect(diagnosis.evidence.status == 504)
        #expect(diagnosis.evidence.transportPhase == nil)
        // Without the gateway's status the sentence is still the platform's own limit (AWS Lambda,
        // Vercel and Netlify print it about the function they stopped), never the client's.
        #expect(Self.diagnosis(of: "\"Task timed out after 10.01 seconds\"").cause == .serverTimeout)
    }

    @Test(
        "an IPv6 transition address leads to the IPv4 address it carries",
        arguments: [
            ("::ffff:104.18.6.192", true), ("64:ff9b::6812:6c0", true), ("64:ff9b:1::6812:6c0", true),
            ("2001:db8:64::6812:6c0", true), ("2002:6812:6c0::1", true), ("64:ff9b::1f0d:5e25", false),
            ("2a03:2880:f10c:83:face:b00c:0:25de", false),
        ] as [(String, Bool)])
    func transitionAddresses(_ address: String, _ cloudflare: Bool) throws {
        let ip = try #require(IPAddress(address))
        #expect(CloudflareRanges.contains(ip) == cloudflare, "\(address)")
    }

    @Test("a connect timeout through NAT64 to api.openai.com's edge is a timeout, not poisoned DNS")
    func nat64Timeout() {
        // Node's ETIMEDOUT (fixture 137, Cloudflare's 104.18.6.192) as an IPv6-only network's
        // DNS64 answers it, and a Teredo tunnel's address; Facebook's address (an outside one) stays poisoned.
        for address in ["64:ff9b::6812:6c0", "::ffff:104.18.6.192", "2001:0:4136:e378:8000:63bf:3fff:fdd2"] {
            let text = "Error: connect ETIMEDOUT \(address):443\n    at TCPConnectWrap.afterConnect [as oncomplete]"
            #expect(Self.diagnosis(of: text).cause == .networkTimeout, "\(address)")
        }
        let outside = "Error: connect ETIMEDOUT 2a03:2880:f10c:83:face:b00c:0:25de:443"
        #expect(Self.diagnosis(of: outside).cause == .networkDNSPoisoned)
    }

    @Test("a relay's `server_error` around a refusal it relayed is not the API failing")
    func relayedRefusal() {
        // A Whisper upload over 25 MB: the refusal carries type server_error (murtaza-nasir/speakr#42, fixture 1210).
        let size =
            "Error code: 413 - {'error': {'message': '413: Maximum content size limit (26214400) exceeded (26294972 bytes read)', 'type': 'server_error', 'param': None, 'code': None}, 'usage': {'type': 'duration', 'seconds': 0}}"
        let diagnosis = Self.diagnosis(of: size)
        #expect(diagnosis.cause == .requestInvalid, "\(diagnosis.decidedBy)")
        // A relay's server_error wrapping the upstream's 400 (TheSmallHanCat/sora2api#59, fixture 1131).
        let wrapped = #"""
            {"error": {"message": "API request failed: 400 - {\n  \"error\": {\n    \"message\": \"Hmmm something didn't look right with your request.\",\n    \"type\": \"invalid_request_error\",\n    \"param\": null,\n    \"code\": \"sentinel_block\"\n  }\n}", "type": "server_error", "param": null, "code": null}}
            """#
        #expect(Self.diagnosis(of: wrapped).cause != .serverError)
        // The API's own server_error still is one (errors-catalogue.md §2, ai-genie/chatgpt-vscode#100).
        let own =
            #"{"error":{"message":"The server had an error processing your request. Sorry about that! You can retry your request, or contact us through our help center at help.openai.com if you keep seeing this error.","type":"server_error","param":null,"code":null}}"#
        #expect(Self.diagnosis(of: own, status: 500).cause == .serverError)
    }

    @Test("a wrapper's own 400 around a failed connection refused no parameter")
    func wrapperFourHundredAroundConnection() {
        // Dify's console answer (langgenius/dify#14737, fixture 1156).
        let text = #"{"code": "invalid_param", "message": "Connection error.", "status": 400}"#
        #expect(Self.diagnosis(of: text).cause == .unknown)
    }

    @Test("a Cloudflare 522 page is the gateway timing out on the server behind it")
    func cloudflare522() {
        #expect(StatusRules.serverByStatus(522, source: "Cloudflare's 522 page")?.cause == .serverTimeout)
        #expect(StatusRules.serverByStatus(521, source: "Cloudflare's 521 page")?.cause == .serverError)
    }

    @Test("\"Invalid URL\" for a path the API serves is said with low confidence")
    func invalidURLForServedPath() {
        // The 2023 answer for the right path (GaiZhenbiao/ChuanhuChatGPT#452) and for a doubled one (fixture 097).
        let served = Classifier.classify(
            EvidenceExtractor.extract(from: "Invalid URL (POST /v1/chat/completions)")[0], model: nil)
        #expect(served.cause == .endpointWrong)
        #expect(served.confidence == .low)
        let doubled = Classifier.classify(
            EvidenceExtractor.extract(from: "Invalid URL (POST /v1/chat/completions/chat/completions)")[0],
            model: nil)
        #expect(doubled.cause == .endpointWrong)
        #expect(doubled.confidence == .high)
    }

    @Test("a key format refused before sending is a malformed key")
    func keyFormatRefusedBeforeSending() {
        // A PHP endpoint's own check (https://ai.etisalna.com/openai.php, fixture 1540).
        let format =
            #"{"error":"Invalid API key format. OpenAI keys start with 'sk-' or 'sk-proj-'","type":"api_error"}"#
        #expect(Self.diagnosis(of: format).cause == .keyMalformed)
    }

    /// The Vercel AI SDK's retry error around a refused local model server, as printed by Node
    /// (stackblitz-labs/bolt.diy#387, trimmed to the error and its cause).
    static let refusedLocalServer = """
        lastError: APICallError [AI_APICallError]: Cannot connect to API: connect ECONNREFUSED ::1:11434
            at processTicksAndRejections (node:internal/process/task_queues:105:5) {
          cause: Error: connect ECONNREFUSED ::1:11434
              at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16) {
            errno: -4078,
            code: 'ECONNREFUSED',
            syscall: 'connect',
            address: '::1',
            port: 11434
          },
          url: 'http://localhost:11434/api/chat',
          statusCode: undefined,
          isRetryable: true,
        }
        """

    @Test("Node's printed system error is not an API error body (no Azure, no error code)")
    func nodeSystemErrorIsNoBody() {
        let evidence = EvidenceExtractor.extract(from: Self.refusedLocalServer)[0]
        #expect(evidence.provider == nil)
        #expect(evidence.error.code == nil)
        // The object alone still locates the refused address and port.
        let alone = "{ errno: -111, code: 'ECONNREFUSED', syscall: 'connect', address: '127.0.0.1', port: 11434 }"
        let transport = EvidenceExtractor.extract(from: alone)[0].transport
        #expect(transport?.address == "127.0.0.1")
        #expect(transport?.port == 11434)
        #expect(EvidenceExtractor.extract(from: alone)[0].provider == nil)
    }

    @Test("a refused local server on its own port is a connection failure; a proxy tool's port a proxy's")
    func localServerIsNoProxy() {
        let diagnosis = Self.diagnosis(of: Self.refusedLocalServer)
        #expect(diagnosis.cause == .networkConnect, "\(diagnosis.decidedBy)")
        // Clash's port, nothing else said (fuergaosi233/wechat-chatgpt#358, fixture 238): the proxy.
        #expect(
            Self.diagnosis(of: "uncaughtException GError: connect ECONNREFUSED 127.0.0.1:7890").cause
                == .proxyMisconfigured)
        // A proxy tool's port the client calls as its base URL: a local API server.
        let baseURL = """
            POST http://127.0.0.1:8080/v1/chat/completions failed
            Error: connect ECONNREFUSED 127.0.0.1:8080
            """
        #expect(Self.diagnosis(of: baseURL).cause == .networkConnect)
    }

    @Test("a server's own listening address elsewhere in a log is not where the request went")
    func listeningAddressIsNotTheTarget() {
        // gptstudio's R log (MichelNivard/gptstudio#157, fixture 1031), the traceback cut.
        let text = """
            Listening on http://127.0.0.1:7362
            ! OPENAI_API_KEY is not valid.
            ℹ Generate a key at <https://platform.openai.com/account/api-keys>
            ℹ Set the key in your .Renviron file usethis::edit_r_environ()
            Warning: Error in httr2::req_perform: Failed to perform HTTP request.
            Caused by error in `curl::curl_fetch_memory()`:
            ! Timeout was reached: [api.openai.com] Connection timed out after 10003 milliseconds
            """
        let diagnosis = Self.diagnosis(of: text)
        #expect(diagnosis.cause == .networkTimeout, "\(diagnosis.decidedBy)")
        #expect(diagnosis.evidence.address == nil)
    }
}
