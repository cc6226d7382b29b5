import Testing

@testable import DoctorCore

/// Families of wording that apps, relays and unofficial clients pass on in their own envelopes,
/// and a client's failure to decode an answer, which names no cause. Real wording, each with its
/// source.
@Suite("wording relayed by apps and unofficial clients")
struct RelayedWordingTests {
    /// The diagnosis the rules give, without the learned stage (measured apart: LearnedStageTests).
    static func diagnosis(of text: String, status: Int? = nil) -> Diagnosis {
        Diagnoser.diagnose(EvidenceExtractor.extract(from: text, status: status)[0], model: nil)
    }

    @Test("an expired ChatGPT session token is an invalid credential, in any relay's envelope")
    func expiredSessionToken() {
        // PyChatGPT's print of the backend's answer (rawandahmad698/PyChatGPT#85).
        let printed =
            #"[Status Code] 401 | [Response Text] {"detail":{"message":"Your authentication token has expired. Please try signing in again.","type":"invalid_request_error","param":null,"code":"token_expired"}}"#
        #expect(Self.diagnosis(of: printed).cause == .keyInvalid)
        // A relay nesting the same object as its message (acheong08/ShareGPT#4).
        let nested =
            #"{"error":{"code":"error","message":{"code":"token_expired","message":"Your authentication token has expired. Please try signing in again.","param":null,"type":"invalid_request_error"},"param":null,"type":"401 Unauthorized"}}"#
        #expect(Self.diagnosis(of: nested).cause == .keyInvalid)
    }

    @Test("a hosted app asking the user to bring a key saw none")
    func supplyYourOwnKey() {
        // SQL Chat's refusal (sqlchat/sqlchat#139).
        let text = "Please sign up to get free quota or supply your own OpenAI key."
        #expect(Self.diagnosis(of: text).cause == .keyMissing)
    }

    @Test("OpenRouter asking for the user's own OpenAI key is a model this account may not use")
    func openRouterRequiresOwnKey() {
        // As Open WebUI logged it (open-webui/open-webui#16817).
        let text =
            "res: {'error': {'message': 'OpenAI is requiring a key to access this model, which you can add in https://openrouter.ai/settings/integrations - you can also switch to gpt-5-chat or gpt-5-mini.', 'code': 403}}"
        #expect(Self.diagnosis(of: text).cause == .modelNoAccess)
    }

    @Test("a client that could not decode the answer names no cause, and says what to capture")
    func decodingFailure() {
        // DSRs over async-openai, pointed at OpenRouter (krypticmouse/DSRs#10).
        let text =
            "Error: failed to deserialize api response: invalid type: integer `400`, expected a string at line 1 column 87"
        let diagnosis = Self.diagnosis(of: text)
        #expect(diagnosis.cause == .unknown)
        #expect(diagnosis.fixes.first?.contains("log the raw response body") == true, "\(diagnosis.fixes)")
        // The learned stage is not asked either: the rule decides, with the shipped model too.
        let shipped = Diagnoser.diagnose(EvidenceExtractor.extract(from: text)[0])
        #expect(shipped.cause == .unknown)
        // A code the text also shows still decides before it (a combination made for this test: the
        // decoder's words before the quota body of docs/errors-catalogue.md).
        let withCode =
            #"Failed to deserialize API response: {"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","code":"insufficient_quota"}}"#
        #expect(Self.diagnosis(of: withCode).cause == .billingQuotaExceeded)
    }

    @Test("a wrapper's own 500 around the provider's 404 is not the provider failing")
    func wrapperFiveHundredAroundFourOhFour() {
        // The WordPress AI plugin's REST answer (WordPress/ai#126): what was not found the text does not say.
        let text = """
            this returns:

            `500 Internal Server Error
            {
              "code": "prompt_builder_error",
              "message": "Not Found (404)",
              "data": {
                  "exception_class": "WordPress\\\\AiClient\\\\Providers\\\\Http\\\\Exception\\\\ClientException"
              }
            }`
            """
        let diagnosis = Self.diagnosis(of: text)
        #expect(diagnosis.cause == .unknown, "\(diagnosis.decidedBy)")
        // A gateway's 500 around the rate limit it relays is still the rate limit (Portkey,
        // pollinations/pollinations#1314, fixture 535): the envelope's status is the wrapper's.
        let relayed = #"""
            {"error": "Portkey Gateway API error: 429 Too Many Requests", "status": 500, "details": {"error": {"message": "azure-openai error: Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-08-01-preview have exceeded token rate limit of your current AIServices S0 pricing tier. Please retry after 2 seconds.", "type": null, "param": null, "code": "429"}, "provider": "azure-openai"}}
            """#
        #expect(Self.diagnosis(of: relayed).cause == .rateLimitExceeded)
    }

    @Test("a refusal at a loopback address whose host the text never names is a local tool, not poisoned DNS")
    func loopbackWithoutHost() {
        // The unofficial `chatgpt` package's fetch through its local proxy (transitive-bullshit/agentic#513).
        let unnamed = """
            TypeError: fetch failed
                at Object.fetch (node:internal/deps/undici/undici:11413:11)
                at async fetchSSE (file:///C:/Users/Andrey/Desktop/gpt/node_modules/chatgpt/build/index.js:46:15) {
              cause: Error: connect ECONNREFUSED 127.0.0.1:443
                  at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1494:16) {
                errno: -4078,
                code: 'ECONNREFUSED',
                syscall: 'connect',
                address: '127.0.0.1',
                port: 443
              }
            }
            """
        let diagnosis = Self.diagnosis(of: unnamed)
        #expect(diagnosis.cause == .networkConnect, "\(diagnosis.decidedBy)")
        // Where the text shows the API was called, the API's name led to the local address (the same
        // refusal in node-fetch's sentence with the API named: a combination made for this test).
        let named =
            "request to https://api.openai.com/v1/chat/completions failed, reason: connect ECONNREFUSED 127.0.0.1:443"
        #expect(Self.diagnosis(of: named).cause == .networkDNSPoisoned)
    }

    @Test("an app's sentence that hedges between the key and the network names no cause")
    func hedgedUISentence() {
        // Home Assistant's LLM Vision setup form (valentinfrlch/ha-llmvision#397): shown for an
        // unfunded account as for a wrong address.
        let hedged = "Verbindung zum Server konnte nicht hergestellt werden. Überprüfe deinen API-Key oder IP und Port."
        let diagnosis = Diagnoser.diagnose(EvidenceExtractor.extract(from: hedged)[0])
        #expect(diagnosis.cause == .unknown, "\(diagnosis.decidedBy)")
        #expect(HedgedMessage.hedge(in: Facts(EvidenceExtractor.extract(from: hedged)[0])) != nil)
        // Beside a real answer the same kind of hint is only a hint: the API's 400 decides (gptpdf's
        // log, fixture 1314).
        let withAnswer = """
            openai.BadRequestError: Error code: 400 - {'error': {'message': "You uploaded an unsupported image. Please make sure your image is below 20 MB in size and is of one the following formats: ['png', 'jpeg', 'gif', 'webp'].", 'type': 'invalid_request_error', 'param': None, 'code': 'sanitizer_server_error'}}
            ERROR:root:LLM(Large Languate Model) error, Please check your key or base_url, or network
            """
        #expect(Self.diagnosis(of: withAnswer).cause == .requestInvalid)
        // The same hint bare, and in CJK with its words spaced: the hedge is the sentence, trimmed.
        #expect(
            HedgedMessage.hedge(
                in: Facts(
                    EvidenceExtractor.extract(
                        from: "LLM(Large Languate Model) error, Please check your key or base_url, or network")[0]))
                == "llm(large languate model) error, please check your key or base_url, or network")
        #expect(HedgedMessage.hedge(in: Facts(EvidenceExtractor.extract(from: "连接失败。请检查 API Key 或 网络")[0])) != nil)
        // Words that only share a sentence with "or" are no hedge: "keys or tokens" names one layer.
        for text in ["Please provide your API key or token.", "Check the proxy or the VPN."] {
            #expect(HedgedMessage.hedge(in: Facts(EvidenceExtractor.extract(from: text)[0])) == nil, "\(text)")
        }
    }

    @Test("balance refusals, enumeration refusals and busy threads, as providers and relays word them")
    func balanceEnumerationBusyThread() {
        // A relay's 401 around the provider's balance refusal (TiaraBasori/OpenCode2API#5), and
        // DeepSeek's own 402 body as openai-python prints it (blog.csdn.net, weixin_44245188 142060659).
        #expect(
            Self.diagnosis(
                of:
                    #"Error: 401: {"message":"Insufficient balance. Manage your billing here: https://***.ai/***/***/***","type":"CreditsError","param":"","code":null}"#
            ).cause == .billingQuotaExceeded)
        let deepSeek = Self.diagnosis(
            of:
                "APIStatusError: Error code: 402 - {'error': {'message': 'Insufficient Balance', 'type': 'unknown_error', 'param': None, 'code': 'invalid_request_error'}}"
        )
        #expect(deepSeek.cause == .billingQuotaExceeded, "\(deepSeek.decidedBy)")
        // The API's enumeration refusal as a package's issue title gives it (CreativeCrafts/laravel-ai-assistant#24).
        #expect(
            Self.diagnosis(of: "Invalid value: ''. Supported values are: 'low', 'medium', and 'high'.").cause
                == .requestInvalid)
        // LangGraph's busy thread through Open Canvas (langchain-ai/open-canvas#296).
        #expect(
            Self.diagnosis(
                of:
                    "Failed to stream message Error: HTTP 422: Thread is already running a task. Wait for it to finish or choose a different multitask strategy."
            ).cause == .requestInvalid)
    }

    @Test("a platform's code retyped from a popup still names its limit")
    func retypedIdentifier() {
        // ChatFiles on Vercel, as the reporter typed the popup (guangzhengli/ChatFiles#113).
        let diagnosis = Self.diagnosis(of: "An error  with your deployment FUNCTION INVOCATION TIMEOLJT")
        #expect(diagnosis.cause == .serverTimeout, "\(diagnosis.decidedBy)")
        #expect(diagnosis.confidence == .low)
        // Another code of the same platform, retyped, is not its time limit (vercel.com/docs/errors).
        #expect(Self.diagnosis(of: "FUNCTION INVOCATION FAILED").cause != .serverTimeout)
    }
}
