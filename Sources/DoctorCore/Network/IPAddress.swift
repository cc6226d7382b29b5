#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address, parsed from text.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address family.
    public enum Family: String, Sendable, Codable {
        /// IPv4 (4 bytes).
        case v4
        /// IPv6 (16 bytes).
        case v6
    }

    /// The family.
    public let family: Family
    /// The address bytes in network order (4 or 16).
    public let bytes: [UInt8]
    /// The text it was parsed from.
    public let description: String

    /// Parses dotted IPv4 or IPv6 text (no brackets, no port, no zone); `nil` if it is not one.
    public init?(_ text: String) {
        var v4 = in_addr()
        if text.contains("."), !text.contains(":"), inet_pton(AF_INET, text, &v4) == 1 {
            family = .v4
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
            description = text
            return
        }
        var v6 = in6_addr()
        if text.contains(":"), inet_pton(AF_INET6, text, &v6) == 1 {
            family = .v6
            bytes = withUnsafeBytes(of: &v6) { Array($0) }
            description = text
            return
        }
        return nil
    }

    /// Whether this is a loopback address (127/8, ::1).
    public var isLoopback: Bool {
        family == .v4 ? bytes[0] == 127 : bytes == [UInt8](repeating: 0, count: 15) + [1]
    }

    /// Whether this is a private, link-local, loopback or unspecified address (not routable on the internet).
    public var isPrivateOrLocal: Bool {
        if isLoopback { return true }
        switch family {
        case .v4:
            return bytes[0] == 10 || bytes[0] == 0 || (bytes[0] == 172 && (16...31).contains(bytes[1]))
                || (bytes[0] == 192 && bytes[1] == 168) || (bytes[0] == 169 && bytes[1] == 254)
                || (bytes[0] == 100 && (64...127).contains(bytes[1]))
                || (bytes[0] == 198 && (bytes[1] == 18 || bytes[1] == 19))
        case .v6:
            return bytes[0] & 0xFE == 0xFC || (bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80)
                || bytes.allSatisfy { $0 == 0 }
        }
    }
}

/// An address range in CIDR notation (`104.16.0.0/13`, `2606:4700::/32`).
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    /// The network address.
    public let address: IPAddress
    /// The prefix length in bits.
    public let prefixLength: Int

    /// Parses `address/length`; a bare address is a single-host network.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1)
        guard let first = parts.first, let address = IPAddress(String(first)) else { return nil }
        let bits = address.bytes.count * 8
        let length = parts.count == 2 ? Int(parts[1]) : bits
        guard let length, (0...bits).contains(length) else { return nil }
        self.address = address
        self.prefixLength = length
    }

    /// Whether `other` lies inside this network.
    public func contains(_ other: IPAddress) -> Bool {
        guard other.family == address.family else { return false }
        var remaining = prefixLength
        for (a, b) in zip(address.bytes, other.bytes) {
            if remaining <= 0 { return true }
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            if a & mask != b & mask { return false }
            remaining -= 8
        }
        return true
    }

    /// The CIDR text.
    public var description: String { "\(address)/\(prefixLength)" }
}
