import NIOCore
import Synchronization

/// The open connections of one server, so that stopping it also ends them: a stopped mock
/// must look down to a client holding a keep-alive connection, not only to new ones.
final class ConnectionRegistry: Sendable {
    private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

    /// Tracks `channel` until it closes.
    func add(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        channels.withLock { $0[id] = channel }
        channel.closeFuture.whenComplete { [self] _ in
            _ = channels.withLock { $0.removeValue(forKey: id) }
        }
    }

    /// Closes every tracked connection.
    func closeAll() async {
        let open = channels.withLock { Array($0.values) }
        for channel in open {
            try? await channel.close()
        }
    }

    /// How many connections are open.
    var count: Int { channels.withLock { $0.count } }
}
