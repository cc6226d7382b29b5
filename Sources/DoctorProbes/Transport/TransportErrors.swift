import DoctorCore
import NIOCore
import NIOPosix
import NIOSSL

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps NIO, NIOSSL and socket errors to ``TransportFailure/Kind`` by value, never by string.
enum TransportErrors {
    /// The kind of a transport error, `nil` when it is not one this mapping knows.
    static func kind(of error: any Error) -> TransportFailure.Kind? {
        if let channel = error as? ChannelError {
            switch channel {
            case .connectTimeout: return .timedOut
            case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed: return .closed
            default: return .other
            }
        }
        if let io = error as? IOError { return kind(errno: io.errnoCode) }
        if let connection = error as? NIOConnectionError {
            if let last = connection.connectionErrors.last { return kind(of: last.error) }
            return .other
        }
        if let ssl = error as? NIOSSLError {
            switch ssl {
            case .uncleanShutdown: return .closed
            case .handshakeFailed: return .protocolError
            default: return .protocolError
            }
        }
        if error is BoringSSLError { return .protocolError }
        if error is ProbeDeadline.Expired { return .timedOut }
        return nil
    }

    /// The kind of a socket errno.
    static func kind(errno code: Int32) -> TransportFailure.Kind {
        switch code {
        case ECONNREFUSED: return .refused
        case ECONNRESET, EPIPE: return .reset
        case ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL, EAFNOSUPPORT, ENETDOWN: return .unreachable
        case ETIMEDOUT: return .timedOut
        default: return .other
        }
    }
}
