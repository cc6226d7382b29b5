import DoctorCore
import Foundation
import Logging
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What ``DoctorURLProtocol`` does with each failed call it sees.
public struct SessionDiagnostics: Sendable {
    /// Where each failure is logged, with `doctor.*` metadata (cause, request id, status…).
    public var logger: Logger
    /// The level of those log lines.
    public var logLevel: Logger.Level
    /// Called once per failed call, on the forwarding session's delegate queue, before the
    /// answer (or error) reaches the app's own code. Keep it short: it holds up that queue.
    public var onFailure: @Sendable (DiagnosedFailure) -> Void

    /// Creates the settings.
    ///
    /// - Parameters:
    ///   - logger: Where failures are logged (`openai-doctor.urlsession` by default).
    ///   - logLevel: The level of those lines (`.warning` by default).
    ///   - onFailure: Called with each diagnosed failure.
    public init(
        logger: Logger = Logger(label: "openai-doctor.urlsession"), logLevel: Logger.Level = .warning,
        onFailure: @escaping @Sendable (DiagnosedFailure) -> Void = { _ in }
    ) {
        self.logger = logger
        self.logLevel = logLevel
        self.onFailure = onFailure
    }
}

/// A `URLProtocol` that diagnoses the failed calls of any URLSession-based SDK without changing it.
///
/// Install it in the configuration the SDK's session is made from. Every request of that
/// session then goes through this protocol, which sends it on through an inner URLSession (the
/// same configuration, without this protocol) and hands every header and body byte back to
/// the SDK unchanged. When the answer's status is 400 or above, or no answer arrives, it
/// classifies the failure with the core classifier (the same as `openai-doctor explain`),
/// logs one line through swift-log with the cause and request id, and calls
/// ``SessionDiagnostics/onFailure``. Nothing it logs or reports holds a key, an
/// `Authorization` value or a cookie.
///
/// ```swift
/// let configuration = URLSessionConfiguration.default
/// DoctorURLProtocol.install(SessionDiagnostics(logger: logger) { failure in
///     print(failure.cause, failure.requestID ?? "-")   // billing.quota_exceeded req_…
/// }, in: configuration)
/// let session = URLSession(configuration: configuration)   // give it to the SDK
/// ```
///
/// The settings are process-wide: one ``install(_:in:)`` serves every configuration it is
/// installed in, and the inner session copies the configuration of the latest call. The inner
/// session follows redirects and answers authentication challenges itself (system trust store),
/// so a delegate of the SDK's own session sees neither. On Linux, FoundationNetworking keeps
/// only the last piece of data a protocol delivers for a task that has a completion handler
/// (`data(for:)` included), so there a body is handed over in one piece when it is complete;
/// `text/event-stream` bodies are handed over as they arrive, for streaming delegates.
public final class DoctorURLProtocol: URLProtocol {
    /// The installed settings and forwarding session.
    private static let installed = Mutex<Forwarder?>(nil)

    /// Installs the protocol in `configuration` (first in `protocolClasses`) with `diagnostics`.
    ///
    /// - Parameters:
    ///   - diagnostics: The logger and callback for failures; replaces earlier settings.
    ///   - configuration: The configuration the SDK's session will be made from.
    public static func install(_ diagnostics: SessionDiagnostics, in configuration: URLSessionConfiguration) {
        // The inner session is a copy of the configuration as it was, without this protocol.
        // Safe: URLSessionConfiguration.copy() returns a URLSessionConfiguration
        // swift-format-ignore: NeverForceUnwrap
        let inner = configuration.copy() as! URLSessionConfiguration
        let others = (configuration.protocolClasses ?? []).filter { $0 != DoctorURLProtocol.self }
        inner.protocolClasses = others
        configuration.protocolClasses = [DoctorURLProtocol.self] + others
        let forwarder = Forwarder(diagnostics: diagnostics, configuration: inner)
        let previous = installed.withLock { current in
            defer { current = forwarder }
            return current
        }
        previous?.retire()
    }

    /// Stops diagnosing: configurations that hold the protocol let requests pass to the next one.
    public static func uninstall() {
        installed.withLock { current in
            defer { current = nil }
            return current
        }?.retire()
    }

    // MARK: URLProtocol

    /// HTTP and HTTPS requests, while installed.
    public override class func canInit(with request: URLRequest) -> Bool {
        guard let scheme = request.url?.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            return false
        }
        return installed.withLock { $0 != nil }
    }

    /// The request as it is.
    public override class func canonicalRequest(for request: URLRequest) -> URLRequest { request }

    /// The state of one load.
    fileprivate let load = Mutex(Load())

    /// Sends the request on through the inner session.
    public override func startLoading() {
        guard let forwarder = Self.installed.withLock({ $0 }) else {
            client?.urlProtocol(self, didFailWithError: URLError(.unsupportedURL))
            return
        }
        let request = Self.withBodyInMemory(self.request)
        load.withLock { $0.diagnostics = forwarder.diagnostics }
        let reference = LoadReference(load: self)
        forwarder.queue.async {
            let task = forwarder.start(request, for: reference)
            let cancelled = reference.load.load.withLock { load -> Bool in
                load.task = task
                return load.stopped
            }
            if cancelled { task.cancel() }  // stopLoading came first
        }
    }

    /// Cancels the inner request (the app cancelled its task).
    public override func stopLoading() {
        let task = load.withLock { load -> URLSessionDataTask? in
            load.stopped = true
            return load.task
        }
        guard let task else { return }
        Self.installed.withLock { $0?.queue ?? .global() }.async { task.cancel() }
    }

    // MARK: From the inner session

    fileprivate func received(_ response: URLResponse) {
        let stopped = load.withLock { load -> Bool in
            load.response = response
            load.isFailure = (response as? HTTPURLResponse).map { $0.statusCode >= 400 } ?? false
            load.passesOnAsItArrives = Self.passesOnAsItArrives(response)
            return load.stopped
        }
        if stopped { return }
        client?.urlProtocol(self, didReceive: response, cacheStoragePolicy: .notAllowed)
    }

    fileprivate func received(_ data: Data) {
        let now = load.withLock { load -> Data? in
            if load.stopped { return nil }
            if load.isFailure, load.captured.count < EvidenceExtractor.bodyCap {
                load.captured.append(contentsOf: data.prefix(EvidenceExtractor.bodyCap - load.captured.count))
            }
            if load.passesOnAsItArrives { return data }
            load.held.append(data)
            return nil
        }
        if let now, !now.isEmpty { client?.urlProtocol(self, didLoad: now) }
    }

    fileprivate func completed(_ error: (any Error)?) {
        let finished = load.withLock { load -> Load? in
            if load.stopped { return nil }
            load.stopped = true
            return load
        }
        guard let finished else { return }
        let elapsed = ContinuousClock.now - finished.started
        if let error {
            if let failure = DiagnosedFailure.transport(error, request: request, elapsed: elapsed) {
                finished.diagnostics?.report(failure)
            }
            client?.urlProtocol(self, didFailWithError: error)
            return
        }
        if finished.isFailure, let response = finished.response as? HTTPURLResponse {
            finished.diagnostics?.report(
                DiagnosedFailure.answer(to: request, response: response, body: finished.captured, elapsed: elapsed))
        }
        if !finished.held.isEmpty { client?.urlProtocol(self, didLoad: finished.held) }
        client?.urlProtocolDidFinishLoading(self)
    }

    // MARK: Helpers

    /// Whether body bytes go to the app as they arrive (always on Apple platforms; on Linux
    /// only for event streams, see the type's discussion).
    private static func passesOnAsItArrives(_ response: URLResponse) -> Bool {
        #if canImport(FoundationNetworking)
        let type = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type") ?? ""
        return type.lowercased().hasPrefix("text/event-stream")
        #else
        return true
        #endif
    }

    /// The request with a streamed body (how Foundation hands a POST body to a protocol) read
    /// into `httpBody`, so the inner session can send it.
    static func withBodyInMemory(_ request: URLRequest) -> URLRequest {
        guard request.httpBody == nil, let stream = request.httpBodyStream else { return request }
        var copy = request
        var body = Data()
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        stream.open()
        defer { stream.close() }
        while true {
            let count = stream.read(&buffer, maxLength: buffer.count)
            if count <= 0 { break }
            body.append(contentsOf: buffer[..<count])
        }
        copy.httpBodyStream = nil
        copy.httpBody = body
        return copy
    }
}

/// What one load has seen so far.
private struct Load {
    var diagnostics: SessionDiagnostics?
    var task: URLSessionDataTask?
    var response: URLResponse?
    var isFailure = false
    var passesOnAsItArrives = true
    /// The start of a failed answer's body, for the classifier.
    var captured: [UInt8] = []
    /// Body bytes not yet handed to the app.
    var held = Data()
    var stopped = false
    let started = ContinuousClock.now
}

extension SessionDiagnostics {
    /// Logs the failure (values redacted: ids, numbers and catalogue text) and calls back.
    func report(_ failure: DiagnosedFailure) {
        var metadata: Logger.Metadata = [
            "doctor.cause": "\(failure.cause.rawValue)",
            "doctor.retry": "\(failure.diagnosis.retry.rawValue)",
            "doctor.request": "\(failure.method) \(failure.url)",
            "doctor.elapsed_ms": "\(Int((failure.elapsed / .milliseconds(1)).rounded()))",
        ]
        if let layer = failure.diagnosis.layer { metadata["doctor.layer"] = "\(layer.rawValue)" }
        if let status = failure.status { metadata["doctor.status"] = "\(status)" }
        if let requestID = failure.requestID { metadata["doctor.request_id"] = "\(requestID)" }
        if let phase = failure.diagnosis.evidence.transportPhase {
            metadata["doctor.transport"] = "\(phase)/\(failure.diagnosis.evidence.transportError ?? "unknown")"
        }
        logger.log(
            level: logLevel, "OpenAI call failed: \(failure.cause.rawValue): \(failure.diagnosis.title)",
            metadata: metadata)
        onFailure(failure)
    }
}

/// The inner session that sends what the protocol receives, and its delegate.
private final class Forwarder: Sendable {
    let diagnostics: SessionDiagnostics
    let session: URLSession
    /// Where inner tasks are made, resumed and cancelled. Not on the thread that calls the
    /// protocol: FoundationNetworking calls `startLoading` on the outer session's work queue,
    /// and every session's work queue targets one shared queue that `dataTask(with:)` and
    /// `resume()` enter synchronously, which would trap.
    let queue = DispatchQueue(label: "openai-doctor.urlprotocol")
    private let delegate: ForwardingDelegate

    init(diagnostics: SessionDiagnostics, configuration: URLSessionConfiguration) {
        self.diagnostics = diagnostics
        let delegate = ForwardingDelegate()
        self.delegate = delegate
        // A nil queue makes the session a serial one: each load's callbacks come in order.
        self.session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    func start(_ request: URLRequest, for reference: LoadReference) -> URLSessionDataTask {
        let task = session.dataTask(with: request)
        delegate.loads.withLock { $0[task.taskIdentifier] = reference }
        task.resume()
        return task
    }

    /// Lets running loads finish, then releases the session.
    func retire() { session.finishTasksAndInvalidate() }
}

/// A protocol instance handed between the URL loading system's threads. Foundation calls a
/// protocol from threads of its choosing; its own state is behind ``DoctorURLProtocol/load``.
private struct LoadReference: @unchecked Sendable {
    let load: DoctorURLProtocol
}

private final class ForwardingDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let loads = Mutex<[Int: LoadReference]>([:])

    private func load(_ task: URLSessionTask) -> DoctorURLProtocol? {
        loads.withLock { $0[task.taskIdentifier]?.load }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        load(dataTask)?.received(response)
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        load(dataTask)?.received(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let reference = loads.withLock { $0.removeValue(forKey: task.taskIdentifier) }
        reference?.load.completed(error)
    }

    /// The app's protocol caches (or not) what it receives; the inner session keeps nothing.
    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, willCacheResponse proposedResponse: CachedURLResponse,
        completionHandler: @escaping @Sendable (CachedURLResponse?) -> Void
    ) {
        completionHandler(nil)
    }
}
