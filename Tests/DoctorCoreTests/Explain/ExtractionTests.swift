import Testing

@testable import DoctorCore

@Suite("evidence extraction")
struct ExtractionTests {
    @Test("a Python repr, a JavaScript literal and strict JSON read the same")
    func lenientForms() {
        let forms = [
            #"{"error": {"message": "Bad gateway.", "param": null, "code": 502, "type": "cf_bad_gateway"}}"#,
            #"{'error': {'message': 'Bad gateway.', 'param': None, 'code': 502, 'type': 'cf_bad_gateway'}}"#,
            #"{ error: { message: 'Bad gateway.', param: null, code: 502, type: 'cf_bad_gateway' } }"#,
        ]
        for text in forms {
            let evidence = EvidenceExtractor.extract(from: text)[0]
            #expect(evidence.error.type == "cf_bad_gateway", "\(text)")
            #expect(evidence.error.code == "502")
            #expect(evidence.error.message == "Bad gateway.")
            #expect(evidence.provider == .cloudflare)
        }
    }

    @Test("an HTTP dump gives status, ordered headers, request id, ray and provider")
    func httpDump() {
        let text = """
            HTTP/2 401
            content-type: application/json
            www-authenticate: Bearer realm="OpenAI API"
            openai-version: 2020-10-01
            x-request-id: 6f1101a3-ebe9-4c31-a29c-a16593d85274
            cf-ray: a168bcbccc5b9a92-BOS
            server: cloudflare

            {"error":{"message":"Missing bearer or basic authentication in header","type":"invalid_request_error","param":null,"code":null}}
            """
        let evidence = EvidenceExtractor.extract(from: text)[0]
        #expect(evidence.form == .http)
        #expect(evidence.status == 401)
        #expect(evidence.requestID == "6f1101a3-ebe9-4c31-a29c-a16593d85274")
        #expect(evidence.cfRay == "a168bcbccc5b9a92-BOS")
        #expect(evidence.provider == .openai)
        #expect(evidence.headers.fields.first?.name == "content-type")
        #expect(Classifier.classify(evidence).cause == .keyMissing)
    }

    @Test("the echoed masked key is extracted, and a clean one is key.invalid")
    func echoedKey() {
        let body =
            #"{"error":{"message":"Incorrect API key provided: sk-PMafP***...E873. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#
        let evidence = EvidenceExtractor.extract(from: body, status: 401)[0]
        #expect(evidence.echoedKey == "sk-PMafP***...E873")
        let diagnosis = Diagnoser.diagnose(evidence)
        #expect(diagnosis.cause == .keyInvalid)
        #expect(diagnosis.evidence.key == "sk-…E873")
    }

    @Test(
        "echoed keys that reveal damage are key.malformed; placeholders are key.invalid",
        arguments: [
            ("sk-abc***xyz\"", CauseID.keyMalformed), ("<sk-a***xyz>", .keyMalformed),
            ("https://***.com", .keyMalformed),
            ("Bearer s***abcd", .keyMalformed), ("my key i***here", .keyMalformed), ("YOUR_API_KEY", .keyInvalid),
            ("sk-xxxx***xxxx", .keyInvalid), ("sk-ant-***abcd", .keyInvalid),
        ])
    func echoDamage(_ echo: String, _ expected: CauseID) {
        let body =
            "{\"error\":{\"message\":\"Incorrect API key provided: \(echo.replacing("\"", with: "\\\"")). You can find your API key at https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}"
        #expect(Classifier.classify(EvidenceExtractor.extract(from: body, status: 401)[0]).cause == expected)
    }

    @Test("transport failures keep phase, host and address")
    func transport() {
        let evidence = EvidenceExtractor.extract(from: "Error: connect ECONNREFUSED 127.0.0.1:7890")[0]
        #expect(evidence.transport?.phase == .connect)
        #expect(evidence.transport?.kind == .refused)
        #expect(evidence.transport?.address == "127.0.0.1")
        #expect(evidence.transport?.port == 7890)
        #expect(Classifier.classify(evidence).cause == .proxyMisconfigured)

        let dns = EvidenceExtractor.extract(from: "getaddrinfo EAI_AGAIN api.openai.com")[0]
        #expect(dns.transport?.host == "api.openai.com")
        #expect(dns.transport?.kind == .nameTemporaryFailure)
    }

    @Test("poisoned DNS is told from a plain timeout by the address")
    func poisoning() {
        let poisoned = EvidenceExtractor.extract(from: "Error: connect ETIMEDOUT 31.13.94.7:443")[0]
        #expect(Classifier.classify(poisoned).cause == .networkDNSPoisoned)
        let cloudflare = EvidenceExtractor.extract(from: "Error: connect ETIMEDOUT 104.18.6.192:443")[0]
        #expect(Classifier.classify(cloudflare).cause == .networkTimeout)
    }

    @Test("429 is three causes: quota, too large and rate limit")
    func fourTwentyNine() {
        let quota =
            #"{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"#
        let large =
            #"{"error":{"message":"Request too large for gpt-4o in organization org-abc on tokens per min (TPM): Limit 30000, Requested 31538. The input or output tokens must be reduced in order to run successfully.","type":"tokens","param":null,"code":"rate_limit_exceeded"}}"#
        let limit =
            #"{"error":{"message":"Rate limit reached for gpt-4o in organization org-abc on tokens per min (TPM): Limit 30000, Used 29937, Requested 385. Please try again in 644ms.","type":"tokens","param":null,"code":"rate_limit_exceeded"}}"#
        #expect(
            Classifier.classify(EvidenceExtractor.extract(from: quota, status: 429)[0]).cause == .billingQuotaExceeded)
        #expect(Classifier.classify(EvidenceExtractor.extract(from: large, status: 429)[0]).cause == .requestTooLarge)
        #expect(Classifier.classify(EvidenceExtractor.extract(from: limit, status: 429)[0]).cause == .rateLimitExceeded)
    }

    @Test("Cloudflare ranges hold the observed API addresses and exclude the poisoned ones")
    func ranges() {
        for address in ["162.159.140.245", "172.66.0.243", "104.18.6.192", "2606:4700::6810:85e5"] {
            #expect(CloudflareRanges.contains(address), "\(address)")
        }
        for address in ["104.244.46.63", "31.13.94.7", "108.160.165.212", "127.0.0.1", "2001:db8::1"] {
            #expect(!CloudflareRanges.contains(address), "\(address)")
        }
    }

    /// Wrappers the corpus does not hold (Rust Debug output, openai-java, Ruby Faraday hashes,
    /// .NET socket errors, requests' SSLError, key=value logs), around real catalogue wording:
    /// the classifier must decide by structure and wording families, not by known wrappers.
    @Test(
        "unseen wrappers from other languages",
        arguments: [
            (
                #"Error: ApiError(ApiError { message: "You exceeded your current quota, please check your plan and billing details.", r#type: Some("insufficient_quota"), param: None, code: Some("insufficient_quota") })"#,
                CauseID.billingQuotaExceeded, nil as Int?
            ),
            (
                #"com.openai.errors.PermissionDeniedException: 403: {"error":{"message":"Project `proj_abc` does not have access to model `o3`","type":"invalid_request_error","param":null,"code":"model_not_found"}}"#,
                .modelNoAccess, 403
            ),
            (
                #"Faraday::TooManyRequestsError: the server responded with status 429\n{"error"=>{"message"=>"Rate limit reached for gpt-4o in organization org-x on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 120ms.", "type"=>"requests", "param"=>nil, "code"=>"rate_limit_exceeded"}}"#,
                .rateLimitExceeded, 429
            ),
            ("System.Net.Http.HttpRequestException: No such host is known. (api.openai.com:443)", .networkDNS, nil),
            (
                "requests.exceptions.SSLError: HTTPSConnectionPool(host='api.openai.com', port=443): Max retries exceeded with url: /v1/chat/completions (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)')))",
                .tlsIntercepted, nil
            ),
            (
                "openai.APIConnectionError: Connection error.\\nhttpx.ConnectError: [Errno 113] No route to host",
                .networkConnect, nil
            ),
            (
                #"2025-03-01T10:00:00Z ERROR openai call failed status=503 body={"error":{"message":"The server is overloaded or not ready yet.","type":"server_error","param":null,"code":null}}"#,
                .serverOverloaded, 503
            ),
        ])
    func unseenWrappers(_ text: String, _ expected: CauseID, _ status: Int?) {
        let evidence = EvidenceExtractor.extract(from: text.replacing("\\n", with: "\n"))[0]
        #expect(Classifier.classify(evidence).cause == expected, "\(text)")
        #expect(evidence.status == status)
    }

    @Test("the live DNS check's judgement: only api.openai.com, only addresses outside the ranges")
    func unexpectedAddresses() {
        #expect(
            CloudflareRanges.unexpectedAddresses(forHost: "api.openai.com", ["162.159.140.245", "172.66.0.243"]).isEmpty
        )
        #expect(
            CloudflareRanges.unexpectedAddresses(forHost: "API.openai.com", ["31.13.94.7", "172.66.0.243"]) == [
                "31.13.94.7"
            ])
        #expect(
            CloudflareRanges.unexpectedAddresses(forHost: "api.openai.com", ["127.0.0.1", "::1"]) == [
                "127.0.0.1", "::1",
            ])
        #expect(CloudflareRanges.unexpectedAddresses(forHost: "my-relay.example.com", ["31.13.94.7"]).isEmpty)
    }
}
