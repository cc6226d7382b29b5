import DoctorClient
import DoctorCore
import Foundation
import Logging

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The ready adapter between ``RetryingClient`` and URLSession (FoundationNetworking on Linux).
///
/// ```swift
/// let client = RetryingClient(session: .shared)
/// let answer = try await client.send(URLRequest(url: modelsURL))
/// ```
public enum URLSessionTransport {
    /// Sends one request with `session` and returns its answer, whatever the status.
    ///
    /// - Throws: ``TransportError`` when no answer arrived and the `URLError` says which phase
    ///   failed; the original error otherwise.
    public static func send(_ request: URLRequest, using session: URLSession) async throws -> HTTPAnswer {
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: request)
        } catch let error as URLError where error.code == .cancelled {
            throw CancellationError()
        } catch {
            if let failure = transportFailure(for: error) { throw TransportError(failure) }
            throw error
        }
        guard let http = response as? HTTPURLResponse else {
            throw TransportError(
                TransportFailure(phase: .response, kind: .protocolError, detail: "not an HTTP response"))
        }
        return HTTPAnswer(status: http.statusCode, headers: headers(of: http), body: [UInt8](data))
    }

    /// The response's header fields (in the order Foundation gives them).
    public static func headers(of response: HTTPURLResponse) -> HeaderFields {
        var headers = HeaderFields()
        for (name, value) in response.allHeaderFields {
            headers.append(name: "\(name)", value: "\(value)")
        }
        return headers
    }

    /// The phase and kind a `URLError` stands for, or `nil` for any other error: read from
    /// ``AppleURLErrors``, the table `explain` reads printed codes and localized sentences from,
    /// so an app's live failure and the same failure pasted into `explain` get the same answer.
    public static func transportFailure(for error: any Error) -> TransportFailure? {
        guard let error = error as? URLError else { return nil }
        let code = error.code.rawValue
        let (phase, kind): (TransportFailure.Phase, TransportFailure.Kind)
        if let entry = AppleURLErrors.entry(code: code) {
            (phase, kind) = (entry.phase, entry.kind)
        } else {
            switch error.code {
            case .badServerResponse, .cannotParseResponse: (phase, kind) = (.response, .protocolError)
            case .zeroByteResource: (phase, kind) = (.response, .closed)
            default: return nil
            }
        }
        return TransportFailure(phase: phase, kind: kind, host: error.failingURL?.host, detail: "URLError \(code)")
    }
}

extension RetryingClient where Request == URLRequest {
    /// Creates a client that sends `URLRequest`s with `session`.
    ///
    /// - Parameters:
    ///   - session: The session to send with (`.shared` by default).
    ///   - policy: When and how often to retry.
    ///   - logger: Where attempts are logged.
    ///   - environment: The clock, random source and sleep.
    public init(
        session: URLSession = .shared, policy: RetryPolicy = RetryPolicy(),
        logger: Logger = Logger(label: "openai-doctor.client"), environment: RetryEnvironment = .live
    ) {
        self.init(
            policy: policy, logger: logger, environment: environment,
            describeFailure: URLSessionTransport.transportFailure(for:)
        ) { request in
            try await URLSessionTransport.send(request, using: session)
        }
    }
}
