import DoctorTestSupport
import Foundation
import Testing

/// `openai-doctor explain`, run as a person runs it: the contract of docs/product.md.
@Suite("explain command")
struct ExplainCommandTests {
    static let regionBody =
        #"{"error":{"code":"unsupported_country_region_territory","message":"Country, region, or territory not supported","param":null,"type":"request_forbidden"}}"#

    @Test("JSON output is {schema_version: 1, diagnosis: {…}} with the contract's keys")
    func json() async throws {
        let result = try await ToolProcess.run(
            ["explain", "--format", "json", "--status", "403"], stdin: Self.regionBody)
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["schema_version"] as? Int == 1)
        let diagnosis = try #require(object["diagnosis"] as? [String: Any])
        #expect(diagnosis["cause"] as? String == "region.unsupported")
        #expect(diagnosis["layer"] as? String == "openai")
        #expect(diagnosis["retry"] as? String == "no")
        #expect(diagnosis["confidence"] as? String == "high")
        #expect((diagnosis["fixes"] as? [String])?.isEmpty == false)
        let evidence = try #require(diagnosis["evidence"] as? [String: Any])
        #expect(evidence["status"] as? Int == 403)
        #expect(evidence["error_code"] as? String == "unsupported_country_region_territory")
        #expect(evidence["error_type"] as? String == "request_forbidden")
        #expect(evidence["request_id"] is NSNull, "absent fields are null")
        #expect(evidence["cf_ray"] is NSNull)
    }

    @Test("text output has the title, numbered fixes and the evidence, and exits 0")
    func text() async throws {
        let result = try await ToolProcess.run(["explain", "-"], stdin: "getaddrinfo ENOTFOUND api.openai.com")
        #expect(result.status == 0)
        #expect(result.stdout.contains("The API host name does not resolve"))
        #expect(result.stdout.contains("network.dns"))
        #expect(result.stdout.contains("1. "))
        #expect(result.stdout.contains("Evidence"))
        #expect(result.stdout.contains("api.openai.com"))
        #expect(!result.stdout.contains("\u{1B}["), "NO_COLOR means no escape codes")
    }

    @Test("markdown output is a support-ticket section")
    func markdown() async throws {
        let result = try await ToolProcess.run(
            ["explain", "--format", "markdown", "--status", "403"], stdin: Self.regionBody)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("## "))
        #expect(result.stdout.contains("### What to do"))
        #expect(result.stdout.contains("| field | value |"))
    }

    @Test("--header adds evidence the body lacks")
    func headerFlag() async throws {
        let result = try await ToolProcess.run(
            [
                "explain", "--format", "json", "--status", "403", "--header", "server: cloudflare", "--header",
                "cf-ray: 7c432f92bffa2596-FRA",
            ],
            stdin: "error code: 1020")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let diagnosis = try #require(object["diagnosis"] as? [String: Any])
        #expect(diagnosis["cause"] as? String == "edge.blocked")
        #expect((diagnosis["evidence"] as? [String: Any])?["cf_ray"] as? String == "7c432f92bffa2596-FRA")
    }

    @Test("an unreadable file exits 66 with one line on stderr")
    func unreadable() async throws {
        let result = try await ToolProcess.run(["explain", "/nonexistent/openai-doctor-test.log"])
        #expect(result.status == 66)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(result.stderr.contains("/nonexistent/openai-doctor-test.log"))
    }

    @Test("a directory is unreadable input too")
    func directory() async throws {
        let result = try await ToolProcess.run(["explain", NSTemporaryDirectory()])
        #expect(result.status == 66)
    }

    @Test(
        "bad flags are usage errors (64)",
        arguments: [
            ["explain", "--format", "yaml"], ["explain", "--status", "99"], ["explain", "--header", "no colon here"],
        ])
    func usage(_ arguments: [String]) async throws {
        let result = try await ToolProcess.run(arguments, stdin: "")
        #expect(result.status == 64)
    }

    @Test("a HAR with several failures gives diagnoses with their entry indices")
    func har() async throws {
        let har = """
            {"log": {"version": "1.2", "creator": {"name": "test", "version": "1"}, "entries": [
              {"request": {"method": "GET", "url": "https://api.openai.com/v1/models", "headers": []},
               "response": {"status": 200, "headers": [], "content": {"text": "{}"}}},
              {"request": {"method": "POST", "url": "https://api.openai.com/v1/chat/completions", "headers": []},
               "response": {"status": 429, "headers": [{"name": "x-request-id", "value": "req_1"}],
                 "content": {"mimeType": "application/json", "text": "{\\"error\\":{\\"message\\":\\"You exceeded your current quota, please check your plan and billing details.\\",\\"type\\":\\"insufficient_quota\\",\\"param\\":null,\\"code\\":\\"insufficient_quota\\"}}"}}},
              {"request": {"method": "POST", "url": "https://api.openai.com/v1/chat/completions?api_key=x", "headers": []},
               "response": {"status": 0, "headers": [], "content": {"text": ""}, "_error": "net::ERR_NAME_NOT_RESOLVED"}}
            ]}}
            """
        let result = try await ToolProcess.run(["explain", "--format", "json"], stdin: har)
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let diagnoses = try #require(object["diagnoses"] as? [[String: Any]])
        #expect(diagnoses.map { $0["cause"] as? String } == ["billing.quota_exceeded", "network.dns"])
        #expect(diagnoses.map { $0["entry"] as? Int } == [1, 2])
        #expect(!result.stdout.contains("api_key=x"), "query strings are dropped from the request shown")
    }

    @Test("a planted key never appears in any format")
    func noKeyLeak() async throws {
        let key = TestKey.project()
        let input = """
            > POST /v1/chat/completions HTTP/1.1
            > Authorization: Bearer \(key)
            < HTTP/1.1 401 Unauthorized
            < x-request-id: req_abc
            <
            {"error":{"message":"Incorrect API key provided: \(key). You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}
            """
        for format in ["text", "json", "markdown"] {
            let result = try await ToolProcess.run(["explain", "--format", format], stdin: input)
            #expect(result.status == 0)
            #expect(!result.stdout.contains(key), "\(format) leaked the key")
            #expect(!result.stdout.contains(String(key.dropFirst(20).prefix(24))), "\(format) leaked part of the key")
            #expect(result.stdout.contains("…" + String(key.suffix(4))), "\(format) shows the fingerprint")
        }
    }
}
