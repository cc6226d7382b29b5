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
///
/// The ring is split into shards chosen by sequence number, each with its own lock, so two
/// event loops recording at once rarely wait for each other; reading merges the shards in
/// sequence order.
public final class Journal: Sendable {
    private struct Ring {
        var entries: [JournalEntry?]
        var next = 0
        var count = 0

        init(size: Int) {
            entries = Array(repeating: nil, count: size)
        }

        mutating func append(_ entry: JournalEntry) {
            entries[next] = entry
            next = (next + 1) % entries.count
            count = min(count + 1, entries.count)
        }

        var ordered: [JournalEntry] {
            let size = entries.count
            let start = (next - count + size) % size
            return (0..<count).compactMap { entries[(start + $0) % size] }
        }
    }

    private final class Shard: Sendable {
        let ring: Mutex<Ring>
        init(size: Int) { ring = Mutex(Ring(size: size)) }
    }

    private let shards: [Shard]
    /// The most entries kept.
    public let capacity: Int

    /// Creates an empty journal keeping at most `capacity` entries.
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        let shardCount = self.capacity >= 64 ? 8 : 1
        let base = self.capacity / shardCount
        let extra = self.capacity % shardCount
        self.shards = (0..<shardCount).map { Shard(size: base + ($0 < extra ? 1 : 0)) }
    }

    /// Records an entry, dropping the oldest of its shard when full.
    public func append(_ entry: JournalEntry) {
        shards[Int(entry.sequence % UInt64(shards.count))].ring.withLock { $0.append(entry) }
    }

    /// The kept entries, oldest first, optionally only those of one test id.
    public func entries(testID: String? = nil) -> [JournalEntry] {
        var all: [JournalEntry] = []
        for shard in shards {
            all += shard.ring.withLock { ring in
                testID.map { id in ring.ordered.filter { $0.testID == id } } ?? ring.ordered
            }
        }
        return all.sorted { $0.sequence < $1.sequence }
    }

    /// Forgets every entry, or only those of one test id.
    public func clear(testID: String? = nil) {
        for shard in shards {
            shard.ring.withLock { ring in
                let size = ring.entries.count
                var fresh = Ring(size: size)
                if let testID {
                    for entry in ring.ordered where entry.testID != testID { fresh.append(entry) }
                }
                ring = fresh
            }
        }
    }
}
