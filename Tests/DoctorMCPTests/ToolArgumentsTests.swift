import DoctorCore
import DoctorProbes
import Foundation
import MCP
import Testing

@testable import DoctorMCP

/// The tools' arguments read from plain values (what the fuzz target `mcp-arguments` runs), and
/// the one conversion from the SDK's `Value`.
@Suite struct ToolArgumentsTests {
    /// The error reading arguments gives; `nil` when they read.
    static func refusal<T>(_ read: () throws -> T) -> ToolCallError? {
        do {
            _ = try read()
            return nil
        } catch {
            return error as? ToolCallError ?? ToolCallError("not a ToolCallError: \(error)")
        }
    }

    @Test func theSDKsValuesConvertCaseForCase() {
        let value: Value = .object([
            "a": .array([.null, .bool(true), .int(-3), .double(0.5), .string("x")]),
            "b": .data(mimeType: "text/plain", Data([0x41])),
        ])
        #expect(
            ToolArgumentValue(value)
                == .object([
                    "a": .array([.null, .bool(true), .int(-3), .double(0.5), .string("x")]),
                    "b": .string("data:text/plain;base64,QQ=="),
                ]))
        #expect(ToolArgumentValue.arguments(nil) == nil)
        #expect(ToolArgumentValue.arguments(["text": .string("t")]) == ["text": .string("t")])
    }

    @Test func anIntegerIsAWholeNumberWithinBounds() throws {
        #expect(try ExplainArguments(["text": .string("t"), "status": .double(403)]).status == 403)
        #expect(try ExplainArguments(["text": .string("t"), "status": .null]).status == nil)
        for bad: ToolArgumentValue in [
            .double(403.5), .double(.nan), .double(.infinity), .double(1e15), .int(.min), .int(.max), .string("403"),
        ] {
            #expect(Self.refusal { try ExplainArguments(["text": .string("t"), "status": bad]) }?.argument == "status")
        }
    }

    @Test func explainHeadersComeAsLinesOrAnObjectByName() throws {
        let lines = try ExplainArguments(
            ["text": .string("t"), "headers": .array([.string("cf-ray: 1-SJC"), .string("Server:cloudflare")])])
        #expect(lines.headers == ["cf-ray": "1-SJC", "Server": "cloudflare"])
        let object = try ExplainArguments(
            ["text": .string("t"), "headers": .object(["server": .string("envoy"), "cf-ray": .string("2")])])
        #expect(object.headers == ["cf-ray": "2", "server": "envoy"])
        let one = try ExplainArguments(["text": .string("t"), "headers": .string("x-request-id: req_1")])
        #expect(one.headers == ["x-request-id": "req_1"])
        for bad: ToolArgumentValue in [
            .array([.string("no colon")]), .object(["": .string("x")]), .object(["a b": .string("x")]),
            .object(["x": .int(1)]), .int(1), .array([.null]),
        ] {
            #expect(
                Self.refusal { try ExplainArguments(["text": .string("t"), "headers": bad]) }?.argument == "headers")
        }
    }

    @Test func checkArgumentsKeepTheirKindAndBecomeFlags() throws {
        let read = try CheckArguments([
            "base_url": .string("http://127.0.0.1:9/v1"), "timeout": .int(20), "resolve": .string("h:443:127.0.0.1"),
            "runtime": .array([.string("python"), .string("node")]), "no_proxy": .bool(true),
            "no_dotenv": .bool(false), "model": .null,
        ])
        #expect(read.baseURL == "http://127.0.0.1:9/v1")
        #expect(read.values[.timeout] == ["20.0"])
        #expect(read.resolve == ["h:443:127.0.0.1"])
        #expect(read.runtime == ["python", "node"])
        #expect(read.values[.noDotenv] == nil && read.values[.model] == nil)
        #expect(
            read.commandLine == [
                "--base-url=http://127.0.0.1:9/v1", "--no-proxy", "--resolve=h:443:127.0.0.1", "--timeout=20.0",
                "--runtime=python", "--runtime=node",
            ])
        let refusal = Self.refusal { try CheckArguments(["runtime": .array([.string("python"), .int(3)])]) }
        #expect(refusal?.description == "argument `runtime`: must be a list of strings; it holds a number.")
    }

    @Test func theOtherToolsArguments() throws {
        #expect(try DescribeCauseArguments(["cause": .string(" Region.Unsupported\n")]).cause == .regionUnsupported)
        #expect(
            try RedactArguments(["text": .string("t")]) == RedactArguments(["text": .string("t"), "emails": .null]))
        #expect(try AuditArguments(["path": .string("a"), "no_ignore": .bool(true)]).noIgnore)
        #expect(Self.refusal { try AuditArguments(["path": .string("")]) }?.argument == "path")
        // A text that reads as a data: URL is still text (the SDK decodes such strings into bytes).
        #expect(try RedactArguments(["text": .string("data:,A")]).text == "data:,A")
    }
}
