import Logging
import MCP

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A transport that knows which requests are still unanswered, so the server can answer them
/// all before it stops when the client closes its end right after its last request
/// (`printf … | openai-doctor mcp`). The SDK ends its loop at end of input and would drop
/// answers still being computed.
actor DrainingTransport: Transport {
    nonisolated let logger: Logger
    private let inner: any Transport
    private var pending: Set<ID> = []
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(wrapping inner: any Transport, logger: Logger) {
        self.inner = inner
        self.logger = logger
    }

    func connect() async throws { try await inner.connect() }

    func disconnect() async { await inner.disconnect() }

    func send(_ data: Data) async throws {
        try await inner.send(data)
        if let envelope = Envelope.read(data), envelope.isResponse, let id = envelope.id {
            settle(id)
        }
    }

    func receive() -> AsyncThrowingStream<Data, any Swift.Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await data in await self.inner.receive() {
                        self.note(data)
                        continuation.yield(data)
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Returns once every request received has been answered (or cancelled by the client).
    func drained() async {
        guard !pending.isEmpty else { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func note(_ data: Data) {
        guard let envelope = Envelope.read(data) else { return }
        if envelope.method == "notifications/cancelled", let id = envelope.cancelledID {
            settle(id)
        } else if envelope.method != nil, let id = envelope.id {
            pending.insert(id)
        }
    }

    private func settle(_ id: ID) {
        pending.remove(id)
        guard pending.isEmpty else { return }
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }

    /// The parts of a JSON-RPC message that tell a request, a response and a cancellation apart.
    struct Envelope: Decodable {
        var id: ID?
        var method: String?
        var isResponse: Bool
        var cancelledID: ID?

        enum Keys: String, CodingKey { case id, method, result, error, params }
        enum ParamsKeys: String, CodingKey { case requestId }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            id = try? c.decodeIfPresent(ID.self, forKey: .id)
            method = try? c.decodeIfPresent(String.self, forKey: .method)
            isResponse = method == nil && (c.contains(.result) || c.contains(.error))
            if method == "notifications/cancelled",
                let params = try? c.nestedContainer(keyedBy: ParamsKeys.self, forKey: .params)
            {
                cancelledID = try? params.decodeIfPresent(ID.self, forKey: .requestId)
            }
        }

        /// The envelope of one message; `nil` for a batch or what is not JSON.
        static func read(_ data: Data) -> Envelope? {
            try? JSONDecoder().decode(Envelope.self, from: data)
        }
    }
}
