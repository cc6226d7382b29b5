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

    /// The IPv4 address an IPv6 transition address carries, when it carries one where anyone can
    /// read it: IPv4-mapped (`::ffff:104.18.6.192`), NAT64's well-known and local-use prefixes
    /// (`64:ff9b::/96`, `64:ff9b:1::/48`, RFC 6052 and 8215; the last 32 bits) and 6to4
    /// (`2002::/16`, RFC 3056; bits 16–47). A DNS64 resolver answers api.openai.com with such an
    /// address on an IPv6-only network: the connection still goes to the address it carries.
    public var embeddedIPv4: IPAddress? {
        guard family == .v6 else { return nil }
        let last = Array(bytes[12..<16])
        let mapped = isIPv4Mapped
        let nat64 = bytes[0..<12] == [0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0][...]
        let nat64Local = bytes[0..<6] == [0, 0x64, 0xFF, 0x9B, 0, 1][...]
        if mapped || nat64 || nat64Local { return IPAddress(v4: last) }
        if bytes[0] == 0x20, bytes[1] == 0x02 { return IPAddress(v4: Array(bytes[2..<6])) }
        return nil
    }

    /// Whether this is an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`).
    public var isIPv4Mapped: Bool {
        family == .v6 && bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
    }

    /// Whether this is a Teredo address (`2001::/32`, RFC 4380): a tunnel through a relay, whose
    /// own address says nothing of where the name pointed.
    public var isTeredo: Bool {
        family == .v6 && bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0 && bytes[3] == 0
    }

    /// An IPv4 address from its four bytes.
    init?(v4 bytes: [UInt8]) {
        guard bytes.count == 4 else { return nil }
        self.init(bytes.map(String.init).joined(separator: "."))
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
            if isIPv4Mapped, let carried = embeddedIPv4 { return carried.isPrivateOrLocal }
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
