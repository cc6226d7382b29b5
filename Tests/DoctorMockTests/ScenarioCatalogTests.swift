import DoctorCore
import DoctorMock
import DoctorTestSupport
import Testing

/// The canned answers: one per cause an HTTP answer can show, verbatim, with consistent framing.
@Suite struct ScenarioCatalogTests {
    static let expectedStatus: [CauseID: Int] = [
        .keyMissing: 401, .keyInvalid: 401, .keyInsufficientScopes: 401, .orgMismatch: 401, .orgMembership: 401,
        .projectMismatch: 401, .projectIPNotAllowed: 401, .accountDeactivated: 401, .billingQuotaExceeded: 429,
        .regionUnsupported: 403, .edgeBlocked: 403, .proxyBlocked: 403, .proxyAuthRequired: 407,
        .modelNotFound: 404, .modelNoAccess: 403, .rateLimitExceeded: 429, .requestTooLarge: 429,
        .requestInvalid: 400, .requestContextLength: 400, .requestContentPolicy: 400, .endpointWrong: 404,
        .serverError: 500, .serverOverloaded: 503, .serverTimeout: 524, .azureNetworkRules: 403,
        .azureKeyOrEndpoint: 401, .azureDeploymentNotFound: 404, .azureRBAC: 401,
    ]

    @Test func everyCauseAnHTTPAnswerCanShowHasAScenario() {
        #expect(Set(ScenarioCatalog.causes) == Set(Self.expectedStatus.keys))
        for cause in ScenarioCatalog.causes {
            let answer = ScenarioCatalog.response(for: ScenarioName(cause: cause), context: .example)
            #expect(answer?.status == Self.expectedStatus[cause], "\(cause)")
        }
    }

    @Test func causesNoHTTPAnswerCanShowHaveNone() {
        for cause in [CauseID.networkDNS, .networkConnect, .networkTimeout, .tlsIntercepted, .keyMalformed, .unknown] {
            #expect(ScenarioName(cause.rawValue) == nil)
        }
    }

    @Test(arguments: ScenarioCatalog.allNames.filter { $0 != "ok" })
    func contentLengthMatchesTheBodyAndHeadersAreWellFormed(_ name: String) throws {
        let scenario = try #require(ScenarioName(name))
        let answer = try #require(ScenarioCatalog.response(for: scenario, context: .example))
        let length = try #require(answer.headers["content-length"])
        #expect(Int(length) == answer.body.utf8.count)
        for field in answer.headers {
            #expect(!field.value.contains("\r") && !field.value.contains("\n"))
            #expect(!field.name.isEmpty && !field.name.contains(" "))
        }
    }

    @Test func the2023QuotaBodyIsThe206BytesSeenOnTheWire() throws {
        let answerName = try #require(ScenarioName("billing.quota_exceeded@2023"))
        let answer = try #require(ScenarioCatalog.response(for: answerName, context: .example))
        #expect(answer.body.utf8.count == 206)
        #expect(answer.headers["Content-Length"] == "206")
        #expect(answer.headers["x-request-id"] == ScenarioContext.example.legacyRequestID)
        #expect(!answer.headers.containsName(withPrefix: "openai-"))
        #expect(!answer.headers.containsName(withPrefix: "x-ratelimit"))
    }

    @Test func openAIErrorsArePrettyPrintedInChatKeyOrder() throws {
        let answer = try #require(ScenarioCatalog.response(for: ScenarioName(cause: .keyMissing), context: .example))
        let expected = """
            {
                "error": {
                    "message": "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
                    "type": "invalid_request_error",
                    "param": null,
                    "code": null
                }
            }

            """
        #expect(answer.body == expected)
        #expect(answer.headers["www-authenticate"] == "Bearer realm=\"OpenAI API\"")
        #expect(answer.headers.values(for: "access-control-expose-headers") == ["X-Request-ID", "CF-Ray"])
        #expect(!answer.headers.contains("openai-organization"))
    }

    @Test func gatewayBodiesAreCompactWithTheirOwnKeyOrder() throws {
        let region = try #require(
            ScenarioCatalog.response(for: ScenarioName(cause: .regionUnsupported), context: .example))
        #expect(
            region.body
                == #"{"error":{"code":"unsupported_country_region_territory","message":"Country, region, or territory not supported","param":null,"type":"request_forbidden"}}"#
        )
        let badGatewayName = try #require(ScenarioName("server.error@cloudflare-502"))
        let badGateway = try #require(ScenarioCatalog.response(for: badGatewayName, context: .example))
        #expect(
            badGateway.body == #"{"error":{"code":502,"message":"Bad gateway.","param":null,"type":"cf_bad_gateway"}}"#)
        #expect(badGateway.body.utf8.count == 84)
        #expect(badGateway.headers["Server"] == "cloudflare")
        #expect(!badGateway.headers.contains("x-request-id"))
        let azure = try #require(
            ScenarioCatalog.response(for: ScenarioName(cause: .azureNetworkRules), context: .example))
        #expect(azure.body.utf8.count == 90)
        #expect(azure.headers["policy-id"] == "ThrowExceptionDueToTrafficDenied")
        #expect(azure.headers.contains("apim-request-id"))
    }

    @Test func edgeAndProxyAnswersAreRealPages() throws {
        let edge = try #require(ScenarioCatalog.response(for: ScenarioName(cause: .edgeBlocked), context: .example))
        #expect(edge.body.contains("<title>Attention Required! | Cloudflare</title>"))
        #expect(edge.body.contains("Sorry, you have been blocked"))
        #expect(edge.headers["Server"] == "cloudflare" && edge.headers["CF-RAY"] != nil)
        let squid = try #require(ScenarioCatalog.response(for: ScenarioName(cause: .proxyBlocked), context: .example))
        #expect(squid.headers["X-Squid-Error"] == "ERR_ACCESS_DENIED 0")
        #expect(squid.headers["Via"] == "1.1 proxy (squid/5.2)")
        #expect(squid.body.contains("<title>ERROR: The requested URL could not be retrieved</title>"))
        let auth = try #require(
            ScenarioCatalog.response(for: ScenarioName(cause: .proxyAuthRequired), context: .example))
        #expect(auth.headers["Proxy-Authenticate"] == "Basic realm=\"Squid proxy-caching web server\"")
        let downName = try #require(ScenarioName("server.error@cloudflare-521"))
        let down = try #require(ScenarioCatalog.response(for: downName, context: .example))
        #expect(down.status == 521 && down.body.contains("521: Web server is down"))
    }

    @Test func rateLimitAnswersCarryGoDurationResetsAndWaits() throws {
        let answer = try #require(
            ScenarioCatalog.response(for: ScenarioName(cause: .rateLimitExceeded), context: .example))
        #expect(answer.headers["x-ratelimit-reset-tokens"] == "644ms")
        #expect(answer.headers["x-ratelimit-remaining-tokens"] == "0")
        #expect(answer.headers["retry-after"] == "1")
        #expect(answer.headers["retry-after-ms"] == "644")
        let responsesName = try #require(ScenarioName("rate_limit.exceeded@responses-2025"))
        let responses = try #require(ScenarioCatalog.response(for: responsesName, context: .example))
        #expect(
            !responses.headers.contains("retry-after") && !responses.headers.containsName(withPrefix: "x-ratelimit"))
    }

    @Test(arguments: [
        (Duration.zero, "0s"), (.milliseconds(120), "120ms"), (.milliseconds(8640), "8.64s"), (.seconds(90), "1m30s"),
        (.seconds(24 * 3600 + 6 * 60 + 34), "24h6m34s"), (.seconds(360), "6m0s"),
    ])
    func goDurations(_ duration: Duration, _ text: String) {
        #expect(GoDuration.format(duration) == text)
    }

    @Test func theKeyEchoShowsThePrefixAndTailButNeverTheKey() {
        let key = TestKey.project()
        let echo = KeyEcho.masked(key)
        #expect(echo == "sk-proj-***..." + key.suffix(4))
        #expect(!echo.contains(key.dropFirst(8).dropLast(4)))
        #expect(KeyEcho.masked("sk-short") == "sk-***")
        #expect(!KeyEcho.masked("abc").contains("abc"))
    }

    @Test func erasChangeTheWording() throws {
        let today = try #require(ScenarioCatalog.response(for: ScenarioName(cause: .keyMissing), context: .example))
        let oldName = try #require(ScenarioName("key.missing@2022"))
        let old = try #require(ScenarioCatalog.response(for: oldName, context: .example))
        #expect(today.body.contains("https://platform.openai.com/account/api-keys"))
        #expect(old.body.contains("https://beta.openai.com."))
        let overloaded2023Name = try #require(ScenarioName("server.overloaded@2023"))
        let overloaded2023 = try #require(ScenarioCatalog.response(for: overloaded2023Name, context: .example))
        #expect(overloaded2023.status == 429)
        #expect(
            overloaded2023.body.contains(
                "(Please include the request ID \(ScenarioContext.example.legacyRequestID) in your message.)"))
    }

    @Test func plansParseAndStepThroughSequences() throws {
        let plan = try #require(ScenarioPlan("rate_limit.exceeded*2, ok"))
        #expect(plan.step(at: 0).description == "rate_limit.exceeded*2")
        #expect(plan.step(at: 1).action == .answer(ScenarioName(cause: .rateLimitExceeded)))
        #expect(plan.step(at: 2).action == .answer(.ok))
        #expect(plan.step(at: 99).action == .answer(.ok))
        #expect(ScenarioPlan("fault:reset*1,ok")?.steps.first?.action == .fault(.reset))
        for bad in ["", "nope", "ok@2023", "network.dns", "rate_limit.exceeded*0,ok", "fault:nope", "key.missing@1999"]
        {
            #expect(ScenarioPlan(bad) == nil, "\(bad)")
        }
    }
}
