// The URLSession drop-in under an SDK-style client: one chat completion through a session whose
// configuration holds DoctorURLProtocol, and one JSON line per diagnosed failure.
//
//   openai-doctor mock --scenario billing.quota_exceeded &     # or any scenario, or ok
//   OPENAI_API_KEY=sk-… swift run doctor-sdk-example --base-url http://127.0.0.1:PORT/v1
//   {"cause":"billing.quota_exceeded","request_id":"req_…","status":429}
//
// The client below stands for any URLSession-based SDK (MacPaw/OpenAI, SwiftOpenAI, AIProxy…):
// it knows nothing of the doctor; only the configuration its session is made from changed.
//
// Options: --base-url URL (default: OPENAI_BASE_URL, else https://api.openai.com/v1),
// --model ID (default gpt-4o-mini). The key is OPENAI_API_KEY.
// Output: nothing on success; on failure one line per diagnosis on standard output, the
// swift-log line (redacted) on standard error. Exit status: 0 success, 1 failure, 64 usage.

import DoctorClientURLSession
import DoctorCore
import Foundation
import Logging
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The one line printed per failure: `cause`, `request_id` and `status`, sorted, `null` when absent.
struct FailureLine: Encodable {
    let failure: DiagnosedFailure

    enum CodingKeys: String, CodingKey {
        case cause, status
        case requestID = "request_id"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(failure.cause.rawValue, forKey: .cause)
        try c.encode(failure.requestID, forKey: .requestID)
        try c.encode(failure.status, forKey: .status)
    }
}

/// A stand-in for an SDK's chat call: builds the request, sends it with the session it was given.
struct ChatClient {
    let session: URLSession
    let baseURL: URL
    let key: String?

    func complete(model: String, prompt: String) async throws -> (Data, HTTPURLResponse) {
        var request = URLRequest(url: baseURL.appendingPathComponent("chat/completions"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        let body: [String: Any] = ["model": model, "messages": [["role": "user", "content": prompt]], "max_tokens": 1]
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        return (data, http)
    }
}

func usage(_ message: String) -> Never {
    FileHandle.standardError.write(
        Data("doctor-sdk-example: \(message)\nusage: doctor-sdk-example [--base-url URL] [--model ID]\n".utf8))
    exit(64)
}

let environment = ProcessInfo.processInfo.environment
var baseURLText = environment["OPENAI_BASE_URL"] ?? "https://api.openai.com/v1"
var model = "gpt-4o-mini"
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--base-url":
        guard let value = arguments.popFirst() else { usage("--base-url needs a URL") }
        baseURLText = value
    case "--model":
        guard let value = arguments.popFirst() else { usage("--model needs an id") }
        model = value
    case "-h", "--help":
        print("usage: doctor-sdk-example [--base-url URL] [--model ID]")
        exit(0)
    default: usage("unknown argument \(argument)")
    }
}
guard let baseURL = URL(string: baseURLText), baseURL.scheme == "http" || baseURL.scheme == "https" else {
    usage("--base-url is not an http(s) URL")
}

LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }

// The one change an app makes: the drop-in in the configuration the SDK's session comes from.
let failures = Mutex(0)
let configuration = URLSessionConfiguration.ephemeral
DoctorURLProtocol.install(
    SessionDiagnostics(logger: Logger(label: "doctor-sdk-example")) { failure in
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let line = (try? encoder.encode(FailureLine(failure: failure))).map { String(decoding: $0, as: UTF8.self) }
        // Written at once (not buffered): the line is out before the SDK call returns.
        FileHandle.standardOutput.write(
            Data(((line ?? #"{"cause":"unknown","request_id":null,"status":null}"#) + "\n").utf8))
        failures.withLock { $0 += 1 }
    }, in: configuration)

let client = ChatClient(
    session: URLSession(configuration: configuration), baseURL: baseURL, key: environment["OPENAI_API_KEY"])
do {
    let (_, response) = try await client.complete(model: model, prompt: "Say ok.")
    exit(response.statusCode < 400 && failures.withLock { $0 } == 0 ? 0 : 1)
} catch {
    // The SDK saw the transport error; the drop-in has already printed its diagnosis.
    exit(1)
}
