import DoctorCore
import DoctorMock
import DoctorTestSupport
import Foundation
import Testing

/// The server over real sockets, with curl as the client.
@Suite struct MockServerTests {
    @Test func startsOnAPortOfItsOwnAndServesTheModelList() async throws {
        try await withMockServer { server in
            #expect(server.port > 0)
            #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
            let result = try await Curl.request(server.baseURL, "/v1/models", headers: ["Authorization: Bearer \(TestKey.project())"])
            #expect(result.status == 200)
            let object = try JSONSerialization.jsonObject(with: Data(result.body.utf8)) as? [String: Any]
            #expect(object?["object"] as? String == "list")
            #expect((object?["data"] as? [[String: Any]])?.contains { $0["id"] as? String == "gpt-4o" } == true)
            #expect(result.header("openai-version") == "2020-10-01")
            #expect(result.header("x-request-id")?.hasPrefix("req_") == true)
            #expect(result.header("x-request-id")?.count == 36)
        }
    }

    @Test func theOkScenarioChecksCredentialsLikeTheAPI() async throws {
        var configuration = MockConfiguration()
        let key = TestKey.project()
        configuration.acceptedKeys = [key]
        configuration.organization = "org-configured000000000000"
        configuration.project = "proj_configured0000000000000"
        try await withMockServer(configuration) { server in
            let missing = try await Curl.request(server.baseURL, "/v1/models")
            #expect(missing.status == 401)
            // The unauthenticated 401 carries a UUID request id, as captured in 2026.
            let uuid = try #require(missing.header("x-request-id"))
            #expect(uuid.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil)
            #expect(missing.body.contains("\"message\": \"\(Messages.noKey)\""))
            let basicScheme = try await Curl.request(server.baseURL, "/v1/models", headers: ["Authorization: Token abc"])
            #expect(basicScheme.body.contains(Messages.missingBearer))

            let wrong = TestKey.project()
            let invalid = try await Curl.request(server.baseURL, "/v1/models", headers: ["Authorization: Bearer \(wrong)"])
            #expect(invalid.status == 401)
            #expect(invalid.body.contains("Incorrect API key provided: sk-proj-***...\(wrong.suffix(4)). You can find"))
            #expect(invalid.body.contains("\"code\": \"invalid_api_key\""))
            #expect(!invalid.body.contains(wrong))

            let org = try await Curl.request(server.baseURL, "/v1/models", headers: [
                "Authorization: Bearer \(key)", "OpenAI-Organization: org-other00000000000000000",
            ])
            #expect(org.status == 401 && org.body.contains("\"code\": \"mismatched_organization\""))
            let project = try await Curl.request(server.baseURL, "/v1/models", headers: [
                "Authorization: Bearer \(key)", "OpenAI-Project: proj_other",
            ])
            #expect(project.status == 401 && project.body.contains("\"code\": \"mismatched_project\""))
            let good = try await Curl.request(server.baseURL, "/v1/models", headers: [
                "Authorization: Bearer \(key)", "OpenAI-Organization: org-configured000000000000",
            ])
            #expect(good.status == 200)
            #expect(good.header("openai-organization") == "org-configured000000000000")
        }
    }

    @Test func everyScenarioIsServedByteForByte() async throws {
        try await withMockServer { server in
            for name in ScenarioCatalog.allNames where name != "ok" {
                // A scope variant refuses only the route that needs its scope.
                let path = name.hasSuffix("@responses-write") ? "/v1/responses" : "/v1/chat/completions"
                let result = try await Curl.request(
                    server.baseURL, path, method: "POST",
                    headers: ["Authorization: Bearer \(TestKey.project())", "X-Mock-Scenario: \(name)"],
                    json: #"{"model":"gpt-4o","messages":[]}"#)
                let scenario = try #require(ScenarioName(name))
                var context = ScenarioContext.example
                context.project = nil  // no project configured and none sent
                let expected = try #require(ScenarioCatalog.response(for: scenario, context: context))
                #expect(result.status == expected.status, "\(name)")
                #expect(result.headerLines.map { $0.split(separator: ":")[0].lowercased() }
                    == expected.headers.fields.map { $0.name.lowercased() }, "\(name)")
                // Ids and dates differ per request; the rest of the body is the catalogue's.
                if !expected.body.contains(ScenarioContext.example.requestID),
                    !expected.body.contains(ScenarioContext.example.legacyRequestID),
                    !name.hasPrefix("key.invalid")
                {
                    #expect(result.body == expected.body, "\(name)")
                }
                #expect(Int(result.header("content-length") ?? "") == result.body.utf8.count, "\(name)")
            }
        }
    }

    @Test func adminSwitchesTheScenarioAndRejectsBadRequestsWithJSON() async throws {
        try await withMockServer { server in
            let switched = try await Curl.request(
                server.baseURL, "/__mock/scenario", method: "POST", json: #"{"scenario":"billing.quota_exceeded"}"#)
            #expect(switched.status == 200)
            let quota = try await Curl.request(server.baseURL, "/v1/models", headers: ["Authorization: Bearer \(TestKey.project())"])
            #expect(quota.status == 429 && quota.body.contains("\"type\": \"insufficient_quota\""))

            for (body, fragment) in [
                (#"{"scenario":"no.such"}"#, "unknown scenario no.such"),
                ("not json", "not a JSON object"),
                (#"{"test_id":"x"}"#, "is required"),
            ] {
                let bad = try await Curl.request(server.baseURL, "/__mock/scenario", method: "POST", json: body)
                #expect(bad.status == 400, "\(body)")
                let object = try JSONSerialization.jsonObject(with: Data(bad.body.utf8)) as? [String: [String: String]]
                #expect(object?["error"]?["type"] == "mock_admin_error")
                #expect(bad.body.contains(fragment), "\(body)")
            }
            let badHeader = try await Curl.request(server.baseURL, "/v1/models", headers: ["X-Mock-Scenario: nope"])
            #expect(badHeader.status == 400 && badHeader.body.contains("unknown scenario in X-Mock-Scenario: nope"))
            let unknownPath = try await Curl.request(server.baseURL, "/__mock/nothing")
            #expect(unknownPath.status == 404)
            let badFault = try await Curl.request(server.baseURL, "/__mock/faults", method: "POST", json: #"{"faults":["explode"]}"#)
            #expect(badFault.status == 400)

            let reset = try await Curl.request(server.baseURL, "/__mock/reset", method: "POST")
            #expect(reset.status == 200)
            let ok = try await Curl.request(server.baseURL, "/v1/models", headers: ["Authorization: Bearer \(TestKey.project())"])
            #expect(ok.status == 200)
        }
    }

    @Test func aSwitchReachesConnectionsThatAreAlreadyOpen() async throws {
        try await withMockServer { server in
            let models = server.baseURL + "/v1/models"
            let auth = "Authorization: Bearer \(TestKey.project())"
            // One curl, one keep-alive connection: answer, switch, answer again.
            let result = try await Curl.run([
                "-o", "/dev/null", "-w", "%{http_code} %{num_connects}\n", "-H", auth, models, "--next",
                "-o", "/dev/null", "-w", "%{http_code} %{num_connects}\n", "-H", "Content-Type: application/json",
                "--data-binary", #"{"scenario":"server.error"}"#, server.baseURL + "/__mock/scenario", "--next",
                "-o", "/dev/null", "-w", "%{http_code} %{num_connects}\n", "-H", auth, models,
            ])
            #expect(result.output == "200 1\n200 0\n500 0\n")
        }
    }

    @Test func sequencesAdvancePerTestIdAndParallelTestsDoNotMix() async throws {
        try await withMockServer { server in
            server.setScenario(ScenarioPlan("rate_limit.exceeded*2,ok")!, testID: "a")
            server.setScenario(ScenarioPlan("ok*1,server.overloaded")!, testID: "b")
            let key = TestKey.project()
            func call(_ test: String) async throws -> Int? {
                try await Curl.request(server.baseURL, "/v1/models", headers: ["Authorization: Bearer \(key)", "X-Mock-Test-Id: \(test)"]).status
            }
            #expect(try await call("a") == 429)
            #expect(try await call("b") == 200)
            #expect(try await call("a") == 429)
            #expect(try await call("b") == 503)
            #expect(try await call("a") == 200)
            #expect(try await call("b") == 503)
            #expect(try await call("other") == 200)
            // The header form needs no admin call at all.
            let viaHeader = try await Curl.request(server.baseURL, "/v1/models", headers: [
                "Authorization: Bearer \(key)", "X-Mock-Test-Id: c", "X-Mock-Scenario: fault:close*1,ok",
            ])
            #expect(viaHeader.exitCode == 52)
            let second = try await Curl.request(server.baseURL, "/v1/models", headers: [
                "Authorization: Bearer \(key)", "X-Mock-Test-Id: c", "X-Mock-Scenario: fault:close*1,ok",
            ])
            #expect(second.status == 200)
        }
    }

    @Test func theJournalKeepsFingerprintsAndTheVerdictJudgesTheClient() async throws {
        var configuration = MockConfiguration()
        configuration.journalCapacity = 3
        try await withMockServer(configuration) { server in
            let key = TestKey.project()
            for _ in 0..<2 {
                _ = try await Curl.request(server.baseURL, "/v1/models", headers: [
                    "Authorization: Bearer \(key)", "X-Mock-Test-Id: q", "X-Mock-Scenario: billing.quota_exceeded",
                    "User-Agent: retrying-client/1.0",
                ])
            }
            let journal = try await Curl.request(server.baseURL, "/__mock/journal?test_id=q")
            #expect(journal.status == 200)
            #expect(!journal.body.contains(key))
            #expect(journal.body.contains(KeyFingerprint.fingerprint(key)))
            #expect(journal.body.contains("\"stopped_on_non_retryable\":{\"detail\""))
            let entries = server.journal.entries(testID: "q")
            #expect(entries.count == 2)
            #expect(entries.allSatisfy { $0.cause == .billingQuotaExceeded && $0.userAgent == "retrying-client/1.0" })
            #expect(server.verdict(testID: "q").stoppedOnNonRetryable.outcome == .fail)
            for _ in 0..<5 { _ = try await Curl.request(server.baseURL, "/v1/models") }
            #expect(server.journal.entries().count == 3)
        }
    }

    @Test func chatStreamsEndWithUsageAndDone() async throws {
        try await withMockServer { server in
            let result = try await Curl.request(
                server.baseURL, "/v1/chat/completions", method: "POST", headers: ["Authorization: Bearer \(TestKey.project())"],
                json: #"{"model":"gpt-4o","stream":true,"stream_options":{"include_usage":true},"messages":[]}"#)
            #expect(result.status == 200)
            #expect(result.header("content-type") == "text/event-stream; charset=utf-8")
            let events = result.body.components(separatedBy: "\n\n").filter { !$0.isEmpty }
            #expect(events.last == "data: [DONE]")
            let usage = try #require(events.dropLast().last)
            #expect(usage.contains("\"choices\":[]") && usage.contains("\"total_tokens\""))
            #expect(events.first?.contains("\"object\":\"chat.completion.chunk\"") == true)
        }
    }

    @Test func responsesStreamNamedEventsAndEmbeddingsComeInBothEncodings() async throws {
        try await withMockServer { server in
            let key = TestKey.project()
            let stream = try await Curl.request(
                server.baseURL, "/v1/responses", method: "POST", headers: ["Authorization: Bearer \(key)"],
                json: #"{"model":"gpt-4o","stream":true,"input":"hi"}"#)
            #expect(stream.body.hasPrefix("event: response.created\ndata: {\"type\":\"response.created\""))
            #expect(stream.body.contains("event: response.output_text.delta\n"))
            #expect(stream.body.hasSuffix("\n\n") && stream.body.contains("event: response.completed\n"))
            let plain = try await Curl.request(
                server.baseURL, "/v1/responses", method: "POST", headers: ["Authorization: Bearer \(key)"],
                json: #"{"model":"gpt-4o","input":"hi"}"#)
            #expect(plain.body.contains("\"object\": \"response\"") && plain.body.contains("\"output_text\""))

            let floats = try await Curl.request(
                server.baseURL, "/v1/embeddings", method: "POST", headers: ["Authorization: Bearer \(key)"],
                json: #"{"model":"text-embedding-3-small","input":["a","b"],"dimensions":8}"#)
            let object = try JSONSerialization.jsonObject(with: Data(floats.body.utf8)) as? [String: Any]
            let data = try #require(object?["data"] as? [[String: Any]])
            #expect(data.count == 2 && (data[0]["embedding"] as? [Double])?.count == 8)
            let base64 = try await Curl.request(
                server.baseURL, "/v1/embeddings", method: "POST", headers: ["Authorization: Bearer \(key)"],
                json: #"{"model":"text-embedding-3-small","input":"a","dimensions":8,"encoding_format":"base64"}"#)
            let encoded = try #require(((try JSONSerialization.jsonObject(with: Data(base64.body.utf8)) as? [String: Any])?["data"] as? [[String: Any]])?.first?["embedding"] as? String)
            #expect(Data(base64Encoded: encoded)?.count == 32)

            let unknownModel = try await Curl.request(
                server.baseURL, "/v1/chat/completions", method: "POST", headers: ["Authorization: Bearer \(key)"],
                json: #"{"model":"gpt-9","messages":[]}"#)
            #expect(unknownModel.status == 404 && unknownModel.body.contains("The model `gpt-9` does not exist"))
            let wrongPath = try await Curl.request(server.baseURL, "/chat/completions", method: "POST", headers: ["Authorization: Bearer \(key)"], json: "{}")
            #expect(wrongPath.status == 404 && wrongPath.body.contains("Invalid URL (POST /chat/completions)"))
        }
    }

    @Test func edgeEndpointsAnswerAndFollowTheScenario() async throws {
        var configuration = MockConfiguration()
        configuration.trace.loc = "RU"
        configuration.trace.warp = "on"
        try await withMockServer(configuration) { server in
            let trace = try await Curl.request(server.baseURL, "/cdn-cgi/trace", extra: ["-A", "probe/1"])
            #expect(trace.body.contains("\nloc=RU\n") && trace.body.contains("\nwarp=on\n") && trace.body.contains("\nuag=probe/1\n"))
            #expect(trace.body.contains("h=127.0.0.1:\(server.port)\n"))
            let cookie = try await Curl.request(server.baseURL, "/compliance/cookie_requirements")
            #expect(cookie.body == #"{"cookie_consent_required":true}"#)
            server.setScenario(ScenarioName(cause: .regionUnsupported))
            let blocked = try await Curl.request(server.baseURL, "/compliance/cookie_requirements")
            #expect(blocked.status == 403 && blocked.body.contains("unsupported_country"))

            #expect(try await Curl.request(server.baseURL, "/api/v2/status.json").body.contains("\"indicator\": \"none\""))
            server.setIncident(StatusIncident(name: "Elevated error rates", impact: "major", component: "Responses"))
            let status = try await Curl.request(server.baseURL, "/api/v2/status.json")
            #expect(status.body.contains("\"indicator\": \"major\""))
            let summary = try await Curl.request(server.baseURL, "/api/v2/summary.json")
            #expect(summary.body.contains("Elevated error rates"))
            let native = try await Curl.request(server.baseURL, "/proxy/status.openai.com")
            #expect(native.body.contains("\"ongoing_incidents\": [") && native.body.contains("Elevated error rates"))
        }
    }
}
