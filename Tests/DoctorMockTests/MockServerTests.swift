import DoctorCore
import DoctorMock
import DoctorTestSupport
import Foundation
import Testing

/// The server over real sockets, with curl as the client, where the socket is the point: the
/// port, the bytes written, keep-alive connections, chunked streams. What each request is
/// answered is planned by the core and tested in process (ServedAnswerTests, AdminAndSequenceTests).
@Suite struct MockServerTests {
    @Test func startsOnAPortOfItsOwnAndServesTheModelList() async throws {
        try await withMockServer { server in
            #expect(server.port > 0)
            #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
            let result = try await Curl.request(
                server.baseURL, "/v1/models", headers: ["Authorization: Bearer \(TestKey.project())"])
            #expect(result.status == 200)
            let object = try JSONSerialization.jsonObject(with: Data(result.body.utf8)) as? [String: Any]
            #expect(object?["object"] as? String == "list")
            #expect((object?["data"] as? [[String: Any]])?.contains { $0["id"] as? String == "gpt-4o" } == true)
            #expect(result.header("openai-version") == "2020-10-01")
            #expect(result.header("x-request-id")?.hasPrefix("req_") == true)
            #expect(result.header("x-request-id")?.count == 36)
        }
    }

    /// The wire carries the planned answer unchanged: headers in captured order and spelling, the
    /// body byte for byte, a true `content-length`. One JSON error, one HTML page, one 2023 shape;
    /// every scenario's answer is ServedAnswerTests', in process.
    @Test func answersAreWrittenByteForByte() async throws {
        try await withMockServer { server in
            for name in ["rate_limit.exceeded", "edge.blocked", "billing.quota_exceeded@2023", "proxy.blocked"] {
                let result = try await Curl.request(
                    server.baseURL, "/v1/chat/completions", method: "POST",
                    headers: ["Authorization: Bearer \(TestKey.project())", "X-Mock-Scenario: \(name)"],
                    json: #"{"model":"gpt-4o","messages":[]}"#)
                let scenario = try #require(ScenarioName(name))
                var context = ScenarioContext.example
                context.project = nil  // no project configured and none sent
                let expected = try #require(ScenarioCatalog.response(for: scenario, context: context))
                #expect(result.status == expected.status, "\(name)")
                #expect(
                    result.headerLines.map { $0.split(separator: ":")[0].lowercased() }
                        == expected.headers.fields.map { $0.name.lowercased() }, "\(name)")
                #expect(result.body == expected.body, "\(name)")
                #expect(Int(result.header("content-length") ?? "") == result.body.utf8.count, "\(name)")
            }
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

    @Test func chatStreamsEndWithUsageAndDone() async throws {
        try await withMockServer { server in
            let result = try await Curl.request(
                server.baseURL, "/v1/chat/completions", method: "POST",
                headers: ["Authorization: Bearer \(TestKey.project())"],
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
}
