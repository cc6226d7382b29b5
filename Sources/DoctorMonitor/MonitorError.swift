#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the monitor could not start: the metrics endpoint could not be bound.
///
/// Compared by value (`error == .addressInUse(address)`); ``isUsageError`` tells the CLI
/// whether the flag itself was wrong (exit 64) or the machine's state is (exit 1).
public struct MonitorError: Error, Equatable, CustomStringConvertible {
    private enum Code: Equatable {
        case addressInUse
        case addressNotAvailable
        case permissionDenied
        case bindFailed(String)
    }

    private let code: Code
    /// The address that could not be bound.
    public let address: ListenAddress

    /// Another process already listens on the port.
    public static func addressInUse(_ address: ListenAddress) -> MonitorError {
        MonitorError(code: .addressInUse, address: address)
    }

    /// The host is not an address of this machine.
    public static func addressNotAvailable(_ address: ListenAddress) -> MonitorError {
        MonitorError(code: .addressNotAvailable, address: address)
    }

    /// Binding the port needs privileges this process lacks (ports below 1024).
    public static func permissionDenied(_ address: ListenAddress) -> MonitorError {
        MonitorError(code: .permissionDenied, address: address)
    }

    /// Any other bind failure, with the system's words.
    public static func bindFailed(_ address: ListenAddress, reason: String) -> MonitorError {
        MonitorError(code: .bindFailed(reason), address: address)
    }

    /// Maps the `errno` of a failed bind.
    static func bind(_ address: ListenAddress, errno code: Int32, detail: String) -> MonitorError {
        switch code {
        case EADDRINUSE: return .addressInUse(address)
        case EADDRNOTAVAIL: return .addressNotAvailable(address)
        case EACCES, EPERM: return .permissionDenied(address)
        default: return .bindFailed(address, reason: detail)
        }
    }

    /// Whether the flag's value is what is wrong (an address this machine does not have).
    public var isUsageError: Bool { code == .addressNotAvailable }

    /// A bounded, value-free description for metrics or JSON.
    public var shortDescription: String {
        switch code {
        case .addressInUse: return "address in use"
        case .addressNotAvailable: return "address not available"
        case .permissionDenied: return "permission denied"
        case .bindFailed: return "bind failed"
        }
    }

    /// One sentence for a person, with what to do.
    public var description: String {
        let prefix = "cannot serve metrics on \(address)"
        switch code {
        case .addressInUse:
            return "\(prefix): the port is already in use (another monitor or exporter?); "
                + "stop it or choose another port with --metrics-listen"
        case .addressNotAvailable:
            return
                "\(prefix): \(address.host) is not an address of this machine; use 127.0.0.1 or an interface's address"
        case .permissionDenied:
            return "\(prefix): permission denied (ports below 1024 need privileges); choose a port above 1023"
        case .bindFailed(let reason):
            return "\(prefix): \(reason)"
        }
    }
}
