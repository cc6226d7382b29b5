import DoctorCore
import DoctorMock
import DoctorTestSupport
import Foundation
import InMemoryLogging
import Logging
import Synchronization
import Testing

@testable import DoctorClientURLSession

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What the drop-in reported during one test: the callback's failures and the log lines.
final class Observed: Sendable {
    let failures = Mutex<[DiagnosedFailure]>([])
    let logs: InMemoryLogHandler

    init() {
        var handler = InMemoryLogHandler()
        handler.logLevel = .trace
        logs = handler
    }

    var diagnostics: SessionDiagnostics {
        let handler = logs
        return SessionDiagnostics(logger: Logger(label: "test.urlsession", factory: { _ in handler })) {
            [self] failure in
            failures.withLock { $0.append(failure) }
        }
    }

    var reported: [DiagnosedFailure] { failures.withLock { $0 } }

    /// Every log line (message and metadata) and every failure as JSON, as one text to search.
    var everythingShown: String {
        let lines = logs.entries.map { entry in
            "\(entry.level) \(entry.message) "
                + entry.metadata.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
        }
        return (lines + reported.map { JSONOutput.encode($0) }).joined(separator: "\n")
    }
}

/// The mock's journal once `count` entries are in: it journals a request when its answer has
/// been written, a moment after the client may already hold it.
private func journal(_ server: MockServer, testID: String? = nil, count: Int = 1) async -> [JournalEntry] {
    let deadline = ContinuousClock.now + .seconds(2)
    while server.journal.entries(testID: testID).count < count, ContinuousClock.now < deadline {
        try? await Task.sleep(for: .milliseconds(10))
    }
    return server.journal.entries(testID: testID)
}

/// A session the way an app makes one for its SDK, with the drop-in installed.
private func hookedSession(_ observed: Observed) -> URLSession {
    let configuration = URLSessionConfiguration.ephemeral
    DoctorURLProtocol.install(observed.diagnostics, in: configuration)
    return URLSession(configuration: configuration)
}

/// A chat completion request to the mock, as an SDK sends it.
private func chatRequest(_ base: String, testID: String, key: String) throws -> URLRequest {
    // Safe: the mock's base URL is always http://127.0.0.1:PORT
    // swift-format-ignore: NeverForceUnwrap
    var request = URLRequest(url: try #require(URL(string: base + "/v1/chat/completions")))
    request.httpMethod = "POST"
    request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
    request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    request.setValue(testID, forHTTPHeaderField: "X-Mock-Test-Id")
    request.httpBody = Data(#"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}"#.utf8)
    return request
}

/// Collects a data task's delegate callbacks (how streaming SDKs read).
private final class StreamingReader: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let pieces = Mutex<[Data]>([])
    let done = Mutex<CheckedContinuation<String?, Never>?>(nil)

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        pieces.withLock { $0.append(data) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let outcome = error.map { "\($0)" }
        done.withLock { continuation in
            continuation?.resume(returning: outcome)
            continuation = nil
        }
    }

    /// Reads `request` through a delegate session; the error's description, or `nil`.
    func read(_ request: URLRequest, configuration: URLSessionConfiguration) async -> String? {
        let session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        return await withCheckedContinuation { continuation in
            done.withLock { $0 = continuation }
            session.dataTask(with: request).resume()
        }
    }
}

/// The drop-in is process-wide, so these run one at a time.
@Suite("DoctorURLProtocol: the URLSession drop-in, against the mock", .serialized, .timeLimit(.minutes(1)))
struct DoctorURLProtocolTests {
    @Test(
        "insufficient_quota: one diagnosis with cause, status and request id; the SDK gets the bytes a plain session gets"
    )
    func quotaDiagnosedBytesUnchanged() async throws {
        try await withMockServer { server in
            let testID = "urlprotocol-quota-\(UUID().uuidString)"
            server.setScenario(try #require(ScenarioName("billing.quota_exceeded")), testID: testID)
            let key = TestKey.project()
            let observed = Observed()
            let (data, response) = try await hookedSession(observed).data(
                for: chatRequest(server.baseURL, testID: testID, key: key))
            let http = try #require(response as? HTTPURLResponse)
            let (plainData, plainResponse) = try await URLSession(configuration: .ephemeral)
                .data(for: chatRequest(server.baseURL, testID: testID, key: key))

            #expect(http.statusCode == 429)
            #expect(data == plainData, "the body through the drop-in differs from the plain session's")
            #expect(String(decoding: data, as: UTF8.self).contains("insufficient_quota"))
            #expect((plainResponse as? HTTPURLResponse)?.statusCode == 429)

            let failures = observed.reported
            try #require(failures.count == 1)
            let failure = failures[0]
            #expect(failure.cause == .billingQuotaExceeded)
            #expect(failure.status == 429)
            #expect(failure.requestID == http.value(forHTTPHeaderField: "x-request-id"))
            #expect(failure.requestID?.hasPrefix("req_") == true)
            #expect(failure.method == "POST")
            #expect(failure.diagnosis.evidence.request == "POST /v1/chat/completions")

            let line = try #require(observed.logs.entries.first)
            #expect(line.level == .warning)
            #expect(line.metadata["doctor.cause"] == "billing.quota_exceeded")
            #expect(line.metadata["doctor.request_id"] == .string(failure.requestID ?? "?"))
            #expect(line.metadata["doctor.status"] == "429")
        }
    }

    @Test("a successful chat completion: no callback, no log line, the answer as sent")
    func successReportsNothing() async throws {
        try await withMockServer { server in
            let testID = "urlprotocol-ok-\(UUID().uuidString)"
            server.setScenario(try #require(ScenarioName("ok")), testID: testID)
            let observed = Observed()
            let (data, response) = try await hookedSession(observed).data(
                for: chatRequest(server.baseURL, testID: testID, key: TestKey.project()))
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            #expect(object?["object"] as? String == "chat.completion")
            #expect(observed.reported.isEmpty)
            #expect(observed.logs.entries.isEmpty)
            // The request reached the mock with its body: the mock answered for the model sent.
            #expect(await journal(server, testID: testID).first?.path == "/v1/chat/completions")
        }
    }

    @Test(
        "a key planted in the request and the environment appears in no callback and no log line (401 with the key echoed)"
    )
    func plantedKeyNeverShown() async throws {
        try await withMockServer { server in
            let testID = "urlprotocol-key-\(UUID().uuidString)"
            server.setScenario(try #require(ScenarioName("key.invalid")), testID: testID)
            let key = TestKey.project()
            setenv("OPENAI_API_KEY", key, 1)
            defer { unsetenv("OPENAI_API_KEY") }
            let observed = Observed()
            var request = try chatRequest(server.baseURL, testID: testID, key: key)
            request.url = URL(string: server.baseURL + "/v1/chat/completions?api_key=\(key)")
            let (_, response) = try await hookedSession(observed).data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 401)

            let failure = try #require(observed.reported.first)
            #expect(failure.cause == .keyInvalid)
            #expect(failure.diagnosis.evidence.key == "sk-proj-…" + String(key.suffix(4)))
            let shown = observed.everythingShown
            #expect(!shown.isEmpty)
            #expect(!shown.contains(key))
            #expect(!shown.contains(String(key.dropFirst(8).prefix(24))))
            #expect(!shown.contains(String(key.suffix(30))))
        }
    }

    @Test("a relay that echoes the whole key in its body and headers: the diagnosis and log still hold none of it")
    func echoedKeyRedacted() throws {
        let key = TestKey.project()
        var request = URLRequest(
            url: try #require(URL(string: "https://relay.example/v1/chat/completions?api_key=\(key)")))
        request.httpMethod = "POST"
        let url = try #require(request.url)
        let response = try #require(
            HTTPURLResponse(
                url: url, statusCode: 401, httpVersion: "HTTP/1.1",
                headerFields: ["x-request-id": "req_echo", "x-debug-key": key]))
        let body =
            #"{"error":{"message":"Invalid token \#(key) for Authorization: Bearer \#(key)","type":"invalid_request_error","code":"invalid_api_key"}}"#
        let failure = DiagnosedFailure.answer(
            to: request, response: response, body: Array(body.utf8), elapsed: .milliseconds(3))
        let observed = Observed()
        observed.diagnostics.report(failure)
        let shown = observed.everythingShown
        #expect(failure.requestID == "req_echo")
        #expect(shown.contains("req_echo"))
        #expect(!shown.contains(key))
        #expect(!shown.contains(String(key.suffix(30))))
    }

    @Test("connection refused: the SDK gets the URLError unchanged, the callback gets network.connect")
    func transportErrorDiagnosed() async throws {
        let port = try MockServer.refusingPort()
        let observed = Observed()
        var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)/v1/models")))
        request.setValue("Bearer \(TestKey.project())", forHTTPHeaderField: "Authorization")
        let error = try await #require(throws: URLError.self) {
            _ = try await hookedSession(observed).data(for: request)
        }
        let plain = try await #require(throws: URLError.self) {
            _ = try await URLSession(configuration: .ephemeral).data(for: request)
        }
        #expect(error.code == plain.code)
        #expect(error.code == .cannotConnectToHost)
        let failure = try #require(observed.reported.first)
        #expect(observed.reported.count == 1)
        #expect(failure.cause == .networkConnect)
        #expect(failure.status == nil)
        #expect(failure.diagnosis.evidence.transportPhase == "connect")
        #expect(observed.logs.entries.first?.metadata["doctor.transport"] == "connect/refused")
    }

    @Test(
        "exact bytes: a 300 KiB binary body in many pieces, with data(for:) and with a completion handler, 200 and 500")
    func bytesExactlyAsSent() async throws {
        for status in [200, 500] {
            let body = randomBytes(300 << 10)
            let server = try RawHTTPServer(
                .init(
                    status: status,
                    headers: [("Content-Type", "application/octet-stream"), ("x-request-id", "req_raw\(status)")],
                    body: body, pieces: 40, pause: .milliseconds(2)))
            defer { server.stop() }
            let observed = Observed()
            let session = hookedSession(observed)
            let url = try #require(URL(string: server.baseURL + "/v1/files/file-abc/content"))

            let (data, response) = try await session.data(for: URLRequest(url: url))
            #expect((response as? HTTPURLResponse)?.statusCode == status)
            // Compared to a Bool first: a failed == on 300 KiB would make the test library diff them for ever.
            let sameViaAsync = data == Data(body)
            #expect(sameViaAsync, "data(for:) got \(data.count) bytes of \(body.count), or other bytes")

            let viaHandler: Data? = await withCheckedContinuation { continuation in
                session.dataTask(with: URLRequest(url: url)) { data, _, _ in continuation.resume(returning: data) }
                    .resume()
            }
            let sameViaHandler = viaHandler == Data(body)
            #expect(sameViaHandler, "the completion handler got \(viaHandler?.count ?? -1) bytes of \(body.count)")

            if status == 500 {
                #expect(observed.reported.count == 2)
                #expect(observed.reported.allSatisfy { $0.cause == .serverError && $0.requestID == "req_raw500" })
            } else {
                #expect(observed.reported.isEmpty)
            }
        }
    }

    @Test("an event stream reaches a streaming delegate in pieces as it arrives, byte for byte")
    func eventStreamPassesThroughAsItArrives() async throws {
        let events =
            (0..<20).map { "data: {\"i\":\($0),\"pad\":\"\(String(repeating: "x", count: 200))\"}\n\n" }.joined()
            + "data: [DONE]\n\n"
        let server = try RawHTTPServer(
            .init(
                status: 200, headers: [("Content-Type", "text/event-stream")], body: Array(events.utf8),
                pieces: 10, pause: .milliseconds(40), sendsLength: false))
        defer { server.stop() }
        let observed = Observed()
        let configuration = URLSessionConfiguration.ephemeral
        DoctorURLProtocol.install(observed.diagnostics, in: configuration)
        let reader = StreamingReader()
        let error = await reader.read(
            URLRequest(url: try #require(URL(string: server.baseURL + "/v1/chat/completions"))),
            configuration: configuration)
        #expect(error == nil)
        let pieces = reader.pieces.withLock { $0 }
        let same = pieces.reduce(Data(), +) == Data(events.utf8)
        #expect(
            same, "the delegate got \(pieces.reduce(0) { $0 + $1.count }) bytes of \(events.utf8.count), or other bytes"
        )
        #expect(pieces.count > 1, "the stream arrived in one piece: it was held back until the end")
        #expect(observed.reported.isEmpty)
    }

    @Test("a streamed request body (httpBodyStream) reaches the server whole")
    func streamedBodyForwarded() async throws {
        let server = try RawHTTPServer(
            .init(status: 200, headers: [("Content-Type", "application/json")], body: Array("{}".utf8)))
        defer { server.stop() }
        let payload = Data(randomBytes(4096).map { $0 % 26 + 97 })
        var request = URLRequest(url: try #require(URL(string: server.baseURL + "/v1/embeddings")))
        request.httpMethod = "POST"
        request.httpBodyStream = InputStream(data: payload)
        request.setValue("\(payload.count)", forHTTPHeaderField: "Content-Length")
        let (data, _) = try await hookedSession(Observed()).data(for: request)
        #expect(data == Data("{}".utf8))
        let head = try #require(server.receivedHeads.first)
        #expect(head.hasPrefix("POST /v1/embeddings"))
        #expect(head.lowercased().contains("content-length: \(payload.count)"))
    }
}
