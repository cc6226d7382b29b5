import DoctorCore
import DoctorTestSupport
import Foundation
import Testing

@testable import DoctorMock

/// What each scenario and endpoint serves (status, headers in order, body), planned by the
/// core in process: no socket, no curl. The bytes on the wire are MockServerTests'.
@Suite struct ServedAnswerTests {
    static let chat = #"{"model":"gpt-4o","messages":[]}"#

    @Test func theOkScenarioChecksCredentialsLikeTheAPI() throws {
        var configuration = MockConfiguration()
        let key = TestKey.project()
        configuration.acceptedKeys = [key]
        configuration.organization = "org-configured000000000000"
        configuration.project = "proj_configured0000000000000"
        let mock = InProcessMock(configuration)
        let missing = mock.send("/v1/models")
        #expect(missing.status == 401)
        // The unauthenticated 401 carries a UUID request id, as captured in 2026.
        let uuid = try #require(missing.header("x-request-id"))
        #expect(uuid.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil)
        #expect(missing.body.contains("\"message\": \"\(Messages.noKey)\""))
        let otherScheme = mock.send("/v1/models", headers: [("Authorization", "Token abc")])
        #expect(otherScheme.body.contains(Messages.missingBearer))

        let wrong = TestKey.project()
        let invalid = mock.send("/v1/models", headers: [("Authorization", "Bearer \(wrong)")])
        #expect(invalid.status == 401)
        #expect(invalid.body.contains("Incorrect API key provided: sk-proj-***...\(wrong.suffix(4)). You can find"))
        #expect(invalid.body.contains("\"code\": \"invalid_api_key\""))
        #expect(!invalid.body.contains(wrong))

        let org = mock.send(
            "/v1/models",
            headers: [
                ("Authorization", "Bearer \(key)"), ("OpenAI-Organization", "org-other00000000000000000"),
            ])
        #expect(org.status == 401 && org.body.contains("\"code\": \"mismatched_organization\""))
        let project = mock.send(
            "/v1/models", headers: [("Authorization", "Bearer \(key)"), ("OpenAI-Project", "proj_other")])
        #expect(project.status == 401 && project.body.contains("\"code\": \"mismatched_project\""))
        let good = mock.send(
            "/v1/models",
            headers: [
                ("Authorization", "Bearer \(key)"), ("OpenAI-Organization", "org-configured000000000000"),
            ])
        #expect(good.status == 200)
        #expect(good.header("openai-organization") == "org-configured000000000000")
        #expect(good.header("openai-version") == "2020-10-01")
        #expect(good.header("x-request-id")?.hasPrefix("req_") == true)
        #expect(good.header("x-request-id")?.count == 36)
    }

    @Test func everyScenarioIsServedAsCatalogued() throws {
        let mock = InProcessMock()
        for name in ScenarioCatalog.allNames where name != "ok" {
            // A scope variant refuses only the route that needs its scope.
            let path = name.hasSuffix("@responses-write") ? "/v1/responses" : "/v1/chat/completions"
            let headers = [("Authorization", "Bearer \(TestKey.project())"), ("X-Mock-Scenario", name)]
            let answer = mock.post(path, headers: headers, json: Self.chat)
            let scenario = try #require(ScenarioName(name))
            var context = ScenarioContext.example
            context.project = nil  // no project configured and none sent
            let expected = try #require(ScenarioCatalog.response(for: scenario, context: context))
            #expect(answer.fault == nil, "\(name)")
            #expect(answer.status == expected.status, "\(name)")
            #expect(answer.planned.reply.reason == expected.reason, "\(name)")
            #expect(answer.headers.map { $0.name } == expected.headers.map { $0.name }, "\(name)")
            // Ids and dates differ per request; the rest of the body is the catalogue's.
            if !expected.body.contains(ScenarioContext.example.requestID),
                !expected.body.contains(ScenarioContext.example.legacyRequestID),
                !name.hasPrefix("key.invalid")
            {
                #expect(answer.body == expected.body, "\(name)")
            }
            #expect(Int(answer.header("content-length") ?? "") == answer.body.utf8.count, "\(name)")
            #expect(mock.journal.entries().last?.cause == scenario.cause, "\(name)")
        }
    }

    @Test func aBadScenarioHeaderOrAnOversizedBodyGetsA4xx() {
        let mock = InProcessMock()
        let badHeader = mock.send("/v1/models", headers: [("X-Mock-Scenario", "nope")])
        #expect(badHeader.status == 400 && badHeader.body.contains("unknown scenario in X-Mock-Scenario: nope"))
        let tooLarge = mock.send(
            "/v1/chat/completions", method: "POST", headers: [("Authorization", "Bearer \(TestKey.project())")],
            bodyTooLarge: true)
        #expect(tooLarge.status == 413 && tooLarge.body.contains("Request body too large"))
    }

    @Test func responsesStreamNamedEventsAndEmbeddingsComeInBothEncodings() throws {
        let mock = InProcessMock()
        let auth = [("Authorization", "Bearer \(TestKey.project())")]
        let stream = mock.post("/v1/responses", headers: auth, json: #"{"model":"gpt-4o","stream":true,"input":"hi"}"#)
        #expect(stream.header("content-type") == "text/event-stream; charset=utf-8")
        #expect(stream.header("transfer-encoding") == "chunked" && stream.header("content-length") == nil)
        #expect(stream.body.hasPrefix("event: response.created\ndata: {\"type\":\"response.created\""))
        #expect(stream.body.contains("event: response.output_text.delta\n"))
        #expect(stream.body.hasSuffix("\n\n") && stream.body.contains("event: response.completed\n"))
        let plain = mock.post("/v1/responses", headers: auth, json: #"{"model":"gpt-4o","input":"hi"}"#)
        #expect(plain.body.contains("\"object\": \"response\"") && plain.body.contains("\"output_text\""))

        let floats = mock.post(
            "/v1/embeddings", headers: auth,
            json: #"{"model":"text-embedding-3-small","input":["a","b"],"dimensions":8}"#)
        let object = try JSONSerialization.jsonObject(with: Data(floats.body.utf8)) as? [String: Any]
        let data = try #require(object?["data"] as? [[String: Any]])
        #expect(data.count == 2 && (data[0]["embedding"] as? [Double])?.count == 8)
        let base64 = mock.post(
            "/v1/embeddings", headers: auth,
            json: #"{"model":"text-embedding-3-small","input":"a","dimensions":8,"encoding_format":"base64"}"#)
        let base64Object = try JSONSerialization.jsonObject(with: Data(base64.body.utf8)) as? [String: Any]
        let encoded = try #require((base64Object?["data"] as? [[String: Any]])?.first?["embedding"] as? String)
        #expect(Data(base64Encoded: encoded)?.count == 32)

        let unknownModel = mock.post("/v1/chat/completions", headers: auth, json: #"{"model":"gpt-9","messages":[]}"#)
        #expect(unknownModel.status == 404 && unknownModel.body.contains("The model `gpt-9` does not exist"))
        let wrongPath = mock.post("/chat/completions", headers: auth, json: "{}")
        #expect(wrongPath.status == 404 && wrongPath.body.contains("Invalid URL (POST /chat/completions)"))
    }

    @Test func edgeEndpointsAnswerAndFollowTheScenario() {
        var configuration = MockConfiguration()
        configuration.trace.loc = "RU"
        configuration.trace.warp = "on"
        let mock = InProcessMock(configuration)
        let trace = mock.send("/cdn-cgi/trace", headers: [("Host", "127.0.0.1:8080"), ("User-Agent", "probe/1")])
        #expect(trace.body.contains("\nloc=RU\n") && trace.body.contains("\nwarp=on\n"))
        #expect(trace.body.contains("\nuag=probe/1\n"))
        #expect(trace.body.contains("h=127.0.0.1:8080\n"))
        let cookie = mock.send("/compliance/cookie_requirements")
        #expect(cookie.body == #"{"cookie_consent_required":true}"#)
        #expect(mock.post("/__mock/scenario", json: #"{"scenario":"region.unsupported"}"#).status == 200)
        let blocked = mock.send("/compliance/cookie_requirements")
        #expect(blocked.status == 403 && blocked.body.contains("unsupported_country"))

        #expect(mock.send("/api/v2/status.json").body.contains("\"indicator\": \"none\""))
        let incident = mock.post(
            "/__mock/incident", json: #"{"name":"Elevated error rates","impact":"major","component":"Responses"}"#)
        #expect(incident.status == 200)
        #expect(mock.send("/api/v2/status.json").body.contains("\"indicator\": \"major\""))
        #expect(mock.send("/api/v2/summary.json").body.contains("Elevated error rates"))
        let native = mock.send("/proxy/status.openai.com")
        #expect(native.body.contains("\"ongoing_incidents\": [") && native.body.contains("Elevated error rates"))
    }

    @Test func aRefusalScenarioAnswersTheRealtimeHandshakeAsPlainHTTP() {
        let mock = InProcessMock()
        let refused = mock.send(
            "/v1/realtime?model=gpt-realtime",
            headers: [
                ("Upgrade", "websocket"), ("Connection", "Upgrade"), ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
                ("Sec-WebSocket-Version", "13"), ("Authorization", "Bearer \(TestKey.project())"),
                ("X-Mock-Scenario", "key.invalid"),
            ])
        #expect(refused.status == 401)
        #expect(refused.body.contains("\"code\": \"invalid_api_key\""))
        #expect(refused.header("sec-websocket-accept") == nil)
        #expect(!refused.planned.keepAlive)  // the decoder stopped at the upgrade request
        #expect(mock.journal.entries().last?.cause == .keyInvalid)
    }

    @Test func withoutTheUpgradeHeaderTheRealtimeEndpointAnswers426() {
        let plain = InProcessMock().send(
            "/v1/realtime?model=gpt-realtime", headers: [("Authorization", "Bearer \(TestKey.project())")])
        #expect(plain.status == 426)
        #expect(plain.header("upgrade") == "websocket")
        #expect(plain.body.contains("Upgrade: websocket"))
    }

    @Test func theResidencyScenarioRefusesEveryHostButTheRegionalOne() throws {
        var configuration = MockConfiguration()
        configuration.plan = try #require(ScenarioPlan("endpoint.wrong@incorrect-hostname"))
        let mock = InProcessMock(configuration)
        let auth = ("Authorization", "Bearer \(TestKey.project())")
        let refused = mock.send("/v1/models", headers: [auth])
        #expect(refused.status == 401)
        #expect(refused.body.contains("\"code\": \"incorrect_hostname\""))
        #expect(refused.body.contains("us.api.openai.com"))
        #expect(mock.send("/v1/models", headers: [auth, ("Host", "us.api.openai.com:8443")]).status == 200)
    }

    @Test func theResponsesScopeScenarioRefusesOnlyPostResponses() throws {
        var configuration = MockConfiguration()
        configuration.plan = try #require(ScenarioPlan("key.insufficient_scopes@responses-write"))
        let mock = InProcessMock(configuration)
        let auth = [("Authorization", "Bearer \(TestKey.project())")]
        #expect(mock.post("/v1/chat/completions", headers: auth, json: "{}").status == 400)
        let responses = mock.post("/v1/responses", headers: auth, json: "{}")
        #expect(responses.status == 401)
        #expect(responses.body.contains("Missing scopes: api.responses.write"))
    }
}
