import DoctorCore
import Synchronization

/// One request as the mock saw and answered it. Keys appear only as fingerprints.
public struct JournalEntry: Sendable, Equatable, Codable {
    /// The position of the request since the server started (1-based, never reused).
    public var sequence: UInt64
    /// When the request was complete, in milliseconds since the server started.
    public var receivedAtMilliseconds: Double
    /// When the answer was written (or the fault done), in milliseconds since the server started.
    public var answeredAtMilliseconds: Double
    /// The request method.
    public var method: String
    /// The request path, without the query.
    public var path: String
    /// The `X-Mock-Test-Id` the request carried.
    public var testID: String?
    /// The step served (`rate_limit.exceeded`, `ok`, `fault:reset`).
    public var served: String
    /// The cause the answer showed, `nil` for a success or a fault.
    public var cause: CauseID?
    /// The status written, `nil` when a fault replaced the answer.
    public var status: Int?
    /// The fault injected, if any.
    public var fault: TransportFault?
    /// The wait the answer asked for (`retry-after-ms`, else `retry-after`), in milliseconds.
    public var retryAfterMilliseconds: Double?
    /// The presented key as a fingerprint (`sk-proj-…a1B2`), never the key.
    public var keyFingerprint: String?
    /// The `OpenAI-Organization` header.
    public var organization: String?
    /// The `OpenAI-Project` header.
    public var project: String?
    /// The `User-Agent` header.
    public var userAgent: String?

    /// Creates an entry (the mock makes them; tests and tools may build their own to judge).
    public init(
        sequence: UInt64, receivedAtMilliseconds: Double, answeredAtMilliseconds: Double, method: String, path: String,
        testID: String?, served: String, cause: CauseID?, status: Int?, fault: TransportFault?,
        retryAfterMilliseconds: Double?, keyFingerprint: String?, organization: String?, project: String?,
        userAgent: String?
    ) {
        self.sequence = sequence
        self.receivedAtMilliseconds = receivedAtMilliseconds
        self.answeredAtMilliseconds = answeredAtMilliseconds
        self.method = method
        self.path = path
        self.testID = testID
        self.served = served
        self.cause = cause
        self.status = status
        self.fault = fault
        self.retryAfterMilliseconds = retryAfterMilliseconds
        self.keyFingerprint = keyFingerprint
        self.organization = organization
        self.project = project
        self.userAgent = userAgent
    }

    enum CodingKeys: String, CodingKey {
        case sequence, method, path, served, cause, status, fault, organization, project
        case receivedAtMilliseconds = "received_at_ms"
        case answeredAtMilliseconds = "answered_at_ms"
        case testID = "test_id"
        case retryAfterMilliseconds = "retry_after_ms"
        case keyFingerprint = "key_fingerprint"
        case userAgent = "user_agent"
    }

    /// Whether the request failed (an error status or a fault).
    public var failed: Bool { fault != nil || (status ?? 0) >= 400 }
}

/// A bounded ring buffer of ``JournalEntry``: the newest `capacity` requests, safe to share
/// between event loops.
public final class Journal: Sendable {
    private struct Ring {
        var entries: [JournalEntry?]
        var next = 0
        var count = 0
    }

    private let ring: Mutex<Ring>
    /// The most entries kept.
    public let capacity: Int

    /// Creates an empty journal keeping at most `capacity` entries.
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        self.ring = Mutex(Ring(entries: Array(repeating: nil, count: max(1, capacity))))
    }

    /// Records an entry, dropping the oldest when full.
    public func append(_ entry: JournalEntry) {
        ring.withLock { ring in
            ring.entries[ring.next] = entry
            ring.next = (ring.next + 1) % ring.entries.count
            ring.count = min(ring.count + 1, ring.entries.count)
        }
    }

    /// The kept entries, oldest first, optionally only those of one test id.
    public func entries(testID: String? = nil) -> [JournalEntry] {
        let all: [JournalEntry] = ring.withLock { ring in
            let size = ring.entries.count
            let start = (ring.next - ring.count + size) % size
            return (0..<ring.count).compactMap { ring.entries[(start + $0) % size] }
        }
        let selected = testID.map { id in all.filter { $0.testID == id } } ?? all
        return selected.sorted { $0.sequence < $1.sequence }
    }

    /// Forgets every entry, or only those of one test id.
    public func clear(testID: String? = nil) {
        ring.withLock { ring in
            guard let testID else {
                ring = Ring(entries: Array(repeating: nil, count: ring.entries.count))
                return
            }
            let size = ring.entries.count
            let start = (ring.next - ring.count + size) % size
            let kept = (0..<ring.count).compactMap { ring.entries[(start + $0) % size] }.filter { $0.testID != testID }
            var fresh = Ring(entries: Array(repeating: nil, count: size))
            for entry in kept {
                fresh.entries[fresh.next] = entry
                fresh.next = (fresh.next + 1) % size
                fresh.count += 1
            }
            ring = fresh
        }
    }
}
