import DoctorCore

@testable import DoctorMock

/// The mock's core driven in process: requests go in as values and planned answers come out,
/// with no socket, no event loop and no curl. For the tests where the socket is not the point:
/// which status, headers and body a scenario serves, how sequences advance, what the admin API
/// changes, which fault is chosen.
final class InProcessMock {
    /// The core a running server would share between its connections.
    let core: MockCore
    /// One connection's memory, as one keep-alive client would have.
    private var connection = ConnectionMemory()

    /// A core started from `configuration`, as ``MockServer/start(_:)`` would make it.
    init(_ configuration: MockConfiguration = MockConfiguration()) {
        core = MockCore(configuration, isTLS: false)
    }

    /// The request journal.
    var journal: Journal { core.journal }

    /// The resilience verdict over the journal (all requests, or one test id's).
    func verdict(testID: String? = nil) -> ResilienceVerdict { core.verdict(testID: testID) }

    /// Plans the answer to one request and journals it, as the server does once the answer is out.
    /// A `Host` of `127.0.0.1` is sent unless `headers` name one.
    func send(
        _ uri: String, method: String = "GET", headers: [(String, String)] = [], body: String? = nil,
        bodyTooLarge: Bool = false
    ) -> InProcessAnswer {
        var fields = headers
        if !fields.contains(where: { $0.0.lowercased() == "host" }) { fields.insert(("Host", "127.0.0.1"), at: 0) }
        let request = MockRequest(
            method: method, uri: uri, headers: fields, body: body.map { Array($0.utf8) }, bodyTooLarge: bodyTooLarge,
            receivedAt: core.now())
        let planned = core.plan(request, connection: &connection)
        core.recordAnswered(request, planned)
        return InProcessAnswer(planned: planned)
    }

    /// `POST` with a JSON body.
    func post(_ uri: String, headers: [(String, String)] = [], json: String) -> InProcessAnswer {
        send(uri, method: "POST", headers: [("Content-Type", "application/json")] + headers, body: json)
    }
}

/// What the core planned for one request, read the way a test reads an HTTP answer.
struct InProcessAnswer {
    /// The plan itself.
    let planned: PlannedAnswer

    /// The status of the answer (under a fault: of the answer the fault breaks).
    var status: Int { planned.reply.status }
    /// The headers in wire order.
    var headers: HeaderFields { planned.reply.headers }
    /// The body; server-sent events joined, as a client reads them once de-chunked.
    var body: String { planned.reply.bodyText }
    /// The fault chosen, if any.
    var fault: TransportFault? { planned.fault }
    /// The first value of a header, any letter case.
    func header(_ name: String) -> String? { headers[name] }
}
