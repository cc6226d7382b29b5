// A runnable example of DoctorClient: list the models through URLSession, retrying only what
// can succeed, and print the diagnosis when the call fails for good.
//
//   swift run doctor-client-example                        # api.openai.com, OPENAI_API_KEY
//   openai-doctor mock --scenario billing.quota_exceeded &  # or any scenario
//   OPENAI_BASE_URL=http://127.0.0.1:PORT/v1 OPENAI_API_KEY=sk-test swift run doctor-client-example
//
// Environment: OPENAI_BASE_URL (default https://api.openai.com/v1), OPENAI_API_KEY,
// DOCTOR_MAX_ATTEMPTS (default 3), DOCTOR_LOG_LEVEL (trace…critical, default info).
// Exit status: 0 on success, 1 when the call failed (the diagnosis is printed).

import DoctorClient
import DoctorClientURLSession
import DoctorCore
import Foundation
import Logging

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

let environment = ProcessInfo.processInfo.environment
let level = environment["DOCTOR_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = level
    return handler
}

let baseURL = environment["OPENAI_BASE_URL"] ?? "https://api.openai.com/v1"
guard let url = URL(string: baseURL.hasSuffix("/") ? baseURL + "models" : baseURL + "/models") else {
    print("OPENAI_BASE_URL is not a URL")
    exit(64)
}
var request = URLRequest(url: url)
if let key = environment["OPENAI_API_KEY"] {
    request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
}

let attempts = environment["DOCTOR_MAX_ATTEMPTS"].flatMap(Int.init) ?? 3
let client = RetryingClient(
    session: .shared, policy: RetryPolicy(maxAttempts: attempts), logger: Logger(label: "doctor-client-example"))

let clock = ContinuousClock()
let start = clock.now
do {
    let answer = try await client.send(request)
    let elapsed = clock.now - start
    print("ok: HTTP \(answer.status), \(answer.body.count) bytes, request \(answer.requestID ?? "-")")
    print("elapsed_ms=\(Int((elapsed / .milliseconds(1)).rounded()))")
} catch let failure as DoctorClientError {
    let elapsed = clock.now - start
    print("failed: \(failure)")
    for fix in failure.diagnosis.fixes { print("  - \(fix)") }
    print("elapsed_ms=\(Int((elapsed / .milliseconds(1)).rounded())) attempts=\(failure.attempts)")
    exit(1)
}
