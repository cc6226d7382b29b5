import DoctorCore
import DoctorTestSupport
import NIOCore
import NIOHTTP1
import Testing

@testable import DoctorMock

/// The request as the mock reads it from plain values, against the reading of NIO's head it
/// replaced: the same path, query, credential and keep-alive for every head.
@Suite struct MockRequestTests {
    static let headerSets: [[(String, String)]] = [
        [],
        [("Connection", "close")],
        [("connection", "Keep-Alive")],
        [("Connection", "keep-alive, Upgrade"), ("Upgrade", "websocket")],
        [("Connection", "keep-alive"), ("connection", "close")],
        [("Connection", "keep-alive"), ("Connection", "keep-alive")],
        [("Connection", " CLOSE\t")],
        [("Connection", "closed")],
        [("Authorization", "Bearer abc")],
        [("authorization", "bearer\tabc ")],
        [("Authorization", "Bearer")],
        [("Authorization", "Bearer   ")],
        [("Authorization", "Bearerabc")],
        [("Authorization", "Basic dXNlcjpwYXNzd29yZA==")],
        [("Authorization", "Basic dXNlcjo=")],
        [("Authorization", "Basic !!!")],
        [("Authorization", "Token abc"), ("api-key", "azure")],
        [("API-Key", "azure")],
        [("api-key", "")],
        [("AUTHORIZATION", "Bearer first"), ("authorization", "Bearer second")],
    ]

    @Test(arguments: ["/v1/models", "/v1/models?", "/__mock/journal?test_id=a+b&limit=2", "/a?b?c", "", "?q"])
    func thePlainReadingIsNIOsReading(uri: String) {
        for headers in Self.headerSets {
            let head = HTTPRequestHead(
                version: .http1_1, method: .POST, uri: uri, headers: HTTPHeaders(headers))
            let viaNIO = MockRequest(
                head: head, body: ByteBuffer(string: "{}"), bodyTooLarge: false, receivedAt: 7)
            let plain = MockRequest(method: "POST", uri: uri, headers: headers, body: Array("{}".utf8), receivedAt: 7)
            #expect(plain.path == viaNIO.path && plain.query == viaNIO.query, "\(uri)")
            #expect(plain.keepAlive == head.isKeepAlive, "\(headers)")
            #expect(viaNIO.keepAlive == head.isKeepAlive, "\(headers)")
            #expect(plain.credential == viaNIO.credential, "\(headers)")
            #expect(plain.headers == viaNIO.headers)
            #expect(plain.body == Array("{}".utf8) && viaNIO.body == plain.body)
            for name in ["connection", "AUTHORIZATION", "Api-Key", "upgrade", "host"] {
                #expect(plain.headers[name] == head.headers.first(name: name), "\(name) in \(headers)")
            }
            #expect(
                MockRequest.tokens(plain.headers, "connection")
                    == head.headers[canonicalForm: "connection"].map(String.init))
        }
    }

    @Test func theVersionDecidesKeepAliveThroughNIO() {
        let old = HTTPRequestHead(version: .http1_0, method: .GET, uri: "/v1/models", headers: [:])
        #expect(!MockRequest(head: old, body: nil, bodyTooLarge: false, receivedAt: 0).keepAlive)
        let asked = HTTPRequestHead(
            version: .http1_0, method: .GET, uri: "/v1/models", headers: ["Connection": "keep-alive"])
        #expect(MockRequest(head: asked, body: nil, bodyTooLarge: false, receivedAt: 0).keepAlive)
    }

    @Test func credentialsAndQueryValues() {
        let key = TestKey.project()
        func credential(_ headers: [(String, String)]) -> MockRequest.Credential {
            MockRequest(method: "GET", uri: "/", headers: headers, body: nil, receivedAt: 0).credential
        }
        #expect(credential([("Authorization", "Bearer \(key)")]) == .key(key))
        #expect(credential([("Authorization", "Bearer")]) == .emptyBearer)
        #expect(credential([("Authorization", "Token \(key)")]) == .unsupportedScheme)
        #expect(credential([("api-key", key)]) == .key(key))
        #expect(credential([]) == MockRequest.Credential.none)
        let request = MockRequest(
            method: "GET", uri: "/__mock/journal?test_id=a+b%2Fc&limit=&flag", headers: [], body: nil, receivedAt: 0)
        #expect(request.queryValue("test_id") == "a b/c")
        #expect(request.queryValue("limit") == "")
        #expect(request.queryValue("flag") == "")
        #expect(request.queryValue("absent") == nil)
    }
}
