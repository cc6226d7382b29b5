/// What the mock does for one request, decided before a byte is written: the answer, the fault
/// that breaks it, the wait before it, and whether the connection reads another request.
///
/// ``MockCore/plan(_:connection:)`` makes it from a parsed request, without a socket; the
/// connection handler only carries it out. So what a scenario serves, how a sequence advances
/// and what the admin API changes are tested in process, and the sockets only where they are
/// the point (faults, framing, TLS, the WebSocket switch).
struct PlannedAnswer: Sendable {
    /// What the journal records once the answer is out: the decision, the request's sequence
    /// number and the fingerprint of the key it presented.
    struct JournalNote: Sendable {
        var decision: Decision
        var sequence: UInt64
        var fingerprint: String?
    }

    /// The answer; under a fault, the answer the fault breaks (what `ok` would have served).
    var reply: Reply
    /// The fault that replaces or breaks the answer, if one was chosen.
    var fault: TransportFault?
    /// The wait before answering, in milliseconds; `nil` for none.
    var delayMilliseconds: Double?
    /// Whether the connection reads another request once the answer is written.
    var keepAlive: Bool
    /// The journal's part; `nil` for the admin API, which is never journaled.
    var journal: JournalNote?
}

/// What one connection remembers between its requests so the core need not redo it: the
/// settings snapshot, the last key and its fingerprint (clients keep one key per connection),
/// and the `date` of the current second.
struct ConnectionMemory {
    /// The settings snapshot this connection answers from while nothing changes.
    var snapshot: MockState.Snapshot?
    /// The last key seen and its fingerprint.
    var lastKey: (key: String, fingerprint: String)?
    /// The `date` header of the current second.
    var date: (second: Int, text: String) = (-1, "")
}
